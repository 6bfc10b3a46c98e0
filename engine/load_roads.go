package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/geo/network"
)

// roads reads city.yaml's roads file (none: no network) and builds its
// graph. A layer (GeoJSON, Shapefile) is in the city's CRS, like the
// other layers; an OpenStreetMap extract is in WGS 84, as OSM is.
// Problems of the file are errors; ways left out (zero length, repeated
// positions, nodes missing from an extract) are warnings.
func (l *loader) roads() {
	name := l.cfg.Roads
	if name == "" {
		return
	}
	if !l.roadsFileOK(name) {
		return
	}
	rs, err := l.readRoads(name)
	if err != nil {
		l.fail(err)
		return
	}
	g, warns, err := network.Build(rs)
	if err != nil {
		l.fail(err)
		return
	}
	for _, w := range append(rs.Warnings, warns...) {
		l.city.Warnings = append(l.city.Warnings, &Warning{Err: w})
	}
	l.city.Notes = append(l.city.Notes, fmt.Sprintf("%s: %d street segments walked (policy distance network); %d ways left out by the walking rules",
		l.name(name), g.Segments(), rs.NotWalkable))
	l.city.Roads = NewRoads(l.name(name), g, l.city)
	l.city.Roads.NotWalkable, l.city.Roads.areasFile = rs.NotWalkable, l.name(AreasFile)
}

// roadsFileOK checks that city.yaml's roads names a file of the folder
// that can hold roads.
func (l *loader) roadsFileOK(name string) bool {
	fail := func(err error) bool {
		l.fail(&geo.FeatureError{File: l.name(CityFile), Index: -1, Field: "roads", Err: err})
		return false
	}
	if !network.IsRoadsFile(name) {
		return fail(fmt.Errorf("%w: %s: want a roads layer (.geojson, .json or .shp) or an OpenStreetMap extract (.osm.pbf)", ErrInvalid, name))
	}
	if _, err := fs.Stat(l.fsys, path.Join(l.dir, name)); errors.Is(err, fs.ErrNotExist) {
		return fail(fmt.Errorf("%w: %s is not in the city folder", ErrMissing, name))
	} else if err != nil {
		return fail(err)
	}
	return true
}

// readRoads reads the roads file name onto the city's plane.
func (l *loader) readRoads(name string) (*network.Roads, error) {
	c := l.city
	file := path.Join(l.dir, name)
	if strings.HasSuffix(strings.ToLower(name), ".pbf") {
		return network.ReadFile(l.fsys, file, l.name(name), c.Projection.Forward)
	}
	spec := network.LayerSpec
	spec.Planar = !c.CRS.Geographic()
	lyr, err := geo.ReadLayer(l.fsys, file, l.name(name), spec, nil)
	if lyr == nil {
		return nil, err
	}
	rs, ferr := network.FromLayer(lyr, l.name(name), c.ToPlane)
	return rs, joinErrors(err, ferr)
}

// joinErrors lists the problems of a and b, either of which may be nil or
// a list (geo.Errors), as one list; nil when both are nil.
func joinErrors(a, b error) error {
	var all geo.Errors
	for _, err := range []error{a, b} {
		var list geo.Errors
		switch {
		case err == nil:
		case errors.As(err, &list):
			all = append(all, list...)
		default:
			all = append(all, err)
		}
	}
	if len(all) == 0 {
		return nil
	}
	return all
}

// setAreas keeps the areas' points and ids for AreaSnaps.
func (r *Roads) setAreas(areas []Area) {
	r.areas = make([]orb.Point, len(areas))
	r.areaIDs = make([]string, len(areas))
	for i := range areas {
		r.areas[i], r.areaIDs[i] = areas[i].Point, areas[i].ID
	}
}
