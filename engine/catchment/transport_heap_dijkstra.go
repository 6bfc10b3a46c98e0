package catchment

import "math"

// dijkstraHeap is Dijkstra's indexed min-heap over items 0..m (schools and the
// sink, keyed by distance) and m+1+j (school j's widening check, keyed by
// when it is due); at equal keys checks come first. The order is total
// (key, then item), so the pops do not depend on the heap's shape.
//
// Each slot holds its key beside its item, so that a comparison reads
// the slots it compares and nothing else.
//
// An item set above bound is not kept: the caller sets bound to the key of
// an item whose pop ends the search (and lowers it only with such items,
// which are kept), so an item above it would never be popped. Most of the
// schools a search reaches are never settled; they are not pushed.
type dijkstraHeap struct {
	items []dijkstraSlot
	pos   []int32 // index in items, −1 when absent
	bound float64 // items set above it are left out
}

// dijkstraSlot is an item of the heap and its key.
type dijkstraSlot struct {
	key float64
	v   int32
}

// before reports whether slot a comes before slot b.
func (a dijkstraSlot) before(b dijkstraSlot) bool {
	return a.key < b.key || a.key == b.key && a.v > b.v
}

// up moves the slot at k towards the root to its place.
func (h *dijkstraHeap) up(k int) {
	x := h.items
	e := x[k]
	for k > 0 {
		p := (k - 1) / 2
		if !e.before(x[p]) {
			break
		}
		x[k] = x[p]
		h.pos[x[k].v] = int32(k)
		k = p
	}
	x[k] = e
	h.pos[e.v] = int32(k)
}

// down moves the slot at k towards the leaves to its place.
func (h *dijkstraHeap) down(k int) {
	x := h.items
	e := x[k]
	n := len(x)
	for {
		c := 2*k + 1
		if c >= n {
			break
		}
		if c+1 < n && x[c+1].before(x[c]) {
			c++
		}
		if !x[c].before(e) {
			break
		}
		x[k] = x[c]
		h.pos[x[k].v] = int32(k)
		k = c
	}
	x[k] = e
	h.pos[e.v] = int32(k)
}

// set inserts item v with key, or moves it to key.
func (h *dijkstraHeap) set(v int32, key float64) {
	if p := h.pos[v]; p >= 0 {
		old := h.items[p].key
		h.items[p].key = key
		if key < old {
			h.up(int(p))
		} else {
			h.down(int(p))
		}
		return
	}
	if key > h.bound {
		return // never popped
	}
	h.items = append(h.items, dijkstraSlot{key: key, v: v})
	h.up(len(h.items) - 1)
}

// pop removes the first item and returns it with its key.
func (h *dijkstraHeap) pop() (int32, float64) {
	x := h.items
	top := x[0]
	last := len(x) - 1
	x[0] = x[last]
	h.items = x[:last]
	h.pos[top.v] = -1
	if last > 0 {
		h.down(0)
	}
	return top.v, top.key
}

func (h *dijkstraHeap) clear() {
	for _, e := range h.items {
		h.pos[e.v] = -1
	}
	h.items = h.items[:0]
	h.bound = math.Inf(1)
}

// reset empties h for items 0..size−1, keeping its memory.
func (h *dijkstraHeap) reset(size int) {
	h.items = h.items[:0]
	h.bound = math.Inf(1)
	h.pos = resize(h.pos, size)
	for k := range h.pos {
		h.pos[k] = -1
	}
}
