package catchment_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// TestBalanceAnyGOMAXPROCS checks that the districts, solved and merged
// side by side, give the same assignment and result, bit for bit, on one
// worker and on several, split and whole.
func TestBalanceAnyGOMAXPROCS(t *testing.T) {
	// 600 areas: one chunk of the assignment; 20,000: several, and the
	// member lists sorted on several goroutines.
	for _, na := range []int{600, 20000} {
		for _, split := range []bool{true, false} {
			t.Run(fmt.Sprint("areas=", na, "/split=", split), func(t *testing.T) {
				balanceAnyProcs(t, na, split)
			})
		}
	}
}

// balanceAnyProcs balances procsCity(3, na) on 1 and 4 workers and
// compares.
func balanceAnyProcs(t *testing.T, na int, split bool) {
	c, supply, capacity := procsCity(3, na)
	opt := catchment.Options{Stage: engine.Primary, Open: allOpen(c)}
	bo := &catchment.BalanceOptions{Split: split, Unplaced: 3000}
	var got [2]*catchment.TransportResult
	var as [2]*engine.Assignment
	for k, procs := range []int{1, 4} {
		old := runtime.GOMAXPROCS(procs)
		var err error
		as[k], got[k], err = catchment.Balance(context.Background(), c, opt, supply, capacity, bo)
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(got[0].School) == 0 {
		t.Fatal("no arcs: the case tests nothing")
	}
	if !reflect.DeepEqual(got[0], got[1]) {
		t.Error("results differ between GOMAXPROCS 1 and 4")
	}
	if !reflect.DeepEqual(as[0], as[1]) {
		t.Error("assignments differ between GOMAXPROCS 1 and 4")
	}
}

// procsCity is a city of six districts and na areas with schools short of
// seats in some, from a fixed seed.
func procsCity(seed uint64, na int) (*engine.City, []int32, []int32) {
	r := rand.New(rand.NewPCG(seed, 11))
	b := citytest.New(2025, 2025)
	const nd = 6
	for d := range nd {
		b.District(fmt.Sprint("D", d), float64(d)*4000, 0, float64(d+1)*4000, 4000)
	}
	for s := range 30 {
		d := s % nd
		b.School(fmt.Sprint("P", s), engine.KindPrimary, d, float64(d)*4000+r.Float64()*4000, r.Float64()*4000, 1)
	}
	for i := range na {
		d := i % nd
		b.Area(fmt.Sprint("A", i), d, float64(d)*4000+r.Float64()*4000, r.Float64()*4000, 100)
	}
	c := b.City()
	supply := make([]int32, na)
	for i := range supply {
		supply[i] = int32(1 + r.IntN(20))
	}
	capacity := make([]int32, len(c.Schools))
	for s := range capacity {
		capacity[s] = int32(100 + r.IntN(250))
	}
	return c, supply, capacity
}
