package report_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

// indicators_units.csv on the tiny city with the primary schools P1, P2
// and N1 (nine-year) in the group G and P1 alone in the zone Z: G holds
// every school teaching primary, so its school figures are the city's
// (the "total" row of indicators.csv), and Z's are those of district D1,
// where P1 is the only primary school. Entrants differ by definition (a
// unit's are those its schools admitted), so those three columns are left
// out of the match.
func TestUnitIndicatorsCSV(t *testing.T) {
	rs := runScenarios(t, tinyBaseline)
	if report.AnyUnits(rs...) {
		t.Fatal("the tiny city has units")
	}
	c := rs[0].City
	for _, id := range []string{"P1", "P2", "N1"} {
		rs[0].Schools[c.SchoolIndex(id)].Group = "G" // the run's copy of the schools
	}
	rs[0].Schools[c.SchoolIndex("P1")].SharingZone = "Z"
	if !report.AnyUnits(rs...) {
		t.Fatal("AnyUnits false with a group")
	}
	var ind, units bytes.Buffer
	if err := report.WriteIndicatorsCSV(&ind, rs...); err != nil {
		t.Fatal(err)
	}
	if err := report.WriteUnitIndicatorsCSV(&units, rs...); err != nil {
		t.Fatal(err)
	}
	districtRows := map[string][]string{} // year, district → row
	for _, r := range readCSV(t, ind.Bytes())[1:] {
		if r[1] == "primary" {
			districtRows[r[2]+","+r[4]] = r
		}
	}
	rows := readCSV(t, units.Bytes())
	if strings.Join(rows[0], ",") != strings.Join(report.UnitIndicatorsHeader, ",") {
		t.Fatalf("header %v", rows[0])
	}
	skip := []int{column(rows[0], "entrants"), column(rows[0], "within_radius"), column(rows[0], "radius_share")}
	match := map[string]string{"group,G": "total", "zone,Z": "D1"}
	seen := 0
	for _, r := range rows[1:] {
		if r[1] != "primary" {
			continue
		}
		seen++
		want := districtRows[r[2]+","+match[r[3]+","+r[4]]]
		if want == nil {
			t.Fatalf("row %v: no unit G or Z", r)
		}
		for i := 5; i < len(r); i++ {
			if !slices.Contains(skip, i) && r[i] != want[i] {
				t.Errorf("%s %s %s: %s = %q, want %q", r[2], r[3], r[4], rows[0][i], r[i], want[i])
			}
		}
	}
	if seen != 2*6 { // two units, 2025–2030
		t.Errorf("%d primary unit rows, want 12", seen)
	}
}
