package catchment

// widenEntry is an area due for widening: key = hid − c_from. Its stamp is
// the area's when it was pushed: while the area's stays the same, neither
// its hid nor its arcs' gens have changed, so the entry is live.
type widenEntry struct {
	key   float64
	area  int32
	from  int32
	gen   uint32
	stamp uint32
}

// widenTop returns the live top of school j's widening heap, dropping
// stale entries (their arc emptied, or the area's hid changed), or nil.
func (s *sspSolver) widenTop(j int32) *widenEntry {
	h := &s.widenHeaps[j]
	if !s.widenDirty[j] {
		if len(*h) == 0 {
			return nil
		}
		return &(*h)[0]
	}
	s.widenDirty[j] = false
	for len(*h) > 0 {
		e := &(*h)[0]
		if s.areaStamp[e.area] == e.stamp {
			return e // one read instead of the area's list, arc and hid
		}
		a := &s.arcs[e.area][e.from]
		if a.flow > 0 && a.gen == e.gen && e.key == s.hiddenBound[e.area]-a.cost {
			return e
		}
		popWiden(h)
	}
	return nil
}

// pushWiden pushes e onto school j's widening heap.
func (s *sspSolver) pushWiden(j int32, e widenEntry) {
	s.widenHeaps[j] = append(s.widenHeaps[j], e)
	h := s.widenHeaps[j]
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if h[p].key <= h[k].key {
			break
		}
		h[p], h[k] = h[k], h[p]
		k = p
	}
}
