package admit

import (
	"cmp"
	"math/rand/v2"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// shared gives out the shared seats of each sharing zone to the children
// of its schools' catchments still without a seat, zone by zone in index
// order.
func (r *round) shared() {
	zones := r.zoneSchools()
	if len(zones) == 0 {
		return
	}
	pool := r.sharedPools(zones)
	applicants := r.zoneApplicants()
	ids := make([]int32, 0, len(zones))
	for z := range zones {
		ids = append(ids, z)
	}
	slices.Sort(ids)
	for _, z := range ids {
		if len(applicants[z]) == 0 {
			continue
		}
		if r.in.Policy.Shared.Priority == engine.ByLottery {
			r.sharedLottery(z, zones[z], applicants[z], pool)
		} else {
			r.sharedByDistance(zones[z], applicants[z], pool)
		}
	}
}

// zoneSchools lists each sharing zone's schools with seats this year.
func (r *round) zoneSchools() map[int32][]int32 {
	zones := map[int32][]int32{}
	for s, z := range r.in.Zone {
		if z >= 0 && r.in.Seats[s] > 0 {
			zones[z] = append(zones[z], int32(s))
		}
	}
	return zones
}

// sharedPools is each zone school's pool: its shared seats, plus its
// unused base seats when the policy releases them. A base seat given from
// the pool leaves room too.
func (r *round) sharedPools(zones map[int32][]int32) map[int32]int32 {
	pool := make(map[int32]int32)
	for _, schools := range zones {
		for _, s := range schools {
			pool[s] = r.in.Shared[s]
			if r.in.Policy.Shared.ReleaseUnusedBase {
				pool[s] += r.room[s]
			}
		}
	}
	return pool
}

// zoneApplicants lists, per sharing zone, the areas with children still
// without a seat whose base school is in the zone, in index order.
func (r *round) zoneApplicants() map[int32][]int32 {
	in := r.in
	applicants := map[int32][]int32{}
	for _, a := range r.pendingAreas() {
		if s := in.Assign.School[a]; s >= 0 && in.Zone[s] >= 0 {
			applicants[in.Zone[s]] = append(applicants[in.Zone[s]], a)
		}
	}
	return applicants
}

// takeShared admits n children of a to zone school s from its pool.
func (r *round) takeShared(a, s int32, n int32, pool map[int32]int32) {
	r.take(a, s, RouteShared, n)
	pool[s] -= n
}

type pair struct {
	area, school int32
	d            geo.Meters
}

// pairs lists (area, school) with distances, nearest first.
func (r *round) pairs(areas, schools []int32) []pair {
	c := r.in.City
	ps := make([]pair, 0, len(areas)*len(schools))
	for _, a := range areas {
		for _, s := range schools {
			if d := r.dist(c, a, s); d != unreachable {
				ps = append(ps, pair{a, s, d})
			}
		}
	}
	sortPairs(ps)
	return ps
}

func sortPairs(ps []pair) {
	slices.SortFunc(ps, func(x, y pair) int {
		if k := cmp.Compare(x.d, y.d); k != 0 {
			return k
		}
		if k := cmp.Compare(x.area, y.area); k != 0 {
			return k
		}
		return cmp.Compare(x.school, y.school)
	})
}

func (r *round) sharedByDistance(schools, areas []int32, pool map[int32]int32) {
	for _, p := range r.pairs(areas, schools) {
		if n := min(r.left[p.area], pool[p.school]); n > 0 {
			r.takeShared(p.area, p.school, n, pool)
		}
	}
}

func (r *round) sharedLottery(z int32, schools, areas []int32, pool map[int32]int32) {
	rng := rand.New(rand.NewPCG(r.in.Policy.Seed, key(r.in, 's', int64(z))))
	weights := make([]int32, len(areas))
	var total, seats int32
	for i, a := range areas {
		weights[i] = r.left[a]
		total += weights[i]
	}
	for _, s := range schools {
		seats += pool[s]
	}
	// Each area's zone schools, nearest first, computed once.
	order := make([][]int32, len(areas))
	for total > 0 && seats > 0 {
		i := pick(rng, weights, total)
		a := areas[i]
		if order[i] == nil {
			ps := r.pairs([]int32{a}, schools)
			for _, p := range ps {
				order[i] = append(order[i], p.school)
			}
		}
		for _, s := range order[i] {
			if pool[s] > 0 {
				r.takeShared(a, s, 1, pool)
				seats--
				break
			}
		}
		weights[i]--
		total--
	}
}
