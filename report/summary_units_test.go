package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// tinyUnits runs the tiny baseline and puts, in the run's copy of the
// schools, every primary school (P1, P2, N1) in the group G and P1 alone
// in the sharing zone Z.
func tinyUnits(tb testing.TB) []*scenarios.Result {
	tb.Helper()
	rs := runScenarios(tb, tinyBaseline)
	c := rs[0].City
	for _, id := range []string{"P1", "P2", "N1"} {
		rs[0].Schools[c.SchoolIndex(id)].Group = "G"
	}
	rs[0].Schools[c.SchoolIndex("P1")].SharingZone = "Z"
	return rs
}

// summary_units.csv on tinyUnits: every area of the tiny city has a
// primary base school, so G (every primary school) has the city's figures
// (the "total" row of summary.csv), and Z (P1, the only primary school of
// district D1, whose catchment is D1's areas) has D1's, column by column.
func TestUnitSummaryCSV(t *testing.T) {
	rs := tinyUnits(t)
	var sum, units bytes.Buffer
	if err := report.WriteSummaryCSV(&sum, rs...); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteUnitSummaryCSV(&units, rs...); err != nil {
		t.Fatal(err)
	}
	district := map[string][]string{} // year, district → row
	for _, r := range readCSV(t, sum.Bytes())[1:] {
		if r[1] == "primary" {
			district[r[2]+","+r[4]] = r
		}
	}
	rows := readCSV(t, units.Bytes())
	if strings.Join(rows[0], ",") != strings.Join(report.SummaryUnitsHeader, ",") {
		t.Fatalf("header %v", rows[0])
	}
	tests := []struct {
		name, unit, id, like string
	}{
		{"the group of every primary school is the city", "group", "G", "total"},
		{"the zone of P1 is district D1", "zone", "Z", "D1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seen := 0
			for _, r := range rows[1:] {
				if r[1] != "primary" || r[3] != tc.unit || r[4] != tc.id {
					continue
				}
				seen++
				want := district[r[2]+","+tc.like]
				for i := 5; i < len(r); i++ {
					if r[i] != want[i] {
						t.Errorf("%s: %s = %q, want %q (%s's)", r[2], rows[0][i], r[i], want[i], tc.like)
					}
				}
			}
			if seen != 6 { // 2025–2030
				t.Errorf("%d rows, want 6", seen)
			}
		})
	}
}

// summary.json carries groups and zones only when schools belong to
// some: without, its bytes are those of a city without units.
func TestUnitSummaryJSON(t *testing.T) {
	tests := []struct {
		name   string
		rs     []*scenarios.Result
		groups []string // of primary 2025
		zones  []string
	}{
		{"no units", runScenarios(t, tinyBaseline), nil, nil},
		{"a group and a zone", tinyUnits(t), []string{"G"}, []string{"Z"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteSummaryJSON(&buf, tc.rs...); err != nil {
				t.Fatal(err)
			}
			if tc.groups == nil && (strings.Contains(buf.String(), `"groups"`) || strings.Contains(buf.String(), `"zones"`)) {
				t.Errorf("groups or zones without units")
			}
			var got []report.Summary
			if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			y := got[0].Stages[0].Years[0]
			if ids := unitIDs(y.Groups); strings.Join(ids, ",") != strings.Join(tc.groups, ",") {
				t.Errorf("groups %v, want %v", ids, tc.groups)
			}
			if ids := unitIDs(y.Zones); strings.Join(ids, ",") != strings.Join(tc.zones, ",") {
				t.Errorf("zones %v, want %v", ids, tc.zones)
			}
			g, _ := json.Marshal(y.Groups)
			c, _ := json.Marshal([]report.TotalsJSON{y.City})
			if tc.groups != nil && string(g) != strings.Replace(string(c), "{", `{"id":"G",`, 1) {
				t.Errorf("group G %s, want the city's %s", g, c)
			}
		})
	}
}

func unitIDs(us []report.UnitJSON) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.ID)
	}
	return out
}

// The printed table gains a block by group and zone under each stage's
// district table, in Chinese 集团 / 大学区, only when schools belong to
// some.
func TestUnitTable(t *testing.T) {
	tests := []struct {
		name  string
		rs    []*scenarios.Result
		lang  report.Lang
		want  []string
		wantN int // lines of the units block's rows
	}{
		{"no units", runScenarios(t, tinyBaseline), report.English, nil, 0},
		// G holds the nine-year N1 too, so it has junior rows: N1's.
		{"english", tinyUnits(t), report.English, []string{"by group (集团) and sharing zone (大学区)",
			"2025 group G 90 180 80 10 44.4% 64.9%", "2025 zone Z 55 45 45 10 100.0% 100.0%", "2025 group G 35 50 35 0 70.0% 86.7%"}, 18},
		{"chinese", tinyUnits(t), report.Chinese, []string{"各集团、大学区", "2025 集团 G 90", "2025 大学区 Z 55"}, 18},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteTableLang(&buf, tc.lang, tc.rs...); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			var words strings.Builder // each line's cells, single-spaced
			for _, line := range strings.Split(out, "\n") {
				words.WriteString(strings.Join(strings.Fields(line), " ") + "\n")
			}
			for _, w := range tc.want {
				if !strings.Contains(words.String(), w) {
					t.Errorf("no %q in\n%s", w, out)
				}
			}
			n := 0
			for _, line := range strings.Split(out, "\n") {
				f := strings.Fields(line)
				if len(f) > 2 && (f[2] == "G" || f[2] == "Z") {
					n++
				}
			}
			if n != tc.wantN {
				t.Errorf("%d unit rows, want %d:\n%s", n, tc.wantN, out)
			}
		})
	}
}

// The workbook's summary_units and indicators_units sheets, read back
// with GDAL, hold the rows of summary_units.csv and indicators_units.csv;
// a workbook of a city without units has neither sheet.
func TestWorkbookUnitsWithGDAL(t *testing.T) {
	needTool(t, "ogr2ogr")
	rs := tinyUnits(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "units.xlsx")
	if err := os.WriteFile(file, writeWorkbook(t, nil, rs...), 0o644); err != nil {
		t.Fatal(err)
	}
	var sum, ind bytes.Buffer
	if err := report.WriteUnitSummaryCSV(&sum, rs...); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteUnitIndicatorsCSV(&ind, rs...); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		sheet string
		want  [][]string
	}{
		{report.SheetSummaryUnits, parseCSV(t, sum.Bytes())},
		{report.SheetIndicatorsUnits, parseCSV(t, ind.Bytes())},
	} {
		t.Run(tc.sheet, func(t *testing.T) {
			got := sheetCSV(t, file, tc.sheet)
			if len(got) != len(tc.want) || len(got) < 2 {
				t.Fatalf("%d rows, want %d", len(got), len(tc.want))
			}
			for i := range tc.want {
				for j := range tc.want[i] {
					if j >= len(got[i]) || !sameCell(tc.want[i][j], got[i][j]) {
						t.Errorf("row %d, %s: got %v, want %q", i, tc.want[0][j], got[i], tc.want[i][j])
						break
					}
				}
			}
			if typ := sheetTypes(t, file, tc.sheet)["unit_id"]; typ != "String" {
				t.Errorf("unit_id: type %q, want String", typ)
			}
		})
	}
	plain := filepath.Join(dir, "plain.xlsx")
	if err := os.WriteFile(plain, writeWorkbook(t, nil, runScenarios(t, tinyBaseline)...), 0o644); err != nil {
		t.Fatal(err)
	}
	if sheets := sheetNames(t, plain); strings.Contains(sheets, "_units") {
		t.Errorf("sheets without units: %s", sheets)
	}
}

// The HTML report has a section per kind of unit some school belongs to,
// and the units' totals by year in its data; none for a city without.
func TestHTMLUnitSections(t *testing.T) {
	tests := []struct {
		name string
		rs   []*scenarios.Result
		want map[string]bool // text: present
	}{
		{"no units", runScenarios(t, tinyBaseline), map[string]bool{`id="units-group"`: false, `id="units-zone"`: false, `"units":`: false}},
		{"a group and a zone", tinyUnits(t), map[string]bool{
			`<section id="units-group" class="units">`: true, `<h2>Groups (集团化办学)</h2>`: true,
			`<section id="units-zone" class="units">`: true, `<h2>Sharing zones (大学区)</h2>`: true,
			`{"kind":"group","id":"G","ent":90,"adm":80,"un":10,"seats":180,`: true,
			`{"kind":"zone","id":"Z","ent":55,"adm":45,"un":10,"seats":45,`:   true,
			`"groups":[{"id":"G","schools":3,`:                                true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteHTML(&buf, &report.HTMLOptions{Lang: report.English}, tc.rs...); err != nil {
				t.Fatal(err)
			}
			for text, present := range tc.want {
				if got := bytes.Contains(buf.Bytes(), []byte(text)); got != present {
					t.Errorf("%s: present %v, want %v", text, got, present)
				}
			}
		})
	}
}
