package network

import (
	"context"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/osm"
)

// TestNoding walks from the west end of road A, (0, 0), to the north end
// of road B, (100, 100): 200 m when the roads are joined, unreached when
// not.
func TestNoding(t *testing.T) {
	a := orb.LineString{{0, 0}, {200, 0}}
	cross := orb.LineString{{100, -100}, {100, 100}}
	tee := orb.LineString{{100, 0}, {100, 100}}
	tests := []struct {
		name   string
		a, b   Road
		joined bool
	}{
		{"crossing streets", Road{Line: a}, Road{Line: cross}, true},
		{"a bridge over a street", Road{Line: a, Bridge: true}, Road{Line: cross}, false},
		{"a street over a tunnel", Road{Line: a}, Road{Line: cross, Tunnel: true}, false},
		{"different layers", Road{Line: a, Level: 1}, Road{Line: cross}, false},
		{"both on layer 1", Road{Line: a, Level: 1}, Road{Line: cross, Level: 1}, true},
		{"T junction", Road{Line: a}, Road{Line: tee}, true},
		{"a street ending under a bridge", Road{Line: a, Bridge: true}, Road{Line: tee}, false},
		{"a bridge landing on a street", Road{Line: a}, Road{Line: tee, Bridge: true, Level: 1}, true},
		{"shared end positions", Road{Line: orb.LineString{{0, 0}, {100, 0}}}, Road{Line: tee}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g, warns, err := Build(&Roads{Roads: []Road{tc.a, tc.b}})
			if err != nil || len(warns) > 0 {
				t.Fatalf("Build: %v %v", err, warns)
			}
			src, _ := g.Snap([]orb.Point{{0, 0}}, nil, nil)
			dst, _ := g.Snap([]orb.Point{{100, 100}}, nil, nil)
			tab, err := g.Distances(context.Background(), src, dst, Query{K: 1})
			if err != nil {
				t.Fatal(err)
			}
			hits := tab.Of(0)
			switch {
			case tc.joined && (len(hits) != 1 || hits[0].Dist != 2000):
				t.Errorf("hits %v, want one at 2000 dm", hits)
			case !tc.joined && len(hits) != 0:
				t.Errorf("hits %v, want none", hits)
			}
		})
	}
}

func TestWalkable(t *testing.T) {
	tags := func(kv ...string) osm.Tags {
		var ts osm.Tags
		for i := 0; i < len(kv); i += 2 {
			ts = append(ts, osm.Tag{Key: kv[i], Value: kv[i+1]})
		}
		return ts
	}
	tests := []struct {
		name string
		tags osm.Tags
		want bool
	}{
		{"footway", tags("highway", "footway"), true},
		{"steps", tags("highway", "steps"), true},
		{"residential", tags("highway", "residential"), true},
		{"tertiary_link", tags("highway", "tertiary_link"), true},
		{"motorway", tags("highway", "motorway"), false},
		{"trunk with foot=yes", tags("highway", "trunk", "foot", "yes"), true},
		{"footway with foot=no", tags("highway", "footway", "foot", "no"), false},
		{"private service road", tags("highway", "service", "access", "private"), false},
		{"private road, foot allowed", tags("highway", "service", "access", "private", "foot", "permissive"), true},
		{"construction", tags("highway", "construction"), false},
		{"a building", tags("building", "yes"), false},
		{"platform with foot=yes", tags("railway", "platform", "foot", "yes"), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := walkable(tc.tags); got != tc.want {
				t.Errorf("walkable = %v, want %v", got, tc.want)
			}
		})
	}
	r, rev := osmRoad(tags("highway", "footway", "bridge", "viaduct", "layer", "2", "oneway:foot", "-1", "oneway", "yes"))
	if !r.Bridge || r.Level != 2 || !r.Oneway || !rev {
		t.Errorf("osmRoad = %+v, reverse %v; want a one-way (reversed) bridge on layer 2", r, rev)
	}
}
