package network

// minHeap is a binary heap of (distance, id) packed in one word, distance
// high, so that ties go to the lower id and the order is deterministic.
// Stale entries are left in and skipped when popped (no decrease-key).
type minHeap []uint64

func pack(d Decimetres, id int32) uint64 { return uint64(uint32(d))<<32 | uint64(uint32(id)) }

func (h *minHeap) push(d Decimetres, id int32) {
	a := append(*h, pack(d, id))
	i := len(a) - 1
	for i > 0 {
		p := (i - 1) / 2
		if a[p] <= a[i] {
			break
		}
		a[p], a[i] = a[i], a[p]
		i = p
	}
	*h = a
}

func (h *minHeap) pop() (Decimetres, int32) {
	a := *h
	top := a[0]
	n := len(a) - 1
	a[0] = a[n]
	a = a[:n]
	for i := 0; ; {
		c := 2*i + 1
		if c >= n {
			break
		}
		if c+1 < n && a[c+1] < a[c] {
			c++
		}
		if a[i] <= a[c] {
			break
		}
		a[i], a[c] = a[c], a[i]
		i = c
	}
	*h = a
	return Decimetres(top >> 32), int32(uint32(top))
}
