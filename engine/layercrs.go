package engine

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// inCRS resolves the coordinate system of a layer just read (see
// layerCRS) and checks its coordinates against it: in a geographic CRS
// every position must be a longitude and latitude (a feature that is not
// is reported and left out); in a projected one the layer must not read
// as longitude and latitude throughout.
func (l *loader) inCRS(layer, name string, lyr *geo.Layer, m *layerMap) []geo.Feature {
	display := l.name(name)
	before := len(l.errs)
	crs := l.layerCRS(layer, display, lyr, m)
	if len(l.errs) > before {
		return nil // the coordinates cannot be read: no check of them would mean anything
	}
	if l.crsOf == nil {
		l.crsOf = map[string]geo.CRS{}
	}
	l.crsOf[display] = crs
	l.checkRepeats(display, lyr.Features)
	if !crs.Geographic() {
		l.checkLonLatInProjected(name, lyr.Features, crs)
		return lyr.Features
	}
	feats, errs := geo.CheckLonLat(lyr.Features)
	if len(errs) > 0 {
		l.fail(errs)
		l.markBroken(errs)
	}
	return feats
}

// layerCRS is a layer's coordinate system: city.yaml's layers.LAYER.crs,
// else what the file says (a GeoJSON crs member, a shapefile's .prj), else
// the city's crs. What the file says is never ignored: it is used, or
// overridden by the layer's own crs with a warning, and it is an error
// when it contradicts the crs city.yaml gives the whole city.
func (l *loader) layerCRS(layer, display string, lyr *geo.Layer, m *layerMap) geo.CRS {
	city := l.city.CRS
	file, says, ok := l.fileCRS(display, lyr)
	if m.active() && m.cfg.CRS != "" {
		own, _ := geo.ParseCRS(m.cfg.CRS) // checked with city.yaml
		if ok && !sameCoordinates(own, file) {
			l.warn(&geo.FeatureError{File: display, Index: -1, Field: "crs", Err: fmt.Errorf(
				"%w: the file says %s (%s), city.yaml's layers.%s.crs says %s, which is used", ErrWrongCRS, file, says, layer, own)})
		}
		return own
	}
	if !ok {
		return city
	}
	if l.cfg.CRS != "" && !sameCoordinates(file, city) {
		l.fail(&geo.FeatureError{File: display, Index: -1, Field: "crs", Err: fmt.Errorf(
			"%w: the file says %s (%s), but city.yaml says crs: %s; give the layer's own in city.yaml's layers.%s.crs",
			ErrWrongCRS, file, says, l.cfg.CRS, layer)})
		return city
	}
	return file
}

// fileCRS is the coordinate system a layer file gives itself, and where it
// says so; ok is false when it gives none (or one that cannot be read,
// which is reported).
func (l *loader) fileCRS(display string, lyr *geo.Layer) (crs geo.CRS, says string, ok bool) {
	var err error
	switch {
	case lyr.CRSName != "":
		says = "its crs member"
		crs, err = geo.ParseCRS(lyr.CRSName)
	case lyr.PRJ != "":
		says = "its .prj file"
		crs, err = geo.ParseWKT(lyr.PRJ)
	default:
		return crs, "", false
	}
	if err != nil {
		// A .prj may have several problems (geo.Errors): each names the file.
		var list geo.Errors
		if !errors.As(err, &list) {
			list = geo.Errors{err}
		}
		for _, e := range list {
			l.fail(&geo.FeatureError{File: display, Index: -1, Field: "crs", Err: fmt.Errorf("%s: %w", says, e)})
		}
		return crs, says, false
	}
	return crs, says, true
}

// sameCoordinates reports whether coordinates in a and b mean the same
// places: the same CRS, or two lon/lat datums the engine does not shift
// between (WGS84, CGCS2000, NAD83).
func sameCoordinates(a, b geo.CRS) bool {
	return a == b || (a.Geographic() && b.Geographic() && a != geo.GCJ02 && b != geo.GCJ02)
}

// planeOf is the conversion of a layer file's coordinates to the local
// plane.
func (l *loader) planeOf(file string) func(orb.Point) orb.Point {
	if fn, ok := l.planes[file]; ok {
		return fn
	}
	crs, proj := l.fileCRSOf(file), l.city.Projection
	fn := proj.Forward
	if crs != geo.WGS84 {
		fn = func(p orb.Point) orb.Point { return proj.Forward(crs.ToWGS84(p)) }
	}
	if l.planes == nil {
		l.planes = map[string]func(orb.Point) orb.Point{}
	}
	l.planes[file] = fn
	return fn
}

// fileCRSOf is the coordinate system of a layer file, as resolved.
func (l *loader) fileCRSOf(file string) geo.CRS {
	if crs, ok := l.crsOf[file]; ok {
		return crs
	}
	return l.city.CRS
}

// checkRepeats warns, once for the layer, of polygons that repeat a
// position: the engine does not mind, but a GIS check does, and they are
// often where a boundary was digitised twice.
func (l *loader) checkRepeats(display string, feats []geo.Feature) {
	n, first := 0, ""
	for i := range feats {
		part, ring, pos, ok := geo.RepeatedPosition(feats[i].Geometry)
		if !ok {
			continue
		}
		if n == 0 {
			first = fmt.Sprintf("feature %d (id %q), polygon %d, ring %d, position %d", feats[i].Index, feats[i].ID, part, ring, pos)
		}
		n++
	}
	if n > 0 {
		what := "1 feature repeats"
		if n > 1 {
			what = fmt.Sprintf("%d features repeat", n)
		}
		l.warn(&geo.FeatureError{File: display, Index: -1, Field: "geometry", Err: fmt.Errorf(
			"%w: %s a position where the boundary should move on (the first: %s): harmless here, but often a digitising slip",
			ErrRepeatedPosition, what, first)})
	}
}
