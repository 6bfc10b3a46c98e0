package geo

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// problem is a fault found in a record before its id is known; file is ""
// for the checker's attribute file.
type problem struct {
	file  string
	field string
	err   error
}

// recordChecker applies a Spec to features that the shapefile and table
// readers build record by record, with Decode's checks and messages: the id
// (present unless NoID, a non-empty string or an integer, unique), the
// required properties, the geometry kind and the geometry itself.
type recordChecker struct {
	attrFile string // names attribute problems (the .dbf, the table)
	geomFile string // names geometry problems (the .shp, the table)
	idField  string
	noID     bool
	planar   bool
	required []string
	allowed  []string
	byRow    bool           // duplicates name rows rather than features
	columns  []string       // field or column names of the file, for hints
	ids      map[string]int // id → index or row of its first feature
	errs     Errors
}

// newRecordChecker checks records of a layer whose attributes are read
// from attrFile and geometry from geomFile against spec; with byRow,
// repeated ids name table rows rather than features.
func newRecordChecker(attrFile, geomFile string, spec Spec, byRow bool) *recordChecker {
	return &recordChecker{
		attrFile: attrFile,
		geomFile: geomFile,
		idField:  spec.idField(),
		allowed:  spec.geometryTypes(),
		noID:     spec.NoID,
		planar:   spec.Planar,
		required: spec.Required,
		byRow:    byRow,
		ids:      make(map[string]int),
	}
}

// check validates f, whose File, Index, Row, Geometry and Props are set, and
// sets its ID. probs are problems found while reading the record; a nil
// Geometry must come with one of them. idLit is the text of a numeric id
// cell, "" if unknown. It reports whether f has no problem; problems go to
// c.errs.
func (c *recordChecker) check(f *Feature, idLit string, probs []problem) bool {
	probs = c.checkID(f, idLit, probs)
	for _, r := range c.required {
		if r == c.idField {
			continue
		}
		if v, ok := f.Props[r]; !ok || v == nil {
			probs = append(probs, problem{field: r, err: c.missing(r)})
		}
	}
	if f.Geometry != nil {
		if err := c.geometry(f.Geometry); err != nil {
			probs = append(probs, problem{file: c.geomFile, field: "geometry", err: err})
		}
	}
	for _, p := range probs {
		file := p.file
		if file == "" {
			file = c.attrFile
		}
		c.errs = append(c.errs, &FeatureError{File: file, Index: f.Index, Row: f.Row, ID: f.ID, Field: p.field, Err: p.err})
	}
	return len(probs) == 0
}

// missing is ErrMissing for property name, with a hint when the file has
// no column of that name but one that differs only in case: dBase tools
// often write field names in capitals.
func (c *recordChecker) missing(name string) error {
	for _, col := range c.columns {
		if col == name {
			return ErrMissing
		}
	}
	for _, col := range c.columns {
		if strings.EqualFold(col, name) {
			return fmt.Errorf("%w (the file has %q; names are case-sensitive)", ErrMissing, col)
		}
	}
	return ErrMissing
}

// checkID sets f.ID from the id property and records it.
func (c *recordChecker) checkID(f *Feature, idLit string, probs []problem) []problem {
	v, ok := f.Props[c.idField]
	if !ok || v == nil {
		if !c.noID {
			probs = append(probs, problem{field: c.idField, err: c.missing(c.idField)})
		}
		return probs
	}
	s, err := idString(v, idLit)
	if err != nil {
		return append(probs, problem{field: c.idField, err: err})
	}
	f.ID = s
	at, what := f.Index, "feature"
	if c.byRow {
		at, what = f.Row, "row"
	}
	if j, dup := c.ids[s]; dup {
		return append(probs, problem{field: c.idField, err: fmt.Errorf("%w: also %s %d", ErrDuplicateID, what, j)})
	}
	c.ids[s] = at
	return probs
}

func (c *recordChecker) geometry(g orb.Geometry) error {
	if c.allowed != nil {
		typ := g.GeoJSONType()
		ok := false
		for _, a := range c.allowed {
			ok = ok || a == typ
		}
		if !ok {
			return fmt.Errorf("%w: got %s, want %s", ErrGeometryType, typ, strings.Join(c.allowed, " or "))
		}
	}
	return validateGeometry(g, c.planar)
}
