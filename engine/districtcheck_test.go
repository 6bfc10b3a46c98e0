package engine_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
)

func TestDistrictOverlapsAndGaps(t *testing.T) {
	poly := func(x0, x1 string) string {
		return `{"type":"Polygon","coordinates":[[[` + x0 + `,29.50],[` + x1 + `,29.50],[` + x1 + `,29.52],[` + x0 + `,29.52],[` + x0 + `,29.50]]]}`
	}
	// The tiny city's districts are 0.02° wide (about 1.94 km × 2.21 km).
	tests := []struct {
		name    string
		d2      string // district D2's polygon; D1 spans 106.50–106.52
		warning bool
		want    string
	}{
		{"D2 overlaps a fifth of D1", poly("106.516", "106.54"), false,
			`feature 1 (id "D2"): geometry: overlaps district "D1" (West) by 86.0 ha (20.0% of the smaller), near [106.51800, 29.51000]: a child living there would be in both`},
		{"a sliver overlap", poly("106.51998", "106.54"), true,
			`geometry: overlaps: 1 places where two districts overlap by less than 1% of the smaller, 4299 m² in all, the largest 4299 m² between "D1" (West) and "D2" (East) near [106.51999, 29.51000]`},
		// 0.003° × 0.005° is about 290.9 m × 554.2 m.
		{"a hole no district covers", `{"type":"Polygon","coordinates":[[[106.52,29.50],[106.54,29.50],[106.54,29.52],[106.52,29.52],[106.52,29.50]],
			[[106.536,29.513],[106.539,29.513],[106.539,29.518],[106.536,29.518],[106.536,29.513]]]}`, true,
			`districts.geojson: geometry: gap between districts: 16.1 ha near [106.53750, 29.51550] belongs to no district`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			districts := collection(feature(`"id":"D1","name":"West"`, poly("106.50", "106.52")), feature(`"id":"D2","name":"East"`, tc.d2))
			list := loadProblems(t, map[string]string{"districts.geojson": districts}, tc.warning)
			if len(list) != 1 || !strings.Contains(engine.Plain(list[0]), tc.want) {
				t.Errorf("got %v\nwant %s", list, tc.want)
			}
		})
	}
}
