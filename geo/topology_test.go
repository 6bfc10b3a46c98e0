package geo_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/geo"
)

func TestDecodeTopology(t *testing.T) {
	tests := []struct {
		name, geom, want string
	}{
		{"bow tie", `{"type":"Polygon","coordinates":[[[0,0],[10,0],[2,8],[10,10],[0,0]]]}`,
			"geometry: invalid geometry: a ring crosses or touches itself (self-intersection) near [0, 0]"},
		{"hole outside its shell", `{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[20,20],[21,20],[21,21],[20,20]]]}`,
			"geometry: invalid geometry: a hole lies outside its outer ring near [20, 20]"},
		{"hole in a hole", `{"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[8,2],[8,8],[2,8],[2,2]],[[3,3],[4,3],[4,4],[3,3]]]}`,
			"geometry: invalid geometry: a hole lies inside another hole near [3, 3]"},
		{"overlapping parts", `{"type":"MultiPolygon","coordinates":[[[[0,0],[10,0],[10,10],[0,10],[0,0]]],[[[5,5],[15,5],[15,15],[5,15],[5,5]]]]}`,
			"geometry: invalid geometry: two parts of the multipolygon overlap or share an edge near [10, 7.5]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"D1"},"geometry":` + tc.geom + `}]}`
			_, err := geo.Decode("districts.geojson", []byte(doc), geo.Spec{})
			if err == nil {
				t.Fatal("decoded")
			}
			want := `districts.geojson: feature 0 (id "D1"): ` + tc.want
			if got := strings.TrimSpace(err.Error()); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}
