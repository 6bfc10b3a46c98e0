package sim_test

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

var seed = flag.Uint64("seed", 1, "seed of the random cities in TestRandomCities")

// randomCity builds a city of 2–3 districts with random areas, schools,
// sharing zones, shared seats and multi-school catchments.
func randomCity(rng *rand.Rand) *engine.City {
	b := citytest.New(2025, 2028)
	nd := 2 + rng.IntN(2)
	for d := 0; d < nd; d++ {
		b.District(fmt.Sprint("D", d), float64(d)*5000, 0, float64(d+1)*5000, 5000)
	}
	na := 10 + rng.IntN(40)
	for i := 0; i < na; i++ {
		d := rng.IntN(nd)
		if i < nd {
			d = i // every district has people
		}
		b.Area(fmt.Sprint("A", i), d, float64(d)*5000+rng.Float64()*5000, rng.Float64()*5000, 100+rng.Float64()*900)
	}
	ns := 4 + rng.IntN(10)
	for s := 0; s < ns; s++ {
		d := rng.IntN(nd)
		kind := engine.Kind(rng.IntN(3))
		sc := b.School(fmt.Sprint("S", s), kind, d, float64(d)*5000+rng.Float64()*5000, rng.Float64()*5000, 1+rng.IntN(3))
		if rng.IntN(2) == 0 {
			sc.SharingZone = fmt.Sprint("Z", rng.IntN(2))
			if kind != engine.KindNineYear {
				st := engine.Primary
				if kind == engine.KindJunior {
					st = engine.Junior
				}
				sc.SharedSeats[st] = rng.IntN(20)
			}
		}
		if rng.IntN(6) == 0 {
			sc.Opens = 2026 + engine.Year(rng.IntN(2))
		}
	}
	c := b.City()
	// Every district gets one primary and one junior school.
	for d := 0; d < nd; d++ {
		for _, k := range []engine.Kind{engine.KindPrimary, engine.KindJunior} {
			s := engine.School{ID: fmt.Sprint("F", d, k), Kind: k, District: d}
			s.Point[0], s.Point[1] = float64(d)*5000+2500, 2500
			for _, st := range engine.Stages {
				if k.Serves(st) {
					s.Streams[st] = 1
				}
			}
			c.Schools = append(c.Schools, s)
		}
	}
	for i := range c.Areas {
		if rng.IntN(5) == 0 {
			s1, s2 := c.Schools[rng.IntN(len(c.Schools))], c.Schools[rng.IntN(len(c.Schools))]
			for _, st := range engine.Stages {
				if s1.Kind.Serves(st) && s2.Kind.Serves(st) && s1.ID != s2.ID && s1.Opens == 0 && s2.Opens == 0 {
					c.Areas[i].Catchment[st] = []string{s1.ID, s2.ID}
				}
			}
		}
	}
	for d := 0; d < nd; d++ {
		scale := 20 + rng.Float64()*200
		c.Forecast.ByDistrict[d] = tableOf(c, func(engine.Year, int) float64 { return scale * (0.5 + rng.Float64()) })
	}
	return c
}

func tableOf(c *engine.City, fn func(engine.Year, int) float64) *engine.AgeTable {
	f := &c.Forecast
	n := f.Years() * (f.MaxAge + 1)
	t := &engine.AgeTable{Count: make([]float64, n), Has: make([]bool, n)}
	for y := f.FirstYear; y <= f.LastYear; y++ {
		for age := 0; age <= f.MaxAge; age++ {
			k := f.Index(y, age)
			t.Count[k], t.Has[k] = fn(y, age), true
		}
	}
	return t
}

func randomPolicy(rng *rand.Rand) engine.Policy {
	p := engine.Policy{Seed: rng.Uint64()}
	p.Catchment = engine.CatchmentMode(rng.IntN(3))
	p.Split = rng.IntN(2) == 0
	if rng.IntN(2) == 0 {
		p.UnplacedCost = engine.Meters(500 + rng.IntN(20000))
	}
	p.CrossDistrict = rng.IntN(3) == 0
	p.Shared.Priority = engine.SharedPriority(rng.IntN(2))
	p.Shared.ReleaseUnusedBase = rng.IntN(2) == 0
	p.Placement = engine.PlacementMode(rng.IntN(3))
	p.PlacementCrossDistrict = rng.IntN(2) == 0
	p.MaxDistance = [2]engine.Meters{engine.Meters(1000 + rng.IntN(5000)), engine.Meters(1000 + rng.IntN(8000))}
	p.Retention = [2]float64{0.9 + 0.1*rng.Float64(), 0.9 + 0.1*rng.Float64()}
	return p
}

// TestRandomCities runs random cities under random policies: every run
// must keep the invariants simtest.Check verifies (entrants = base + shared
// + placed + oversize + unplaced; no school over its seats but by
// oversize), and run twice to the same result.
func TestRandomCities(t *testing.T) {
	t.Logf("seed %d (set with -seed)", *seed)
	rng := rand.New(rand.NewPCG(*seed, 99))
	var routes sim.Totals // over all runs: every route must be exercised
	for k := 0; k < 60; k++ {
		c := randomCity(rng)
		pol := randomPolicy(rng)
		var changes []engine.Change
		if rng.IntN(2) == 0 {
			var a, b int
			for tries := 0; tries < 20; tries++ {
				a, b = rng.IntN(len(c.Schools)), rng.IntN(len(c.Schools))
				if c.Schools[a].District != c.Schools[b].District && c.Schools[a].Kind == c.Schools[b].Kind && c.Schools[a].Opens == 0 && c.Schools[b].Opens == 0 {
					changes = append(changes, engine.SeatSwap{Schools: [2]string{c.Schools[a].ID, c.Schools[b].ID}, Seats: 1 + rng.IntN(10), Year: 2026})
					break
				}
			}
		}
		opt := &sim.Options{First: 2025, Last: 2028, Policy: pol, Changes: changes}
		r1, err := sim.Run(context.Background(), c, opt)
		if err != nil {
			t.Fatalf("city %d: %v", k, err)
		}
		simtest.Check(t, c, r1)
		for st := range r1.Stages {
			for _, yr := range r1.Stages[st].Years {
				routes.Base += yr.City.Base
				routes.Shared += yr.City.Shared
				routes.Placed += yr.City.Placed
				routes.Oversize += yr.City.Oversize
				routes.Unplaced += yr.City.Unplaced
			}
		}
		r2, err := sim.Run(context.Background(), c, opt)
		if err != nil {
			t.Fatal(err)
		}
		for st := range r1.Stages {
			for y := range r1.Stages[st].Years {
				if r1.Stages[st].Years[y].City != r2.Stages[st].Years[y].City {
					t.Fatalf("city %d: two runs differ", k)
				}
			}
		}
	}
	if routes.Base == 0 || routes.Shared == 0 || routes.Placed == 0 || routes.Oversize == 0 || routes.Unplaced == 0 {
		t.Fatalf("some route never taken: %+v", routes)
	}
	t.Logf("children by route over all runs: base %d, shared %d, placed %d, oversize %d, unplaced %d",
		routes.Base, routes.Shared, routes.Placed, routes.Oversize, routes.Unplaced)
}
