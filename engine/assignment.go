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
	a.start = make([]int32, schools+1)
	for i, s := range a.School {
		if s >= 0 && a.single(i) {
			a.start[s+1]++
		}
	}
	for s := 0; s < schools; s++ {
		a.start[s+1] += a.start[s]
	}
	a.members = make([]int32, a.start[schools])
	fill := slices.Clone(a.start[:schools])
	for i, s := range a.School {
		if s >= 0 && a.single(i) {
			a.members[fill[s]] = int32(i)
			fill[s]++
		}
	}
	a.sortMembers(schools)
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
			for s := next.Add(1) - 1; s < int64(schools); s = next.Add(1) - 1 {
				m := a.members[a.start[s]:a.start[s+1]]
				slices.SortFunc(m, func(x, y int32) int {
					if c := cmp.Compare(a.Dist[x], a.Dist[y]); c != 0 {
						return c
					}
					return cmp.Compare(x, y)
				})
			}
		})
	}
	wg.Wait()
}
