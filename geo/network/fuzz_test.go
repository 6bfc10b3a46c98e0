package network

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// FuzzRoadsGeoJSON reads any bytes as a roads layer, builds and queries
// the graph: errors are fine, panics are not.
func FuzzRoadsGeoJSON(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"oneway":true,"layer":1},"geometry":{"type":"LineString","coordinates":[[7.42,43.73],[7.43,43.73],[7.43,43.74]]}},{"type":"Feature","properties":{"bridge":"yes"},"geometry":{"type":"MultiLineString","coordinates":[[[7.425,43.72],[7.425,43.75]]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"walk":false},"geometry":{"type":"LineString","coordinates":[[0,0],[0,0]]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}},{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,1],[1,0]]}}]}`))
	proj := geo.NewProjection(orb.Point{7.42, 43.73})
	f.Fuzz(func(t *testing.T, data []byte) {
		feats, err := geo.DecodeUsable("roads.geojson", data, LayerSpec)
		if err != nil && len(feats) == 0 {
			return
		}
		rs, _ := FromLayer(&geo.Layer{Features: feats}, "roads.geojson", proj.Forward)
		exercise(t, rs)
	})
}

// FuzzReadOSM reads any bytes as a PBF extract.
func FuzzReadOSM(f *testing.F) {
	data, err := os.ReadFile(monacoPBF)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data[:4096])
	f.Add(data[:len(data)/8])
	f.Add([]byte{0, 0, 0, 13, 10, 9, 'O', 'S', 'M', 'H', 'e', 'a', 'd', 'e', 'r'})
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ReadOSM(bytes.NewReader(data), "roads.osm.pbf", monacoProj.Forward)
		if err != nil {
			if !errors.Is(err, ErrPBF) {
				t.Fatalf("error %v does not wrap ErrPBF", err)
			}
			return
		}
		exercise(t, rs)
	})
}

// exercise builds the roads' graph and walks between two of its points.
func exercise(t *testing.T, rs *Roads) {
	t.Helper()
	g, _, err := Build(rs)
	if err != nil {
		return
	}
	snaps, _ := g.Snap([]orb.Point{{0, 0}, {50, 50}}, nil, nil)
	if _, err := g.Distances(context.Background(), snaps, snaps, Query{K: 2, Workers: 1}); err != nil {
		t.Fatal(err)
	}
}
