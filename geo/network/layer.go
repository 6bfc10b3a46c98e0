package network

import (
	"fmt"
	"io/fs"
	"math"
	"path"
	"strings"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// LayerSpec is the geo.Spec a roads layer is read with: LineStrings and
// MultiLineStrings, ids optional. Set Planar for a projected layer.
var LayerSpec = geo.Spec{Geometry: []orb.Geometry{orb.LineString{}, orb.MultiLineString{}}, NoID: true}

// ReadFile reads the roads file name of fsys: an OpenStreetMap extract
// (.osm.pbf, see ReadOSM) or a layer in lon/lat (.geojson, .json, .shp,
// read with geo.ReadLayer and LayerSpec, see FromLayer). toPlane maps
// WGS84 lon/lat to the local plane (geo.Projection.Forward). display names
// the file in messages; "" means name. A projected layer, or one in
// another datum, is read with geo.ReadLayer and FromLayer by the caller,
// which knows its coordinate system.
func ReadFile(fsys fs.FS, name, display string, toPlane func(orb.Point) orb.Point) (*Roads, error) {
	if display == "" {
		display = name
	}
	if strings.HasSuffix(strings.ToLower(name), ".pbf") {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, &geo.FeatureError{File: display, Index: -1, Err: err}
		}
		defer f.Close()
		return ReadOSM(f, display, toPlane)
	}
	lyr, err := geo.ReadLayer(fsys, name, display, LayerSpec, nil)
	if lyr == nil {
		return nil, err
	}
	rs, ferr := FromLayer(lyr, display, toPlane)
	if err != nil {
		return rs, err
	}
	return rs, ferr
}

// IsRoadsFile reports whether name is a file ReadFile reads.
func IsRoadsFile(name string) bool {
	n := strings.ToLower(name)
	switch path.Ext(n) {
	case ".geojson", ".json", ".shp":
		return true
	}
	return strings.HasSuffix(n, ".osm.pbf")
}

// FromLayer turns the features of a roads layer into roads on the plane;
// toPlane maps the layer's coordinates to it. Properties, all optional:
//
//   - speed_kmh: a positive number;
//   - oneway: walked only in the direction of the line;
//   - walk: false leaves the way out (a motorway);
//   - bridge, tunnel: the way passes over or under what it crosses;
//   - layer: an integer from -5 to 5, the level (0 on the ground).
//
// Yes/no properties take true/false, "yes"/"no", "true"/"false", 1/0.
// Every problem is returned (geo.Errors of *geo.FeatureError naming file,
// feature index, id and field) with the roads of the features that have
// none.
func FromLayer(lyr *geo.Layer, file string, toPlane func(orb.Point) orb.Point) (*Roads, error) {
	rs := &Roads{File: file}
	var errs geo.Errors
	for i := range lyr.Features {
		f := &lyr.Features[i]
		r, walk, ferrs := roadOf(f, file)
		if len(ferrs) > 0 {
			errs = append(errs, ferrs...)
			continue
		}
		if !walk {
			rs.NotWalkable++
			continue
		}
		lines, err := planeLines(f, toPlane)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, l := range lines {
			r.Line = l
			rs.Roads = append(rs.Roads, r)
		}
	}
	if len(errs) > 0 {
		return rs, errs
	}
	return rs, nil
}

// roadOf reads the properties of feature f.
func roadOf(f *geo.Feature, file string) (r Road, walk bool, errs geo.Errors) {
	r = Road{File: file, Index: f.Index, ID: f.ID}
	walk = true
	flags := []struct {
		name string
		dst  *bool
	}{{"oneway", &r.Oneway}, {"walk", &walk}, {"bridge", &r.Bridge}, {"tunnel", &r.Tunnel}}
	for _, fl := range flags {
		if v, ok, err := yesNo(f, fl.name); err != nil {
			errs = append(errs, err)
		} else if ok {
			*fl.dst = v
		}
	}
	var err error
	if r.SpeedKMH, err = speedOf(f); err != nil {
		errs = append(errs, err)
	}
	if r.Level, err = levelOf(f); err != nil {
		errs = append(errs, err)
	}
	return r, walk, errs
}

// speedOf reads speed_kmh: absent is 0, else a positive number.
func speedOf(f *geo.Feature) (float64, error) {
	v, ok, err := f.Float("speed_kmh")
	if err == nil && ok && v <= 0 {
		err = f.Errorf("speed_kmh", "%w: want a positive speed in km/h, got %v", ErrProperty, v)
	}
	if err != nil {
		return 0, err
	}
	return v, nil
}

// levelOf reads layer: absent is 0, else an integer from -5 to 5.
func levelOf(f *geo.Feature) (int, error) {
	v, ok, err := f.Int("layer")
	if err == nil && ok && (v < -5 || v > 5) {
		err = f.Errorf("layer", "%w: want a level from -5 to 5, got %d", ErrProperty, v)
	}
	if err != nil {
		return 0, err
	}
	return v, nil
}

// yesNo reads a yes/no property.
func yesNo(f *geo.Feature, field string) (v, ok bool, err error) {
	raw, present := f.Props[field]
	if !present || raw == nil {
		return false, false, nil
	}
	switch x := raw.(type) {
	case bool:
		return x, true, nil
	case float64:
		if x == 0 || x == 1 {
			return x == 1, true, nil
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "yes", "true", "1", "y", "t":
			return true, true, nil
		case "no", "false", "0", "n", "f":
			return false, true, nil
		}
	}
	return false, true, f.Errorf(field, "%w: want yes or no (true/false), got %v", ErrProperty, raw)
}

// planeLines maps the lines of f to the plane, checking that every
// position lands on finite coordinates.
func planeLines(f *geo.Feature, toPlane func(orb.Point) orb.Point) ([]orb.LineString, error) {
	var in []orb.LineString
	switch g := f.Geometry.(type) {
	case orb.LineString:
		in = []orb.LineString{g}
	case orb.MultiLineString:
		in = g
	default:
		return nil, f.Errorf("geometry", "%w: want a LineString or MultiLineString, got %s", ErrRoad, geometryName(g))
	}
	out := make([]orb.LineString, len(in))
	for i, l := range in {
		if len(l) < 2 {
			return nil, f.Errorf("geometry", "%w: line %d has %d positions, want 2 or more", ErrRoad, i, len(l))
		}
		out[i] = make(orb.LineString, len(l))
		for j, p := range l {
			q := toPlane(p)
			if !finite(q) {
				return nil, f.Errorf("geometry", "%w: line %d, position %d: %v is not a usable coordinate", ErrRoad, i, j, p)
			}
			out[i][j] = q
		}
	}
	return out, nil
}

func finite(p orb.Point) bool {
	return !math.IsNaN(p[0]) && !math.IsNaN(p[1]) && !math.IsInf(p[0], 0) && !math.IsInf(p[1], 0)
}

func geometryName(g orb.Geometry) string {
	if g == nil {
		return "none"
	}
	return fmt.Sprint(g.GeoJSONType())
}
