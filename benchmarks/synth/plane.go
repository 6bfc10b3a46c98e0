package synth

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// plane turns the generator's coordinates into those of the city it
// writes.
//
// The generator draws on the plane of a projection centred on
// Options.Origin. A city folder holds lon/lat with coordDecimals decimals,
// and engine.LoadCity centres its plane on the centre of the districts'
// lon/lat bound, which is not quite the origin. So that City and LoadCity
// of WriteFolder's files give the same city to the bit, every generated
// point is snapped: to lon/lat, rounded as the file writes it, and forward
// again on the plane LoadCity will choose.
type plane struct {
	draw geo.Projection // the generator's plane
	city geo.Projection // the loader's plane
}

// newPlane centres the city's plane on the lon/lat bound of the district
// rings, drawn on the plane centred on origin.
func newPlane(origin orb.Point, districts []orb.MultiPolygon) *plane {
	p := &plane{draw: geo.NewProjection(origin)}
	var b orb.Bound
	first := true
	for _, mp := range districts {
		for _, poly := range mp {
			for _, ring := range poly {
				for _, q := range ring {
					ll := p.lonLat(q)
					if first {
						b, first = orb.Bound{Min: ll, Max: ll}, false
					} else {
						b = b.Extend(ll)
					}
				}
			}
		}
	}
	p.city = geo.NewProjection(b.Center())
	return p
}

// lonLat returns the lon/lat of a drawn point as a city file holds it.
func (p *plane) lonLat(q orb.Point) orb.Point {
	return roundLonLat(p.draw.Inverse(q))
}

// snap moves a drawn point to the city's plane.
func (p *plane) snap(q orb.Point) orb.Point {
	return p.city.Forward(p.lonLat(q))
}

// snapCity snaps a point of the city's plane to one a city file can hold;
// snapped points stay where they are.
func (p *plane) snapCity(q orb.Point) orb.Point {
	return p.city.Forward(roundLonLat(p.city.Inverse(q)))
}

func roundLonLat(ll orb.Point) orb.Point {
	return orb.Point{roundCoord(ll[0]), roundCoord(ll[1])}
}

func (p *plane) snapMulti(mp orb.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := make(orb.Ring, len(ring))
			for k, q := range ring {
				r[k] = p.snap(q)
			}
			out[i][j] = r
		}
	}
	return out
}

// roundCoord rounds x to coordDecimals decimals. n/1e7 with n integral is
// the double nearest the decimal, which is what parsing the written
// decimal gives back.
func roundCoord(x float64) float64 {
	return math.Round(x*coordScale) / coordScale
}

const coordScale = 1e7 // 10^coordDecimals
