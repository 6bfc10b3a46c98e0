package catchment

// tentry is an area due for widening: key = hid − c_from.
type tentry struct {
	key  float64
	area int32
	from int32
	gen  uint32
}

func (s *sspSolver) tokTop(j int32) *tentry {
	h := &s.tok[j]
	if !s.tokDirty[j] {
		if len(*h) == 0 {
			return nil
		}
		return &(*h)[0]
	}
	s.tokDirty[j] = false
	for len(*h) > 0 {
		e := &(*h)[0]
		a := &s.lists[e.area][e.from]
		if a.flow > 0 && a.gen == e.gen && e.key == s.hid[e.area]-a.cost {
			return e
		}
		popHeap(h)
	}
	return nil
}

func (s *sspSolver) pushTok(j int32, e tentry) {
	s.tok[j] = append(s.tok[j], e)
	h := s.tok[j]
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
