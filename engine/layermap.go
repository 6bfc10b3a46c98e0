package engine

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/geo"
)

// LayerConfig is one entry of city.yaml's `layers:` block: where a layer's
// file is and how its properties map onto the ones the engine reads, so that
// a bureau's own export loads without edits.
//
//	layers:
//	  schools:
//	    file: sps_school_site_2015_2016.geojson
//	    fields: {id: PROPERTY_L, stage: Status}   # engine property: source column
//	    values: {stage: {ELEM: primary, MS: junior}}
//	    filter: {Status: [ELEM, MS]}             # keep only these features
//	    defaults: {streams: 3}                   # where the source has no value
//
// Every key may be left out. The steps run in this order: filter (on the
// source columns), fields (rename), values (recode), defaults; the usual
// checks of the layer then run on the result, and their messages name the
// source column as well ("streams (from CAP)").
type LayerConfig struct {
	// File is the layer's file name in the city folder; "" finds it by the
	// layer's name in any supported format.
	File string `yaml:"file"`
	// CRS is the layer's coordinate system when it differs from the
	// city's, e.g. "EPSG:2926"; it wins over what the file says (a GeoJSON
	// crs member, a shapefile's .prj), with a warning when they differ.
	CRS string `yaml:"crs"`
	// X and Y name the coordinate columns of a CSV or XLSX point table
	// (default: the one column named lon, lng, longitude or x, and lat,
	// latitude or y). Sheet is an XLSX sheet (default: the first).
	// Encoding is a CSV file's text encoding: UTF-8 (default), GBK or
	// GB18030.
	X        string `yaml:"x"`
	Y        string `yaml:"y"`
	Sheet    string `yaml:"sheet"`
	Encoding string `yaml:"encoding"`
	// Fields maps an engine property to the source column holding it.
	Fields map[string]string `yaml:"fields"`
	// Values recodes an engine property's source values: the key is the
	// value as written in the source (numbers as their digits), the value
	// what the engine reads. A source value the map does not list is an
	// error (filter the features out instead), unless the map has the key
	// "*": its value is then taken for every other source value, and
	// "*": "*" keeps them as they are.
	Values map[string]map[string]any `yaml:"values"`
	// Filter keeps only the features whose source column holds one of the
	// listed values. Features left out are counted in the load's notes.
	Filter map[string][]string `yaml:"filter"`
	// Defaults give an engine property a value where the source has none.
	Defaults map[string]any `yaml:"defaults"`
	// GenerateIDs numbers the features 1, 2, … (after the filter) as
	// LAYER-1, LAYER-2, … instead of reading an id column.
	GenerateIDs bool `yaml:"generate_ids"`
	// Dissolve merges polygon features (after the filter) into fewer:
	// all of them into one, or one per value of a source column.
	Dissolve *DissolveConfig `yaml:"dissolve"`
}

// DissolveConfig says how a polygon layer is dissolved, e.g. the districts
// of a city that has only its catchment zones:
//
//	districts: {file: zones.geojson, dissolve: {id: SEA, name: Seattle}}
//	districts: {file: zones.geojson, dissolve: {by: MS_ZONE}}
type DissolveConfig struct {
	// By is a source column: one feature per value, whose id and name are
	// that value. Empty merges every feature into one.
	By string `yaml:"by"`
	// ID and Name are the merged feature's, when By is empty.
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
}

// anyValue is the key of a values map that stands for every value it does
// not list.
const anyValue = "*"

// layerMap applies a LayerConfig to the features of one layer.
type layerMap struct {
	layer string // "schools", "areas", …
	cfg   *LayerConfig
	from  map[string]string // engine property → source column
}

func newLayerMap(layer string, cfg *LayerConfig) *layerMap {
	m := &layerMap{layer: layer, cfg: cfg, from: map[string]string{}}
	if cfg == nil {
		return m
	}
	for prop, col := range cfg.Fields {
		m.from[prop] = col
	}
	return m
}

// active reports whether the layer's properties are mapped at all; an
// unmapped layer is read exactly as written.
func (m *layerMap) active() bool { return m.cfg != nil }

// source is the source column an engine property is read from.
func (m *layerMap) source(prop string) string {
	if col, ok := m.from[prop]; ok {
		return col
	}
	return prop
}

// layerOptions are the reader's options the layer's config gives.
func (m *layerMap) layerOptions() *geo.LayerOptions {
	if !m.active() {
		return nil
	}
	enc, _ := geo.ParseEncoding(m.cfg.Encoding) // checked by checkLayers
	return &geo.LayerOptions{Table: geo.TableOptions{Lon: m.cfg.X, Lat: m.cfg.Y, Sheet: m.cfg.Sheet, Encoding: enc}}
}

// decodeSpec is the spec to decode the raw file with: ids and required
// properties are checked after mapping, so a feature the filter drops
// cannot fail the load.
func (m *layerMap) decodeSpec(spec geo.Spec) geo.Spec {
	if !m.active() {
		return spec
	}
	idField := spec.IDField
	if idField == "" {
		idField = "id"
	}
	out := spec
	out.IDField = m.source(idField)
	out.LaterIDs = true
	out.Required = nil
	return out
}

// apply filters, renames, recodes and completes the decoded features, then
// checks ids and required properties as geo.Decode would have. It returns
// the kept features, every problem, and a note on what the filter left out
// ("" when it left out nothing).
func (m *layerMap) apply(feats []geo.Feature, spec geo.Spec) ([]geo.Feature, geo.Errors, string) {
	if !m.active() {
		return feats, nil, ""
	}
	kept := feats[:0:0]
	for _, f := range feats {
		if m.keep(&f) {
			kept = append(kept, f)
		}
	}
	filtered := len(kept)
	var errs geo.Errors
	if m.cfg.Dissolve != nil && len(kept) > 0 {
		var derrs geo.Errors
		kept, derrs = m.dissolve(kept)
		if len(derrs) > 0 {
			return nil, derrs, ""
		}
	}
	for i := range kept {
		f := &kept[i]
		f.Props = m.rename(f.Props)
		errs = append(errs, m.recode(f)...)
		m.complete(f)
	}
	errs = append(errs, m.identify(kept, spec)...)
	note := m.note(len(feats), filtered, len(kept))
	return kept, errs, note
}

// note says what the filter and the dissolve did: n features read, kept
// by the filter, and left after the dissolve.
func (m *layerMap) note(n, kept, dissolved int) string {
	var parts []string
	if kept < n {
		parts = append(parts, fmt.Sprintf("%d of %d features left out by the filter %s", n-kept, n, m.filterText()))
	}
	if m.cfg.Dissolve != nil && kept > 0 {
		parts = append(parts, fmt.Sprintf("%d features dissolved into %d", kept, dissolved))
	}
	if parts == nil {
		return ""
	}
	return m.layer + ": " + strings.Join(parts, "; ")
}

// keep reports whether f passes every filter column.
func (m *layerMap) keep(f *geo.Feature) bool {
	for col, want := range m.cfg.Filter {
		v, ok := scalarText(f.Props[col])
		if !ok || !slices.Contains(want, v) {
			return false
		}
	}
	return true
}

func (m *layerMap) filterText() string {
	cols := sortedKeys(m.cfg.Filter)
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = fmt.Sprintf("%s in [%s]", c, strings.Join(m.cfg.Filter[c], ", "))
	}
	return strings.Join(parts, " and ")
}

// rename returns the properties under the engine's names: each mapped
// engine property takes its source column's value (one column may feed
// several), and the other source columns stay as they are unless they
// carry an engine name that is mapped from elsewhere (the mapping says
// where that property comes from).
func (m *layerMap) rename(props map[string]any) map[string]any {
	out := make(map[string]any, len(props))
	for k, v := range props {
		if _, shadowed := m.from[k]; !shadowed {
			out[k] = v
		}
	}
	for prop, col := range m.from {
		if v, ok := props[col]; ok {
			out[prop] = v
		}
	}
	return out
}

// recode applies the value maps.
func (m *layerMap) recode(f *geo.Feature) geo.Errors {
	var errs geo.Errors
	for _, prop := range sortedKeys(m.cfg.Values) {
		table := m.cfg.Values[prop]
		raw, present := f.Props[prop]
		if !present || raw == nil {
			continue
		}
		key, ok := scalarText(raw)
		if !ok {
			errs = append(errs, f.Errorf(m.label(prop), "%w: %v is not a single value that the values map of city.yaml can recode", ErrInvalid, raw))
			continue
		}
		v, found := table[key]
		if !found {
			v, found = table[anyValue]
			if v == anyValue {
				v = raw // "*": "*" keeps the values the map does not list
			}
		}
		if !found {
			errs = append(errs, f.Errorf(m.label(prop), "%w: %q is not in the values map of city.yaml (it lists %s): add it there, or leave the feature out with a filter", ErrInvalid, key, quotedKeys(table)))
			continue
		}
		f.Props[prop] = normalizeValue(v)
	}
	return errs
}

// complete fills the defaults.
func (m *layerMap) complete(f *geo.Feature) {
	for prop, v := range m.cfg.Defaults {
		if old, present := f.Props[prop]; !present || old == nil {
			if f.Props == nil {
				f.Props = map[string]any{}
			}
			f.Props[prop] = normalizeValue(v)
		}
	}
}

// identify sets the ids (generated, or read from the id property) and checks
// what geo.Decode checks before mapping: ids present and unique, required
// properties present.
func (m *layerMap) identify(feats []geo.Feature, spec geo.Spec) geo.Errors {
	var errs geo.Errors
	idField := spec.IDField
	if idField == "" {
		idField = "id"
	}
	seen := make(map[string]int, len(feats))
	for i := range feats {
		f := &feats[i]
		if m.cfg.GenerateIDs {
			f.ID = m.layer + "-" + strconv.Itoa(i+1)
		} else {
			f.ID = m.readID(f, idField, spec.NoID, &errs)
		}
		if f.ID != "" {
			if j, dup := seen[f.ID]; dup {
				errs = append(errs, f.Errorf(m.label(idField), "%w: also feature %d", geo.ErrDuplicateID, feats[j].Index))
			} else {
				seen[f.ID] = i
			}
		}
		for _, r := range spec.Required {
			if r == idField {
				continue
			}
			if v, present := f.Props[r]; !present || v == nil {
				errs = append(errs, f.Errorf(m.label(r), "%w", geo.ErrMissing))
			}
		}
	}
	return errs
}

func (m *layerMap) readID(f *geo.Feature, idField string, noID bool, errs *geo.Errors) string {
	if f.ID != "" {
		return f.ID
	}
	s, ok, err := f.String(idField)
	switch {
	case err != nil:
		*errs = append(*errs, f.Errorf(m.label(idField), "%w", geo.ErrID))
	case !ok && !noID:
		*errs = append(*errs, f.Errorf(m.label(idField), "%w", geo.ErrMissing))
	case ok && s == "":
		*errs = append(*errs, f.Errorf(m.label(idField), "%w", geo.ErrID))
	}
	return s
}

// label names an engine property in messages, with its source column when
// it is mapped: "stage (from Status)".
func (m *layerMap) label(prop string) string {
	if col, ok := m.from[prop]; ok && col != prop {
		return prop + " (from " + col + ")"
	}
	return prop
}

// relabel rewrites the Field of the layer's feature errors to name the
// source column too.
func (m *layerMap) relabel(errs geo.Errors) {
	if !m.active() {
		return
	}
	for _, e := range errs {
		if fe, ok := e.(*geo.FeatureError); ok {
			if _, mapped := m.from[fe.Field]; mapped {
				fe.Field = m.label(fe.Field)
			}
		}
	}
}

// scalarText is the text a filter or values map matches a property value
// by: strings as they are, integral numbers as their digits, other numbers
// and booleans as Go formats them.
func scalarText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatFloat(x, 'f', 0, 64), true
		}
		return strconv.FormatFloat(x, 'g', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// normalizeValue gives YAML numbers the float64 form decoded GeoJSON
// properties have.
func normalizeValue(v any) any {
	switch x := v.(type) {
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func quotedKeys[V any](m map[string]V) string {
	keys := sortedKeys(m)
	for i, k := range keys {
		keys[i] = strconv.Quote(k)
	}
	return strings.Join(keys, ", ")
}

// Layers a city folder may hold, by the name city.yaml's `layers:` uses.
var layerNames = []string{"districts", "areas", "schools", "catchments"}

// checkLayers checks the `layers:` block of city.yaml (named file): known
// layer names, and mappings that say something.
func (cfg *CityConfig) checkLayers(file string) error {
	var errs geo.Errors
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: layers.%s: %s", file, key, fmt.Sprintf(format, args...)))
	}
	for _, layer := range sortedKeys(cfg.Layers) {
		if !slices.Contains(layerNames, layer) {
			bad(layer, "not a layer of a city folder (want one of %s)", strings.Join(layerNames, ", "))
			continue
		}
		if lc := cfg.Layers[layer]; lc != nil {
			lc.check(layer, bad)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// check checks the mapping of layer, calling bad with the key (below
// layers.) and the problem of each part that says nothing or cannot be.
func (lc *LayerConfig) check(layer string, bad func(key, format string, args ...any)) {
	lc.checkColumns(layer, bad)
	if lc.Dissolve != nil && layer == "schools" {
		bad(layer+".dissolve", "schools are points: only polygon layers (districts, areas, catchments) dissolve")
	} else if lc.Dissolve != nil {
		lc.Dissolve.check(layer, bad)
	}
	if lc.Encoding != "" {
		if _, err := geo.ParseEncoding(lc.Encoding); err != nil {
			bad(layer+".encoding", "%v", err)
		}
	}
	if lc.CRS != "" {
		if _, err := geo.ParseCRS(lc.CRS); err != nil {
			bad(layer+".crs", "%v", err)
		}
	}
	for _, prop := range sortedKeys(lc.Defaults) {
		if !isScalar(lc.Defaults[prop]) {
			bad(layer+".defaults."+prop, "want a single value, not a list or map")
		}
	}
}

// checkColumns checks the fields, filter and values of layer's mapping:
// no empty column name, filter list or recoding.
func (lc *LayerConfig) checkColumns(layer string, bad func(key, format string, args ...any)) {
	for _, prop := range sortedKeys(lc.Fields) {
		if strings.TrimSpace(lc.Fields[prop]) == "" {
			bad(layer+".fields."+prop, "empty column name")
		}
	}
	for _, col := range sortedKeys(lc.Filter) {
		if len(lc.Filter[col]) == 0 {
			bad(layer+".filter."+col, "an empty list keeps no feature")
		}
	}
	for _, prop := range sortedKeys(lc.Values) {
		if len(lc.Values[prop]) == 0 {
			bad(layer+".values."+prop, "an empty map recodes nothing")
		}
		for _, k := range sortedKeys(lc.Values[prop]) {
			if !isScalar(lc.Values[prop][k]) {
				bad(layer+".values."+prop+"."+k, "want a single value, not a list or map")
			}
		}
	}
}

func isScalar(v any) bool {
	switch v.(type) {
	case string, bool, int, int64, uint64, float64:
		return true
	}
	return false
}
