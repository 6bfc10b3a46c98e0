package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/geo"
)

// Schools: mix of kinds, placement jitter and supply factors.
const (
	primaryShare  = 0.60
	juniorShare   = 0.35 // the rest (5%) are nine-year schools
	schoolJitter  = 250.0
	supplyMin     = 0.8 // per-district seats / entrants
	supplyMax     = 1.2
	schoolSizeMin = 0.85 // per-school factor
	schoolSizeMax = 1.15
)

// perDistrict splits n schools over districts in proportion to weight,
// with at least 2 each when n allows (else at least 1, else 0), by largest
// remainder; ties go to the lower district.
func perDistrict(n int, weight []float64) []int {
	d := len(weight)
	floor := 0
	switch {
	case n >= 2*d:
		floor = 2
	case n >= d:
		floor = 1
	}
	counts := make([]int, d)
	for i := range counts {
		counts[i] = floor
	}
	left := n - floor*d
	var sum float64
	for _, w := range weight {
		sum += w
	}
	if sum == 0 {
		sum, weight = float64(d), nil
	}
	rem := make([]float64, d)
	given := 0
	for i := range counts {
		w := 1.0
		if weight != nil {
			w = weight[i]
		}
		share := float64(left) * w / sum
		k := int(share)
		counts[i] += k
		given += k
		rem[i] = share - float64(k)
	}
	order := make([]int, d)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := 0; given < left; k++ {
		counts[order[k%d]]++
		given++
	}
	return counts
}

// kinds draws the kinds of a district's n schools, making sure that a
// district with two or more schools has a school of each stage.
func kinds(r *rand.Rand, n int) []engine.Kind {
	ks := make([]engine.Kind, n)
	hasP, hasJ := false, false
	for i := range ks {
		switch u := r.Float64(); {
		case u < primaryShare:
			ks[i] = engine.KindPrimary
		case u < primaryShare+juniorShare:
			ks[i] = engine.KindJunior
		default:
			ks[i] = engine.KindNineYear
		}
		hasP = hasP || ks[i].Serves(engine.Primary)
		hasJ = hasJ || ks[i].Serves(engine.Junior)
	}
	if n < 2 {
		return ks
	}
	if !hasP {
		ks[0] = engine.KindPrimary
	}
	if !hasJ {
		ks[n-1] = engine.KindJunior
	}
	return ks
}

// placeSchools draws the schools of every district, at population-weighted
// areas of the district, jittered within it, with one stream per stage
// served (sizeSchools sets the streams).
func placeSchools(r *rand.Rand, c *engine.City, pix *geo.PolygonIndex, pl *plane, n int) {
	nd := len(c.Districts)
	pop := make([]float64, nd)
	members := make([][]int32, nd)
	for i := range c.Areas {
		d := c.Areas[i].District
		pop[d] += c.Areas[i].Population
		members[d] = append(members[d], int32(i))
	}
	counts := perDistrict(n, pop)
	for d := range nd {
		if counts[d] == 0 {
			continue
		}
		cum := make([]float64, len(members[d]))
		var total float64
		for k, a := range members[d] {
			total += c.Areas[a].Population
			cum[k] = total
		}
		for _, kind := range kinds(r, counts[d]) {
			s := engine.School{Kind: kind, District: d}
			var base orb.Point
			if len(cum) == 0 {
				// A district without areas: somewhere inside it.
				ring := c.Districts[d].Geometry[0][0]
				base = ring[len(ring)/4]
				base = pl.snapCity(orb.Point{(base[0] + ring[0][0]) / 2, (base[1] + ring[0][1]) / 2})
			} else {
				k := sort.SearchFloat64s(cum, r.Float64()*total)
				base = c.Areas[members[d][min(k, len(cum)-1)]].Point
			}
			s.Point = base
			for try := 0; try < 8; try++ {
				p := pl.snapCity(orb.Point{base[0] + schoolJitter*r.NormFloat64(), base[1] + schoolJitter*r.NormFloat64()})
				if pix.Contains(d, p) {
					s.Point = p
					break
				}
			}
			for _, st := range engine.Stages {
				if kind.Serves(st) {
					s.Streams[st] = 1
				}
			}
			c.Schools = append(c.Schools, s)
		}
	}
	for i := range c.Schools {
		s := &c.Schools[i]
		s.ID = fmt.Sprintf("S%05d", i+1)
		s.Name = fmt.Sprintf("%s school %d", kindName[s.Kind], i+1)
	}
}

var kindName = map[engine.Kind]string{
	engine.KindPrimary:  "Primary",
	engine.KindJunior:   "Junior",
	engine.KindNineYear: "Nine-year",
}

// sizeSchools sets each school's streams per stage from the first year's
// entrants of the areas nearest to it (within its district), times a
// supply factor per district and stage and one per school.
func sizeSchools(r *rand.Rand, c *engine.City, opt *Options, rate []float64) {
	open := make([]bool, len(c.Schools))
	for i := range open {
		open[i] = true
	}
	for _, st := range engine.Stages {
		supply := make([]float64, len(c.Districts))
		for d := range supply {
			supply[d] = supplyMin + (supplyMax-supplyMin)*r.Float64()
		}
		a := catchment.Nearest(c, catchment.Options{Stage: st, Open: open})
		trend := birthTrend(opt.First - engine.Year(c.System.EntryAge(st)))
		size := float64(st.DefaultClassSize())
		for s := range c.Schools {
			sc := &c.Schools[s]
			if !sc.Kind.Serves(st) {
				continue
			}
			var entrants float64
			for _, i := range a.Members(s) {
				area := &c.Areas[i]
				entrants += area.Population * rate[area.District] * trend
			}
			f := supply[sc.District] * (schoolSizeMin + (schoolSizeMax-schoolSizeMin)*r.Float64())
			sc.Streams[st] = max(1, int(math.Round(entrants*f/size)))
		}
	}
}
