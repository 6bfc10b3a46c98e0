package network

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

func identity(p orb.Point) orb.Point { return p }

func TestFromLayerBadInput(t *testing.T) {
	feat := func(i int, g orb.Geometry, props map[string]any) geo.Feature {
		return geo.Feature{File: "roads.geojson", Index: i, ID: "r" + string(rune('0'+i)), Geometry: g, Props: props}
	}
	line := orb.LineString{{0, 0}, {10, 0}}
	tests := []struct {
		name    string
		f       geo.Feature
		wantErr string // "" for none
	}{
		{"good", feat(0, line, map[string]any{"oneway": "yes", "speed_kmh": 5.0, "layer": 1.0}), ""},
		{"one position", feat(1, orb.LineString{{0, 0}}, nil), `roads.geojson: feature 1 (id "r1"): geometry: unusable road: line 0 has 1 positions, want 2 or more`},
		{"NaN coordinate", feat(2, orb.LineString{{0, 0}, {math.NaN(), 1}}, nil), `roads.geojson: feature 2 (id "r2"): geometry: unusable road: line 0, position 1: [NaN 1] is not a usable coordinate`},
		{"oneway not yes or no", feat(3, line, map[string]any{"oneway": "maybe"}), `roads.geojson: feature 3 (id "r3"): oneway: bad road property: want yes or no (true/false), got maybe`},
		{"negative speed", feat(4, line, map[string]any{"speed_kmh": -3.0}), `roads.geojson: feature 4 (id "r4"): speed_kmh: bad road property: want a positive speed in km/h, got -3`},
		{"layer out of range", feat(5, line, map[string]any{"layer": 9.0}), `roads.geojson: feature 5 (id "r5"): layer: bad road property: want a level from -5 to 5, got 9`},
		{"not a line", feat(6, orb.Point{1, 2}, nil), `roads.geojson: feature 6 (id "r6"): geometry: unusable road: want a LineString or MultiLineString, got Point`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := FromLayer(&geo.Layer{Features: []geo.Feature{tc.f}}, "roads.geojson", identity)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.wantErr {
				t.Errorf("error %q\nwant  %q", got, tc.wantErr)
			}
			if wantRoads := map[bool]int{true: 1, false: 0}[tc.wantErr == ""]; len(rs.Roads) != wantRoads {
				t.Errorf("%d roads, want %d", len(rs.Roads), wantRoads)
			}
		})
	}
}

func TestBuildWarnings(t *testing.T) {
	tests := []struct {
		name     string
		roads    []Road
		wantWarn []error
		wantErr  error
	}{
		{"self-loop: a repeated position", []Road{{File: "roads.geojson", Index: 0, ID: "a", Line: orb.LineString{{0, 0}, {0, 0}, {5, 0}}}}, []error{ErrSelfLoop}, nil},
		{"zero-length way beside a good one", []Road{
			{File: "roads.geojson", Index: 0, ID: "z", Line: orb.LineString{{3, 3}, {3, 3}}},
			{File: "roads.geojson", Index: 1, ID: "g", Line: orb.LineString{{0, 0}, {5, 0}}}}, []error{ErrZeroLength}, nil},
		{"only zero-length ways", []Road{{Line: orb.LineString{{3, 3}, {3, 3}}}}, []error{ErrZeroLength}, ErrNoRoads},
		{"no roads", nil, nil, ErrNoRoads},
		{"NaN position beside a good way", []Road{
			{File: "roads.geojson", Index: 0, ID: "n", Line: orb.LineString{{0, 0}, {math.NaN(), 3}}},
			{File: "roads.geojson", Index: 1, ID: "g", Line: orb.LineString{{0, 0}, {5, 0}}}}, []error{ErrRoad}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, warns, err := Build(&Roads{Roads: tc.roads})
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Errorf("error %v, want %v", err, tc.wantErr)
			}
			if len(warns) != len(tc.wantWarn) {
				t.Fatalf("warnings %v, want %v", warns, tc.wantWarn)
			}
			for i, w := range warns {
				var fe *geo.FeatureError
				if !errors.Is(w, tc.wantWarn[i]) || !errors.As(w, &fe) || fe.Field != "geometry" {
					t.Errorf("warning %v, want %v on geometry", w, tc.wantWarn[i])
				}
			}
		})
	}
}

func TestDisconnected(t *testing.T) {
	g, _, err := Build(&Roads{Roads: []Road{
		{Line: orb.LineString{{0, 0}, {100, 0}}},
		{Line: orb.LineString{{0, 500}, {100, 500}}}, // an island with no school
	}})
	if err != nil {
		t.Fatal(err)
	}
	src, _ := g.Snap([]orb.Point{{10, 5}, {10, 495}}, nil, nil)
	dst, _ := g.Snap([]orb.Point{{90, -5}}, nil, nil)
	tab, err := g.Distances(context.Background(), src, dst, Query{K: 1})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != 2 || len(tab.Of(0)) != 1 || tab.Of(0)[0].Dist != 900 {
		t.Errorf("source 0: %v, want one hit at 900 dm", tab.Of(0))
	}
	if u := tab.Unreached(); len(u) != 1 || u[0] != 1 {
		t.Errorf("Unreached %v, want [1]", u)
	}
	if _, err := g.Distances(context.Background(), src, dst, Query{}); !errors.Is(err, ErrQuery) {
		t.Errorf("empty query: %v, want ErrQuery", err)
	}
}

func TestBrokenPBF(t *testing.T) {
	data, err := os.ReadFile(monacoPBF)
	if err != nil {
		t.Fatal(err)
	}
	corrupt := bytes.Clone(data)
	for i := 2000; i < 2400; i++ {
		corrupt[i] ^= 0x5a
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"cut short", data[:len(data)/2]},
		{"damaged block", corrupt},
		{"not a PBF file", []byte("<osm version='0.6'></osm>")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadOSM(bytes.NewReader(tc.data), "roads.osm.pbf", monacoProj.Forward)
			if !errors.Is(err, ErrPBF) {
				t.Fatalf("error %v, want ErrPBF", err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "roads.osm.pbf: broken OpenStreetMap file") {
				t.Errorf("message %q does not name the file first", msg)
			}
		})
	}
}

func TestSnapNaN(t *testing.T) {
	g, _, err := Build(&Roads{Roads: []Road{{Line: orb.LineString{{0, 0}, {100, 0}}}}})
	if err != nil {
		t.Fatal(err)
	}
	pts := []orb.Point{{10, 5}, {math.NaN(), 5}}
	snaps, warns := g.Snap(pts, []string{"A-1", "A-2"}, &SnapOptions{File: "areas.geojson"})
	want := `areas.geojson: feature 1 (id "A-2"): geometry: far from any walkable road: the position [NaN 5] is not a usable coordinate; the point reaches nothing`
	if len(warns) != 1 || warns[0].Error() != want {
		t.Fatalf("warnings %v\nwant %s", warns, want)
	}
	for _, perSource := range []bool{false, true} {
		tab, err := g.Distances(context.Background(), snaps, snaps, Query{K: 2, MaxDist: 500, PerSource: perSource})
		if err != nil {
			t.Fatal(err)
		}
		if len(tab.Of(0)) != 1 || len(tab.Of(1)) != 0 {
			t.Errorf("perSource %v: hits %v and %v, want one and none", perSource, tab.Of(0), tab.Of(1))
		}
	}
}
