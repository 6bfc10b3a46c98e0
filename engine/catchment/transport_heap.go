package catchment

// The binary min-heaps of the pair and widening heaps share their pop;
// each file transport_heap_*.go holds one heap.

// keyed is a heap entry: moveEntry or widenEntry.
type keyed interface {
	moveEntry | widenEntry
	heapKey() float64
}

func (e moveEntry) heapKey() float64 { return e.key }

func (e widenEntry) heapKey() float64 { return e.key }

// popHeap removes the least entry of the binary min-heap h.
func popHeap[T keyed](h *[]T) {
	x := *h
	last := len(x) - 1
	x[0] = x[last]
	x = x[:last]
	k := 0
	for {
		c := 2*k + 1
		if c >= len(x) {
			break
		}
		if c+1 < len(x) && x[c+1].heapKey() < x[c].heapKey() {
			c++
		}
		if x[k].heapKey() <= x[c].heapKey() {
			break
		}
		x[k], x[c] = x[c], x[k]
		k = c
	}
	*h = x
}
