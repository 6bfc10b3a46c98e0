package catchment

import (
	"context"
	"slices"
	"testing"
)

// BenchmarkWhole runs the whole-area step (flatSolution.whole) alone, on
// the split optimum of a random problem, solved once: its rounding,
// repair and improvement passes.
func BenchmarkWhole(b *testing.B) {
	for _, c := range []boundCase{
		{name: "20kx200/tight", areas: 20000, schools: 200, seats: 0.9, unpl: 3000},
		{name: "20kx200/loose", areas: 20000, schools: 200, seats: 1.1, unpl: 3000},
		{name: "50kx500/tight", areas: 50000, schools: 500, seats: 0.95, unpl: 50000},
	} {
		b.Run(c.name, func(b *testing.B) {
			s := new(sspSolver)
			p := c.problem(1)
			split, err := solveTransport(context.Background(), s, p, &TransportOptions{Split: true})
			if err != nil {
				b.Fatal(err)
			}
			keep, buf := cloneResult(split), cloneResult(split)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				res := copyResult(buf, keep)
				s.flat(res).whole(res, &s.whole)
			}
		})
	}
}

// cloneResult returns a copy of r's slices.
func cloneResult(r *TransportResult) *TransportResult {
	c := *r
	c.Start, c.School, c.Flow = slices.Clone(r.Start), slices.Clone(r.School), slices.Clone(r.Flow)
	c.Cost, c.Unplaced, c.Prices = slices.Clone(r.Cost), slices.Clone(r.Unplaced), slices.Clone(r.Prices)
	return &c
}

// copyResult copies src into the memory of buf (which the whole step
// only reads, or appends to beyond its length), and returns the copy.
func copyResult(buf, src *TransportResult) *TransportResult {
	r := *src
	r.Start = append(buf.Start[:0], src.Start...)
	r.School = append(buf.School[:0], src.School...)
	r.Flow = append(buf.Flow[:0], src.Flow...)
	r.Cost = append(buf.Cost[:0], src.Cost...)
	r.Unplaced = append(buf.Unplaced[:0], src.Unplaced...)
	return &r
}
