package network

import (
	"strconv"

	"github.com/paulmach/osm"
)

// walkHighways are the highway values a child may walk along.
var walkHighways = map[string]bool{
	"footway": true, "path": true, "pedestrian": true, "steps": true, "corridor": true,
	"living_street": true, "residential": true, "service": true, "unclassified": true, "road": true,
	"track": true, "cycleway": true, "bridleway": true,
	"tertiary": true, "tertiary_link": true, "secondary": true, "secondary_link": true,
	"primary": true, "primary_link": true,
}

// fastHighways are walked only where foot=yes (or designated, permissive)
// says so.
var fastHighways = map[string]bool{"motorway": true, "motorway_link": true, "trunk": true, "trunk_link": true}

// footYes are the foot (and access) values that allow walking.
var footYes = map[string]bool{"yes": true, "designated": true, "permissive": true, "official": true}

// footNo are the foot and access values that forbid it.
var footNo = map[string]bool{"no": true, "private": true, "use_sidepath": true}

// walkable applies the walking rules of the package documentation to a
// way's tags.
func walkable(tags osm.Tags) bool {
	hw := tags.Find("highway")
	foot := tags.Find("foot")
	switch {
	case footNo[foot]:
		return false
	case footYes[foot]:
		return hw != "" || tags.Find("railway") == "platform"
	case footNo[tags.Find("access")]:
		return false
	case fastHighways[hw]:
		return false
	}
	return walkHighways[hw]
}

// osmRoad fills the level, bridge, tunnel and one-way fields from tags.
// oneway:foot=-1 reverses the way; the plain oneway tag is for vehicles
// and does not bind walkers.
func osmRoad(tags osm.Tags) (r Road, reverse bool) {
	r.Bridge = flag(tags.Find("bridge"))
	r.Tunnel = flag(tags.Find("tunnel"))
	if l, err := strconv.Atoi(tags.Find("layer")); err == nil && l >= -5 && l <= 5 {
		r.Level = l
	}
	switch tags.Find("oneway:foot") {
	case "yes", "true", "1":
		r.Oneway = true
	case "-1":
		r.Oneway, reverse = true, true
	}
	return r, reverse
}

// flag reads a yes-like tag: any value but "no" (bridge=viaduct is a
// bridge).
func flag(v string) bool { return v != "" && v != "no" }
