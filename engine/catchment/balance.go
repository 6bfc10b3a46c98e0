package catchment

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/schoolplan/schoolplan/engine"
)

// BalanceOptions tune Balance; nil means defaults.
type BalanceOptions struct {
	// Split lets an area's children go to several schools.
	Split bool
	// Unplaced is the cost of a child without a base seat (metres); 0 =
	// 50 km.
	Unplaced engine.Meters
}

// defaultUnplaced is the cost of a child without a base seat when
// BalanceOptions.Unplaced is 0.
const defaultUnplaced engine.Meters = 50000

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
//
// A caller that balances the same city again and again (a simulation,
// year after year) saves the solver's memory with a Balancer.
func Balance(ctx context.Context, c *engine.City, opt Options, supply, capacity []int32, bo *BalanceOptions) (*engine.Assignment, *TransportResult, error) {
	var b Balancer // discarded: the result's slices are the caller's
	return b.Balance(ctx, c, opt, supply, capacity, bo)
}

// Balancer runs Balance and keeps the solvers' buffers from one call to
// the next, so that a stage balanced every year of a simulation allocates
// them once. The zero value is ready to use; a Balancer must not be used
// by two goroutines at once. Its answers are Balance's, bit for bit.
type Balancer struct {
	groups []balanceGroup
	merged TransportResult // the slices of the last result
}

// Balance is Balance, reusing b's memory. The Assignment is the caller's;
// the TransportResult's slices are b's, and its next call overwrites them:
// copy what must outlive it.
func (b *Balancer) Balance(ctx context.Context, c *engine.City, opt Options, supply, capacity []int32, bo *BalanceOptions) (*engine.Assignment, *TransportResult, error) {
	if bo == nil {
		bo = &BalanceOptions{}
	}
	if len(supply) != len(c.Areas) || len(capacity) != len(c.Schools) {
		return nil, nil, fmt.Errorf("%w: Balance: %d supplies for %d areas, %d capacities for %d schools",
			ErrBadTransport, len(supply), len(c.Areas), len(capacity), len(c.Schools))
	}
	unplaced := bo.Unplaced
	if unplaced <= 0 {
		unplaced = defaultUnplaced
	}
	finder := NewFinder(c, opt)
	b.setGroups(c, opt, finder)
	topt := TransportOptions{Split: bo.Split}
	if err := b.solveGroups(ctx, c, &opt, supply, capacity, float64(unplaced), topt); err != nil {
		return nil, nil, fmt.Errorf("catchment: balanced %s: %w", opt.Stage, err)
	}
	res := mergeGroups(b.groups, len(c.Areas), len(c.Schools), capacity, &b.merged)
	b.merged = *res
	return assignFlows(c, &opt, finder, res, supply), res, nil
}

// setGroups sets b's groups for opt: one per district, or the whole city
// when opt.CrossDistrict; a group keeps the solver of the group of the
// same index of the last call.
func (b *Balancer) setGroups(c *engine.City, opt Options, finder *Finder) {
	n := len(c.Districts)
	if opt.CrossDistrict {
		n = 1
	}
	if len(b.groups) != n {
		b.groups = make([]balanceGroup, n)
	}
	for k := range b.groups {
		b.groups[k].areas = b.groups[k].areas[:0]
	}
	if opt.CrossDistrict {
		g := &b.groups[0]
		g.schools = finder.allIDs
		for i := range c.Areas {
			g.areas = append(g.areas, int32(i))
		}
		return
	}
	for d := range b.groups {
		b.groups[d].schools = finder.distIDs[d]
	}
	for i := range c.Areas {
		g := &b.groups[c.Areas[i].District]
		g.areas = append(g.areas, int32(i))
	}
}

// solveGroups solves every group on GOMAXPROCS workers, largest first so
// that the last to finish are small, and returns the first group's error.
func (b *Balancer) solveGroups(ctx context.Context, c *engine.City, opt *Options, supply, capacity []int32, unplaced float64, topt TransportOptions) error {
	groups := b.groups
	var dist engine.Distances // nil: straight lines, the geometric form
	if opt.walks() {
		dist = opt.Dist
	}
	errs := make([]error, len(groups))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(groups)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range next {
				errs[k] = groups[k].solve(ctx, c, dist, supply, capacity, unplaced, topt)
			}
		}()
	}
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
			return err
		}
	}
	return nil
}

// assignFlows turns the flows of res into the assignment: each area's base
// school is the one with most of its children (its nearest when it has
// none), and an area not wholly placed at one school gets a quota. The
// areas are read in chunks on GOMAXPROCS workers, each writing only its
// own areas' entries; the quotas are gathered afterwards, chunk by chunk,
// so the answer does not depend on the schedule.
func assignFlows(c *engine.City, opt *Options, finder *Finder, res *TransportResult, supply []int32) *engine.Assignment {
	nA := len(c.Areas)
	as := &engine.Assignment{School: make([]int32, nA), Dist: make([]engine.Meters, nA)}
	quotas := make([][]areaQuota, (nA+flowChunk-1)/flowChunk)
	eachChunk(len(quotas), func(k int) {
		lo := k * flowChunk
		quotas[k] = assignChunk(c, opt, finder, res, supply, as, lo, min(lo+flowChunk, nA))
	})
	for _, qs := range quotas {
		for _, q := range qs {
			if as.Quota == nil {
				as.Quota = map[int32][]engine.QuotaShare{}
			}
			as.Quota[q.area] = q.shares
		}
	}
	as.Group(len(c.Schools))
	return as
}

// flowChunk is the number of areas assignFlows reads at a time.
const flowChunk = 4096

// areaQuota is the quota of one area: its shares, nil when none of its
// children is placed.
type areaQuota struct {
	area   int32
	shares []engine.QuotaShare
}

// assignChunk sets the base school and distance of areas lo..hi−1 in as
// and returns the quotas of those not wholly placed at one school.
func assignChunk(c *engine.City, opt *Options, finder *Finder, res *TransportResult, supply []int32, as *engine.Assignment, lo, hi int) []areaQuota {
	var quotas []areaQuota
	var shares []engine.QuotaShare
	for i := lo; i < hi; i++ {
		var best int32
		shares, best = areaShares(shares[:0], res, i)
		if best < 0 {
			n, _ := finder.NearestArea(i)
			best = int32(n)
		}
		as.School[i] = best
		if best >= 0 {
			as.Dist[i] = areaDist(c, opt, i, int(best))
		}
		// Whole and fully placed: an ordinary member. Otherwise a quota.
		if !(len(shares) == 1 && shares[0].Children == supply[i]) && supply[i] > 0 {
			q := areaQuota{area: int32(i)} // no children placed
			if len(shares) > 0 {
				q.shares = slices.Clone(shares)
			}
			quotas = append(quotas, q)
		}
	}
	return quotas
}

// eachChunk calls f(k) for k in 0..n−1 on up to GOMAXPROCS goroutines;
// f must write only what belongs to chunk k.
func eachChunk(n int, f func(k int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for k := next.Add(1) - 1; k < int64(n); k = next.Add(1) - 1 {
				f(int(k))
			}
		})
	}
	wg.Wait()
}

// areaShares appends to shares the schools holding children of area i in
// res, and returns them with the one holding most (the first of them at a
// tie; −1 when none does).
func areaShares(shares []engine.QuotaShare, res *TransportResult, i int) ([]engine.QuotaShare, int32) {
	best, bestFlow := int32(-1), int32(0)
	for j := res.Start[i]; j < res.Start[i+1]; j++ {
		if f := res.Flow[j]; f > 0 {
			shares = append(shares, engine.QuotaShare{School: res.School[j], Children: f})
			if f > bestFlow {
				best, bestFlow = res.School[j], f
			}
		}
	}
	return shares, best
}
