package engine

import (
	"sync"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo/network"
)

// Roads is a city's walking network (city.yaml roads): the graph that
// policy distance network walks, read once with the city. Areas are
// snapped to it on first use (AreaSnaps) and kept, so that every scenario
// of one city shares them.
type Roads struct {
	// File names the roads file in messages.
	File  string
	Graph *network.Graph
	// NotWalkable counts the ways the walking rules left out.
	NotWalkable int

	areasFile string
	areas     []orb.Point
	areaIDs   []string

	once      sync.Once
	areaSnaps []network.Snap
	areaWarns []error
}

// NewRoads makes the walking network of c from graph g, read from file
// (named in messages); the loader makes it from city.yaml's roads, a
// caller that builds a city in memory with this.
func NewRoads(file string, g *network.Graph, c *City) *Roads {
	r := &Roads{File: file, Graph: g, areasFile: AreasFile}
	r.setAreas(c.Areas)
	return r
}

// AreaSnaps snaps every area's representative point to the network, once
// per city, and returns the snaps with the warnings of areas farther than
// network.DefaultSnapLimit from a walkable road (each naming the area).
func (r *Roads) AreaSnaps() ([]network.Snap, []error) {
	r.once.Do(func() {
		r.areaSnaps, r.areaWarns = r.Graph.Snap(r.areas, r.areaIDs, &network.SnapOptions{File: r.areasFile})
	})
	return r.areaSnaps, r.areaWarns
}

// SnapSchools snaps schools (the city's and a scenario's new ones) to the
// network; warnings name the school by its place in schools and its id.
func (r *Roads) SnapSchools(schools []School, file string) ([]network.Snap, []error) {
	pts := make([]orb.Point, len(schools))
	ids := make([]string, len(schools))
	for s := range schools {
		pts[s], ids[s] = schools[s].Point, schools[s].ID
	}
	return r.Graph.Snap(pts, ids, &network.SnapOptions{File: file})
}
