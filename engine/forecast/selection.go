package forecast

import (
	"fmt"
	"math"

	"github.com/schoolplan/schoolplan/engine"
)

// selectMethods names, per unit of e, the candidate method with the
// lowest back-test error over all units and the SelectDepth origins before
// until (scored on the years up to until only): MethodBlend when the
// history is too short to score.
func selectMethods(e *engine.Enrolment, b *engine.Births, until engine.Year, o *Options) ([]string, error) {
	out := make([]string, len(e.Units))
	for i := range out {
		out[i] = MethodBlend
	}
	first := max(e.FirstYear+1, until-SelectDepth)
	if first >= until {
		return out, nil
	}
	oo := *o
	oo.Select = false
	r, err := newRolling(e, b, &oo, first, until-1, min(5, int(until-first)))
	if err != nil {
		return nil, err
	}
	m := Methods[r.best(until)]
	for i := range out {
		out[i] = m
	}
	return out, nil
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
