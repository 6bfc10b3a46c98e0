package engine_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// Counts beyond the plausibility limits are errors naming the feature and
// the field, not numbers that wrap later.
func TestLoaderLimits(t *testing.T) {
	read := func(name string) string {
		data, err := os.ReadFile(tiny + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	schools, areas := read("schools.geojson"), read("areas.geojson")
	tests := []struct {
		name, file, old, new, want string
	}{
		{"streams", "schools.geojson", `"stage": "primary", "streams": 1}`, `"stage": "primary", "streams": 1000000000}`,
			"streams: 1000000000: want an integer from 1 to 1000"},
		{"class size", "schools.geojson", `"class_size": 40`, `"class_size": 101`,
			"class_size: 101: want an integer from 1 to 100"},
		{"shared seats", "schools.geojson", `"class_size": 40`, `"class_size": 40, "shared_seats": 1099511627776`,
			"shared_seats: 1099511627776: want an integer from 0 to 100000"},
		{"enrolled", "schools.geojson", `"enrolled": [40,`, `"enrolled": [100001,`,
			"enrolled: grade 1: 100001: want a whole number of pupils from 0 to 100000"},
		{"population", "areas.geojson", `"population": 1000,`, `"population": 1e12,`,
			"population: 1e+12: want at most 10000000 (more is not plausible)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := map[string]string{"schools.geojson": schools, "areas.geojson": areas}[tc.file]
			if !strings.Contains(text, tc.old) {
				t.Fatalf("%s has no %s", tc.file, tc.old)
			}
			edited := strings.Replace(text, tc.old, tc.new, 1)
			_, err := engine.LoadCityFS(tinyFS(t, map[string]string{tc.file: edited}), "city", "city")
			var list geo.Errors
			if !errors.As(err, &list) || len(list) != 1 {
				t.Fatalf("err %v, want one problem", err)
			}
			if !strings.HasSuffix(list[0].Error(), tc.want) || !strings.Contains(list[0].Error(), tc.file) {
				t.Errorf("got %q, want it to name %s and end %q", list[0], tc.file, tc.want)
			}
		})
	}
}
