package geo

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Format names the file format a layer was read from.
type Format string

// The formats ReadLayer reads, by file extension (case does not matter).
const (
	FormatGeoJSON   Format = "geojson"   // .geojson, .json
	FormatShapefile Format = "shapefile" // .shp with .dbf (and optional .cpg, .prj)
	FormatCSV       Format = "csv"       // .csv point table
	FormatXLSX      Format = "xlsx"      // .xlsx point table
)

// Layer is one layer of a city folder in the form every format reads into.
type Layer struct {
	Features []Feature
	Format   Format
	// CRSName is the name in a GeoJSON file's legacy crs member (e.g.
	// "urn:ogc:def:crs:EPSG::4547"); "" when there is none.
	CRSName string
	// PRJ is the text of a shapefile's .prj file, unparsed; "" when there is
	// none.
	PRJ string
	// Deleted counts the shapefile records marked deleted in the .dbf and
	// therefore skipped; 0 for other formats.
	Deleted int
}

// LayerOptions tunes ReadLayer for tables. A nil *LayerOptions and every zero
// field mean the defaults.
type LayerOptions struct {
	Table TableOptions // CSV and XLSX point tables; ignored for other formats
}

// layerExts lists the extensions FindLayer tries, in order.
var layerExts = []string{".geojson", ".json", ".shp", ".xlsx", ".csv"}

// FindLayer finds the file of layer base (e.g. "schools") in folder dir of
// fsys: base.geojson, base.json, base.shp, base.xlsx or base.csv, with the
// name's case ignored. It returns the file's path in fsys. When none is
// there, the error wraps fs.ErrNotExist; when several are, the error names
// them all rather than picking one (wrapping ErrLayerAmbiguous). Both are
// *FeatureError naming dir/base.
func FindLayer(fsys fs.FS, dir, base string) (string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return "", err
	}
	var found []string
	for _, e := range entries {
		n := e.Name()
		ext := strings.ToLower(path.Ext(n))
		if e.IsDir() || !slices.Contains(layerExts, ext) || !strings.EqualFold(strings.TrimSuffix(n, path.Ext(n)), base) {
			continue
		}
		found = append(found, n)
	}
	switch len(found) {
	case 0:
		return "", &FeatureError{File: path.Join(dir, base), Index: -1, Err: fmt.Errorf("no layer file (%s.geojson, .json, .shp, .xlsx or .csv): %w", base, fs.ErrNotExist)}
	case 1:
		return path.Join(dir, found[0]), nil
	}
	return "", &FeatureError{File: path.Join(dir, base), Index: -1, Err: fmt.Errorf("%w: %s; keep one", ErrLayerAmbiguous, strings.Join(found, " and "))}
}

// ErrLayerAmbiguous says a folder holds a layer in more than one file.
var ErrLayerAmbiguous = errors.New("geo: the layer is in several files")

// ReadLayer reads the layer file name of fsys, choosing the reader by the
// extension (see Format), and checks it against spec. display is the name
// errors give the file (its sidecar files are named alike); "" means name.
//
//   - GeoJSON: Decode, and CRSName from the legacy crs member (GeoJSONCRSName).
//   - Shapefile: DecodeShapefile with the .dbf, .cpg and .prj beside it (the
//     extension in lower or upper case); PRJ is set.
//   - CSV, XLSX: DecodeCSV and DecodeXLSX with opts.Table.
//
// Problems are returned as Errors of *FeatureError, as Decode returns them.
func ReadLayer(fsys fs.FS, name, display string, spec Spec, opts *LayerOptions) (*Layer, error) {
	if display == "" {
		display = name
	}
	var tab *TableOptions
	if opts != nil {
		tab = &opts.Table
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".geojson", ".json":
		return readGeoJSONLayer(fsys, name, display, spec)
	case ".shp":
		return readShapefileLayer(fsys, name, display, spec)
	case ".csv":
		return readTableLayer(fsys, name, display, spec, tab, FormatCSV, DecodeCSV)
	case ".xlsx":
		return readTableLayer(fsys, name, display, spec, tab, FormatXLSX, DecodeXLSX)
	}
	return nil, Errors{&FeatureError{File: display, Index: -1, Err: fmt.Errorf("%w: the file type %q is not read; use .geojson, .json, .shp, .xlsx or .csv", ErrFormat, path.Ext(name))}}
}

// ErrFormat says a file is of a format ReadLayer does not read.
var ErrFormat = errors.New("geo: unknown layer format")

func readFile(fsys fs.FS, name, display string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, Errors{&FeatureError{File: display, Index: -1, Err: err}}
	}
	return data, nil
}

func readGeoJSONLayer(fsys fs.FS, name, display string, spec Spec) (*Layer, error) {
	data, err := readFile(fsys, name, display)
	if err != nil {
		return nil, err
	}
	feats, derr := DecodeUsable(display, data, spec)
	if derr != nil && len(feats) == 0 {
		return nil, derr
	}
	crs, err := GeoJSONCRSName(data)
	if err != nil {
		return nil, Errors{&FeatureError{File: display, Index: -1, Field: "crs", Err: err}}
	}
	// With the problems, the features that have none of their own, so
	// that a caller may check them too (see DecodeUsable).
	return &Layer{Features: feats, Format: FormatGeoJSON, CRSName: crs}, derr
}

func readShapefileLayer(fsys fs.FS, name, display string, spec Spec) (*Layer, error) {
	var (
		sf   Shapefile
		errs Errors
		err  error
	)
	if sf.SHP, err = readFile(fsys, name, display); err != nil {
		errs = append(errs, err.(Errors)...)
	}
	if sf.DBF, err = readSidecar(fsys, name, display, "dbf", true); err != nil {
		errs = append(errs, err)
	}
	if sf.CPG, err = readSidecar(fsys, name, display, "cpg", false); err != nil {
		errs = append(errs, err)
	}
	if sf.PRJ, err = readSidecar(fsys, name, display, "prj", false); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return DecodeShapefile(display, sf, spec)
}

// readSidecar reads the file beside a .shp with extension ext in lower or
// upper case; a missing optional file gives nil, nil. The folder is listed
// rather than probed, so that a file system that ignores case does not make
// one file look like two.
func readSidecar(fsys fs.FS, shp, display, ext string, required bool) ([]byte, error) {
	fail := func(err error) error { return &FeatureError{File: sidecarName(display, ext), Index: -1, Err: err} }
	dir, file := path.Split(shp)
	found, err := findSidecars(fsys, dir, strings.TrimSuffix(file, path.Ext(file)), ext)
	if err != nil {
		return nil, fail(err)
	}
	switch {
	case len(found) > 1:
		return nil, fail(fmt.Errorf("%w: %s; keep one", ErrLayerAmbiguous, strings.Join(found, " and ")))
	case len(found) == 0 && required:
		return nil, fail(fmt.Errorf("%w: a shapefile needs its .%s file beside the .shp", fs.ErrNotExist, ext))
	case len(found) == 0:
		return nil, nil
	}
	data, err := fs.ReadFile(fsys, dir+found[0])
	if err != nil {
		return nil, fail(err)
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// findSidecars lists the files in folder dir named base.ext, with ext in
// lower or upper case.
func findSidecars(fsys fs.FS, dir, base, ext string) ([]string, error) {
	entries, err := fs.ReadDir(fsys, path.Clean(dir+"."))
	if err != nil {
		return nil, err
	}
	var found []string
	for _, e := range entries {
		if n := e.Name(); n == base+"."+ext || n == base+"."+strings.ToUpper(ext) {
			found = append(found, n)
		}
	}
	return found, nil
}

func readTableLayer(fsys fs.FS, name, display string, spec Spec, opts *TableOptions, f Format,
	decode func(string, []byte, Spec, *TableOptions) ([]Feature, error)) (*Layer, error) {
	data, err := readFile(fsys, name, display)
	if err != nil {
		return nil, err
	}
	feats, err := decode(display, data, spec, opts)
	if err != nil {
		return nil, err
	}
	return &Layer{Features: feats, Format: f}, nil
}
