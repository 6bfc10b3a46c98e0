package engine

import (
	"slices"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// Cutting an area proceeds by groups of polygons that tile the plane, or
// should: the districts, the catchments with primary zones (all-stage ones
// included), then those with junior zones only. Within a group a piece is
// intersected with each polygon whose boundary meets the area, and what no
// polygon of the group covers is the rest: outside every district, or in
// no zone of the group (where it keeps the zones that hold it whole, found
// later by its point). Polygons of a group that overlap each other inside
// the piece (their intersections add up to more than the piece) are cut
// one by one, inside and outside, instead.

// districtPieces cuts mp over the districts meeting it (in polys), or
// keeps it whole in the area's own district; the area outside every
// district is returned as outside.
func (s *arealSplit) districtPieces(a *Area, mp orb.MultiPolygon, polys []int32) ([]piece, float64, error) {
	ds := s.group(polys, 0, s.nd)
	whole := []piece{{geom: mp, district: a.District, weight: geo.Area(mp)}}
	if a.District >= 0 {
		return whole, 0, nil
	}
	if d := s.join.Locate(a.Point); d >= 0 && !slices.Contains(ds, int32(d)) {
		ds = append(ds, int32(d))
		slices.Sort(ds)
	}
	if len(ds) == 0 {
		return nil, whole[0].weight, nil
	}
	out, err := s.cutGroup(nil, whole[0], ds, true)
	if err != nil {
		return nil, 0, err
	}
	var outside float64
	pieces := out[:0]
	for _, p := range out {
		if p.district < 0 {
			outside += p.weight
			continue
		}
		pieces = append(pieces, p)
	}
	return pieces, outside, nil
}

// zonePieces cuts each piece by the catchment polygons in polys, group by
// group.
func (s *arealSplit) zonePieces(pieces []piece, polys []int32) ([]piece, error) {
	zs := s.group(polys, s.nd, len(s.polys))
	for _, g := range [2][]int32{s.stageGroup(zs, true), s.stageGroup(zs, false)} {
		if len(g) == 0 {
			continue
		}
		var next []piece
		for _, q := range pieces {
			if q.geom == nil { // a sliver of the previous group
				next = append(next, q)
				continue
			}
			var err error
			if next, err = s.cutGroup(next, q, g, false); err != nil {
				return nil, err
			}
		}
		pieces = next
	}
	return pieces, nil
}

// group returns the polygons of polys in [lo, hi).
func (s *arealSplit) group(polys []int32, lo, hi int) []int32 {
	var out []int32
	for _, p := range polys {
		if int(p) >= lo && int(p) < hi {
			out = append(out, p)
		}
	}
	return out
}

// stageGroup returns the catchments of zs with primary zones (primary
// true) or with junior zones only.
func (s *arealSplit) stageGroup(zs []int32, primary bool) []int32 {
	var out []int32
	for _, z := range zs {
		if (s.class[z]&classPrimary != 0) == primary {
			out = append(out, z)
		}
	}
	return out
}

// cutGroup appends to out the pieces of q inside each polygon of g that
// reaches it, and the rest; districts says g are districts (the pieces
// take the district; the rest has district -1 and no geometry).
func (s *arealSplit) cutGroup(out []piece, q piece, g []int32, districts bool) ([]piece, error) {
	qb := q.geom.Bound()
	start := len(out)
	var in float64
	for _, k := range g {
		if !qb.Intersects(s.polys[k].Bound()) {
			continue
		}
		cut, err := s.intersect(q.geom, int(k))
		if err != nil {
			return nil, err
		}
		w := geo.Area(cut)
		if w <= 0 {
			continue
		}
		p := piece{geom: cut, district: q.district, weight: w}
		if districts {
			p.district = int(k)
		}
		out = append(out, p)
		in += w
	}
	switch {
	case len(out) == start:
		if districts {
			q.district, q.geom = -1, nil
		}
		return append(out, q), nil
	case in > q.weight*(1+1e-9):
		return s.cutOneByOne(out[:start], q, g, districts)
	}
	return s.rest(out, q, q.weight-in, g, districts)
}

// rest appends to out the part of q (of area w) outside every polygon of
// g, if any.
func (s *arealSplit) rest(out []piece, q piece, w float64, g []int32, districts bool) ([]piece, error) {
	switch {
	case w <= 1e-9*q.weight:
		return out, nil
	case districts:
		// Outside every district: its weight counts, its shape is not needed.
		return append(out, piece{district: -1, weight: w}), nil
	case w < sliver(q.weight):
		// A sliver, for the largest piece.
		return append(out, piece{district: q.district, weight: w}), nil
	}
	geom := q.geom
	for _, k := range g {
		var err error
		if geom, err = s.difference(geom, int(k)); err != nil {
			return nil, err
		}
	}
	return append(out, piece{geom: geom, district: q.district, weight: geo.Area(geom)}), nil
}

// cutOneByOne appends to out the pieces of q cut by each polygon of g in
// turn, inside and outside, for polygons that overlap each other: a
// district piece goes to the first district holding it.
func (s *arealSplit) cutOneByOne(out []piece, q piece, g []int32, districts bool) ([]piece, error) {
	pieces := []piece{q}
	if districts {
		pieces[0].district = -1
	}
	for _, k := range g {
		kb := s.polys[k].Bound()
		var next []piece
		for _, p := range pieces {
			var err error
			if next, err = s.cutPiece(next, p, k, kb, districts); err != nil {
				return nil, err
			}
		}
		pieces = next
	}
	return append(out, pieces...), nil
}

// cutPiece appends to out piece p cut by polygon k (of bound kb): the part
// inside, then the part outside unless negligible. A piece k does not
// overlap, or (cutting by districts) one already given a district, is
// appended whole.
func (s *arealSplit) cutPiece(out []piece, p piece, k int32, kb orb.Bound, districts bool) ([]piece, error) {
	if (districts && p.district >= 0) || !p.geom.Bound().Intersects(kb) {
		return append(out, p), nil
	}
	in, err := s.intersect(p.geom, int(k))
	if err != nil {
		return nil, err
	}
	wi := geo.Area(in)
	if wi <= 0 {
		return append(out, p), nil
	}
	inside := piece{geom: in, district: p.district, weight: wi}
	if districts {
		inside.district = int(k)
	}
	out = append(out, inside)
	if p.weight-wi <= 1e-9*p.weight {
		return out, nil
	}
	rest, err := s.difference(p.geom, int(k))
	if err != nil {
		return nil, err
	}
	if wr := geo.Area(rest); wr > 0 {
		out = append(out, piece{geom: rest, district: p.district, weight: wr})
	}
	return out, nil
}
