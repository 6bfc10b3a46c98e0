package synth

import (
	"math/rand/v2"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo/network"
)

// streamRoads is the PCG stream of the street network; it is apart from
// the city's streams, so generating roads changes nothing of the city.
const streamRoads = 100

// RoadSpacing is the distance between parallel streets of Roads' grid:
// a city of 1M areas (126 km a side) gets about 2M street segments.
const RoadSpacing = 125.0

// bridgeSpacing is the mean distance between bridges along a river.
const bridgeSpacing = 2000.0

// Roads generates the street network of the city opt describes (nil:
// defaults), on the plane of City(opt): a grid of streets RoadSpacing
// apart over the city's bound, crossed by 1 + Areas/200,000 east-west
// rivers that the north-south streets cross only on bridges, about one
// every 2 km of river. Streets are LineStrings with a position at every
// crossing, so they are noded by shared positions. The same Options give
// the same roads.
func Roads(opt *Options) *network.Roads {
	o := withDefaults(opt)
	half := side(o.Areas) / 2
	r := rand.New(rand.NewPCG(o.Seed, streamRoads))
	n := int(2*half/RoadSpacing) + 1
	at := func(i int) float64 { return -half + float64(i)*RoadSpacing }
	rivers := riverRows(r, n, 1+o.Areas/200000)
	rs := &network.Roads{File: "roads.geojson"}
	add := func(b bool, ps ...orb.Point) {
		rs.Roads = append(rs.Roads, network.Road{File: rs.File, Index: len(rs.Roads), Line: ps, Bridge: b})
	}
	for j := 0; j < n; j++ {
		if !rivers[j] {
			add(false, street(n, func(i int) orb.Point { return orb.Point{at(i), at(j)} }, nil)...)
		}
	}
	for i := 0; i < n; i++ {
		col := func(j int) orb.Point { return orb.Point{at(i), at(j)} }
		for _, part := range splitAtRivers(n, rivers) {
			add(false, street(part[1]-part[0]+1, func(k int) orb.Point { return col(part[0] + k) }, nil)...)
		}
		for j := 1; j+1 < n; j++ {
			if rivers[j] && r.Float64() < RoadSpacing/bridgeSpacing {
				add(true, col(j-1), col(j+1))
			}
		}
	}
	return rs
}

// riverRows picks the grid rows the rivers run along, away from the edges.
func riverRows(r *rand.Rand, n, rivers int) []bool {
	rows := make([]bool, n)
	for k := 0; k < rivers && n > 4; k++ {
		rows[2+r.IntN(n-4)] = true
	}
	return rows
}

// splitAtRivers gives the runs of rows [from, to] between river rows.
func splitAtRivers(n int, rivers []bool) [][2]int {
	var parts [][2]int
	from := 0
	for j := 0; j <= n; j++ {
		if j == n || rivers[j] {
			if j-1 > from {
				parts = append(parts, [2]int{from, j - 1})
			}
			from = j + 1
		}
	}
	return parts
}

// street is the line through the n positions at(0), …, at(n-1).
func street(n int, at func(int) orb.Point, buf orb.LineString) orb.LineString {
	for k := 0; k < n; k++ {
		buf = append(buf, at(k))
	}
	return buf
}
