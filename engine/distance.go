package engine

import (
	"fmt"
	"sync"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// DistanceKind says how the distances of a run are measured (policy
// distance).
type DistanceKind int

const (
	// Straight is the straight line on the local plane: the default.
	Straight DistanceKind = iota
	// Network is the walk along the city's roads (city.yaml roads): see
	// NetworkDistances.
	Network
)

func (k DistanceKind) String() string {
	if k == Network {
		return "network"
	}
	return "straight"
}

// ParseDistanceKind reads "straight" or "network".
func ParseDistanceKind(s string) (DistanceKind, error) {
	switch s {
	case "", "straight":
		return Straight, nil
	case "network":
		return Network, nil
	}
	return 0, &problem{ErrInvalid, fmt.Sprintf("engine: unknown distance %q (want straight or network)", s)}
}

// DefaultWalkKMH is the walking speed of a child, in km/h, when the policy
// sets none: the speed walking minutes are given at.
const DefaultWalkKMH = 4.5

// Reach is a school and the distance to it.
type Reach struct {
	School int32
	Dist   Meters
}

// Distances is how far a child goes from an area (or a school) to a
// school, for one stage of one run: the one interface every use of
// distance goes through (catchments, shared seats, placement, swaps,
// closures, indicators). It has two implementations: StraightDistances,
// the straight line with a grid, and NetworkDistances, the walk along
// the city's roads. School indices are those of the run's schools (the
// city's and the scenario's new ones). Implementations are safe for
// concurrent use.
type Distances interface {
	// Kind says what the distances measure.
	Kind() DistanceKind
	// Area is the distance from area a to school s; false when no walk
	// joins them.
	Area(a, s int) (Meters, bool)
	// School is the distance from school s to school t; false when no
	// walk joins them.
	School(s, t int) (Meters, bool)
	// Near appends to dst the schools that keep allows (nil: all; a
	// NetworkDistances answers for the schools of its stage only) within
	// limit of area a, nearest first, ties to the lower index.
	Near(dst []Reach, a int, limit Meters, keep func(s int) bool) []Reach
	// Nearest is the school keep allows nearest to area a (ties to the
	// lower index; of the stage, as Near) and its distance; -1 when it
	// reaches none.
	Nearest(a int, keep func(s int) bool) (int, Meters)
}

// StraightDistances measures straight lines on the local plane; its
// nearest-school queries use a uniform grid (geo.PointIndex). The
// catchment and admission rules keep their own per-district grids for
// straight lines, which answer the same.
type StraightDistances struct {
	areas, schools []orb.Point
	once           sync.Once
	index          *geo.PointIndex
}

// NewStraightDistances measures between c's areas and schools.
func NewStraightDistances(c *City) *StraightDistances {
	d := &StraightDistances{areas: make([]orb.Point, len(c.Areas)), schools: make([]orb.Point, len(c.Schools))}
	for i := range c.Areas {
		d.areas[i] = c.Areas[i].Point
	}
	for s := range c.Schools {
		d.schools[s] = c.Schools[s].Point
	}
	return d
}

// Kind is Straight.
func (d *StraightDistances) Kind() DistanceKind { return Straight }

// Area is the straight line from area a to school s.
func (d *StraightDistances) Area(a, s int) (Meters, bool) {
	return geo.Distance(d.areas[a], d.schools[s]), true
}

// School is the straight line between schools s and t.
func (d *StraightDistances) School(s, t int) (Meters, bool) {
	return geo.Distance(d.schools[s], d.schools[t]), true
}

func (d *StraightDistances) grid() *geo.PointIndex {
	d.once.Do(func() { d.index = geo.NewPointIndex(d.schools) })
	return d.index
}

// Near lists the kept schools within limit of area a, nearest first.
func (d *StraightDistances) Near(dst []Reach, a int, limit Meters, keep func(s int) bool) []Reach {
	p := d.areas[a]
	var buf []int
	for k := 8; ; k *= 4 {
		buf = d.grid().KNearest(buf[:0], p, k, keep)
		if len(buf) < k || geo.Distance(p, d.schools[buf[len(buf)-1]]) > limit {
			break
		}
	}
	for _, s := range buf {
		dd := geo.Distance(p, d.schools[s])
		if dd > limit {
			break
		}
		dst = append(dst, Reach{int32(s), dd})
	}
	return dst
}

// Nearest is the kept school nearest to area a.
func (d *StraightDistances) Nearest(a int, keep func(s int) bool) (int, Meters) {
	s, _ := d.grid().Nearest(d.areas[a], keep)
	if s < 0 {
		return -1, 0
	}
	return s, geo.Distance(d.areas[a], d.schools[s])
}
