package geo

import (
	"fmt"
	"path"
	"strings"
)

// Shapefile holds the files of one ESRI shapefile.
type Shapefile struct {
	SHP []byte // geometries (.shp); required
	DBF []byte // attributes (.dbf); required
	CPG []byte // text encoding of the .dbf (.cpg); nil when there is none
	PRJ []byte // coordinate system as WKT (.prj); nil when there is none
}

// DecodeShapefile reads a shapefile into features of the form Decode gives
// for GeoJSON, checked against spec in the same way. name is the .shp's
// name for errors; problems with attributes name the .dbf beside it.
//
// Geometry: shape types Point, MultiPoint, PolyLine and Polygon and their Z
// and M variants (z and m values are dropped). A one-part PolyLine is a
// LineString, several parts a MultiLineString. Polygon parts are assembled
// by ring orientation (outer rings clockwise, holes counter-clockwise, as
// the specification says) and each hole goes to the smallest outer ring
// containing it; one outer ring gives a Polygon, several a MultiPolygon,
// with rings in RFC 7946 orientation. A null shape, a hole outside every
// outer ring or any other fault of a record is an error naming it.
//
// Attributes (dBase III/IV): character fields become strings (trailing
// blanks removed), number fields (N, F) float64, logical fields (L) bool,
// date fields (D) strings "YYYY-MM-DD"; blank values are left out of Props.
// Other field types (memo M, …) are an error. An integer id keeps the
// digits written in the file.
//
// Text encoding: the .cpg file's name for it (see ParseEncoding); without a
// .cpg, the .dbf's language driver byte (0x4D and 0x7A mean GBK); without
// either, text must be valid UTF-8, else the error asks for a .cpg file.
// The encoding is never guessed.
//
// Records: Feature.Index is the 0-based record number (the FID of QGIS
// and GDAL). Records marked deleted in the .dbf are skipped, the only
// records ever skipped, and counted in Layer.Deleted. The .shp and .dbf
// must hold the same number of records. The .shx index is not needed: the
// .shp holds the records in order. PRJ is returned as Layer.PRJ, unparsed.
func DecodeShapefile(name string, sf Shapefile, spec Spec) (*Layer, error) {
	shapes, t, errs := readShapefile(name, sf)
	if len(errs) > 0 {
		return nil, errs
	}
	layer := &Layer{Format: FormatShapefile, PRJ: string(sf.PRJ)}
	feats, errs := shapefileFeatures(name, shapes, t, spec, layer)
	if len(errs) > 0 {
		return nil, errs
	}
	layer.Features = feats
	return layer, nil
}

// readShapefile reads the shapes of the .shp and the table of the .dbf,
// which must hold as many records.
func readShapefile(name string, sf Shapefile) ([]shpShape, *dbfTable, Errors) {
	dbfName := sidecarName(name, "dbf")
	enc, declared, err := shapefileEncoding(name, sf)
	if err != nil {
		return nil, nil, Errors{err}
	}
	shapes, fatal := readSHP(name, sf.SHP)
	t, errs := parseDBF(dbfName, sf.DBF, enc, declared)
	if fatal != nil {
		errs = append(Errors{fatal}, errs...)
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	t.cpgName = path.Base(sidecarName(name, "cpg"))
	if len(shapes) != t.count {
		return nil, nil, Errors{&FeatureError{File: name, Index: -1, Err: fmt.Errorf("%w: %d shapes in the .shp but %d records in %s", ErrSHP, len(shapes), t.count, path.Base(dbfName))}}
	}
	return shapes, t, nil
}

// shapefileFeatures joins each shape to its record and checks them; it
// counts the records marked deleted in layer.Deleted.
func shapefileFeatures(name string, shapes []shpShape, t *dbfTable, spec Spec, layer *Layer) ([]Feature, Errors) {
	c := newRecordChecker(t.name, name, spec, false)
	for _, f := range t.fields {
		c.columns = append(c.columns, f.name)
	}
	feats := make([]Feature, 0, len(shapes))
	for i, s := range shapes {
		if del, _ := t.deleted(i); del {
			layer.Deleted++
			continue
		}
		props, idLit, probs := t.record(i, c.idField)
		if s.err != nil {
			probs = append(probs, problem{file: name, field: "geometry", err: s.err})
		}
		f := Feature{File: name, Index: i, Geometry: s.geom, Props: props}
		if c.check(&f, idLit, probs) && len(c.errs) == 0 {
			feats = append(feats, f)
		}
	}
	return feats, c.errs
}

// shapefileEncoding decides the .dbf's text encoding; declared is false when
// nothing names it.
func shapefileEncoding(name string, sf Shapefile) (Encoding, bool, error) {
	if sf.CPG != nil {
		enc, err := ParseEncoding(string(sf.CPG))
		if err != nil {
			return enc, false, &FeatureError{File: sidecarName(name, "cpg"), Index: -1, Err: err}
		}
		return enc, true, nil
	}
	if len(sf.DBF) > 29 {
		enc, ok := dbfDriverEncoding(sf.DBF[29])
		return enc, ok, nil
	}
	return UTF8, false, nil
}

// sidecarName replaces the extension of a .shp name, keeping its case:
// districts.shp → districts.dbf, DISTRICTS.SHP → DISTRICTS.DBF.
func sidecarName(shp, ext string) string {
	old := path.Ext(shp)
	if old != "" && old == strings.ToUpper(old) {
		ext = strings.ToUpper(ext)
	}
	return strings.TrimSuffix(shp, old) + "." + ext
}
