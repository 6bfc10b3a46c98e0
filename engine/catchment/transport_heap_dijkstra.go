package catchment

// dijkstraHeap is Dijkstra's indexed min-heap over items 0..m (schools and the
// sink, keyed by distance) and m+1+j (school j's widening check, keyed by
// when it is due); at equal keys checks come first.
type dijkstraHeap struct {
	items []int32
	pos   []int32 // index in items, −1 when absent
	key   []float64
}

func (h *dijkstraHeap) less(a, b int32) bool {
	ka, kb := h.key[a], h.key[b]
	return ka < kb || ka == kb && a > b
}

func (h *dijkstraHeap) up(k int) {
	x := h.items
	for k > 0 {
		p := (k - 1) / 2
		if !h.less(x[k], x[p]) {
			break
		}
		x[k], x[p] = x[p], x[k]
		h.pos[x[k]], h.pos[x[p]] = int32(k), int32(p)
		k = p
	}
}

func (h *dijkstraHeap) down(k int) {
	x := h.items
	for {
		c := 2*k + 1
		if c >= len(x) {
			return
		}
		if c+1 < len(x) && h.less(x[c+1], x[c]) {
			c++
		}
		if !h.less(x[c], x[k]) {
			return
		}
		x[k], x[c] = x[c], x[k]
		h.pos[x[k]], h.pos[x[c]] = int32(k), int32(c)
		k = c
	}
}

// set inserts item v with key, or moves it to key.
func (h *dijkstraHeap) set(v int32, key float64) {
	if p := h.pos[v]; p >= 0 {
		old := h.key[v]
		h.key[v] = key
		if key < old {
			h.up(int(p))
		} else {
			h.down(int(p))
		}
		return
	}
	h.key[v] = key
	h.items = append(h.items, v)
	h.pos[v] = int32(len(h.items) - 1)
	h.up(len(h.items) - 1)
}

func (h *dijkstraHeap) pop() (int32, float64) {
	x := h.items
	v := x[0]
	last := len(x) - 1
	x[0] = x[last]
	h.pos[x[0]] = 0
	h.items = x[:last]
	h.pos[v] = -1
	if last > 0 {
		h.down(0)
	}
	return v, h.key[v]
}

func (h *dijkstraHeap) clear() {
	for _, v := range h.items {
		h.pos[v] = -1
	}
	h.items = h.items[:0]
}

// reset empties h for items 0..size−1, keeping its memory.
func (h *dijkstraHeap) reset(size int) {
	h.items = h.items[:0]
	h.pos = resize(h.pos, size)
	for k := range h.pos {
		h.pos[k] = -1
	}
	h.key = resize(h.key, size)
}
