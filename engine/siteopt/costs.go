package siteopt

import (
	"math"

	"github.com/paulmach/orb"
)

// costMatrix is the cost from demand point i to site j, held densely
// (row-major float64), as a function, or as two point sets whose Euclidean
// distances are computed on demand. Solvers read it through the sorted
// candidate lists (neighbors.go) and come here only for the points whose
// lists are too short.
type costMatrix struct {
	n, m     int
	dense    []float64
	fn       func(i, j int) float64
	from, to []orb.Point
	integral bool // every cost is an integer (dense matrices only)
}

func (c *costMatrix) at(i, j int) float64 {
	switch {
	case c.dense != nil:
		return c.dense[i*c.m+j]
	case c.fn != nil:
		return c.fn(i, j)
	}
	a, b := c.from[i], c.to[j]
	dx, dy := a[0]-b[0], a[1]-b[1]
	return math.Sqrt(dx*dx + dy*dy)
}

// row fills dst[:m] with the costs from point i.
func (c *costMatrix) row(i int, dst []float64) {
	switch {
	case c.dense != nil:
		copy(dst, c.dense[i*c.m:(i+1)*c.m])
	case c.fn != nil:
		for j := range dst[:c.m] {
			dst[j] = c.fn(i, j)
		}
	default:
		a := c.from[i]
		for j, b := range c.to {
			dx, dy := a[0]-b[0], a[1]-b[1]
			dst[j] = math.Sqrt(dx*dx + dy*dy)
		}
	}
}
