package admit

import (
	"cmp"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
)

// ErrSeats is wrapped by errors in a school's admission plan.
var ErrSeats = errors.New("admit: bad admission plan")

// Swap reserves Seats of School's base seats for children of District.
type Swap struct {
	School   int32
	District int32
	Seats    int32
}

// Input is one stage-year admission round.
type Input struct {
	City  *engine.City
	Stage engine.Stage
	Year  engine.Year
	// Policy gives the shared-seat rules, the placement and the seed.
	Policy *engine.Policy

	// Entrants is the number of children of each area applying this year.
	Entrants []int32
	// Assign gives each area's base school(s).
	Assign *engine.Assignment

	// Per school (index as in City.Schools): entry-grade seats this year
	// (0 when closed), the part of them that is shared, the sharing zone
	// (-1: none) and, for oversize placement, how many more children the
	// entry grade can squeeze in.
	Seats    []int32
	Shared   []int32
	Zone     []int32
	Oversize []int32

	// Swaps are the seat-swap reservations in force.
	Swaps []Swap

	// Dist measures the distances of shared-seat priority, placement and
	// swaps; nil measures straight lines (distance.go).
	Dist engine.Distances

	// Progressions give primary leavers priority at junior base seats
	// (nine-year schools and feeder primaries), in order; nil for none.
	Progressions []Progression
}

// Result is the outcome of one round. Its slices are reused by the next
// call when long enough.
type Result struct {
	// Per area: children admitted by any route, and those admitted to
	// their single base school (Assign.School) by the base route.
	Admitted []int32
	Base     []int32
	// Other lists every admission besides Base, by area, route and school.
	Other []Admission

	// Per school: children whose base school it is (the first listed, for
	// multi-school catchments), seats taken by each route, and the
	// children of its catchment left unplaced.
	Applicants []int32
	Taken      [NumRoutes][]int32 // RouteUnplaced: its catchment's unplaced
}

// Admit runs the round described in the package doc.
func Admit(in *Input, out *Result) error {
	r, err := newRound(in, out)
	if err != nil {
		return err
	}
	r.progressions()
	r.quotas()
	r.base()
	r.multi()
	r.swaps()
	r.shared()
	switch in.Policy.Placement {
	case engine.PlaceNearest:
		r.placeNearest()
	case engine.PlaceOversize:
		r.placeOversize()
	}
	r.finish()
	return nil
}

// round is the state of one Admit call.
type round struct {
	in  *Input
	out *Result
	// left is each area's children still without a seat; room is each
	// school's base seats still free (own catchment), free its entry
	// seats still free (any route).
	left    []int32
	room    []int32
	free    []int32
	reserve []int32 // per school: base seats reserved for swaps
	pending []int32 // areas with children left, after the base rounds
	// plain is true when no area is in a multi-school catchment or holds a
	// balanced quota, so every base admission is at the single base school.
	plain bool
}

// newRound starts the round of in into out: out's slices sized and
// cleared, each school's base room worked out and its applicants counted.
func newRound(in *Input, out *Result) (*round, error) {
	nA, nS := len(in.Entrants), len(in.Seats)
	out.reset(nA, nS)
	r := &round{in: in, out: out,
		left: slices.Clone(in.Entrants), room: make([]int32, nS), free: slices.Clone(in.Seats), reserve: make([]int32, nS),
		plain: len(in.Assign.Multi) == 0 && len(in.Assign.Quota) == 0}
	if err := r.rooms(); err != nil {
		return nil, err
	}
	for i, s := range in.Assign.School {
		if s >= 0 {
			out.Applicants[s] += in.Entrants[i]
		}
	}
	return r, nil
}

// reset sizes out for nA areas and nS schools, every count 0, reusing its
// slices when long enough.
func (out *Result) reset(nA, nS int) {
	out.Admitted = resize(out.Admitted, nA)
	out.Base = resize(out.Base, nA)
	out.Other = out.Other[:0]
	out.Applicants = resize(out.Applicants, nS)
	for k := range out.Taken {
		out.Taken[k] = resize(out.Taken[k], nS)
	}
}

// rooms sets each open school's base room: its entry seats less its shared
// seats and the seats reserved for swaps; an error (ErrSeats) when they do
// not fit.
func (r *round) rooms() error {
	in := r.in
	for _, sw := range in.Swaps {
		r.reserve[sw.School] += sw.Seats
	}
	for s := range in.Seats {
		r.room[s] = in.Seats[s] - in.Shared[s] - r.reserve[s]
		if in.Seats[s] > 0 && (in.Shared[s] < 0 || r.room[s] < 0) {
			return fmt.Errorf("%w: %s %d school %q: %d entry seats cannot hold %d shared and %d swapped seats",
				ErrSeats, in.Stage, in.Year, in.City.Schools[s].ID, in.Seats[s], in.Shared[s], r.reserve[s])
		}
		if in.Seats[s] == 0 {
			r.room[s] = 0
		}
	}
	return nil
}

// take records n children of area a admitted to school s by route.
func (r *round) take(a, s int32, route Route, n int32) {
	if n <= 0 {
		return
	}
	r.left[a] -= n
	r.free[s] -= n
	r.out.Admitted[a] += n
	r.out.Taken[route][s] += n
	if route == RouteBase && s == r.in.Assign.School[a] && (r.plain || r.in.Assign.Multi[a] == nil && r.in.Assign.Quota[a] == nil) {
		r.out.Base[a] += n
		return
	}
	r.out.Other = append(r.out.Other, Admission{Area: a, School: s, Route: route, Students: n})
}

// base fills each school's base seats from its single-school catchment,
// nearest areas first.
func (r *round) base() {
	for s := range r.in.Seats {
		r.byDistance(int32(s), r.in.Assign.Members(s))
	}
}

// byDistance gives school s's free base seats (room) to members, nearest
// first, with a lottery among the areas tied where the seats run out.
func (r *round) byDistance(s int32, members []int32) {
	dist := r.in.Assign.Dist
	for i := 0; i < len(members) && r.room[s] > 0; {
		j := i + 1
		for j < len(members) && dist[members[j]] == dist[members[i]] {
			j++
		}
		tied := members[i:j]
		var want int32
		for _, a := range tied {
			want += r.left[a]
		}
		if want <= r.room[s] {
			// Members are single-school areas: their base admissions
			// are counted in Base, not listed.
			for _, a := range tied {
				n := r.left[a]
				r.left[a] = 0
				r.out.Admitted[a] += n
				r.out.Base[a] += n
			}
			r.free[s] -= want
			r.out.Taken[RouteBase][s] += want
			r.room[s] -= want
		} else {
			got := r.lottery(tied, r.room[s], key(r.in, 'b', int64(s)))
			for k, a := range tied {
				r.take(a, s, RouteBase, got[k])
			}
			r.room[s] = 0
		}
		i = j
	}
}

// lottery draws seats children one by one, without replacement, from the
// children left in areas, and returns how many each area won.
func (r *round) lottery(areas []int32, seats int32, k uint64) []int32 {
	rng := rand.New(rand.NewPCG(r.in.Policy.Seed, k))
	pool := make([]int32, len(areas))
	var total int32
	for i, a := range areas {
		pool[i] = r.left[a]
		total += pool[i]
	}
	won := make([]int32, len(areas))
	for ; seats > 0 && total > 0; seats-- {
		i := pick(rng, pool, total)
		pool[i]--
		total--
		won[i]++
	}
	return won
}

// pick draws an index with odds in proportion to weights (total > 0).
func pick(rng *rand.Rand, weights []int32, total int32) int {
	x := rng.Int32N(total)
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	panic("admit: pick: weights do not add up to total")
}

// quotas gives split areas of a balanced catchment their base seats at
// each school.
func (r *round) quotas() {
	q := r.in.Assign.Quota
	if len(q) == 0 {
		return
	}
	areas := make([]int32, 0, len(q))
	for a := range q {
		areas = append(areas, a)
	}
	slices.Sort(areas)
	for _, a := range areas {
		for _, sh := range q[a] {
			if n := min(sh.Children, r.left[a], r.room[sh.School]); n > 0 {
				r.take(a, sh.School, RouteBase, n)
				r.room[sh.School] -= n
			}
		}
	}
}

// multi draws the children of multi-school catchments, one at a time in a
// seeded order, each to one of its area's schools with base seats left.
func (r *round) multi() {
	if len(r.in.Assign.Multi) == 0 {
		return
	}
	areas := make([]int32, 0, len(r.in.Assign.Multi))
	for a := range r.in.Assign.Multi {
		areas = append(areas, a)
	}
	slices.Sort(areas)
	rng := rand.New(rand.NewPCG(r.in.Policy.Seed, key(r.in, 'm', 0)))
	pool := make([]int32, len(areas))
	var total int32
	for i, a := range areas {
		pool[i] = r.left[a]
		total += pool[i]
	}
	var weights []int32
	for total > 0 {
		i := pick(rng, pool, total)
		a := areas[i]
		schools := r.in.Assign.Multi[a]
		weights = weights[:0]
		var seats int32
		for _, s := range schools {
			weights = append(weights, r.room[s])
			seats += r.room[s]
		}
		if seats == 0 {
			// No seat left for this area: its children stay for the
			// later rounds.
			total -= pool[i]
			pool[i] = 0
			continue
		}
		s := schools[pick(rng, weights, seats)]
		r.take(a, s, RouteBase, 1)
		r.room[s]--
		pool[i]--
		total--
	}
}

// key names a lottery so that every stage, year, round and school draws
// its own stream from the one seed.
func key(in *Input, round byte, id int64) uint64 {
	h := fnv.New64a()
	var b [25]byte
	put := func(off int, v uint64) {
		for i := 0; i < 8; i++ {
			b[off+i] = byte(v >> (8 * i))
		}
	}
	put(0, uint64(in.Stage))
	put(8, uint64(in.Year))
	put(16, uint64(id))
	b[24] = round
	h.Write(b[:])
	return h.Sum64()
}

// pendingAreas lists the areas with children left, in index order.
func (r *round) pendingAreas() []int32 {
	r.pending = r.pending[:0]
	for a, n := range r.left {
		if n > 0 {
			r.pending = append(r.pending, int32(a))
		}
	}
	return r.pending
}

// finish sorts Other, one row per area, route and school, and counts
// each school's unplaced catchment children.
func (r *round) finish() {
	r.out.Other = mergeAdmissions(r.out.Other)
	for a, n := range r.left {
		if s := r.in.Assign.School[a]; n > 0 && s >= 0 {
			r.out.Taken[RouteUnplaced][s] += n
		}
	}
}

// mergeAdmissions sorts ads by area, route and school and merges the rows
// of one area, route and school into one, in place.
func mergeAdmissions(ads []Admission) []Admission {
	slices.SortFunc(ads, compareAdmissions)
	merged := ads[:0]
	for _, ad := range ads {
		if k := len(merged) - 1; k >= 0 && compareAdmissions(merged[k], ad) == 0 {
			merged[k].Students += ad.Students
			continue
		}
		merged = append(merged, ad)
	}
	return merged
}

// compareAdmissions orders admissions by area, route and school.
func compareAdmissions(x, y Admission) int {
	if c := cmp.Compare(x.Area, y.Area); c != 0 {
		return c
	}
	if c := cmp.Compare(x.Route, y.Route); c != 0 {
		return c
	}
	return cmp.Compare(x.School, y.School)
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// Total is the children school s admitted by every route.
func (r *Result) Total(s int) int32 {
	var n int32
	for k := RouteBase; k < RouteUnplaced; k++ {
		n += r.Taken[k][s]
	}
	return n
}
