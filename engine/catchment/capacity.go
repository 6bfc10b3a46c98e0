package catchment

import (
	"context"
	"fmt"

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
	// K is the number of nearest schools first offered to each area; 0 =
	// 8. The solver widens an area's list whenever a farther school could
	// lower the cost, so K changes speed, not the answer.
	K int
	// Warm carries the previous solution's prices (e.g. last year's).
	Warm *TransportResult
}

// Balance assigns areas to open schools of opt.Stage so that the total
// distance children travel is least while no school takes more than
// capacity[s] of them (its base seats), leaving children without a base
// seat only where that costs less than opt.Unplaced each. supply is the
// children of each area. Areas stay whole unless bo.Split.
//
// An area left wholly without a base seat keeps its nearest school as base
// school with a zero quota, so that shared seats and placement still know
// where it belongs.
func Balance(ctx context.Context, c *engine.City, opt Options, supply, capacity []int32, bo *BalanceOptions) (*Assignment, *TransportResult, error) {
	if bo == nil {
		bo = &BalanceOptions{}
	}
	k := bo.K
	if k <= 0 {
		k = 8
	}
	unplaced := bo.Unplaced
	if unplaced <= 0 {
		unplaced = 50000
	}
	finder := NewFinder(c, opt)
	nA := len(c.Areas)
	p := &TransportProblem{Supply: supply, Capacity: capacity, Start: make([]int32, nA+1), Unplaced: float64(unplaced)}
	var near, buf []int
	for i := range c.Areas {
		a := &c.Areas[i]
		near, buf = finder.KNearest(near[:0], buf, a.District, a.Point, k)
		for _, s := range near {
			p.School = append(p.School, int32(s))
			p.Cost = append(p.Cost, float64(geo.Distance(a.Point, c.Schools[s].Point)))
		}
		p.Start[i+1] = int32(len(p.School))
	}
	p.Widen = func(i int, maxCost float64, dst []Arc) []Arc {
		a := &c.Areas[i]
		have := int(p.Start[i+1] - p.Start[i])
		var list, scratch []int
		for kk := 2 * max(have, k); ; kk *= 2 {
			list, scratch = finder.KNearest(list[:0], scratch, a.District, a.Point, kk)
			last := list[len(list)-1:]
			if len(list) < kk || len(last) == 0 || float64(geo.Distance(a.Point, c.Schools[last[0]].Point)) >= maxCost {
				break
			}
		}
		for _, s := range list {
			d := float64(geo.Distance(a.Point, c.Schools[s].Point))
			if d >= maxCost {
				break
			}
			dst = append(dst, Arc{School: int32(s), Cost: d})
		}
		return dst
	}
	res, err := SolveTransport(ctx, p, &TransportOptions{Split: bo.Split, Warm: bo.Warm})
	if err != nil {
		return nil, nil, fmt.Errorf("catchment: balanced %s: %w", opt.Stage, err)
	}
	as := &Assignment{School: make([]int32, nA), Dist: make([]engine.Meters, nA)}
	for i := range c.Areas {
		a := &c.Areas[i]
		best, bestFlow := int32(-1), int32(0)
		var shares []Share
		for j := res.Start[i]; j < res.Start[i+1]; j++ {
			if f := res.Flow[j]; f > 0 {
				shares = append(shares, Share{School: res.School[j], Children: f})
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
				as.Quota = map[int32][]Share{}
			}
			as.Quota[int32(i)] = shares
		}
	}
	as.group(len(c.Schools))
	return as, res, nil
}
