package report_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

// TestSplitAreaOutputs runs the tiny city with a polygon area S across the
// D1/D2 line (6/10 of it in D1): areas.csv and admissions.csv carry its
// pieces under its id with their piece numbers, and the areas layer gives
// each piece's piece and share.
func TestSplitAreaOutputs(t *testing.T) {
	dir := t.TempDir()
	city := filepath.Join(dir, "city")
	if err := os.CopyFS(city, os.DirFS("../testdata/tiny")); err != nil {
		t.Fatal(err)
	}
	areas := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "A1", "population": 1000, "district": "D1"}, "geometry": {"type": "Point", "coordinates": [106.502, 29.51]}},
{"type": "Feature", "properties": {"id": "S", "population": 1000}, "geometry": {"type": "Polygon", "coordinates": [[[106.514, 29.509], [106.524, 29.509], [106.524, 29.511], [106.514, 29.511], [106.514, 29.509]]]}}
]}`
	write := func(name, content string) {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(city, "areas.geojson"), areas)
	sc := filepath.Join(dir, "s.yaml")
	write(sc, "name: split\ncity: city\nyears: [2025, 2025]\n")
	rs := runScenarios(t, sc)

	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
		want  [][2]string // (area, piece) of the primary rows, in order
	}{
		{"areas.csv", func(b *bytes.Buffer) error { return report.WriteAreasCSV(b, rs...) }, [][2]string{{"A1", ""}, {"S", "1"}, {"S", "2"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			area, piece, stage, district := slices.Index(rows[0], "area"), slices.Index(rows[0], "piece"), slices.Index(rows[0], "stage"), slices.Index(rows[0], "district")
			var got [][2]string
			for _, r := range rows[1:] {
				if r[stage] == "primary" {
					got = append(got, [2]string{r[area], r[piece]})
					if r[area] == "S" && r[district] != map[string]string{"1": "D1", "2": "D2"}[r[piece]] {
						t.Errorf("piece %s of S in %s", r[piece], r[district])
					}
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("(area, piece) rows %v, want %v", got, tc.want)
			}
		})
	}
	var b bytes.Buffer
	if err := report.WriteAdmissionsCSV(&b, rs...); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if slices.Index(rows[0], "piece") != slices.Index(rows[0], "area")+1 {
		t.Errorf("admissions.csv header %v: want piece after area", rows[0])
	}
	out := t.TempDir()
	if err := report.WriteLayers(out, nil, rs...); err != nil {
		t.Fatal(err)
	}
	f := readFC(t, filepath.Join(out, "areas_primary.geojson"))
	var pieces []string
	for _, ft := range f.Features {
		if ft.Properties["id"] == "S" {
			pieces = append(pieces, strconv.FormatFloat(ft.Properties["piece"].(float64), 'g', -1, 64)+":"+strconv.FormatFloat(ft.Properties["share"].(float64), 'g', -1, 64))
		}
	}
	if want := []string{"1:0.6", "2:0.4"}; !slices.Equal(pieces, want) {
		t.Errorf("S's features: %v, want %v", pieces, want)
	}
}
