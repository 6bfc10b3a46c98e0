package network

import (
	"github.com/paulmach/orb"
)

// Road is one walkable way, read from a roads layer or an OpenStreetMap
// extract, on the local metric plane.
type Road struct {
	File  string // the file it was read from, for messages
	Index int    // feature index in a GeoJSON or shapefile layer; -1 for OSM
	ID    string // feature id, or the OSM way id

	Line orb.LineString // positions on the plane, metres
	// Nodes are the OSM node ids of Line's positions; nil for a layer,
	// whose ways are noded where they share positions or cross.
	Nodes []int64

	Level  int  // OSM layer, or the layer property; 0 on the ground
	Bridge bool // a bridge connects only at its ends
	Tunnel bool // so does a tunnel
	// Oneway says the way may be walked only in the direction of Line.
	Oneway bool
	// SpeedKMH is the speed_kmh property (0 when absent). Walking
	// distances do not use it; it is kept for travel times by other modes.
	SpeedKMH float64
}

// Roads is what a reader gives: the walkable roads and what was left out.
type Roads struct {
	File  string
	Roads []Road
	// NotWalkable counts the ways left out by the walking rules (walk:
	// false, motorways, foot=no, …); see the package documentation.
	NotWalkable int
	// Warnings are problems that left the network usable: a zero-length
	// way, a repeated position. Each is a *geo.FeatureError.
	Warnings []error
}

// deck is the level r lies on: its Level, or above (bridge) or below
// (tunnel) the ground when it gives none.
func (r *Road) deck() int {
	switch {
	case r.Level != 0:
		return r.Level
	case r.Bridge:
		return 1
	case r.Tunnel:
		return -1
	}
	return 0
}

// passes reports whether r passes over or under what it crosses.
func (r *Road) passes() bool { return r.Bridge || r.Tunnel }

// meets reports whether r connects where it crosses s: both on one level,
// neither a bridge nor a tunnel.
func (r *Road) meets(s *Road) bool {
	return !r.passes() && !s.passes() && r.Level == s.Level
}
