package engine

import "slices"

// streamTotals checks that no school's expansions, in year order, take it
// below zero or above MaxStreams streams.
func (k *changeChecker) streamTotals() {
	for s, es := range k.expansions {
		slices.SortStableFunc(es, func(a, b indexedExpand) int { return int(a.year - b.year) })
		for _, st := range Stages {
			n := k.schools[s].Streams[st]
			for _, e := range es {
				if e.streams[st] == 0 {
					continue
				}
				n = e.apply(n, st)
				if n < 0 || n > MaxStreams {
					k.fail(e.index, "expand", "streams", ErrInvalid, "takes %q to %d %s streams in %d: want 0 to %d",
						k.schools[s].ID, n, st, e.year, MaxStreams)
					break
				}
			}
		}
	}
}

// streams is school s's streams in stage st in year y.
func (k *changeChecker) streams(s int, st Stage, y Year) (n, last int) {
	n, last = k.schools[s].Streams[st], -1
	for _, e := range k.expansions[s] {
		if e.year <= y && e.streams[st] != 0 {
			n = e.apply(n, st)
			last = e.index
		}
	}
	return n, last
}

// runs is whether school s admits stage st in year y (as the simulation
// decides it).
func (k *changeChecker) runs(s int, st Stage, y Year) bool {
	n, _ := k.streams(s, st, y)
	return k.kindIn(s, y).Serves(st) && k.openIn(s, y) && n > 0
}

// seats checks, year by year, that every school's entry seats hold its
// shared seats and the seats it swaps. Only schools with shared seats,
// swaps or expansions can fail, so only those are walked.
func (k *changeChecker) seats() {
	watch := map[int]bool{}
	for s := range k.schools {
		sc := &k.schools[s]
		if sc.SharedSeats != ([NumStages]int{}) || sc.BaseSeats != ([NumStages]int{}) || len(k.expansions[s]) > 0 {
			watch[s] = true
		}
	}
	for _, sw := range k.swaps {
		watch[sw.schools[0]], watch[sw.schools[1]] = true, true
	}
	order := make([]int, 0, len(watch))
	for s := range watch {
		order = append(order, s)
	}
	slices.Sort(order)
	for _, s := range order {
		for _, st := range Stages {
			k.schoolSeats(s, st)
		}
	}
}

// schoolSeats checks school s in stage st, reporting the first year only.
func (k *changeChecker) schoolSeats(s int, st Stage) {
	sc := &k.schools[s]
	size := k.pol.ClassSizeFor(sc, st)
	for y := k.first; y <= k.last; y++ {
		if !k.runs(s, st, y) {
			continue
		}
		n, exp := k.streams(s, st, y)
		entry := sc.EntrySeats(st, n, size)
		reserve, swap := k.reserved(s, st, y)
		if entry >= 0 && entry >= sc.SharedSeats[st]+reserve {
			continue
		}
		k.seatProblem(s, st, y, entry, reserve, exp, swap)
		return
	}
}

// reserved is the seats school s reserves in stage st in year y for the
// swaps in force (both schools admitting the stage), and the last of those
// swaps' changes (-1: none).
func (k *changeChecker) reserved(s int, st Stage, y Year) (reserve, swap int) {
	swap = -1
	for _, sw := range k.swaps {
		if (sw.schools[0] == s || sw.schools[1] == s) && sw.year <= y && k.runs(sw.schools[0], st, y) && k.runs(sw.schools[1], st, y) {
			reserve += sw.seats
			swap = max(swap, sw.index)
		}
	}
	return reserve, swap
}

// seatProblem records why school s's entry seats in stage st in year y do
// not hold its shared and swapped seats, against the change at fault: the
// expansion exp or the swap swap (-1: none), or else the city itself.
func (k *changeChecker) seatProblem(s int, st Stage, y Year, entry, reserve, exp, swap int) {
	sc := &k.schools[s]
	switch {
	case entry < 0:
		k.fail(exp, "expand", "streams", ErrInvalid, "takes %q below zero %s entry seats in %d (%d)", sc.ID, st, y, entry)
	case reserve > 0 && sc.SharedSeats[st] > 0:
		k.fail(swap, "seat_swap", "seats", ErrInvalid, "%q has %d %s entry seats in %d: they cannot hold its %d shared seats and the %d it swaps",
			sc.ID, entry, st, y, sc.SharedSeats[st], reserve)
	case reserve > 0:
		k.fail(swap, "seat_swap", "seats", ErrInvalid, "%q has %d %s entry seats in %d: they cannot hold the %d it swaps",
			sc.ID, entry, st, y, reserve)
	case exp >= 0:
		k.fail(exp, "expand", "streams", ErrInvalid, "leaves %q %d %s entry seats in %d, fewer than its %d shared seats",
			sc.ID, entry, st, y, sc.SharedSeats[st])
	default:
		k.fail(-1, "", "", ErrInvalid, "school %q: its %d %s entry seats (class size %d under the policy) cannot hold its %d shared seats in %d",
			sc.ID, entry, st, k.pol.ClassSizeFor(sc, st), sc.SharedSeats[st], y)
	}
}
