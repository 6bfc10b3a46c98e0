package engine

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Assignment is the base school of every area for one stage.
type Assignment struct {
	// School is each area's base school index, or -1 when no open school
	// can serve it.
	School []int32
	// Dist is the distance from each area to its base school.
	Dist []Meters

	// Multi lists, for areas of a multi-school catchment (多校划片), all
	// their base schools (School holds the first). Such areas are not
	// among any school's Members: admission draws them by lottery.
	Multi map[int32][]int32

	// Quota, for balanced catchments that split areas, gives the base
	// seats each split area holds at each school (School holds the school
	// with the most). Such areas are not among any school's Members.
	Quota map[int32][]QuotaShare

	// start and members group areas by school: the areas of school s are
	// members[start[s]:start[s+1]], by distance then area index.
	start   []int32
	members []int32
}

// QuotaShare is a number of children of an area with base seats at a school.
type QuotaShare struct {
	School   int32
	Children int32
}

// single reports whether area i applies to one school as a member.
func (a *Assignment) single(i int) bool {
	return a.Multi[int32(i)] == nil && a.Quota[int32(i)] == nil
}

// Members returns the areas assigned to school s, nearest first. The slice
// belongs to the Assignment.
func (a *Assignment) Members(s int) []int32 {
	return a.members[a.start[s]:a.start[s+1]]
}

// Group builds the per-school member lists; catchment rules call it once
// School, Dist, Multi and Quota are set.
func (a *Assignment) Group(schools int) {
	shared := a.notSingle()
	a.start = make([]int32, schools+1)
	for i, s := range a.School {
		if s >= 0 && !shared[i] {
			a.start[s+1]++
		}
	}
	for s := 0; s < schools; s++ {
		a.start[s+1] += a.start[s]
	}
	a.members = make([]int32, a.start[schools])
	fill := slices.Clone(a.start[:schools])
	for i, s := range a.School {
		if s >= 0 && !shared[i] {
			a.members[fill[s]] = int32(i)
			fill[s]++
		}
	}
	a.sortMembers(schools)
}

// notSingle marks the areas of a multi-school catchment or with quotas
// (those single reports false for), from the maps' keys.
func (a *Assignment) notSingle() []bool {
	marks := make([]bool, len(a.School))
	for i, l := range a.Multi {
		if l != nil && i >= 0 && int(i) < len(marks) {
			marks[i] = true
		}
	}
	for i, q := range a.Quota {
		if q != nil && i >= 0 && int(i) < len(marks) {
			marks[i] = true
		}
	}
	return marks
}

// parallelMembers is the number of members from which Group sorts on
// several goroutines.
const parallelMembers = 1 << 14

// sortMembers sorts each school's members by distance, then area index,
// on up to GOMAXPROCS goroutines (one for a small city); each sorts whole
// schools, and the order is total, so the lists do not depend on the
// schedule.
func (a *Assignment) sortMembers(schools int) {
	workers := min(runtime.GOMAXPROCS(0), schools)
	if len(a.members) < parallelMembers {
		workers = min(1, schools)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			var keys []memberKey
			for s := next.Add(1) - 1; s < int64(schools); s = next.Add(1) - 1 {
				keys = a.sortSchool(a.members[a.start[s]:a.start[s+1]], keys)
			}
		})
	}
	wg.Wait()
}

// memberKey is a member area and its distance, side by side for sorting.
type memberKey struct {
	dist Meters
	area int32
}

// sortSchool sorts the members m of one school by distance, then area
// index, through keys (scratch, returned for the next school).
func (a *Assignment) sortSchool(m []int32, keys []memberKey) []memberKey {
	keys = keys[:0]
	for _, i := range m {
		keys = append(keys, memberKey{a.Dist[i], i})
	}
	slices.SortFunc(keys, func(x, y memberKey) int {
		if c := cmp.Compare(x.dist, y.dist); c != 0 {
			return c
		}
		return cmp.Compare(x.area, y.area)
	})
	for k := range keys {
		m[k] = keys[k].area
	}
	return keys
}
