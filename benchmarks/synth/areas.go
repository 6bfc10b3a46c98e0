package synth

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// Shape of the settlement, as shares of the city's side.
const (
	coreWeight       = 0.35 // share of areas in the core
	backgroundWeight = 0.08 // share spread evenly over the bound
	coreSpread       = 0.09 // core standard deviation
	corePopScale     = 1.4  // core areas are denser
	medianPop        = 800  // median residents of an area outside the core
	popSigma         = 0.75 // lognormal shape
	minPop, maxPop   = 200, 5000
)

// cluster is a Gaussian settlement centre.
type cluster struct {
	cx, cy   float64 // centre
	sx, sy   float64 // standard deviations
	weight   float64 // share of areas
	popScale float64 // multiplies the median population
}

// clusters draws the core and five to eight satellites.
func clusters(r *rand.Rand, side float64) []cluster {
	core := cluster{
		cx: 0.02 * side * r.NormFloat64(), cy: 0.02 * side * r.NormFloat64(),
		weight: coreWeight, popScale: corePopScale,
	}
	core.sx = coreSpread * side * (0.85 + 0.3*r.Float64())
	core.sy = coreSpread * side * (0.85 + 0.3*r.Float64())
	cs := []cluster{core}
	n := 5 + r.IntN(4)
	weights := make([]float64, n)
	var sum float64
	for k := range weights {
		weights[k] = 0.5 + r.Float64()
		sum += weights[k]
	}
	for k := range n {
		angle := 2 * math.Pi * (float64(k) + 0.6*r.Float64()) / float64(n)
		radius := side * (0.18 + 0.22*r.Float64())
		spread := side * (0.025 + 0.045*r.Float64())
		cs = append(cs, cluster{
			cx: radius * math.Cos(angle), cy: radius * math.Sin(angle),
			sx: spread * (0.7 + 0.6*r.Float64()), sy: spread * (0.7 + 0.6*r.Float64()),
			weight:   (1 - coreWeight - backgroundWeight) * weights[k] / sum,
			popScale: 1,
		})
	}
	return cs
}

// settlement draws area locations inside the districts.
type settlement struct {
	bound    orb.Bound
	pix      *geo.PolygonIndex // the districts, on the city's plane
	plane    *plane
	clusters []cluster
}

// point draws a location from cluster k (-1: the uniform background) and
// returns it, snapped to the city's plane, with its district, drawing again
// until it falls in one.
func (s *settlement) point(r *rand.Rand, k int) (orb.Point, int) {
	for {
		var p orb.Point
		if k < 0 {
			p = orb.Point{
				s.bound.Min[0] + r.Float64()*(s.bound.Max[0]-s.bound.Min[0]),
				s.bound.Min[1] + r.Float64()*(s.bound.Max[1]-s.bound.Min[1]),
			}
		} else {
			c := &s.clusters[k]
			p = orb.Point{c.cx + c.sx*r.NormFloat64(), c.cy + c.sy*r.NormFloat64()}
		}
		if !s.bound.Contains(p) {
			continue
		}
		p = s.plane.snap(p)
		if d := s.pix.Locate(p); d >= 0 {
			return p, d
		}
	}
}

// pick draws a cluster by weight, -1 for the background.
func (s *settlement) pick(r *rand.Rand, satellitesOnly bool) int {
	if satellitesOnly {
		return 1 + r.IntN(len(s.clusters)-1)
	}
	u := r.Float64()
	for k := range s.clusters {
		u -= s.clusters[k].weight
		if u < 0 {
			return k
		}
	}
	return -1
}

// areas draws opt.Areas areas; the last opt.NewHousing are new housing
// around the satellites, completing in one of the six years after First
// (within Last).
func (s *settlement) areas(rPlace, rPop *rand.Rand, opt *Options) []engine.Area {
	as := make([]engine.Area, opt.Areas)
	existing := opt.Areas - opt.NewHousing
	span := min(6, int(opt.Last-opt.First))
	for i := range as {
		a := &as[i]
		a.ID = fmt.Sprintf("A%07d", i+1)
		isNew := i >= existing
		k := s.pick(rPlace, isNew)
		a.Point, a.District = s.point(rPlace, k)
		a.Geometry = a.Point
		if isNew {
			a.Population = float64(1500 + rPop.IntN(3501))
			a.CompletionYear = opt.First
			if span > 0 {
				a.CompletionYear += engine.Year(1 + rPop.IntN(span))
			}
		} else {
			scale := 1.0
			if k >= 0 {
				scale = s.clusters[k].popScale
			}
			pop := math.Exp(math.Log(medianPop*scale) + popSigma*rPop.NormFloat64())
			a.Population = math.Round(min(max(pop, minPop), maxPop))
		}
		a.Households = math.Round(a.Population / 2.7)
	}
	return as
}
