package report_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

const (
	tinyBaseline = "../testdata/scenarios/tiny-baseline.yaml"
	tinyChanges  = "../testdata/scenarios/tiny-changes.yaml"
)

// runScenarios loads (with LoadAll) and runs scenario files.
func runScenarios(tb testing.TB, names ...string) []*scenarios.Result {
	tb.Helper()
	scs, err := scenarios.LoadAll(names...)
	if err != nil {
		tb.Fatal(err)
	}
	var out []*scenarios.Result
	for _, s := range scs {
		r, err := scenarios.Run(context.Background(), s, nil)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func compareTiny(tb testing.TB) ([]*scenarios.Result, *scenarios.Comparison) {
	tb.Helper()
	rs := runScenarios(tb, tinyBaseline, tinyChanges)
	cmp, err := scenarios.Compare(rs, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return rs, cmp
}

func readCSV(tb testing.TB, data []byte) [][]string {
	tb.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

func column(header []string, name string) int {
	for i, h := range header {
		if h == name {
			return i
		}
	}
	return -1
}

func TestWriteCompareCSV(t *testing.T) {
	rs, cmp := compareTiny(t)
	var buf bytes.Buffer
	if err := report.WriteCompareCSV(&buf, cmp); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	if strings.Join(rows[0], ",") != strings.Join(report.CompareHeader, ",") {
		t.Fatalf("header %v", rows[0])
	}
	// 2 stages × 6 years × (2 districts + total) × 2 scenarios.
	if n := len(rows) - 1; n != 2*6*3*2 {
		t.Fatalf("%d rows, want 72", n)
	}
	sc, du, un := column(rows[0], "scenario"), column(rows[0], "d_unplaced"), column(rows[0], "unplaced")
	for _, r := range rows[1:] {
		if (r[sc] == "tiny-baseline") != (r[du] == "") {
			t.Fatalf("row %v: the first scenario has no difference, the others have one", r)
		}
	}
	// The city rows agree with the runs' totals, and the difference is
	// the second minus the first.
	var base, other []string
	for _, r := range rows[1:] {
		if r[1] == "junior" && r[2] == "2025" && r[4] == report.TotalDistrict {
			if r[sc] == "tiny-baseline" {
				base = r
			} else {
				other = r
			}
		}
	}
	want := rs[0].Stages[1].Years[0].City.Unplaced
	if base == nil || other == nil || base[un] != itoa(want) {
		t.Fatalf("junior 2025 totals %v / %v, want unplaced %d", base, other, want)
	}
	if d := atoi(other[un]) - atoi(base[un]); other[du] != itoa(d) {
		t.Errorf("d_unplaced %s, want %d", other[du], d)
	}
}

func TestWriteCompareJSON(t *testing.T) {
	rs, cmp := compareTiny(t)
	var buf bytes.Buffer
	if err := report.WriteCompareJSON(&buf, cmp, rs); err != nil {
		t.Fatal(err)
	}
	var got report.ComparisonJSON
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Scenarios) != 2 || len(got.Stages) != 2 || len(got.Stages[0].Years) != 6 || len(got.Districts) != 2 {
		t.Fatalf("shape: %d scenarios, %d stages, %d districts", len(got.Scenarios), len(got.Stages), len(got.Districts))
	}
	y := got.Stages[1].Years[0]
	if y.City[0] == nil || y.City[0].Delta != nil || y.City[1] == nil || y.City[1].Delta == nil {
		t.Fatalf("city figures %+v", y.City)
	}
	if y.City[1].Delta.Unplaced != y.City[1].Unplaced-y.City[0].Unplaced {
		t.Errorf("delta %+v", y.City[1].Delta)
	}
	if len(got.Indicators) != 2 || got.Indicators[0].Stages[0].CVLimit != 0.5 || got.Indicators[0].Stages[1].CVLimit != 0.45 {
		t.Fatalf("indicators %+v", got.Indicators)
	}
	ind := got.Indicators[1].Stages[0].Years[0]
	if len(ind.Districts) != 2 || ind.Districts[0].ID != "D1" || len(ind.City.CV) == 0 || ind.City.CV[0].Indicator != "seats_per_pupil" {
		t.Errorf("indicator year %+v", ind)
	}
	if err := report.WriteCompareJSON(&buf, cmp, rs[:1]); err == nil {
		t.Error("WriteCompareJSON with fewer results than scenarios: no error")
	}
}

func TestWriteCompareTable(t *testing.T) {
	_, cmp := compareTiny(t)
	var buf bytes.Buffer
	if err := report.WriteCompareTable(&buf, cmp); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"primary — unplaced children by year and scenario (Δ: difference to tiny-baseline)",
		"Δ tiny-changes", "junior — by district and scenario", "mean dist. m",
		"junior — indicators", "CV seats per pupil", "West", "total",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q", want)
		}
	}
}

func TestWriteIndicatorsCSV(t *testing.T) {
	rs := runScenarios(t, tinyBaseline)
	var buf bytes.Buffer
	if err := report.WriteIndicatorsCSV(&buf, rs...); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	if strings.Join(rows[0], ",") != strings.Join(report.IndicatorsHeader, ",") {
		t.Fatalf("header %v", rows[0])
	}
	if n := len(rows) - 1; n != 2*6*3 {
		t.Fatalf("%d rows, want 36", n)
	}
	cv, pass, floor := column(rows[0], "cv_seats_per_pupil"), column(rows[0], "cv_seats_per_pupil_pass"), column(rows[0], "cv_floor_area_per_pupil")
	for _, r := range rows[1:] {
		if r[cv] == "" || (r[pass] != "true" && r[pass] != "false") {
			t.Fatalf("row %v: no seats-per-pupil coefficient", r)
		}
		if r[floor] != "" {
			t.Fatalf("row %v: a floor-area coefficient without floor areas", r)
		}
	}
	buf.Reset()
	if err := report.WriteIndicatorsJSON(&buf, rs...); err != nil || !json.Valid(buf.Bytes()) {
		t.Fatalf("indicators JSON: %v", err)
	}
}

// TestIndicatorsFloorArea gives West Primary (P1: 1 stream × 6 grades, 270
// pupils in 2025) 2700 m² of floor area: 10 m² a pupil, which meets
// 建标102's 6.6 m² for the smallest primary school it tabulates; no other
// school gives floor area, and none gives site area.
func TestIndicatorsFloorArea(t *testing.T) {
	rs := runScenarios(t, tinyBaseline)
	c := rs[0].City
	rs[0].Schools[c.SchoolIndex("P1")].Resources = map[string]float64{"floor_area": 2700} // the run's copy of the schools
	var buf bytes.Buffer
	if err := report.WriteIndicatorsCSV(&buf, rs...); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	h := rows[0]
	for _, r := range rows[1:] {
		if r[column(h, "stage")] != "primary" || r[column(h, "year")] != "2025" || r[column(h, "district")] != report.TotalDistrict {
			continue
		}
		want := map[string]string{
			"floor_area_per_pupil": "10.00", "floor_area_schools_checked": "1", "floor_area_schools_meeting": "1",
			"floor_area_share_meeting": "1.0000", "site_area_per_pupil": "", "site_area_share_meeting": "",
		}
		for k, v := range want {
			if got := r[column(h, k)]; got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
		return
	}
	t.Fatal("no primary 2025 city row")
}
