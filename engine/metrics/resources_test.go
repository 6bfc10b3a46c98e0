package metrics_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// tinyWith copies testdata/tiny and replaces text in its schools.geojson.
func tinyWith(t *testing.T, pairs ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/tiny")); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, engine.SchoolsFile)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(pairs); i += 2 {
		if !bytes.Contains(data, []byte(pairs[i])) {
			t.Fatalf("schools.geojson lacks %s", pairs[i])
		}
		data = bytes.Replace(data, []byte(pairs[i]), []byte(pairs[i+1]), 1)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestResourcesLoaded: floor_area, sports_area and teachers in
// schools.geojson reach School.Resources and the coefficients.
func TestResourcesLoaded(t *testing.T) {
	dir := tinyWith(t,
		`"name": "West Primary",`, `"name": "West Primary", "floor_area": 3000, "sports_area": 2000, "teachers": 20,`,
		`"name": "East Primary",`, `"name": "East Primary", "floor_area": 9000, "sports_area": 5000, "teachers": 40,`,
		`"name": "East Nine-Year",`, `"name": "East Nine-Year", "floor_area": 6000, "teachers": 30,`)
	c, err := engine.LoadCity(dir)
	if err != nil {
		t.Fatal(err)
	}
	p1 := c.Schools[c.SchoolIndex("P1")]
	if p1.Resources["floor_area"] != 3000 || p1.Resources["sports_area"] != 2000 || p1.Resources["teachers"] != 20 {
		t.Fatalf("P1 resources %v", p1.Resources)
	}
	if j1 := c.Schools[c.SchoolIndex("J1")]; j1.Resources != nil {
		t.Fatalf("J1 resources %v, want nil", j1.Resources)
	}
	r, err := sim.Run(context.Background(), c, &sim.Options{First: 2025, Last: 2026})
	if err != nil {
		t.Fatal(err)
	}
	ind := metrics.Compute(c, r, nil)
	y := ind.Stages[engine.Primary].Years[0]
	names := []string{}
	for _, cv := range y.City.CV {
		names = append(names, cv.Indicator)
	}
	want := []string{"seats_per_pupil", "floor_area_per_pupil", "sports_area_per_pupil", "teachers_per_100_pupils"}
	if len(names) != len(want) {
		t.Fatalf("coefficients %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("coefficients %v, want %v", names, want)
		}
	}
	// Sports area: the nine-year school gives none, so it is missing.
	if cv := y.City.CV[2]; cv.Missing != 1 || cv.Pass {
		t.Errorf("sports area %+v: want 1 missing and no pass", cv)
	}
	// Floor area per pupil, worked out from the run: the nine-year
	// school's area serves its pupils of both stages.
	pupils := map[int]int{}
	for _, st := range engine.Stages {
		for _, row := range r.Stages[st].Years[0].Schools {
			pupils[row.School] += row.Enrolled
		}
	}
	var x, n []float64
	for _, row := range r.Stages[engine.Primary].Years[0].Schools {
		sc := &r.Schools[row.School]
		x = append(x, sc.Resources["floor_area"]/float64(pupils[row.School]))
		n = append(n, float64(row.Enrolled))
	}
	cv, _ := metrics.WeightedCV(x, n)
	if got := y.City.CV[1].Value; !approx.Equal(got, cv, 1e-12) || y.City.CV[1].Schools != 3 {
		t.Errorf("floor area CV %v over %d schools, want %v over 3", got, y.City.CV[1].Schools, cv)
	}
}

func TestResourcesBad(t *testing.T) {
	dir := tinyWith(t, `"name": "West Primary",`, `"name": "West Primary", "floor_area": -5, "teachers": "many",`)
	_, err := engine.LoadCity(dir)
	var list geo.Errors
	if !errors.As(err, &list) || len(list) != 2 {
		t.Fatalf("want 2 problems (negative floor_area, teachers not a number), got %v", err)
	}
	for _, e := range list {
		var fe *geo.FeatureError
		if !errors.As(e, &fe) || fe.ID != "P1" || (fe.Field != "floor_area" && fe.Field != "teachers") {
			t.Errorf("problem %v: want one naming P1 and the field", e)
		}
	}
}
