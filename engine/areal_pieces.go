package engine

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// areaPoint is an area's representative point: the point itself, or a
// point inside its polygon.
func areaPoint(g orb.Geometry) orb.Point {
	if mp, ok := geo.AsMultiPolygon(g); ok {
		return geo.InteriorPoint(mp)
	}
	return geo.Centroid(g)
}

// deferDistrict reports whether the area of feature f waits for the split
// to find its district: a polygon without a district property, split.
func (l *loader) deferDistrict(f *geo.Feature, mode string) bool {
	_, isPoint := f.Geometry.(orb.Point)
	_, named, _ := f.String("district")
	return mode != PolygonAreasPoint && !isPoint && !named
}

// checkPolygonAreas checks the city.yaml polygon_areas value.
func (l *loader) checkPolygonAreas(mode string) error {
	switch mode {
	case "", PolygonAreasSplit, PolygonAreasPoint:
		return nil
	}
	return fmt.Errorf("%s: polygon_areas: %q: %w (want %s or %s)", l.name(CityFile), mode, ErrInvalid, PolygonAreasSplit, PolygonAreasPoint)
}

// splitAreas replaces each polygon area that district or catchment
// boundaries cross by its pieces (see the README's data contract), and
// places the others whole in their district.
func (l *loader) splitAreas(mode string) {
	c := l.city
	if mode == PolygonAreasPoint || len(c.Areas) == 0 {
		return
	}
	res := newArealSplit(c).splitAll(c.Areas)
	n := len(c.Areas)
	for i := range res {
		n += max(0, len(res[i].pieces)-1)
	}
	out := make([]Area, 0, n)
	for i := range res {
		a, r := c.Areas[i], &res[i]
		switch {
		case r.err != nil:
			l.fail(&geo.FeatureError{File: l.name(AreasFile), Index: l.areaFeature(i), ID: a.ID, Field: "geometry", Err: r.err})
		case r.pieces == nil:
			a.District = r.district
			out = append(out, a)
		default:
			out = appendPieces(out, a, r)
			if r.outside > sliver(r.total) {
				l.warn(&geo.FeatureError{File: l.name(AreasFile), Index: l.areaFeature(i), ID: a.ID, Field: "geometry",
					Err: fmt.Errorf("%w: %.1f%% of the polygon lies outside every district polygon: %.1f of its %g residents are not counted",
						ErrOutside, 100*r.outside/r.total, a.Population*r.outside/r.total, a.Population)})
			}
		}
	}
	c.Areas = out
}

// appendPieces appends the pieces of a to out: residents and households
// shared by area (with the share outside every district, when more than a
// sliver, left out).
func appendPieces(out []Area, a Area, r *arealResult) []Area {
	w := make([]float64, len(r.pieces), len(r.pieces)+1)
	var sum float64
	for k, p := range r.pieces {
		w[k] = p.weight
		sum += p.weight
	}
	if r.outside > sliver(r.total) {
		w = append(w, r.outside)
		sum += r.outside
	} else {
		w[largest(w)] += r.outside
		sum += r.outside
	}
	pop := apportion(a.Population, w)
	hh := apportion(a.Households, w)
	for k, p := range r.pieces {
		b := a
		b.Piece, b.Share = k+1, w[k]/sum
		b.Geometry, b.District = p.geom, p.district
		b.Point = geo.InteriorPoint(p.geom)
		b.Population, b.Households = pop[k], hh[k]
		out = append(out, b)
	}
	return out
}

// largest returns the index of the largest weight (the first of equals).
func largest(w []float64) int {
	big := 0
	for k, v := range w {
		if v > w[big] {
			big = k
		}
	}
	return big
}

// apportion splits total in proportion to the weights (>= 0, not all 0):
// its whole part by largest remainder (whole residents; the larger of equal
// remainders goes to the lower index), its fraction to the largest weight.
// The parts add up to total exactly, in any order, for totals below 2^53.
func apportion(total float64, weights []float64) []float64 {
	out := make([]float64, len(weights))
	if len(weights) == 0 {
		return out
	}
	whole := math.Floor(total)
	var sum float64
	for _, v := range weights {
		sum += v
	}
	if !(sum > 0) {
		out[0] = total
		return out
	}
	rem, left := floorShares(out, whole, weights, sum)
	giveRemainders(out, rem, left)
	out[largest(weights)] += total - whole
	return out
}

// floorShares sets out to the whole part of each share of whole, in
// proportion to weights (which add up to sum). It returns the fractions
// cut off and the residents left to give.
func floorShares(out []float64, whole float64, weights []float64, sum float64) (rem []float64, left float64) {
	rem = make([]float64, len(weights))
	left = whole
	for k, v := range weights {
		q := whole * v / sum
		out[k] = math.Floor(q)
		rem[k] = q - out[k]
		left -= out[k]
	}
	return rem, left
}

// giveRemainders gives the left residents one each to the parts of the
// largest remainders rem (the lower index first among equals); a negative
// left, where rounding pushed the floors past the whole part, is taken from
// the largest parts.
func giveRemainders(out, rem []float64, left float64) {
	order := make([]int, len(rem))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(i, j int) int {
		switch {
		case rem[i] > rem[j]:
			return -1
		case rem[i] < rem[j]:
			return 1
		}
		return 0
	})
	for k := 0; left > 0 && k < len(order); k++ {
		out[order[k]]++
		left--
	}
	for ; left < 0; left++ {
		out[largest(out)]--
	}
}

// pieceEnd returns the end of the run of pieces that starts at area i (i+1
// for an area kept whole).
func (c *City) pieceEnd(i int) int {
	j := i + 1
	if c.Areas[i].Piece == 0 {
		return j
	}
	for j < len(c.Areas) && c.Areas[j].ID == c.Areas[i].ID && c.Areas[j].Piece > c.Areas[j-1].Piece {
		j++
	}
	return j
}

// spreadAreaRows gives each piece of a split area its Share of the area's
// forecast.csv rows, read into its first piece.
func spreadAreaRows(fc *Forecast, c *City) {
	var first []int
	for i := range fc.ByArea {
		if c.Areas[i].Piece > 0 {
			first = append(first, i)
		}
	}
	slices.Sort(first)
	for _, i := range first {
		t := fc.ByArea[i]
		for j := i; j < c.pieceEnd(i); j++ {
			share := c.Areas[j].Share
			u := &AgeTable{Count: make([]float64, len(t.Count)), Has: slices.Clone(t.Has)}
			for k, v := range t.Count {
				u.Count[k] = v * share
			}
			fc.ByArea[j] = u
		}
	}
}
