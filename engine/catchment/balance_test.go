package catchment_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// TestBalanceDistricts checks Balance's split objective, district by
// district, against the reference solver over each district's dense
// distance matrix, and the cross-district solve against one over the
// whole city; the result must be the same on a second run.
func TestBalanceDistricts(t *testing.T) {
	for seed := range uint64(6) {
		r := rand.New(rand.NewPCG(seed, 7))
		b := citytest.New(2025, 2025)
		nd := 2 + r.IntN(3)
		for d := range nd {
			b.District(fmt.Sprint("D", d), float64(d)*4000, 0, float64(d+1)*4000, 4000)
		}
		for s := range 3 + r.IntN(10) {
			d := s % nd
			b.School(fmt.Sprint("P", s), engine.KindPrimary, d, float64(d)*4000+r.Float64()*4000, r.Float64()*4000, 1)
		}
		na := 20 + r.IntN(60)
		for i := range na {
			d := r.IntN(nd)
			b.Area(fmt.Sprint("A", i), d, float64(d)*4000+r.Float64()*4000, r.Float64()*4000, 100)
		}
		c := b.City()
		supply := make([]int32, na)
		for i := range supply {
			supply[i] = int32(r.IntN(40))
		}
		capacity := make([]int32, len(c.Schools))
		for s := range capacity {
			capacity[s] = int32(r.IntN(200))
		}
		unplaced := engine.Meters(500 + r.IntN(6000))
		for _, cross := range []bool{false, true} {
			opt := catchment.Options{Stage: engine.Primary, Open: allOpen(c), CrossDistrict: cross}
			bo := &catchment.BalanceOptions{Split: true, Unplaced: unplaced}
			_, res, err := catchment.Balance(context.Background(), c, opt, supply, capacity, bo)
			if err != nil {
				t.Fatal(err)
			}
			var want float64
			groups := nd
			if cross {
				groups = 1
			}
			for g := range groups {
				var areas, schools []int
				for i := range c.Areas {
					if cross || c.Areas[i].District == g {
						areas = append(areas, i)
					}
				}
				for s := range c.Schools {
					if cross || c.Schools[s].District == g {
						schools = append(schools, s)
					}
				}
				p := &catchment.TransportProblem{Supply: make([]int32, len(areas)), Capacity: make([]int32, len(schools)), Unplaced: float64(unplaced)}
				dist := make([][]float64, len(areas))
				for k, i := range areas {
					p.Supply[k] = supply[i]
					dist[k] = make([]float64, len(schools))
					for l, s := range schools {
						dist[k][l] = float64(geo.Distance(c.Areas[i].Point, c.Schools[s].Point))
					}
				}
				for l, s := range schools {
					p.Capacity[l] = capacity[s]
				}
				want += refOptimum(p, dist)
			}
			if !approx.Equal(res.Objective, want, 1e-6*max(1, want)) {
				t.Errorf("seed %d, cross %v: objective %.6f, want %.6f", seed, cross, res.Objective, want)
			}
			if res.Gap > 1e-9 || res.Status != catchment.Optimal {
				t.Errorf("seed %d, cross %v: gap %g, status %v", seed, cross, res.Gap, res.Status)
			}
			_, again, err := catchment.Balance(context.Background(), c, opt, supply, capacity, bo)
			if err != nil {
				t.Fatal(err)
			}
			if again.Objective != res.Objective || fmt.Sprint(again.Flow) != fmt.Sprint(res.Flow) {
				t.Errorf("seed %d, cross %v: a second run differs", seed, cross)
			}
		}
	}
}

func TestBalanceBadLengths(t *testing.T) {
	c := city().City()
	opt := catchment.Options{Stage: engine.Primary, Open: allOpen(c)}
	_, _, err := catchment.Balance(context.Background(), c, opt, make([]int32, len(c.Areas)-1), make([]int32, len(c.Schools)), nil)
	if !errors.Is(err, catchment.ErrBadTransport) {
		t.Fatalf("err = %v, want ErrBadTransport", err)
	}
}

// TestBalancerReuse runs one Balancer through a sequence of calls, as a
// simulation does year after year (children, seats and open schools
// change; the mode changes too, which a simulation does not do), and
// checks each answer against a fresh Balance: reusing the memory must not
// change a bit.
func TestBalancerReuse(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	b := citytest.New(2025, 2025)
	nd := 3
	for d := range nd {
		b.District(fmt.Sprint("D", d), float64(d)*4000, 0, float64(d+1)*4000, 4000)
	}
	for s := range 14 {
		d := s % nd
		b.School(fmt.Sprint("P", s), engine.KindPrimary, d, float64(d)*4000+r.Float64()*4000, r.Float64()*4000, 1)
	}
	for i := range 300 {
		d := r.IntN(nd)
		b.Area(fmt.Sprint("A", i), d, float64(d)*4000+r.Float64()*4000, r.Float64()*4000, 100)
	}
	c := b.City()
	var bal catchment.Balancer
	for _, tc := range []struct {
		name     string
		split    bool
		cross    bool
		closed   int // a school closed this year, −1 none
		seats    int // seats per school, about
		unplaced engine.Meters
	}{
		{"whole, seats short", false, false, -1, 300, 3000},
		{"whole, more seats", false, false, -1, 600, 3000},
		{"whole, a school closed", false, false, 4, 600, 3000},
		{"whole, seats very short, far unplaced", false, false, 4, 150, 50000},
		{"split", true, false, -1, 300, 3000},
		{"split, city-wide", true, true, -1, 300, 3000},
		{"whole, city-wide", false, true, 2, 300, 6000},
		{"whole, by district again", false, false, -1, 300, 3000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			supply := make([]int32, len(c.Areas))
			for i := range supply {
				supply[i] = int32(r.IntN(30))
			}
			capacity := make([]int32, len(c.Schools))
			for s := range capacity {
				capacity[s] = int32(tc.seats/2 + r.IntN(tc.seats))
			}
			open := allOpen(c)
			if tc.closed >= 0 {
				open[tc.closed] = false
			}
			opt := catchment.Options{Stage: engine.Primary, Open: open, CrossDistrict: tc.cross}
			bo := &catchment.BalanceOptions{Split: tc.split, Unplaced: tc.unplaced}
			wantA, wantR, err := catchment.Balance(context.Background(), c, opt, supply, capacity, bo)
			if err != nil {
				t.Fatal(err)
			}
			gotA, gotR, err := bal.Balance(context.Background(), c, opt, supply, capacity, bo)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(gotA, wantA) {
				t.Errorf("assignment differs from a fresh Balance:\n got %v\nwant %v", gotA, wantA)
			}
			if !reflect.DeepEqual(gotR, wantR) {
				t.Errorf("result differs from a fresh Balance:\n got %+v\nwant %+v", gotR, wantR)
			}
		})
	}
}
