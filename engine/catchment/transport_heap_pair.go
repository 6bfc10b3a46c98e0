package catchment

// moveEntry is an area that could move children from school `from` arc to
// the `to` arc (−1: unplaced) of its list, at cost key = c_to − c_from.
type moveEntry struct {
	key      float64
	area     int32
	from, to int32
	gen      uint32
}

type pairHeap struct {
	from  int32
	to    int32 // school, or m for unplaced
	dirty bool  // the top may be stale
	pos   int32 // index in out[from], −1 when emptied and left out
	h     []moveEntry
}
