package plan_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// FuzzReadCandidates reads any candidate-sites file against the tiny city:
// sites that hold their invariants, or problems that each name the file;
// never a panic.
func FuzzReadCandidates(f *testing.F) {
	s, err := scenarios.Load(tinyBaseline)
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(tinySites))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"streams":1.5,"cost":-1,"stage":"high","name":7},"geometry":{"type":"Point","coordinates":[106.51,29.51]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"cost":1e400},"geometry":{"type":"Point","coordinates":[106.6,29.51]}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","features":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		cands, err := plan.ReadCandidates(s.City, "sites.geojson", data)
		if err != nil {
			if cands != nil {
				t.Fatal("sites returned with the error")
			}
			var list geo.Errors
			if !errors.As(err, &list) {
				list = geo.Errors{err}
			}
			for _, e := range list {
				if !strings.HasPrefix(e.Error(), "sites.geojson") {
					t.Fatalf("problem %q does not name the file", e)
				}
			}
			return
		}
		if len(cands) == 0 {
			t.Fatal("no sites and no error")
		}
		for i, c := range cands {
			if c.District < 0 || c.District >= len(s.City.Districts) || c.Streams < 0 || c.Streams > 100 ||
				!(c.Cost >= 0) || math.IsInf(c.Cost, 0) || math.IsNaN(c.Point[0]) || math.IsNaN(c.Point[1]) ||
				c.Stage != nil && *c.Stage != engine.Primary && *c.Stage != engine.Junior {
				t.Fatalf("site %d: %+v", i, c)
			}
		}
	})
}
