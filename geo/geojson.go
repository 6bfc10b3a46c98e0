package geo

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Spec says what a GeoJSON file must hold.
type Spec struct {
	Geometry []orb.Geometry // allowed geometry kinds by example, e.g. orb.Point{}, orb.Polygon{}; nil = any
	Required []string       // property names that must be present and non-null
	IDField  string         // property holding the feature id; "" = "id". Ids must be unique.
	NoID     bool           // features need no id (Feature.ID is then "" unless the id property is present)
	// LaterIDs reads ids but leaves their presence and uniqueness to the
	// caller, which checks them after filtering features out.
	LaterIDs bool
	// Planar says coordinates are projected (metres of a plane, e.g.
	// EPSG:4547) rather than lon/lat: the longitude and latitude range
	// checks are skipped. Coordinates must still be finite.
	Planar bool
}

// Feature is one validated GeoJSON feature.
type Feature struct {
	File     string
	Index    int    // 0-based index in the FeatureCollection, the shapefile or the data rows of a table
	Row      int    // 1-based spreadsheet row or CSV line of a table feature; 0 for other formats
	ID       string // the id property as a string (numbers formatted without exponent)
	Geometry orb.Geometry
	Props    map[string]any // nil when the feature's properties are null or absent
}

// ReadFile reads and validates a GeoJSON FeatureCollection. All problems found are
// returned together as Errors (each a *FeatureError); on error no features are returned.
func ReadFile(path string, spec Spec) ([]Feature, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Decode(path, data, spec)
}

// Decode is ReadFile on bytes; name is used in errors.
//
// The id of a feature is its IDField property; when IDField is "id" and the
// properties hold no id, the Feature's own "id" member (RFC 7946 §3.2) is
// used. An id is a non-empty string or an integer; integers keep the digits
// written in the file. Property values decode as encoding/json decodes into
// an interface: numbers become float64.
//
// Checks: the document is a FeatureCollection; every feature has a geometry
// of an allowed kind whose positions are finite and within lon [-180, 180],
// lat [-90, 90]; no geometry is empty; lines have two positions or more;
// polygon rings are closed, have four positions or more and enclose some
// area; required properties are present and not null; ids are present
// (unless Spec.NoID) and unique. Every problem is reported, one
// *FeatureError each (at most one per geometry), in file order.
func Decode(name string, data []byte, spec Spec) ([]Feature, error) {
	feats, err := DecodeUsable(name, data, spec)
	if err != nil {
		return nil, err
	}
	return feats, nil
}

// DecodeUsable is Decode for a caller that goes on checking what it can:
// with the problems, it also returns the features that have none of their
// own (a feature whose id another feature repeats is returned too), so that
// their properties can be checked in the same pass. A file that is not a
// readable FeatureCollection gives no features.
func DecodeUsable(name string, data []byte, spec Spec) ([]Feature, error) {
	d := newDecoder(name, data, spec)
	feats := d.collection()
	if len(d.errs) > 0 {
		return feats, d.errs
	}
	return feats, nil
}

// idField returns the property that holds the feature id.
func (spec Spec) idField() string {
	if spec.IDField == "" {
		return "id"
	}
	return spec.IDField
}

// geometryTypes returns the GeoJSON type names of the allowed geometry
// kinds; nil allows any.
func (spec Spec) geometryTypes() []string {
	var types []string
	for _, g := range spec.Geometry {
		if g != nil {
			types = append(types, g.GeoJSONType())
		}
	}
	return types
}

// Geometry type names of GeoJSON.
const (
	typePoint              = "Point"
	typeMultiPoint         = "MultiPoint"
	typeLineString         = "LineString"
	typeMultiLineString    = "MultiLineString"
	typePolygon            = "Polygon"
	typeMultiPolygon       = "MultiPolygon"
	typeGeometryCollection = "GeometryCollection"
)

var (
	errPosition = fmt.Errorf("%w: a position must be an array of two or more numbers", ErrGeometry)
	errNesting  = fmt.Errorf("%w: coordinates nested wrongly for the geometry type", ErrGeometry)
	errFeature  = fmt.Errorf("%w: a feature must be an object", ErrNotCollection)
)

// pending is a problem found in a feature before its id is known.
type pending struct {
	field string
	err   error
}

type decoder struct {
	scanner
	name     string
	idField  string
	noID     bool
	laterIDs bool
	planar   bool
	required []string
	allowed  []string // geometry type names; nil = any
	keys     map[string]string
	prevKeys []string // property names of the previous feature, in order
	ids      map[string]int
	errs     Errors
	pend     []pending
	soft     []pending   // problems that leave the feature usable
	pts      []orb.Point // scratch for position lists
	propHint int
	idLit    string // literal of a numeric id property
}

// maxInterned bounds the property names shared between features.
const maxInterned = 4096

func newDecoder(name string, data []byte, spec Spec) *decoder {
	d := &decoder{
		scanner:  scanner{data: data},
		name:     name,
		idField:  spec.idField(),
		allowed:  spec.geometryTypes(),
		noID:     spec.NoID || spec.LaterIDs,
		laterIDs: spec.LaterIDs,
		planar:   spec.Planar,
		required: spec.Required,
		keys:     make(map[string]string),
		ids:      make(map[string]int),
	}
	// A UTF-8 byte order mark is not JSON but editors on Windows write it.
	d.data = bytes.TrimPrefix(d.data, []byte("\xef\xbb\xbf"))
	return d
}

// fileErr records a problem with the file as a whole.
func (d *decoder) fileErr(field string, err error) {
	d.errs = append(d.errs, &FeatureError{File: d.name, Index: -1, Field: field, Err: err})
}

// collection reads the top-level FeatureCollection and returns its
// features; problems go to errs.
func (d *decoder) collection() []Feature {
	if d.next() != '{' {
		d.notObject()
		return nil
	}
	d.push()
	d.pos++
	var top topLevel
	for first := true; ; first = false {
		key, ok := d.member(first)
		if !ok {
			break
		}
		d.topMember(&top, key)
	}
	d.end()
	if d.err != nil {
		d.fileErr("", d.err)
		return nil
	}
	d.checkTopLevel(&top)
	return top.feats
}

// topLevel is what the top-level object holds, as read.
type topLevel struct {
	typ       string
	typeSeen  bool
	featsSeen bool
	feats     []Feature
}

// notObject reads past a document that is not an object and reports it.
func (d *decoder) notObject() {
	d.skip()
	d.end()
	if d.err != nil {
		d.fileErr("", d.err)
	} else {
		d.fileErr("", fmt.Errorf("%w: the document is not an object", ErrNotCollection))
	}
}

// topMember reads the value of the top-level member named key.
func (d *decoder) topMember(top *topLevel, key []byte) {
	switch string(key) {
	case "type":
		top.typeSeen = true
		top.typ = string(d.strOrSkip())
	case "features":
		if top.featsSeen {
			d.fileErr("features", fmt.Errorf("%w: features appears twice", ErrDuplicateKey))
			d.skip()
			return
		}
		top.featsSeen = true
		top.feats = d.features()
	default:
		d.skip()
	}
}

// strOrSkip reads a string, or reads past any other value and returns nil.
func (d *decoder) strOrSkip() []byte {
	if d.next() == '"' {
		return d.str()
	}
	d.skip()
	return nil
}

// checkTopLevel reports a top-level object that is not a FeatureCollection.
func (d *decoder) checkTopLevel(top *topLevel) {
	switch {
	case !top.typeSeen:
		d.fileErr("type", fmt.Errorf("%w: no type member", ErrNotCollection))
	case top.typ != "FeatureCollection":
		d.fileErr("type", fmt.Errorf("%w: type is %q", ErrNotCollection, top.typ))
	case !top.featsSeen:
		d.fileErr("features", fmt.Errorf("%w: no features member", ErrNotCollection))
	}
}

func (d *decoder) features() []Feature {
	if d.next() != '[' {
		d.skip()
		if d.err == nil {
			d.fileErr("features", fmt.Errorf("%w: features must be an array", ErrNotCollection))
		}
		return nil
	}
	d.push()
	d.pos++
	var feats []Feature
	start := d.pos
	for i := 0; d.elem(i == 0); i++ {
		if i == sampleFeatures {
			d.reserve(&feats, len(d.data)/max((d.pos-start)/sampleFeatures, 1))
		}
		f, ok := d.feature(i)
		if d.err != nil {
			return nil
		}
		// Features without problems of their own are kept for
		// DecodeUsable; Decode drops them all when anything is wrong.
		if ok {
			feats = append(feats, f)
		}
	}
	d.depth--
	return feats
}

// sampleFeatures is how many features are read before the rest are
// counted by their mean size.
const sampleFeatures = 64

// reserve makes room for about n features (a guess from the bytes left) in
// the slice and the id map at once, rather than growing them by doubling.
func (d *decoder) reserve(feats *[]Feature, n int) {
	n += n / 8
	if len(d.errs) == 0 && cap(*feats) < n {
		*feats = append(make([]Feature, 0, n), *feats...)
	}
	ids := make(map[string]int, n)
	for id, i := range d.ids {
		ids[id] = i
	}
	d.ids = ids
}

// feature reads one feature; ok is false when it has problems (recorded in errs).
func (d *decoder) feature(idx int) (f Feature, ok bool) {
	d.pend, d.soft = d.pend[:0], d.soft[:0]
	m, ok := d.featureObject(idx)
	if !ok {
		return f, false
	}
	if !m.isFeature {
		d.pend = append(d.pend, pending{"type", fmt.Errorf("%w: type must be \"Feature\"", ErrNotCollection)})
	}
	id := d.featureID(idx, &m)
	d.checkRequired(m.props)
	if err := d.geometryProblem(&m); err != nil {
		d.pend = append(d.pend, pending{"geometry", err})
	}
	for _, p := range append(d.soft, d.pend...) {
		d.errs = append(d.errs, &FeatureError{File: d.name, Index: idx, ID: id, Field: p.field, Err: p.err})
	}
	if len(d.pend) > 0 {
		return f, false
	}
	return Feature{File: d.name, Index: idx, ID: id, Geometry: m.geom, Props: m.props}, true
}

// featureMembers is what a feature object holds, as read.
type featureMembers struct {
	isFeature bool
	topID     any    // the Feature's own id member
	topIDLit  string // its literal, when a number
	geom      orb.Geometry
	geomType  string // "" for a null or absent geometry
	geomErr   error
	props     map[string]any
	propIDLit string // the literal of a numeric id property
}

// Bits for the members that must not repeat in a feature.
const (
	sawType uint8 = 1 << iota
	sawID
	sawGeom
	sawProps
)

// featureObject reads a feature object; ok is false when it is no object
// (recorded in errs) or on a syntax error. Repeated members go to pend.
func (d *decoder) featureObject(idx int) (m featureMembers, ok bool) {
	if d.next() != '{' {
		d.skip()
		if d.err == nil {
			d.errs = append(d.errs, &FeatureError{File: d.name, Index: idx, Err: errFeature})
		}
		return m, false
	}
	if !d.push() {
		return m, false
	}
	d.pos++
	var seen uint8
	for first := true; ; first = false {
		key, more := d.member(first)
		if !more {
			break
		}
		bit := d.featureMember(&m, key)
		if d.err != nil {
			return m, false
		}
		if seen&bit != 0 {
			d.pend = append(d.pend, pending{string(key), fmt.Errorf("%w: %s appears twice in the feature", ErrDuplicateKey, key)})
		}
		seen |= bit
	}
	if d.err != nil {
		return m, false
	}
	d.depth--
	return m, true
}

// featureMember reads the value of the feature member named key into m,
// and returns the member's bit (0 for a member that may repeat).
func (d *decoder) featureMember(m *featureMembers, key []byte) uint8 {
	switch string(key) {
	case "type":
		m.isFeature = string(d.strOrSkip()) == "Feature"
		return sawType
	case "id":
		m.topID, m.topIDLit = d.idMember()
		return sawID
	case "geometry":
		m.geom, m.geomType, m.geomErr = d.geometry()
		return sawGeom
	case "properties":
		m.props = d.properties()
		m.propIDLit = d.idLit
		return sawProps
	}
	d.skip()
	return 0
}

// idMember reads a Feature's own id member, and the literal of a number.
func (d *decoder) idMember() (any, string) {
	if c := d.next(); c == '-' || isDigit(c) {
		f, lit := d.num()
		return f, string(lit)
	}
	return d.value(), ""
}

// featureID returns the feature's id: its IDField property or, for "id",
// the Feature's own id member. It records the id in ids; a missing, bad or
// repeated id goes to pend or soft.
func (d *decoder) featureID(idx int, m *featureMembers) string {
	idv, idLit := d.idValue(m)
	if idv == nil {
		if !d.noID {
			d.pend = append(d.pend, pending{d.idField, ErrMissing})
		}
		return ""
	}
	id, err := idString(idv, idLit)
	if err != nil {
		d.pend = append(d.pend, pending{d.idField, err})
		return ""
	}
	j, dup := d.ids[id]
	switch {
	case !dup:
		d.ids[id] = idx
	case !d.laterIDs:
		// The feature itself is usable: DecodeUsable returns it.
		d.soft = append(d.soft, pending{d.idField, fmt.Errorf("%w: also feature %d", ErrDuplicateID, j)})
	}
	return id
}

// idValue returns the value that holds the feature's id, and its literal
// when a number; nil when there is none.
func (d *decoder) idValue(m *featureMembers) (any, string) {
	if v, present := m.props[d.idField]; present && v != nil {
		return v, m.propIDLit
	}
	if d.idField == "id" && m.topID != nil {
		return m.topID, m.topIDLit
	}
	return nil, ""
}

// checkRequired puts each required property that is absent or null in pend.
func (d *decoder) checkRequired(props map[string]any) {
	for _, r := range d.required {
		if r == d.idField {
			continue
		}
		if v, present := props[r]; !present || v == nil {
			d.pend = append(d.pend, pending{r, ErrMissing})
		}
	}
}

// geometryProblem returns what is wrong with the feature's geometry: none,
// a kind the Spec does not allow, or invalid positions, rings or topology.
func (d *decoder) geometryProblem(m *featureMembers) error {
	switch {
	case m.geomType == "" && m.geomErr == nil:
		return ErrNoGeometry
	case m.geomType != "" && !d.allow(m.geomType):
		return fmt.Errorf("%w: got %s, want %s", ErrGeometryType, m.geomType, strings.Join(d.allowed, " or "))
	case m.geomErr != nil:
		return m.geomErr
	}
	if err := validateGeometry(m.geom, d.planar); err != nil {
		return err
	}
	return checkTopology(m.geom)
}

func (d *decoder) allow(typ string) bool {
	if d.allowed == nil {
		return true
	}
	for _, a := range d.allowed {
		if a == typ {
			return true
		}
	}
	return false
}

// properties reads a feature's properties: nil for null. Problems with
// individual values go to pend.
func (d *decoder) properties() map[string]any {
	d.idLit = ""
	switch d.next() {
	case 'n':
		d.literal("null")
		return nil
	case '{':
	default:
		d.skip()
		d.pend = append(d.pend, pending{"properties", fmt.Errorf("%w: properties must be an object or null", ErrType)})
		return nil
	}
	if !d.push() {
		return nil
	}
	d.pos++
	m := make(map[string]any, d.propHint)
	for j := 0; ; j++ {
		k, ok := d.member(j == 0)
		if !ok {
			break
		}
		if !d.property(m, d.intern(k, j)) {
			j--
		}
	}
	d.depth--
	d.propHint = len(m)
	return m
}

// property reads the value of the property named key into m; a repeated
// name or a number beyond float64 goes to pend. It reports whether the
// name is new. A numeric id keeps its literal in idLit.
func (d *decoder) property(m map[string]any, key string) bool {
	n := len(m)
	d.overflow = false
	if c := d.next(); key == d.idField && (c == '-' || isDigit(c)) {
		f, lit := d.num()
		m[key] = f
		d.idLit = string(lit)
	} else {
		m[key] = d.value()
	}
	isNew := len(m) > n
	if !isNew {
		d.pend = append(d.pend, pending{key, fmt.Errorf("%w: property appears twice", ErrDuplicateKey)})
	}
	if d.overflow {
		d.pend = append(d.pend, pending{key, fmt.Errorf("%w: beyond float64", ErrRange)})
	}
	return isNew
}

// intern returns the j-th property name k as a string shared between
// features. Features of one file mostly list the same names in the same
// order, so the previous feature's j-th name is tried before the map.
func (d *decoder) intern(k []byte, j int) string {
	if j < len(d.prevKeys) && d.prevKeys[j] == string(k) {
		return d.prevKeys[j]
	}
	key, ok := d.keys[string(k)]
	if !ok {
		key = string(k)
		if len(d.keys) < maxInterned {
			d.keys[key] = key
		}
	}
	if j < len(d.prevKeys) {
		d.prevKeys[j] = key
	} else if j < 64 {
		d.prevKeys = append(d.prevKeys, key)
	}
	return key
}

// idString converts an id value; lit is the literal of a numeric id in the
// file, "" if unknown.
func idString(v any, lit string) (string, error) {
	switch v := v.(type) {
	case string:
		if v == "" {
			return "", fmt.Errorf("%w: got an empty string", ErrID)
		}
		return v, nil
	case float64:
		if isIntLiteral(lit) {
			return lit, nil
		}
		if s, ok := intString(v); ok {
			return s, nil
		}
		return "", fmt.Errorf("%w: got %v", ErrID, v)
	}
	if s, ok := intString(v); ok {
		return s, nil
	}
	return "", fmt.Errorf("%w: got %s", ErrID, kind(v))
}

func isIntLiteral(lit string) bool {
	lit = strings.TrimPrefix(lit, "-")
	if lit == "" {
		return false
	}
	for i := 0; i < len(lit); i++ {
		if !isDigit(lit[i]) {
			return false
		}
	}
	return true
}

// intString formats an integral number without exponent.
func intString(v any) (string, bool) {
	switch v := v.(type) {
	case float64:
		if math.IsInf(v, 0) || v != math.Trunc(v) {
			return "", false
		}
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case interface{ Int64() (int64, error) }: // json.Number
		if i, err := v.Int64(); err == nil {
			return strconv.FormatInt(i, 10), true
		}
		return "", false
	}
	return goIntString(v)
}

// goIntString formats a value of a Go integer type, as a caller may put in
// Props.
func goIntString(v any) (string, bool) {
	switch v := v.(type) {
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case int32:
		return strconv.FormatInt(int64(v), 10), true
	case uint64:
		return strconv.FormatUint(v, 10), true
	case uint:
		return strconv.FormatUint(uint64(v), 10), true
	}
	return "", false
}

// kind names the JSON type of a decoded value for messages.
func kind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "a boolean"
	case string:
		return "a string"
	case float64:
		return "the number " + strconv.FormatFloat(v, 'g', -1, 64)
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("a %T", v)
}

// geometry reads a geometry object or null. typ is "" for null; err is a
// problem with the geometry (the value has been read past either way).
func (d *decoder) geometry() (g orb.Geometry, typ string, err error) {
	switch d.next() {
	case 'n':
		d.literal("null")
		return nil, "", nil
	case '{':
	default:
		d.skip()
		return nil, "", fmt.Errorf("%w: geometry must be an object or null", ErrGeometry)
	}
	if !d.push() {
		return nil, "", nil
	}
	d.pos++
	gm := geometryMembers{coordsAt: -1, geomsAt: -1}
	for first := true; ; first = false {
		key, ok := d.member(first)
		if !ok {
			break
		}
		d.geometryMember(&gm, key)
	}
	d.depth--
	if d.err != nil {
		return nil, "", nil
	}
	d.readEarlyMembers(&gm)
	if err := gm.problem(); err != nil {
		return nil, gm.typ, err
	}
	return gm.g, gm.typ, nil
}

// geometryMembers is what a geometry object holds, as read.
type geometryMembers struct {
	g          orb.Geometry
	typ        string // a geometry type name, "" until a known one is read
	err        error  // the first problem found
	coordsAt   int    // where coordinates read before the type start, or -1
	geomsAt    int    // where geometries read before the type start, or -1
	haveCoords bool
	haveGeoms  bool
}

// note keeps err if it is the first problem.
func (gm *geometryMembers) note(err error) { gm.err = cmpErr(gm.err, err) }

// geometryMember reads the value of the geometry member named key into gm.
func (d *decoder) geometryMember(gm *geometryMembers, key []byte) {
	switch string(key) {
	case "type":
		d.geometryType(gm)
	case "coordinates":
		if gm.haveCoords {
			gm.note(fmt.Errorf("%w: coordinates appear twice", ErrGeometry))
		}
		gm.haveCoords = true
		if gm.typ != "" && gm.typ != typeGeometryCollection {
			var err error
			gm.g, err = d.coordinates(gm.typ)
			gm.note(err)
		} else {
			gm.coordsAt = d.skipForLater()
		}
	case "geometries":
		if gm.haveGeoms {
			gm.note(fmt.Errorf("%w: geometries appear twice", ErrGeometry))
		}
		gm.haveGeoms = true
		if gm.typ == typeGeometryCollection {
			var err error
			gm.g, err = d.geometries()
			gm.note(err)
		} else {
			gm.geomsAt = d.skipForLater()
		}
	default:
		d.skip()
	}
}

// geometryTypes are the geometry type names of GeoJSON.
var geometryTypes = [...]string{typePoint, typeMultiPoint, typeLineString, typeMultiLineString,
	typePolygon, typeMultiPolygon, typeGeometryCollection}

// geometryType reads the type member of a geometry into gm.
func (d *decoder) geometryType(gm *geometryMembers) {
	if d.next() != '"' {
		d.skip()
		gm.note(fmt.Errorf("%w: type must be a string", ErrGeometry))
		return
	}
	t := d.str()
	for _, name := range geometryTypes {
		if string(t) == name {
			gm.typ = name
			return
		}
	}
	gm.note(fmt.Errorf("%w: unknown type %q", ErrGeometry, t))
}

// skipForLater reads past a value that cannot be read yet and returns
// where it starts.
func (d *decoder) skipForLater() int {
	d.next()
	at := d.pos
	d.skip()
	return at
}

// readEarlyMembers goes back to the coordinates or geometries that came
// before the type, and reads them now that the type is known.
func (d *decoder) readEarlyMembers(gm *geometryMembers) {
	if gm.coordsAt < 0 && gm.geomsAt < 0 {
		return
	}
	end := d.pos
	var err error
	switch {
	case gm.typ == typeGeometryCollection && gm.geomsAt >= 0:
		d.pos = gm.geomsAt
		gm.g, err = d.geometries()
	case gm.typ != "" && gm.typ != typeGeometryCollection && gm.coordsAt >= 0:
		d.pos = gm.coordsAt
		gm.g, err = d.coordinates(gm.typ)
	}
	d.pos = end
	gm.note(err)
}

// problem returns the first problem of the geometry, or what it lacks.
func (gm *geometryMembers) problem() error {
	switch {
	case gm.err != nil:
		return gm.err
	case gm.typ == "":
		return fmt.Errorf("%w: no type", ErrGeometry)
	case gm.typ == typeGeometryCollection && !gm.haveGeoms:
		return fmt.Errorf("%w: GeometryCollection without geometries", ErrGeometry)
	case gm.typ != typeGeometryCollection && !gm.haveCoords:
		return fmt.Errorf("%w: %s without coordinates", ErrGeometry, gm.typ)
	}
	return nil
}

// cmpErr keeps the first error.
func cmpErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}

// geometries reads the members of a GeometryCollection.
func (d *decoder) geometries() (orb.Geometry, error) {
	if d.next() != '[' {
		d.skip()
		return nil, fmt.Errorf("%w: geometries must be an array", ErrGeometry)
	}
	if !d.push() {
		return nil, nil
	}
	d.pos++
	var (
		c   orb.Collection
		err error
	)
	for first := true; d.elem(first); first = false {
		g, typ, gerr := d.geometry()
		switch {
		case gerr != nil:
			err = cmpErr(err, fmt.Errorf("geometry %d: %w", len(c), gerr))
		case typ == "":
			err = cmpErr(err, fmt.Errorf("%w: geometry %d is null", ErrGeometry, len(c)))
		}
		c = append(c, g)
	}
	d.depth--
	return c, err
}

// coordinates reads the coordinates of a geometry of type typ. On a problem
// it reads past the value and returns the problem.
func (d *decoder) coordinates(typ string) (orb.Geometry, error) {
	d.next()
	start, depth := d.pos, d.depth
	var (
		g   orb.Geometry
		err error
	)
	switch typ {
	case typePoint:
		g, err = d.position()
	case typeMultiPoint:
		var ps []orb.Point
		ps, err = d.positions()
		g = orb.MultiPoint(ps)
	case typeLineString:
		var ps []orb.Point
		ps, err = d.positions()
		g = orb.LineString(ps)
	case typeMultiLineString:
		g, err = d.multiLineString()
	case typePolygon:
		g, err = d.polygon()
	case typeMultiPolygon:
		g, err = d.multiPolygon()
	}
	if err != nil {
		if d.err == nil {
			d.pos, d.depth = start, depth
			d.skip()
		}
		return nil, err
	}
	return g, nil
}

func (d *decoder) position() (orb.Point, error) {
	var p orb.Point
	if d.next() != '[' {
		return p, errPosition
	}
	if !d.push() {
		return p, nil
	}
	d.pos++
	n := 0
	for first := true; d.elem(first); first = false {
		if c := d.next(); c != '-' && !isDigit(c) {
			return p, errPosition
		}
		f, _ := d.num()
		if n < 2 {
			p[n] = f
		}
		n++
	}
	if n < 2 && d.err == nil {
		return p, errPosition
	}
	d.depth--
	return p, nil
}

// positions reads an array of positions into a slice of exact length.
func (d *decoder) positions() ([]orb.Point, error) {
	if d.next() != '[' {
		return nil, errNesting
	}
	if !d.push() {
		return nil, nil
	}
	d.pos++
	buf := d.pts[:0]
	for first := true; d.elem(first); first = false {
		p, err := d.position()
		if err != nil {
			return nil, err
		}
		buf = append(buf, p)
	}
	d.depth--
	d.pts = buf
	return append([]orb.Point(nil), buf...), nil
}

func (d *decoder) multiLineString() (orb.MultiLineString, error) {
	return list(d, func() (orb.LineString, error) { return d.positions() })
}

func (d *decoder) polygon() (orb.Polygon, error) {
	return list(d, func() (orb.Ring, error) { return d.positions() })
}

func (d *decoder) multiPolygon() (orb.MultiPolygon, error) {
	return list(d, d.polygon)
}

// list reads a JSON array whose elements elem reads, within the nesting
// limit.
func list[T any](d *decoder, elem func() (T, error)) ([]T, error) {
	if d.next() != '[' {
		return nil, errNesting
	}
	if !d.push() {
		return nil, nil
	}
	d.pos++
	var out []T
	for first := true; d.elem(first); first = false {
		v, err := elem()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	d.depth--
	return out, nil
}

// Property accessors: each returns a *FeatureError naming f and field on a missing
// (when required), wrong-typed or non-finite value. ok reports presence.

// String returns a string property. An integral number is accepted and
// formatted without exponent, as ids are.
func (f *Feature) String(field string) (s string, ok bool, err error) {
	v, present := f.Props[field]
	if !present || v == nil {
		return "", false, nil
	}
	if s, isStr := v.(string); isStr {
		return s, true, nil
	}
	if s, isInt := intString(v); isInt {
		return s, true, nil
	}
	return "", true, f.Errorf(field, "%w: want a string, got %s", ErrType, kind(v))
}

// Float returns a finite number property.
func (f *Feature) Float(field string) (v float64, ok bool, err error) {
	raw, present := f.Props[field]
	if !present || raw == nil {
		return 0, false, nil
	}
	if v, err = f.number(field, raw); err != nil {
		return 0, true, err
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, true, f.Errorf(field, "%w: %v is not finite", ErrRange, v)
	}
	return v, true, nil
}

// number converts the numeric value raw of property field to float64.
func (f *Feature) number(field string, raw any) (float64, error) {
	switch x := raw.(type) {
	case float64:
		return x, nil
	case float32:
		return float64(x), nil
	case int:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case interface{ Float64() (float64, error) }: // json.Number
		v, err := x.Float64()
		if err != nil {
			return 0, f.Errorf(field, "%w: %v", ErrRange, raw)
		}
		return v, nil
	}
	return 0, f.Errorf(field, "%w: want a number, got %s", ErrType, kind(raw))
}

// Int returns an integral number property; 2.5 is an error, 2.0 is 2.
func (f *Feature) Int(field string) (v int, ok bool, err error) {
	x, ok, err := f.Float(field)
	if !ok || err != nil {
		return 0, ok, err
	}
	if x != math.Trunc(x) {
		return 0, true, f.Errorf(field, "%w: want an integer, got %v", ErrType, x)
	}
	if x < math.MinInt64 || x >= math.MaxInt64 {
		return 0, true, f.Errorf(field, "%w: %v does not fit an int", ErrRange, x)
	}
	return int(x), true, nil
}

// Strings returns a property holding an array of strings or a single
// string. Integral numbers are accepted as String accepts them.
func (f *Feature) Strings(field string) (v []string, ok bool, err error) {
	raw, present := f.Props[field]
	if !present || raw == nil {
		return nil, false, nil
	}
	switch x := raw.(type) {
	case string:
		return []string{x}, true, nil
	case []string:
		return append([]string(nil), x...), true, nil
	case []any:
		v = make([]string, len(x))
		for i, e := range x {
			if s, isStr := e.(string); isStr {
				v[i] = s
			} else if s, isInt := intString(e); isInt {
				v[i] = s
			} else {
				return nil, true, f.Errorf(field, "%w: element %d: want a string, got %s", ErrType, i, kind(e))
			}
		}
		return v, true, nil
	}
	if s, isInt := intString(raw); isInt {
		return []string{s}, true, nil
	}
	return nil, true, f.Errorf(field, "%w: want an array of strings, got %s", ErrType, kind(raw))
}

// Errorf builds a *FeatureError for f.
func (f *Feature) Errorf(field, format string, args ...any) *FeatureError {
	return &FeatureError{File: f.File, Index: f.Index, Row: f.Row, ID: f.ID, Field: field, Err: fmt.Errorf(format, args...)}
}

// CheckLonLat checks that every position of the features is a longitude
// and a latitude (a layer decoded with Spec.Planar whose coordinate system
// turns out geographic). It returns the features that pass, and one
// *FeatureError for each that does not, saying what the coordinates look
// like (swapped, or projected).
func CheckLonLat(feats []Feature) ([]Feature, Errors) {
	var errs Errors
	ok := feats[:0:0]
	for i := range feats {
		f := &feats[i]
		if err := validateGeometry(f.Geometry, false); err != nil {
			e := f.Errorf("geometry", "%w", err)
			e.Row = f.Row
			errs = append(errs, e)
			continue
		}
		ok = append(ok, *f)
	}
	if len(errs) == 0 {
		return feats, nil
	}
	return ok, errs
}
