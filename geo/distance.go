package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// DistanceToBoundary is the planar distance from p to the nearest edge of
// mp's rings, in the plane's units (metres on the local plane); it does not
// tell inside from outside (see PolygonIndex.Contains).
func DistanceToBoundary(p orb.Point, mp orb.MultiPolygon) Meters {
	best := math.Inf(1)
	for _, poly := range mp {
		for _, r := range poly {
			for i := 0; i+1 < len(r); i++ {
				if d := segmentDist2(p, r[i], r[i+1]); d < best {
					best = d
				}
			}
		}
	}
	return Meters(math.Sqrt(best))
}

// segmentDist2 is the squared distance from p to the segment ab.
func segmentDist2(p, a, b orb.Point) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	ex, ey := a[0]+t*dx-p[0], a[1]+t*dy-p[1]
	return ex*ex + ey*ey
}
