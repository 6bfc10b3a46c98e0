package catchment

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// BalanceOptions tune Balance; nil means defaults.
type BalanceOptions struct {
	// Split lets an area's children go to several schools.
	Split bool
	// Unplaced is the cost of a child without a base seat (metres); 0 =
	// 50 km.
	Unplaced engine.Meters
}

// Balance assigns areas to open schools of opt.Stage so that the total
// distance children travel is least while no school takes more than
// capacity[s] of them (its base seats), leaving children without a base
// seat only where that costs less than opt.Unplaced each. supply is the
// children of each area. Areas stay whole unless bo.Split.
//
// Without opt.CrossDistrict each district is a problem of its own; the
// districts are solved in parallel. The returned result covers the whole
// city: its arcs, flows and prices use the city's school indices, and its
// objective and bound are the sums over the districts.
//
// An area left wholly without a base seat keeps its nearest school as base
// school with a zero quota, so that shared seats and placement still know
// where it belongs.
func Balance(ctx context.Context, c *engine.City, opt Options, supply, capacity []int32, bo *BalanceOptions) (*engine.Assignment, *TransportResult, error) {
	if bo == nil {
		bo = &BalanceOptions{}
	}
	if len(supply) != len(c.Areas) || len(capacity) != len(c.Schools) {
		return nil, nil, fmt.Errorf("%w: Balance: %d supplies for %d areas, %d capacities for %d schools",
			ErrBadTransport, len(supply), len(c.Areas), len(capacity), len(c.Schools))
	}
	unplaced := bo.Unplaced
	if unplaced <= 0 {
		unplaced = 50000
	}
	finder := NewFinder(c, opt)
	nA := len(c.Areas)
	// Groups: one per district, or the whole city.
	var groups []balanceGroup
	if opt.CrossDistrict {
		g := balanceGroup{schools: finder.allIDs}
		for i := range c.Areas {
			g.areas = append(g.areas, int32(i))
		}
		groups = append(groups, g)
	} else {
		groups = make([]balanceGroup, len(c.Districts))
		for d := range groups {
			groups[d].schools = finder.distIDs[d]
		}
		for i := range c.Areas {
			d := c.Areas[i].District
			groups[d].areas = append(groups[d].areas, int32(i))
		}
	}
	topt := TransportOptions{Split: bo.Split}
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(groups)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				errs[k] = groups[k].solve(ctx, c, supply, capacity, float64(unplaced), topt)
			}
		}()
	}
	// Largest first, so that the last to finish are small.
	order := make([]int, len(groups))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return len(groups[b].areas) - len(groups[a].areas) })
	for _, k := range order {
		next <- k
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, fmt.Errorf("catchment: balanced %s: %w", opt.Stage, err)
		}
	}
	res := mergeGroups(groups, nA, len(c.Schools), capacity)
	as := &engine.Assignment{School: make([]int32, nA), Dist: make([]engine.Meters, nA)}
	for i := range c.Areas {
		a := &c.Areas[i]
		best, bestFlow := int32(-1), int32(0)
		var shares []engine.QuotaShare
		for j := res.Start[i]; j < res.Start[i+1]; j++ {
			if f := res.Flow[j]; f > 0 {
				shares = append(shares, engine.QuotaShare{School: res.School[j], Children: f})
				if f > bestFlow {
					best, bestFlow = res.School[j], f
				}
			}
		}
		if best < 0 {
			n, _ := finder.Nearest(a.District, a.Point)
			best = int32(n)
		}
		as.School[i] = best
		if best >= 0 {
			as.Dist[i] = geo.Distance(a.Point, c.Schools[best].Point)
		}
		// Whole and fully placed: an ordinary member. Otherwise a quota.
		if !(len(shares) == 1 && shares[0].Children == supply[i]) && supply[i] > 0 {
			if as.Quota == nil {
				as.Quota = map[int32][]engine.QuotaShare{}
			}
			as.Quota[int32(i)] = shares
		}
	}
	as.Group(len(c.Schools))
	return as, res, nil
}

// balanceGroup is one independent part of a balanced catchment: the
// areas of a district and the schools that may serve them.
type balanceGroup struct {
	areas   []int32
	schools []int
	res     *TransportResult
}

func (g *balanceGroup) solve(ctx context.Context, c *engine.City, supply, capacity []int32, unplaced float64, opt TransportOptions) error {
	p := &TransportProblem{
		Supply:   make([]int32, len(g.areas)),
		Capacity: make([]int32, len(g.schools)),
		Areas:    make([]orb.Point, len(g.areas)),
		Schools:  make([]orb.Point, len(g.schools)),
		Unplaced: unplaced,
	}
	for k, i := range g.areas {
		p.Supply[k] = supply[i]
		p.Areas[k] = c.Areas[i].Point
	}
	for k, s := range g.schools {
		p.Capacity[k] = capacity[s]
		p.Schools[k] = c.Schools[s].Point
	}
	res, err := SolveTransport(ctx, p, &opt)
	g.res = res
	return err
}

// mergeGroups joins the groups' results into one over the whole city.
func mergeGroups(groups []balanceGroup, nA, nS int, capacity []int32) *TransportResult {
	res := &TransportResult{
		Start:    make([]int32, nA+1),
		Unplaced: make([]int32, nA),
		Prices:   make([]float64, nS),
	}
	for s := range res.Prices {
		res.Prices[s] = math.Inf(1) // no group: no seats to price
		if capacity[s] > 0 {
			res.Prices[s] = 0
		}
	}
	nnz := 0
	for gi := range groups {
		nnz += len(groups[gi].res.School)
	}
	res.School = make([]int32, 0, nnz)
	res.Flow = make([]int32, 0, nnz)
	res.Cost = make([]float64, 0, nnz)
	type span struct{ g, k int }
	where := make([]span, nA)
	for gi := range groups {
		g := &groups[gi]
		for k, i := range g.areas {
			where[i] = span{gi, k}
		}
		for k, s := range g.schools {
			res.Prices[s] = g.res.Prices[k]
		}
		res.Objective += g.res.Objective
		res.LowerBound += g.res.LowerBound
		res.Iterations += g.res.Iterations
		res.Status = max(res.Status, g.res.Status)
	}
	for i := range nA {
		w := where[i]
		r := groups[w.g].res
		ids := groups[w.g].schools
		for a := r.Start[w.k]; a < r.Start[w.k+1]; a++ {
			res.School = append(res.School, int32(ids[r.School[a]]))
			res.Flow = append(res.Flow, r.Flow[a])
			res.Cost = append(res.Cost, r.Cost[a])
		}
		res.Unplaced[i] = r.Unplaced[w.k]
		res.Start[i+1] = int32(len(res.School))
	}
	res.Gap = relGap(res.Objective, res.LowerBound)
	return res
}
