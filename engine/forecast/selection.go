package forecast

import (
	"fmt"
	"math"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// selectMethods names, per unit of e, the candidate method with the
// lowest back-test error over all units and the SelectDepth origins before
// until (scored on the years up to until only): MethodBlend when the
// history is too short to score. It also returns that method's 80% bands
// for projections from until, by years ahead (empty where there are too
// few earlier errors).
func selectMethods(e *engine.Enrolment, b *engine.Births, until engine.Year, o *Options) ([]string, []ErrorBand, error) {
	out := make([]string, len(e.Units))
	for i := range out {
		out[i] = MethodBlend
	}
	first := e.FirstYear + 1
	if first >= until {
		return out, nil, nil
	}
	oo := *o
	oo.Select = false
	h := min(5, int(until-first))
	r, err := newRolling(e, b, &oo, first, until-1, h, nil)
	if err != nil {
		return nil, nil, err
	}
	best, _ := r.best(until)
	m := Methods[best]
	for i := range out {
		out[i] = m
	}
	var bands []ErrorBand
	var pool []float64
	for k := 1; k <= h; k++ {
		var bd band
		bd, pool = r.bandAt(until, k, 0.8, pool)
		bands = append(bands, ErrorBand{Ahead: k, Lo: bd.lo, Hi: bd.hi, Errors: bd.n})
	}
	return out, bands, nil
}

// bandNote writes the bands as a note.
func bandNote(bands []ErrorBand) string {
	var b strings.Builder
	b.WriteString("80% band of the chosen method, from its back-tested errors (actual ÷ projected):")
	any := false
	for _, bd := range bands {
		if bd.Errors > 0 {
			fmt.Fprintf(&b, " %d yr %.3f–%.3f;", bd.Ahead, bd.Lo, bd.Hi)
			any = true
		}
	}
	if !any {
		return "no 80% band: too few earlier years to back-test"
	}
	return strings.TrimSuffix(b.String(), ";")
}

// applyChoice reprojects p by method (p holds the robust progression) and
// says which method it used.
func applyChoice(p *UnitProjection, method string, m *gradeModel) string {
	U := p.Until
	base := p.Total(U)
	scale := func(y engine.Year, total float64) {
		f := 0.0
		if base > 0 {
			f = total / base
		}
		row, b := int(y-p.First)*engine.GradeSlots, int(U-p.First)*engine.GradeSlots
		for g := p.Lo; g <= p.Hi; g++ {
			p.Pupils[row+g] = p.Pupils[b+g] * f
		}
	}
	switch method {
	case MethodNaive:
		for y := U + 1; y <= p.Last; y++ {
			scale(y, base)
		}
	case MethodBlend:
		b := int(U-p.First) * engine.GradeSlots
		for y := U + 1; y <= p.Last; y++ {
			row := int(y-p.First) * engine.GradeSlots
			for g := p.Lo; g <= p.Hi; g++ {
				p.Pupils[row+g] = (p.Pupils[row+g] + p.Pupils[b+g]) / 2
			}
		}
	case MethodTrend:
		total := func(y engine.Year) (float64, bool) {
			v := unitTotal(m.e, p.Unit, y)
			return v, !math.IsNaN(v)
		}
		a, b, ok := trendLine(U, total, m.prog.excluded, m.e.FirstYear)
		if !ok {
			return "method: " + MethodRobust + " (too short a history for a trend)"
		}
		for y := U + 1; y <= p.Last; y++ {
			scale(y, trendAt(a, b, int(y-U)))
		}
	}
	return fmt.Sprintf("method: %s (back-tested best over the %d origins before %d)", method, SelectDepth, U)
}
