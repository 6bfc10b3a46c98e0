package plan

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// ErrCandidate is wrapped by the errors of a candidate-sites file.
var ErrCandidate = errors.New("plan: bad candidate site")

// Candidate is a site where Optimize may build a new school.
type Candidate struct {
	// ID and Name name the site; ID "" takes the proposal's own id
	// (OPT-J-1, …), Name "" a generated name.
	ID, Name string
	// Point is on the city's plane (metres), as engine.City.ToPlane gives it.
	Point orb.Point
	// District is the index of the district the site lies in.
	District int
	// Stage limits the site to one stage; nil means either.
	Stage *engine.Stage
	// Streams is the size of a school built here; 0 means
	// OptimizeOptions.NewStreams.
	Streams int
	// Cost is what building here costs, in the units of
	// OptimizeOptions.SchoolCost; 0 means SchoolCost + Streams × StreamCost.
	Cost float64
}

// ReadCandidates reads candidate sites from a GeoJSON FeatureCollection of
// points in the city's CRS (name is used in errors). Every property is
// optional: id, name, stage (primary or junior), streams (an integer ≥ 1)
// and cost (a number ≥ 0). A point outside every district of c is an error;
// every problem is reported (as geo.Errors of *geo.FeatureError), not only
// the first.
func ReadCandidates(c *engine.City, name string, data []byte) ([]Candidate, error) {
	feats, err := geo.Decode(name, data, geo.Spec{Geometry: []orb.Geometry{orb.Point{}}, NoID: true})
	if err != nil {
		return nil, err
	}
	return candidates(c, name, feats, c.CRS)
}

// candidateSpec is what a candidate-sites layer must hold.
var candidateSpec = geo.Spec{Geometry: []orb.Geometry{orb.Point{}}, NoID: true, Planar: true}

// ReadCandidatesFile reads candidate sites from a file in any format
// geo.ReadLayer reads — GeoJSON, a Shapefile, or a CSV or XLSX table with
// lon and lat (or x and y) columns — with the properties ReadCandidates
// takes. Coordinates are in the file's own coordinate system when it says
// one (a GeoJSON crs member, a .prj), else in the city's.
func ReadCandidatesFile(c *engine.City, file string) ([]Candidate, error) {
	dir, base := filepath.Split(file)
	if dir == "" {
		dir = "."
	}
	lyr, err := geo.ReadLayer(os.DirFS(dir), base, file, candidateSpec, nil)
	if err != nil {
		return nil, err
	}
	crs := c.CRS
	switch {
	case lyr.CRSName != "":
		crs, err = geo.ParseCRS(lyr.CRSName)
	case lyr.PRJ != "":
		crs, err = geo.ParseWKT(lyr.PRJ)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: crs: %w", file, err)
	}
	feats := lyr.Features
	if crs.Geographic() {
		var errs geo.Errors
		if feats, errs = geo.CheckLonLat(feats); len(errs) > 0 {
			return nil, errs
		}
	}
	return candidates(c, file, feats, crs)
}

// candidates reads the candidate sites of decoded features whose points are
// in crs.
func candidates(c *engine.City, name string, feats []geo.Feature, crs geo.CRS) ([]Candidate, error) {
	rd := &candidateReader{city: c, file: name, crs: crs, districts: c.DistrictPolygonIndex()}
	out := make([]Candidate, 0, len(feats))
	for _, f := range feats {
		out = append(out, rd.read(f))
	}
	if len(rd.errs) > 0 {
		return nil, rd.errs
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w: no features", name, ErrCandidate)
	}
	return out, nil
}

// candidateReader reads the candidate sites of one file, collecting every
// problem.
type candidateReader struct {
	city      *engine.City
	file      string
	crs       geo.CRS
	districts *geo.PolygonIndex
	errs      geo.Errors
}

// bad records a problem with field of feature f.
func (rd *candidateReader) bad(f geo.Feature, field string, format string, args ...any) {
	rd.errs = append(rd.errs, &geo.FeatureError{File: rd.file, Index: f.Index, ID: f.ID, Field: field,
		Err: fmt.Errorf("%w: "+format, append([]any{ErrCandidate}, args...)...)})
}

// read reads the site of feature f: its point and district, then each
// property it has.
func (rd *candidateReader) read(f geo.Feature) Candidate {
	cand := Candidate{ID: f.ID}
	ll := f.Geometry.(orb.Point)
	cand.Point = rd.city.Projection.Forward(rd.crs.ToWGS84(ll))
	if cand.District = rd.districts.Locate(cand.Point); cand.District < 0 {
		rd.bad(f, "geometry", "%v lies outside every district of the city (coordinates in %s)", [2]float64(ll), rd.crs)
	}
	for _, p := range []struct {
		key  string
		read func(geo.Feature, any, *Candidate)
	}{{"name", rd.name}, {"stage", rd.stage}, {"streams", rd.streams}, {"cost", rd.cost}} {
		if v, ok := f.Props[p.key]; ok && v != nil {
			p.read(f, v, &cand)
		}
	}
	return cand
}

// name reads the name property v: a string.
func (rd *candidateReader) name(f geo.Feature, v any, cand *Candidate) {
	s, ok := v.(string)
	if !ok {
		rd.bad(f, "name", "want a string, got %v", v)
	}
	cand.Name = s
}

// stage reads the stage property v: primary or junior.
func (rd *candidateReader) stage(f geo.Feature, v any, cand *Candidate) {
	s, _ := v.(string)
	st, err := engine.ParseStage(s)
	if err != nil {
		rd.bad(f, "stage", "%v: want primary or junior", v)
		return
	}
	cand.Stage = &st
}

// streams reads the streams property v: an integer from 1 to 100.
func (rd *candidateReader) streams(f geo.Feature, v any, cand *Candidate) {
	x, ok := v.(float64)
	if !ok || x < 1 || x > 100 || x != math.Trunc(x) {
		rd.bad(f, "streams", "%v: want an integer from 1 to 100", v)
		return
	}
	cand.Streams = int(x)
}

// cost reads the cost property v: a number >= 0.
func (rd *candidateReader) cost(f geo.Feature, v any, cand *Candidate) {
	x, ok := v.(float64)
	if !ok || !(x >= 0) || math.IsInf(x, 1) {
		rd.bad(f, "cost", "%v: want a number >= 0", v)
		return
	}
	cand.Cost = x
}

// GridCandidates returns the points of a square grid of the given spacing
// (metres) that lie inside a district of c, aligned on multiples of spacing
// on the city's plane, each with its district. It returns nil for a spacing
// that is not positive.
func GridCandidates(c *engine.City, spacing engine.Meters) []Candidate {
	sp := float64(spacing)
	if !(sp > 0) || math.IsInf(sp, 0) {
		return nil
	}
	var out []Candidate
	for di := range c.Districts {
		g := c.Districts[di].Geometry
		if len(g) == 0 {
			continue
		}
		one := geo.NewPolygonIndex([]orb.MultiPolygon{g})
		b := g.Bound()
		for y := math.Ceil(b.Min[1]/sp) * sp; y <= b.Max[1]; y += sp {
			for x := math.Ceil(b.Min[0]/sp) * sp; x <= b.Max[0]; x += sp {
				p := orb.Point{x, y}
				if one.Locate(p) == 0 {
					out = append(out, Candidate{Point: p, District: di})
				}
			}
		}
	}
	return out
}
