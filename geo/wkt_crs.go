package geo

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// ParseWKT reads a coordinate system from WKT1 text as found in a
// shapefile's .prj, in the OGC flavour (GDAL's) or ESRI's: a GEOGCS on a
// supported datum, or a PROJCS with a Transverse Mercator (also Gauss_Kruger),
// Lambert Conformal Conic (1SP, 2SP or ESRI's) or Mercator (1SP, 2SP, Web
// Mercator) projection in any linear unit.
//
// A system that matches one of the EPSG table's (by its AUTHORITY, or by its
// parameters when it names none, as ESRI .prj files do) is returned as that
// CRS, so an ESRI .prj of "CGCS2000_3_Degree_GK_CM_114E" gives EPSG:4547.
// An AUTHORITY code whose parameters differ from the table's is an error.
// Datums are read as CRS describes; one that needs a shift to WGS 84
// (Beijing 1954, Xian 1980, NAD27, or a non-zero TOWGS84) is an error, as
// is any element or parameter this reader would otherwise have to ignore
// (AXIS is the exception: x is always the easting, as GIS software writes
// coordinates). Every problem found is reported, each wrapping ErrCRS, or
// ErrWKT when the text is not WKT at all.
func ParseWKT(wkt string) (CRS, error) {
	root, err := parseWKT(wkt)
	if err != nil {
		return WGS84, err
	}
	r := &wktReader{}
	cand := r.crs(root)
	if len(r.errs) > 0 {
		return WGS84, r.errs
	}
	return resolveCRS(cand)
}

// wktReader collects the problems of one WKT text.
type wktReader struct {
	errs Errors
}

func (r *wktReader) problem(format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf("%w: "+format, append([]any{ErrCRS}, args...)...))
}

// crsCandidate is a definition read from WKT before it is matched
// against the EPSG table.
type crsCandidate struct {
	def       crsDef
	authority int // the EPSG code the text names, 0 if none
}

func (r *wktReader) crs(n *wktNode) crsCandidate {
	var c crsCandidate
	if n.name() == "" && (n.keyword == "GEOGCS" || n.keyword == "PROJCS") {
		r.problem("%s[…] has no name: want %s[\"name\", …]", n.keyword, n.keyword)
	}
	switch n.keyword {
	case "GEOGCS":
		c.def.name = n.name()
		c.def.datum, _ = r.geogcs(n)
	case "PROJCS":
		c.def.name = n.name()
		r.projcs(n, &c.def)
	case "GEOGCRS", "GEODCRS", "PROJCRS", "BOUNDCRS", "COMPOUNDCRS":
		r.problem("%s[…] is WKT2, not read here: save the .prj as WKT1 or ESRI WKT (ogr2ogr does)", n.keyword)
		return c
	default:
		r.problem("%s[…] is not a geographic (GEOGCS) or projected (PROJCS) coordinate system", n.keyword)
		return c
	}
	c.authority = r.authority(n)
	return c
}

// only reports nested elements of n other than those named.
func (r *wktReader) only(n *wktNode, allowed ...string) {
	for _, a := range n.args {
		if a.kind == wktElement && !slices.Contains(allowed, a.node.keyword) {
			r.problem("%s: %s[…] is not supported", n.keyword, a.node.keyword)
		}
	}
}

// one returns the single nested element kw of n, reporting its absence or
// repetition.
func (r *wktReader) one(n *wktNode, kw string) *wktNode {
	cs := n.children(kw)
	switch len(cs) {
	case 0:
		r.problem("%s %q has no %s", n.keyword, n.name(), kw)
		return nil
	case 1:
		return cs[0]
	}
	r.problem("%s %q has %d %s elements, want one", n.keyword, n.name(), len(cs), kw)
	return nil
}

// authority returns the EPSG code of n's AUTHORITY, 0 if it has none.
func (r *wktReader) authority(n *wktNode) int {
	for _, a := range n.children("AUTHORITY") {
		if len(a.args) != 2 || !strings.EqualFold(a.name(), "EPSG") {
			continue
		}
		s := a.args[1].str
		if a.args[1].kind == wktNumber {
			s = strconv.FormatFloat(a.args[1].num, 'f', -1, 64)
		}
		code, err := strconv.Atoi(s)
		if err != nil || code <= 0 {
			r.problem("%s: AUTHORITY[\"EPSG\", %q] is not a code", n.keyword, s)
			return 0
		}
		return code
	}
	return 0
}

// normName lower-cases a name and drops spaces, underscores, hyphens and
// brackets, so that "False_Easting" and "false easting" match.
func normName(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if strings.ContainsRune(" _-()", c) {
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// geogcs reads a GEOGCS: its datum and ellipsoid.
func (r *wktReader) geogcs(n *wktNode) (datum, ellipsoid) {
	r.only(n, "DATUM", "PRIMEM", "UNIT", "AXIS", "AUTHORITY")
	var d datum
	var el ellipsoid
	if dn := r.one(n, "DATUM"); dn != nil {
		d, el = r.datum(dn)
	}
	if pm := r.one(n, "PRIMEM"); pm != nil {
		if v, ok := pm.number(1); !ok || v != 0 {
			r.problem("PRIMEM %q: only the Greenwich prime meridian (0) is supported", pm.name())
		}
	}
	if u := r.one(n, "UNIT"); u != nil {
		if v, ok := u.number(1); !ok || math.Abs(v/deg-1) > 1e-9 {
			r.problem("GEOGCS %q: UNIT %q: angles must be in degrees", n.name(), u.name())
		}
	}
	return d, el
}

// datums maps normalised datum names (normName, without a "d" of ESRI's
// "D_" prefix) to the datums read as WGS 84.
var datums = map[string]datum{
	"wgs1984": datumWGS84, "wgs84": datumWGS84, "worldgeodeticsystem1984": datumWGS84,
	"china2000": datumCGCS2000, "chinageodeticcoordinatesystem2000": datumCGCS2000, "cgcs2000": datumCGCS2000,
	"northamerican1983": datumNAD83, "northamericandatum1983": datumNAD83, "nad83": datumNAD83, "nad1983": datumNAD83,
	"northamerican1983harn": datumNAD83HARN, "nad83highaccuracyreferencenetwork": datumNAD83HARN,
	"nad83harn": datumNAD83HARN, "nad1983harn": datumNAD83HARN,
	"nad19832011": datumNAD83Other, "nad832011": datumNAD83Other, "nad83nationalspatialreferencesystem2011": datumNAD83Other,
	"nad1983nsrs2007": datumNAD83Other, "nad83nationalspatialreferencesystem2007": datumNAD83Other,
	"nad1983cors96": datumNAD83Other, "nad83cors96": datumNAD83Other,
	"northamerican1983csrs": datumNAD83Other, "nad1983csrs": datumNAD83Other, "nad83canadianspatialreferencesystem": datumNAD83Other,
}

// shiftDatums are names of datums well known to need a shift.
var shiftDatums = []string{"beijing1954", "xian1980", "northamerican1927", "northamericandatum1927", "nad27", "nad1927"}

func (r *wktReader) datum(n *wktNode) (datum, ellipsoid) {
	r.only(n, "SPHEROID", "TOWGS84", "AUTHORITY")
	d, ok, shift := lookupDatum(n.name())
	switch {
	case shift:
		r.problem("datum %q needs a datum shift to WGS 84 (tens to hundreds of metres), which is not supported: "+
			"reproject the data to WGS 84, CGCS2000 or NAD83 first (for example ogr2ogr -t_srs EPSG:4326)", n.name())
	case !ok:
		r.problem("datum %q is not supported: only WGS 84, CGCS2000 and NAD83 (read as WGS 84) are; "+
			"reproject the data to one of them first (for example ogr2ogr -t_srs EPSG:4326)", n.name())
	}
	for _, t := range n.children("TOWGS84") {
		if !allZero(t) {
			r.problem("datum %q: TOWGS84 asks for a datum shift, which is not supported: "+
				"reproject the data to WGS 84, CGCS2000 or NAD83 first", n.name())
		}
	}
	var el ellipsoid
	if s := r.one(n, "SPHEROID"); s != nil {
		el = r.spheroid(s)
	}
	return d, el
}

// lookupDatum finds a datum by name, ESRI's "D_" prefix or not; shift
// reports a datum known to need a shift.
func lookupDatum(name string) (d datum, ok, shift bool) {
	norm := normName(name)
	for _, key := range []string{norm, strings.TrimPrefix(norm, "d")} {
		if d, ok := datums[key]; ok {
			return d, true, false
		}
		if slices.Contains(shiftDatums, key) {
			shift = true
		}
	}
	return 0, false, shift
}

// allZero reports whether every argument of n is the number 0.
func allZero(n *wktNode) bool {
	for _, a := range n.args {
		if a.kind != wktNumber || a.num != 0 {
			return false
		}
	}
	return true
}

// spheroid reads SPHEROID["name", a, rf] (rf 0 for a sphere).
func (r *wktReader) spheroid(s *wktNode) ellipsoid {
	a, ok1 := s.number(1)
	rf, ok2 := s.number(2)
	if !ok1 || !ok2 || !(a > 6e6 && a < 7e6) || !(rf == 0 || rf > 100 && rf < 1000) {
		r.problem("SPHEROID %q: want a semi-major axis in metres and an inverse flattening", s.name())
	}
	return ellipsoid{a: a, rf: rf}
}

// projcs reads a PROJCS into def.
func (r *wktReader) projcs(n *wktNode, def *crsDef) {
	r.only(n, "GEOGCS", "PROJECTION", "PARAMETER", "UNIT", "AXIS", "EXTENSION", "AUTHORITY")
	g := r.one(n, "GEOGCS")
	if g == nil {
		return
	}
	var el ellipsoid
	def.datum, el = r.geogcs(g)
	if u := r.one(n, "UNIT"); u != nil {
		def.unit = r.linearUnit(u)
	}
	pn := r.one(n, "PROJECTION")
	if pn == nil {
		return
	}
	ps := r.params(n)
	p := projParams{ell: el, k0: 1}
	web := r.webExtension(n)
	switch method := normName(pn.name()); method {
	case "transversemercator", "gausskruger":
		p.method = methodTM
		p.lat0, p.lon0, p.k0 = ps.need("latitude_of_origin"), ps.need("central_meridian"), ps.need("scale_factor")
	case "lambertconformalconic2sp", "lambertconformalconic1sp", "lambertconformalconic":
		r.lcc(method, ps, &p)
	case "mercator1sp", "mercator2sp", "mercator", "mercatorauxiliarysphere", "popularvisualisationpseudomercator":
		r.mercator(method, ps, &p, web)
	default:
		r.problem("PROJECTION %q is not supported: Transverse Mercator (Gauss-Kruger, UTM), "+
			"Lambert Conformal Conic and Mercator are", pn.name())
		return
	}
	if web && p.ell.rf != 0 {
		r.problem("EXTENSION[\"PROJ4\", …] is only read for Web Mercator")
	}
	u := float64(def.unit.Length)
	p.fe, p.fn = ps.need("false_easting")*u, ps.need("false_northing")*u
	ps.finish()
	r.checkParams(&p)
	def.par = p
}

// linearUnit reads a UNIT of projected coordinates; a length within 1e-9
// of the metre or a foot is taken as exactly that.
func (r *wktReader) linearUnit(u *wktNode) LinearUnit {
	v, ok := u.number(1)
	if !ok || !(v > 0) || math.IsInf(v, 0) {
		r.problem("UNIT %q: want a positive length in metres", u.name())
		return Metre
	}
	for _, k := range []LinearUnit{Metre, USSurveyFoot, Foot} {
		if math.Abs(v/float64(k.Length)-1) < 1e-9 {
			return k
		}
	}
	return LinearUnit{Name: u.name(), Length: Meters(v)}
}

// webExtension reports whether n carries GDAL's EXTENSION["PROJ4", …] of
// Web Mercator (a sphere of the WGS 84 semi-major axis); any other
// EXTENSION is a problem.
func (r *wktReader) webExtension(n *wktNode) bool {
	for _, e := range n.children("EXTENSION") {
		s := ""
		if len(e.args) == 2 {
			s = e.args[1].str
		}
		if e.name() == "PROJ4" && strings.Contains(s, "+proj=merc") &&
			strings.Contains(s, "+a=6378137 ") && strings.Contains(s, "+b=6378137 ") {
			return true
		}
		r.problem("EXTENSION %q is not read: only Web Mercator's is", s)
	}
	return false
}

func (r *wktReader) lcc(method string, ps *paramSet, p *projParams) {
	p.method = methodLCC
	p.lat0, p.lon0 = ps.need("latitude_of_origin"), ps.need("central_meridian")
	switch method {
	case "lambertconformalconic2sp":
		p.lat1, p.lat2 = ps.need("standard_parallel_1"), ps.need("standard_parallel_2")
	case "lambertconformalconic1sp":
		p.lat1, p.lat2, p.k0 = p.lat0, p.lat0, ps.need("scale_factor")
	default: // ESRI: one or two standard parallels, scale factor 1 unless given
		p.lat1 = ps.need("standard_parallel_1")
		p.lat2 = ps.opt("standard_parallel_2", p.lat1)
		p.k0 = ps.opt("scale_factor", 1)
	}
	if p.lat1+p.lat2 == 0 {
		r.problem("Lambert conic with standard parallels %v and %v symmetric about the equator is not a cone", p.lat1, p.lat2)
	}
}

// mercator reads the parameters of a Mercator projection; web is true for
// Web Mercator, which projects the ellipsoid's coordinates on a sphere.
func (r *wktReader) mercator(method string, ps *paramSet, p *projParams, web bool) {
	p.method = methodMercator
	p.lon0 = ps.need("central_meridian")
	if r.mercatorVariant(method, ps, p) {
		web = true
	}
	if web {
		p.ell = ellipsoid{a: p.ell.a}
	}
	if p.lat1 != 0 {
		p.k0 = mercatorK0(p.ell, p.lat1)
		p.lat1 = 0
	}
}

// mercatorVariant reads the parameters that set the Mercator variants
// apart, and reports whether method is a Web Mercator.
func (r *wktReader) mercatorVariant(method string, ps *paramSet, p *projParams) (web bool) {
	switch method {
	case "mercator1sp":
		p.k0 = ps.need("scale_factor")
		if ps.opt("latitude_of_origin", 0) != 0 {
			r.problem("Mercator_1SP: latitude_of_origin must be 0")
		}
	case "mercator2sp", "mercator":
		p.lat1 = ps.need("standard_parallel_1")
	case "mercatorauxiliarysphere":
		p.lat1 = ps.need("standard_parallel_1")
		if ps.need("auxiliary_sphere_type") != 0 {
			r.problem("Mercator_Auxiliary_Sphere: only Auxiliary_Sphere_Type 0 (Web Mercator) is supported")
		}
		return true
	case "popularvisualisationpseudomercator":
		if ps.opt("latitude_of_origin", 0) != 0 || ps.opt("scale_factor", 1) != 1 {
			r.problem("Popular_Visualisation_Pseudo_Mercator: latitude_of_origin must be 0 and scale_factor 1")
		}
		return true
	}
	return false
}

// checkParams reports parameters out of their domain.
func (r *wktReader) checkParams(p *projParams) {
	for _, v := range []float64{p.lat0, p.lat1, p.lat2} {
		if !(math.Abs(v) < 90) {
			r.problem("latitude %v must lie strictly between -90 and 90", v)
		}
	}
	if !(math.Abs(p.lon0) <= 360) {
		r.problem("central_meridian %v must lie between -360 and 360", p.lon0)
	}
	if !(p.k0 > 0 && p.k0 < 10) {
		r.problem("scale_factor %v must be positive", p.k0)
	}
	if !(math.Abs(p.fe) < 1e9 && math.Abs(p.fn) < 1e9) {
		r.problem("false easting and northing must be finite")
	}
}

// paramSet holds a PROJCS's PARAMETERs by normalised name and reports
// missing and unread ones.
type paramSet struct {
	r    *wktReader
	vals map[string]float64
	raw  map[string]string
	used map[string]bool
}

func (r *wktReader) params(n *wktNode) *paramSet {
	ps := &paramSet{r: r, vals: map[string]float64{}, raw: map[string]string{}, used: map[string]bool{}}
	for _, pn := range n.children("PARAMETER") {
		key := normName(pn.name())
		v, ok := pn.number(1)
		switch {
		case !ok || len(pn.args) != 2 || math.IsNaN(v) || math.IsInf(v, 0):
			r.problem("PARAMETER %q: want a name and a number", pn.name())
		case ps.raw[key] != "":
			r.problem("PARAMETER %q is given twice", pn.name())
		default:
			ps.vals[key], ps.raw[key] = v, pn.name()
		}
	}
	return ps
}

// need returns a required parameter (0 and a problem when missing); name
// is its OGC name, matched as normName does.
func (ps *paramSet) need(name string) float64 {
	key := normName(name)
	v, ok := ps.vals[key]
	if !ok {
		ps.r.problem("PARAMETER[%q, …] is missing", name)
	}
	ps.used[key] = true
	return v
}

// opt returns an optional parameter, def when absent.
func (ps *paramSet) opt(name string, def float64) float64 {
	key := normName(name)
	ps.used[key] = true
	if v, ok := ps.vals[key]; ok {
		return v
	}
	return def
}

// finish reports the parameters the projection does not take.
func (ps *paramSet) finish() {
	keys := make([]string, 0, len(ps.raw))
	for k := range ps.raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !ps.used[k] {
			ps.r.problem("PARAMETER %q is not used by this projection", ps.raw[k])
		}
	}
}

// resolveCRS returns the table's CRS matching cand, or cand itself, one
// pointer per distinct definition so that equal definitions give == CRSs.
func resolveCRS(cand crsCandidate) (CRS, error) {
	d := cand.def
	if d.par.method == methodNone && d.datum == datumWGS84 && (cand.authority == 0 || cand.authority == 4326) {
		return WGS84, nil
	}
	match := matchTable(&d)
	if a := cand.authority; a != 0 && a != match {
		if _, known := epsgTable[a]; known || a == 4326 {
			return WGS84, fmt.Errorf("%w: %q says it is EPSG:%d but its parameters differ from that system's", ErrCRS, d.name, a)
		}
	}
	if match != 0 {
		return CRS{def: epsgTable[match]}, nil
	}
	d.code = cand.authority
	return CRS{def: internDef(d)}, nil
}

// matchTable returns the code of the table's definition d matches, 0 if
// none does.
func matchTable(d *crsDef) int {
	for _, code := range epsgCodes {
		if t := epsgTable[code]; t.code == code && sameDef(t, d) {
			return code
		}
	}
	return 0
}

// sameDef compares two definitions to the precision of the numbers .prj
// files carry (ESRI writes 15 significant digits).
func sameDef(a, b *crsDef) bool {
	if a.datum != b.datum || a.unit != b.unit || a.par.method != b.par.method {
		return false
	}
	return a.par.method == methodNone || nearParams(a.par, b.par)
}

// nearParams compares projection parameters: angles to 1e-9°, false
// origins to 0.1 mm.
func nearParams(pa, pb projParams) bool {
	ang := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	return pa.ell.a == pb.ell.a && math.Abs(pa.ell.rf-pb.ell.rf) < 1e-9 &&
		ang(pa.lon0, pb.lon0) && ang(pa.lat0, pb.lat0) && ang(pa.lat1, pb.lat1) && ang(pa.lat2, pb.lat2) &&
		math.Abs(pa.k0-pb.k0) < 1e-12 && math.Abs(pa.fe-pb.fe) < 1e-4 && math.Abs(pa.fn-pb.fn) < 1e-4
}

// epsgCodes lists the table's codes in order, for deterministic matching.
var epsgCodes = func() []int {
	codes := make([]int, 0, len(epsgTable))
	for c := range epsgTable {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}()

// customDefs interns definitions read from WKT that are not in the table.
var customDefs struct {
	sync.Mutex
	m map[crsDef]*crsDef
}

func internDef(d crsDef) *crsDef {
	customDefs.Lock()
	defer customDefs.Unlock()
	if p, ok := customDefs.m[d]; ok {
		return p
	}
	if customDefs.m == nil {
		customDefs.m = map[crsDef]*crsDef{}
	}
	p := newDef(d.code, d.name, d.datum, d.unit, d.par)
	customDefs.m[d] = p
	return p
}
