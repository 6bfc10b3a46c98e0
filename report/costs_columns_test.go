package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// budgetRun is tiny-programme with phase budgets (近期 8000, 中期 2000) and
// a temporary junior class at J1 in 2027 and 2028 (given cost 180,
// decided 2027, 中期): 1 stream × 2 entry years × 3 grades = 6
// classroom-years, 2 × 40 = 80 temporary entry seats.
func budgetRun(t *testing.T) *scenarios.Result {
	t.Helper()
	s := exampleScenario(costsScenario)
	b1, b2 := 8000.0, 2000.0
	s.Phases[0].Budget, s.Phases[1].Budget = &b1, &b2
	s.Changes = append(s.Changes, engine.Temporary{School: "J1", Streams: 1, From: 2027, To: 2028,
		Programme: engine.Programme{Cost: 180, CostGiven: true}})
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// The optional costs columns appear with temporary classrooms and budgets,
// and only then: 近期 spends 8600 against 8000 (600 over); 中期 1200 +
// 180 against 2000.
func TestCostsOptionalColumns(t *testing.T) {
	plain, costed := exampleRun(costsScenario), budgetRun(t)
	tests := []struct {
		name    string
		write   func(*bytes.Buffer) error
		want    []string
		notWant []string
	}{
		{"csv without", func(b *bytes.Buffer) error { return report.WriteCostsCSV(b, plain) }, nil,
			[]string{"temporary_classroom_years", "budget"}},
		{"csv with", func(b *bytes.Buffer) error { return report.WriteCostsCSV(b, costed) }, []string{
			",new_seats_used_share,temporary_classroom_years,temporary_entry_seats,budget,over_budget\n",
			"tiny-programme,近期,2021,2025,1,0,8600.00,45,270,191.11,31.85,270,1.0000,0,0,8000.00,600.00\n",
			"tiny-programme,中期,2026,2030,3,0,1380.00,40,120,34.50,11.50,",
			",6,80,2000.00,0.00\n",
			"tiny-programme,total,,,4,0,9980.00,85,390,117.41,25.59,",
			",6,80,,\n"}, nil},
		{"table with", func(b *bytes.Buffer) error { return report.WriteCostsTable(b, report.English, costed) },
			[]string{"temporary classroom-years  temporary entry seats  budget  over budget by", "6                     80    2000               –",
				"8000             600"}, nil},
		{"json with", func(b *bytes.Buffer) error { return report.WriteCostsJSON(b, costed) }, []string{
			`"temporary_classroom_years": 6,`, `"temporary_entry_seats": 80`, `"budget": 8000,`, `"over_budget": 600`}, nil},
		{"json without", func(b *bytes.Buffer) error { return report.WriteCostsJSON(b, plain) }, nil,
			[]string{"temporary_", "budget"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("missing %q in:\n%s", w, b.String())
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(b.String(), w) {
					t.Errorf("%q in:\n%s", w, b.String())
				}
			}
		})
	}
}

// The HTML costs section with the optional columns: 近期's overspend is
// marked; the temporary change reads – under the permanent seats it does
// not add, and gives its 6 classroom-years and 80 entry seats.
func TestHTMLCostsOptionalColumns(t *testing.T) {
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, &report.HTMLOptions{Lang: report.English}, budgetRun(t)); err != nil {
		t.Fatal(err)
	}
	got := costRows(buf.Bytes())
	for _, w := range []string{
		"phase|years|changes|unpriced|cost|entry seats added|seats added|cost per entry seat|cost per seat|new seats used|temporary classroom-years|temporary entry seats|budget|over budget by",
		"近期|2021–2025|1|0|8,600|45|270|191.11|31.85|270 (100.0%)|0|0|8,000|!600",
		"4|temporary classrooms|West Junior (J1)|2027|2027|0|中期|180|given|–|–|–|6|80",
		"1|new school|New West Primary (P3)|2025|2027|2|近期|8,600|cost table|45|270|270|–|–",
	} {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("missing row %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
}
