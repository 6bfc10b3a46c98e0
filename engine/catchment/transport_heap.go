package catchment

// The pair and widening heaps are binary min-heaps on their entries' keys
// that pop alike; each file transport_heap_*.go holds one heap. The pops
// are written out per entry type, so that the key is read in place.

// popPair removes the least entry of the pair heap h.
func popPair(h *[]moveEntry) {
	x := *h
	last := len(x) - 1
	e := x[last]
	x = x[:last]
	*h = x
	if last == 0 {
		return
	}
	k := 0
	for {
		c := 2*k + 1
		if c >= last {
			break
		}
		if c+1 < last && x[c+1].key < x[c].key {
			c++
		}
		if e.key <= x[c].key {
			break
		}
		x[k] = x[c]
		k = c
	}
	x[k] = e
}

// popWiden removes the least entry of the widening heap h.
func popWiden(h *[]widenEntry) {
	x := *h
	last := len(x) - 1
	e := x[last]
	x = x[:last]
	*h = x
	if last == 0 {
		return
	}
	k := 0
	for {
		c := 2*k + 1
		if c >= last {
			break
		}
		if c+1 < last && x[c+1].key < x[c].key {
			c++
		}
		if e.key <= x[c].key {
			break
		}
		x[k] = x[c]
		k = c
	}
	x[k] = e
}
