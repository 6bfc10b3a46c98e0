package engine_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// city.yaml is decoded strictly: every problem with its line.
func TestCityYAMLProblems(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"good", "name: tiny\ncrs: wgs84\nattribution: test data\n", nil},
		{"empty", "", nil},
		{"problems", "name: [a]\ncrs: wgs84\nCRS: gcj02\nattributon: x\nname: b\n", []string{
			"city/city.yaml:1: name: want text, found a list",
			"city/city.yaml:3: CRS: given again as crs on line 2 (keys differ only in case): give it once, in lower case",
			"city/city.yaml:4: attributon: unknown key: did you mean attribution?",
			"city/city.yaml:5: name: given twice (first on line 1)",
		}},
		{"syntax", "name: tiny\ncrs: \"wgs84\n", []string{"city/city.yaml:2: not valid YAML: the file ends inside quotes or brackets"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engine.LoadCityFS(tinyFS(t, map[string]string{"city.yaml": tc.yaml}), "city", "city")
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var list geo.Errors
			if !errors.As(err, &list) || len(list) != len(tc.want) {
				t.Fatalf("err %v, want %d problems", err, len(tc.want))
			}
			for i, e := range list {
				if e.Error() != tc.want[i] {
					t.Errorf("got  %s\nwant %s", e, tc.want[i])
				}
			}
		})
	}
}

// FuzzCityYAML loads the tiny city with any city.yaml: it loads, or every
// problem names city.yaml; never a panic.
func FuzzCityYAML(f *testing.F) {
	for _, s := range []string{"name: tiny\ncrs: wgs84\n", "crs: gcj02\nattribution: \"© OSM\"\n", "name: 1\n", "crs: [a]\n", "",
		"standards:\n  enforce: warn\n  primary:\n    - {classes: 12, site_area: 20, floor_area: 7}\n"} {
		f.Add(s)
	}
	fsys := tinyFS(f, nil)
	f.Fuzz(func(t *testing.T, yaml string) {
		fsys["city/city.yaml"].Data = []byte(yaml)
		c, err := engine.LoadCityFS(fsys, "city", "city")
		if err == nil {
			if c.Name == "" {
				t.Fatal("no name")
			}
			return
		}
		var list geo.Errors
		if !errors.As(err, &list) {
			list = geo.Errors{err}
		}
		for _, e := range list {
			if !strings.HasPrefix(e.Error(), "city/city.yaml") {
				t.Fatalf("problem %q does not name city.yaml", e)
			}
		}
	})
}
