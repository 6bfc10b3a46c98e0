package geo

import (
	"testing"

	"github.com/paulmach/orb"
)

// BenchmarkCRS measures ToWGS84 and FromWGS84 per point, by projection,
// over 1, 1000 and 100000 points spread over a zone.
func BenchmarkCRS(b *testing.B) {
	crss := []struct {
		name string
		crs  CRS
		area crsCase
	}{
		{"wgs84", WGS84, crsCase{lon0: -123, lon1: -121, lat0: 47, lat1: 48}},
		{"gcj02", GCJ02, crsCase{lon0: 106, lon1: 107, lat0: 29, lat1: 30}},
		{"tm", mustEPSG(4547), crsCase{lon0: 112.5, lon1: 115.5, lat0: 22, lat1: 24}},
		{"lcc", mustEPSG(2926), crsCase{lon0: -123, lon1: -121, lat0: 47, lat1: 48}},
		{"webmerc", mustEPSG(3857), crsCase{lon0: -123, lon1: -121, lat0: 47, lat1: 48}},
	}
	for _, c := range crss {
		for _, n := range []int{1, 1000, 100000} {
			ll := make([]orb.Point, n)
			rng := newRand(b)
			for i := range ll {
				ll[i] = orb.Point{c.area.lon0 + rng.Float64()*(c.area.lon1-c.area.lon0), c.area.lat0 + rng.Float64()*(c.area.lat1-c.area.lat0)}
			}
			xy := make([]orb.Point, n)
			for i, p := range ll {
				xy[i] = c.crs.FromWGS84(p)
			}
			dst := make([]orb.Point, n)
			run := func(name string, fn func(orb.Point) orb.Point, src []orb.Point) {
				b.Run(c.name+"/"+name+"/"+itoa(n), func(b *testing.B) {
					b.ReportAllocs()
					b.ResetTimer()
					for b.Loop() {
						for i, p := range src {
							dst[i] = fn(p)
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/point")
				})
			}
			run("FromWGS84", c.crs.FromWGS84, ll)
			run("ToWGS84", c.crs.ToWGS84, xy)
		}
	}
}
