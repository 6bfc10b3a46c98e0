package catchment

// pairTable maps a pair of schools a → b (b = m: unplaced) to the index of
// its heap in pairHeaps. The pairs to the sink are a direct slice by
// school; the others an open-addressed table with linear probing. Both
// keep their memory from one solve to the next.
type pairTable struct {
	sink  []int32    // per school a, 1 + the index of a → m; 0: none
	slots []pairSlot // a power of two in length, at most half used
	shift uint       // 64 - log2(len(slots))
	used  int
}

// pairSlot is one slot of the table: the pair's key a<<32 | b and 1 + its
// index; id 0 marks an empty slot.
type pairSlot struct {
	key uint64
	id  int32
}

// minPairBits is the base-2 logarithm of the table's least length.
const (
	minPairBits  = 10
	minPairSlots = 1 << minPairBits
)

// reset empties t for a problem of m schools.
func (t *pairTable) reset(m int) {
	t.sink = zeroedTo(t.sink, m)
	if t.slots == nil {
		t.slots, t.shift = make([]pairSlot, minPairSlots), 64-minPairBits
	}
	clear(t.slots)
	t.used = 0
}

// pairKey is the table's key of the pair a → b.
func pairKey(a, b int32) uint64 { return uint64(a)<<32 | uint64(b) }

// home is the slot where key's probe starts (Fibonacci hashing).
func (t *pairTable) home(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> t.shift)
}

// find returns the index of pair a → b, or -1 if t does not hold it; b
// equal to sink (the schools' count) is the pair to unplaced.
func (t *pairTable) find(a, b, sink int32) int32 {
	if b == sink {
		return t.sink[a] - 1
	}
	key := pairKey(a, b)
	mask := len(t.slots) - 1
	for k := t.home(key); ; k = (k + 1) & mask {
		sl := &t.slots[k]
		if sl.id == 0 || sl.key == key {
			return sl.id - 1
		}
	}
}

// lookup is find for a table that may be of another problem (the last
// solve's) or never reset: the sink is its own schools' count.
func (t *pairTable) lookup(a, b int32) int32 {
	sink := int32(len(t.sink))
	if (b == sink && a >= sink) || len(t.slots) == 0 {
		return -1
	}
	return t.find(a, b, sink)
}

// add records that pair a → b, absent from t, has index id.
func (t *pairTable) add(a, b, sink, id int32) {
	if b == sink {
		t.sink[a] = id + 1
		return
	}
	if 2*(t.used+1) > len(t.slots) {
		t.grow()
	}
	t.put(pairKey(a, b), id+1)
	t.used++
}

// put stores key with the stored id sid in its first empty slot.
func (t *pairTable) put(key uint64, sid int32) {
	mask := len(t.slots) - 1
	k := t.home(key)
	for t.slots[k].id != 0 {
		k = (k + 1) & mask
	}
	t.slots[k] = pairSlot{key: key, id: sid}
}

// grow doubles the table, keeping its pairs.
func (t *pairTable) grow() {
	old := t.slots
	t.slots, t.shift = make([]pairSlot, 2*len(old)), t.shift-1
	for _, sl := range old {
		if sl.id != 0 {
			t.put(sl.key, sl.id)
		}
	}
}
