package admit

import (
	"hash/fnv"
	"math/rand/v2"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
)

// Input is one stage-year admission round.
type Input struct {
	Stage engine.Stage
	Year  engine.Year
	// Entrants is the number of children of each area applying this year.
	Entrants []int32
	// Assign gives each area's base school.
	Assign *catchment.Assignment
	// Seats is each school's entry-grade seats this year (0 if closed).
	Seats []int32
	// Seed drives the lotteries.
	Seed uint64
}

// Result is the outcome of one round. Slices are indexed by area or school.
type Result struct {
	Admitted []int32 // per area: children admitted to their base school
	Unplaced []int32 // per area: children left without a seat

	Applicants []int32 // per school: children whose base school it is
	Taken      []int32 // per school: seats taken
}

// Base admits in.Entrants to base seats, writing into out (its slices are
// reused when long enough).
func Base(in *Input, out *Result) {
	nA, nS := len(in.Entrants), len(in.Seats)
	out.Admitted = resize(out.Admitted, nA)
	out.Unplaced = resize(out.Unplaced, nA)
	out.Applicants = resize(out.Applicants, nS)
	out.Taken = resize(out.Taken, nS)
	for i, s := range in.Assign.School {
		if s < 0 {
			out.Unplaced[i] = in.Entrants[i]
		}
	}
	for s := 0; s < nS; s++ {
		members := in.Assign.Members(s)
		var total int32
		for _, a := range members {
			total += in.Entrants[a]
		}
		out.Applicants[s] = total
		if total <= in.Seats[s] {
			for _, a := range members {
				out.Admitted[a] = in.Entrants[a]
			}
			out.Taken[s] = total
			continue
		}
		out.Taken[s] = admitByDistance(in, out, s, members)
	}
}

// admitByDistance fills an oversubscribed school nearest first, with a
// lottery among the areas at the distance where the seats run out.
func admitByDistance(in *Input, out *Result, s int, members []int32) int32 {
	left := in.Seats[s]
	dist := in.Assign.Dist
	for i := 0; i < len(members) && left > 0; {
		j := i + 1
		for j < len(members) && dist[members[j]] == dist[members[i]] {
			j++
		}
		tied := members[i:j]
		var want int32
		for _, a := range tied {
			want += in.Entrants[a]
		}
		if want <= left {
			for _, a := range tied {
				out.Admitted[a] = in.Entrants[a]
			}
			left -= want
		} else {
			lottery(in, out, s, tied, left)
			left = 0
		}
		i = j
	}
	for _, a := range members {
		out.Unplaced[a] = in.Entrants[a] - out.Admitted[a]
	}
	return in.Seats[s] - left
}

// lottery draws seats children one by one, without replacement, from the
// tied areas' children.
func lottery(in *Input, out *Result, s int, tied []int32, seats int32) {
	rng := rand.New(rand.NewPCG(in.Seed, roundKey(in.Stage, in.Year, s)))
	left := make([]int32, len(tied))
	var pool int32
	for k, a := range tied {
		left[k] = in.Entrants[a]
		out.Admitted[a] = 0
		pool += left[k]
	}
	for ; seats > 0 && pool > 0; seats-- {
		r := rng.Int32N(pool)
		k := 0
		for r >= left[k] {
			r -= left[k]
			k++
		}
		left[k]--
		pool--
		out.Admitted[tied[k]]++
	}
}

// roundKey names a lottery so that every school, stage and year draws its
// own stream from the one seed.
func roundKey(st engine.Stage, y engine.Year, school int) uint64 {
	h := fnv.New64a()
	var b [24]byte
	put := func(off int, v uint64) {
		for i := 0; i < 8; i++ {
			b[off+i] = byte(v >> (8 * i))
		}
	}
	put(0, uint64(st))
	put(8, uint64(y))
	put(16, uint64(school))
	h.Write(b[:])
	return h.Sum64()
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	s = s[:n]
	clear(s)
	return s
}
