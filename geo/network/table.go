package network

import "github.com/schoolplan/schoolplan/geo"

// Hit is one target reached from a source, at a walking distance that
// includes both snap offsets.
type Hit struct {
	Target int32
	Dist   Decimetres
}

// Table holds, for each source, the targets found, nearest first (ties by
// target index): a compact per-source list.
type Table struct {
	start []int32 // Len()+1 offsets into hits
	hits  []Hit
}

// Len is the number of sources.
func (t *Table) Len() int { return len(t.start) - 1 }

// Of lists the targets found from source i, nearest first. An empty list
// means the source reaches no target: it is on a part of the network
// that holds none (or none within the query's bounds). The slice is the
// table's own: read it, do not change it.
func (t *Table) Of(i int) []Hit { return t.hits[t.start[i]:t.start[i+1]] }

// Unreached lists the sources that reach no target, in order.
func (t *Table) Unreached() []int {
	var out []int
	for i := 0; i < t.Len(); i++ {
		if t.start[i] == t.start[i+1] {
			out = append(out, i)
		}
	}
	return out
}

// Hits is the number of (source, target) pairs held.
func (t *Table) Hits() int { return len(t.hits) }

// WalkMinutes is the time to walk d at speed kmh (e.g. 4.5 km/h for a
// child); kmh must be positive.
func WalkMinutes(d geo.Meters, kmh float64) float64 {
	return float64(d) / (kmh * 1000 / 60)
}
