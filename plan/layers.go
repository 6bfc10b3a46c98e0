package plan

import (
	"math"
	"slices"

	"github.com/schoolplan/schoolplan/engine"
)

// The layer rule of the multi-period plan: when (and whether) a shortfall
// is met by a permanent stream or by temporary classrooms.
//
// A shortfall profile g_y counts the entry classes missing in each year y.
// Layer k (k = 1, 2, …) is the k-th class of it, needed in the years
// Y_k = {y : g_y ≥ k}; the layers nest (Y_k+1 ⊆ Y_k). Each layer is met on
// its own: by a temporary entry class in each year of Y_k, or by a
// permanent stream opening in some year o of Y_k (decided o − lead, never
// before the first year) with temporary classes in the years of Y_k before
// o. The costs are linear in the layers, so taking each layer's cheapest
// cover is exact; a limit on the permanent streams (room) goes to the
// layers that save most by it.

// Prices are the prices of the layer rule, in the cost unit, undiscounted;
// Cover discounts them to First.
type Prices struct {
	// First is the year costs are discounted to, and the first year
	// anything may be decided (the scenario's first year).
	First engine.Year
	// DiscountRate discounts a cost paid in year y by (1+rate)^−(y−First).
	DiscountRate float64
	// Grades is the grades of the stage: a temporary entry class keeps
	// its classroom that many years, until the cohort leaves.
	Grades int
	// ClassroomYear is the cost of one temporary classroom for one year,
	// paid in that year.
	ClassroomYear float64
	// Stream is the cost of one permanent stream, paid in its decision
	// year; Lead is the years from decision to opening.
	Stream float64
	Lead   int
	// TemporaryLead is the years from deciding temporary classrooms to
	// their first entry year.
	TemporaryLead int
	// weight, when not nil, multiplies a cost by the weight of the year
	// it is decided in (phase budgets steer the layer rule by it).
	weight func(engine.Year) float64
}

// weighted is cost c decided in year d, weighted.
func (p *Prices) weighted(c float64, d engine.Year) float64 {
	if p.weight == nil {
		return c
	}
	return c * p.weight(d)
}

// discount is the factor of a cost paid in year y.
func (p *Prices) discount(y engine.Year) float64 {
	return math.Pow(1+p.DiscountRate, -float64(y-p.First))
}

// TemporaryClass is the discounted cost of one temporary entry class
// admitted in year y: its classroom from y to y+Grades−1. It is +Inf
// before First+TemporaryLead, when none can be ready.
func (p *Prices) TemporaryClass(y engine.Year) float64 {
	if y < p.First+engine.Year(p.TemporaryLead) {
		return math.Inf(1)
	}
	c := 0.0
	for t := y; t < y+engine.Year(p.Grades); t++ {
		c += p.ClassroomYear * p.discount(t)
	}
	return p.weighted(c, y-engine.Year(p.TemporaryLead))
}

// PermanentStream is the discounted cost of a permanent stream opening in
// year o: Stream paid in o − Lead. It is +Inf when that is before First.
func (p *Prices) PermanentStream(o engine.Year) float64 {
	d := o - engine.Year(p.Lead)
	if d < p.First {
		return math.Inf(1)
	}
	return p.weighted(p.Stream*p.discount(d), d)
}

// Cover is how one layer of a shortfall profile is met.
type Cover struct {
	// Layer is the layer's number, from 1; Years the years it is needed.
	Layer int
	Years []engine.Year
	// Open is the first year of the permanent stream that meets the
	// layer; 0: none (temporary classes throughout, where they can be
	// had).
	Open engine.Year
	// Temporary is the entry years met by temporary classes, Uncovered
	// those neither can meet (before temporary classes or the permanent
	// stream can be ready, or over the limit of temporary classrooms).
	Temporary, Uncovered []engine.Year
	// Cost is the cover's discounted cost; TemporaryCost that of
	// temporary classes in every year of the layer that can have them,
	// PermanentCost that of the best cover with a permanent stream (+Inf:
	// none may open in time). The smaller of the two decided, unless the
	// room for permanent streams ran out.
	Cost, TemporaryCost, PermanentCost float64
}

// Layers splits a shortfall profile (entry classes missing in each year,
// the first being year first) into its layers: the years of each.
func Layers(first engine.Year, classes []int) [][]engine.Year {
	top := 0
	for _, g := range classes {
		top = max(top, g)
	}
	out := make([][]engine.Year, top)
	for k := range out {
		for i, g := range classes {
			if g > k {
				out[k] = append(out[k], first+engine.Year(i))
			}
		}
	}
	return out
}

// coverLayer is the cheapest covers of one layer needed in years: the
// temporary one and the best permanent one.
func (p *Prices) coverLayer(k int, years []engine.Year) (temp, perm Cover) {
	temp = Cover{Layer: k, Years: years}
	for _, y := range years {
		if c := p.TemporaryClass(y); math.IsInf(c, 1) {
			temp.Uncovered = append(temp.Uncovered, y)
		} else {
			temp.Temporary = append(temp.Temporary, y)
			temp.Cost += c
		}
	}
	perm = Cover{Layer: k, Years: years, Cost: math.Inf(1)}
	for _, o := range p.openYears(years) {
		pc := p.PermanentStream(o)
		if math.IsInf(pc, 1) {
			continue
		}
		// Years before o that temporary classes cannot meet stay
		// uncovered, as they do under temporary classes alone.
		if c := pc + temp.costBefore(p, o); c < perm.Cost {
			perm.Cost, perm.Open = c, o
		}
	}
	temp.TemporaryCost, temp.PermanentCost = temp.Cost, perm.Cost
	if perm.Open != 0 {
		perm.Temporary, perm.Uncovered = splitBefore(temp.Temporary, perm.Open), splitBefore(temp.Uncovered, perm.Open)
	}
	perm.TemporaryCost, perm.PermanentCost = temp.Cost, perm.Cost
	return temp, perm
}

// openYears is the years a permanent stream for a layer needed in years
// may open: one of them, or, when phases are weighted (a budget may make
// building before the need pay), also a year before the first.
func (p *Prices) openYears(years []engine.Year) []engine.Year {
	if p.weight == nil || len(years) == 0 {
		return years
	}
	var early []engine.Year
	for o := p.First + engine.Year(p.Lead); o < years[0]; o++ {
		early = append(early, o)
	}
	return append(early, years...)
}

// costBefore is the cost of the cover's temporary classes before year o.
func (c *Cover) costBefore(p *Prices, o engine.Year) float64 {
	s := 0.0
	for _, y := range c.Temporary {
		if y < o {
			s += p.TemporaryClass(y)
		}
	}
	return s
}

// splitBefore is the years of ys before o.
func splitBefore(ys []engine.Year, o engine.Year) []engine.Year {
	var out []engine.Year
	for _, y := range ys {
		if y < o {
			out = append(out, y)
		}
	}
	return out
}

// CoverShortfall meets a shortfall profile (entry classes missing in each
// year from p.First) layer by layer at least discounted cost: each layer
// takes its cheaper cover, temporary classes or a permanent stream, with
// at most room permanent streams, given to the layers that save most by
// them. When maxClassrooms > 0, the temporary classrooms in use in any year
// (each temporary entry class for Grades years) stay within it: layers
// over it take a permanent stream while room lasts, and else are left
// uncovered from the top layer down. The covers are returned by layer.
func CoverShortfall(classes []int, p *Prices, room, maxClassrooms int) []Cover {
	return p.cover(classes, room, maxClassrooms, maxClassrooms > 0)
}

// cover is CoverShortfall with the classroom limit given apart: when
// limited, maxClassrooms (even 0) bounds the temporary classrooms.
func (p *Prices) cover(classes []int, room, maxClassrooms int, limited bool) []Cover {
	layers := Layers(p.First, classes)
	temps, perms := make([]Cover, len(layers)), make([]Cover, len(layers))
	for k, ys := range layers {
		temps[k], perms[k] = p.coverLayer(k+1, ys)
	}
	out := slices.Clone(temps)
	order := bySaving(perms, temps)
	used := 0
	for _, k := range order {
		if used < room && perms[k].Open != 0 && perms[k].Cost < temps[k].Cost {
			out[k] = perms[k]
			used++
		}
	}
	if limited {
		p.capTemporary(out, perms, order, room-used, maxClassrooms)
	}
	return out
}

// bySaving orders the layers by what a permanent stream saves, most first
// (ties: the lower layer first).
func bySaving(perms, temps []Cover) []int {
	order := make([]int, len(perms))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		sa, sb := temps[a].Cost-perms[a].Cost, temps[b].Cost-perms[b].Cost
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return 0
	})
	return order
}

// capTemporary keeps the temporary classrooms of covers within max: while
// some year is over, a layer still temporary throughout whose classes use
// an over year takes a permanent stream if room is left (the one of most
// saving), else the highest layer with such classes gives up its latest
// one (that year is left uncovered).
func (p *Prices) capTemporary(covers, perms []Cover, order []int, room, maxClassrooms int) {
	for {
		over := p.overYears(covers, maxClassrooms)
		if len(over) == 0 {
			return
		}
		if k := p.firstTemporary(covers, perms, order, over); k >= 0 && room > 0 {
			covers[k] = perms[k]
			room--
			continue
		}
		if !p.dropOver(covers, over) {
			return
		}
	}
}

// overYears is the years the temporary classes of covers use more than
// max classrooms.
func (p *Prices) overYears(covers []Cover, maxClassrooms int) map[engine.Year]bool {
	use := map[engine.Year]int{}
	over := map[engine.Year]bool{}
	for _, c := range covers {
		for _, y := range c.Temporary {
			for t := y; t < y+engine.Year(p.Grades); t++ {
				use[t]++
				if use[t] > maxClassrooms {
					over[t] = true
				}
			}
		}
	}
	return over
}

// usesOver reports whether a temporary class admitted in year y uses its
// classroom in one of the over years.
func (p *Prices) usesOver(y engine.Year, over map[engine.Year]bool) bool {
	for t := y; t < y+engine.Year(p.Grades); t++ {
		if over[t] {
			return true
		}
	}
	return false
}

// firstTemporary is the layer, in order, that is temporary throughout,
// could take a permanent stream and has a class in an over year; -1: none.
func (p *Prices) firstTemporary(covers, perms []Cover, order []int, over map[engine.Year]bool) int {
	for _, k := range order {
		if covers[k].Open != 0 || perms[k].Open == 0 {
			continue
		}
		for _, y := range covers[k].Temporary {
			if p.usesOver(y, over) {
				return k
			}
		}
	}
	return -1
}

// dropOver takes, from the highest layer with a temporary class in an over
// year, the latest such class, leaving its year uncovered; it reports
// whether there was one.
func (p *Prices) dropOver(covers []Cover, over map[engine.Year]bool) bool {
	for k := len(covers) - 1; k >= 0; k-- {
		c := &covers[k]
		for i := len(c.Temporary) - 1; i >= 0; i-- {
			y := c.Temporary[i]
			if !p.usesOver(y, over) {
				continue
			}
			c.Temporary = slices.Delete(slices.Clone(c.Temporary), i, i+1)
			c.Uncovered = mergeYears(c.Uncovered, []engine.Year{y})
			c.Cost -= p.TemporaryClass(y)
			return true
		}
	}
	return false
}

// mergeYears is the years of a and b in order.
func mergeYears(a, b []engine.Year) []engine.Year {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return out
}
