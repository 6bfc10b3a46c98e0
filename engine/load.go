package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// The files of a city folder (shared data contract, see the README).
const (
	CityFile       = "city.yaml"
	DistrictsFile  = "districts.geojson"
	AreasFile      = "areas.geojson"
	SchoolsFile    = "schools.geojson"
	CatchmentsFile = "catchments.geojson"
	ForecastFile   = "forecast.csv"
)

// CityConfig is city.yaml: optional; every field may be left out.
type CityConfig struct {
	Name        string `yaml:"name"`
	CRS         string `yaml:"crs"`         // wgs84 (default), cgcs2000, gcj02 or an EPSG code (geo.ParseCRS)
	Attribution string `yaml:"attribution"` // shown in reports
	// Layers maps a layer (districts, areas, schools, catchments) to its
	// file and property mapping (layermap.go).
	Layers map[string]*LayerConfig `yaml:"layers"`
	// SchoolSystem is the city's 学制 (default 6+3); Stages the stages it
	// runs (default every stage). See schoolsystem.go and runstages.go.
	SchoolSystem *SchoolSystem `yaml:"school_system"`
	Stages       []string      `yaml:"stages"`
	// PolygonAreas is how polygon areas are placed: split (default: over
	// the districts and catchment zones they overlap) or point (whole, at
	// a point inside).
	PolygonAreas string `yaml:"polygon_areas"`
	// Lang is the language of the city's reports and printed tables: zh
	// or en (default: zh for a city in GCJ-02 or CGCS2000, else en; see
	// package report's DefaultLang).
	Lang string `yaml:"lang"`
	// Standards are the city's land and floor-area standards (standards.go).
	Standards *Standards `yaml:"standards"`
	// Costs and Phases are the defaults of the city's scenarios
	// (programme.go): a scenario's costs override these key by key, its
	// phases replace these.
	Costs  *CostTable `yaml:"costs"`
	Phases []Phase    `yaml:"phases"`
	// Roads names the city's walking network, a file of the folder: a
	// roads layer (.geojson, .shp) in the city's CRS or an OpenStreetMap
	// extract (.osm.pbf); see roads.go and policy distance.
	Roads string `yaml:"roads"`
}

// LoadCity reads and validates the city folder dir on disk.
func LoadCity(dir string) (*City, error) {
	return LoadCityFS(os.DirFS(dir), ".", dir)
}

// LoadCityFS reads and validates the city folder dir of fsys. Error messages
// name files as display/name (display "" = dir). Every problem found is
// reported (as geo.Errors); the load succeeds whole or fails.
func LoadCityFS(fsys fs.FS, dir, display string) (*City, error) {
	return LoadCityFSWith(fsys, dir, display, LoadOptions{})
}

type loader struct {
	fsys    fs.FS
	dir     string
	display string
	errs    geo.Errors
	city    *City
	cfg     CityConfig
	maps    map[string]*layerMap // by display file name, for messages
	// noDistricts and noSchools say a layer failed to load, so checks
	// against it are left out rather than repeated for every feature.
	noDistricts, noSchools bool
	broken                 map[string]bool    // file and id of features that failed
	crsOf                  map[string]geo.CRS // by display file name (layercrs.go)
	planes                 map[string]func(orb.Point) orb.Point

	polygonAreas string // CityConfig.PolygonAreas
	areaIndex    []int  // feature index in the areas file of each loaded area

	meter *meter // bytes read for LoadOptions.Progress; nil: none (loadprogress.go)
}

func (l *loader) name(file string) string { return path.Join(l.display, file) }

// areaFeature is the index in the areas file of the feature City.Areas[i]
// was read from (a layer filter leaves features out).
func (l *loader) areaFeature(i int) int {
	if i < len(l.areaIndex) {
		return l.areaIndex[i]
	}
	return i
}

func (l *loader) read(file string) ([]byte, error) {
	return fs.ReadFile(l.fsys, path.Join(l.dir, file))
}

func (l *loader) fail(err error) {
	list, ok := err.(geo.Errors) // a wrapped list stays one problem, as wrapped
	if !ok {
		list = geo.Errors{err}
	}
	for _, e := range list {
		var fe *geo.FeatureError
		if errors.As(e, &fe) && l.maps[fe.File] != nil {
			l.maps[fe.File].relabel(geo.Errors{fe})
		}
	}
	l.errs = append(l.errs, list...)
}

// load reads every file of the folder and reports every problem of every
// file: a file that fails does not hide the problems of another. Checks
// that need another layer (a school's district, a forecast row's area) are
// left out only when that layer itself failed.
func (l *loader) load() (*City, error) {
	c := &City{}
	l.city = c
	l.configure()
	l.planFiles()
	before := len(l.errs)
	dfeat := l.features(DistrictsFile, geo.Spec{Geometry: []orb.Geometry{orb.Polygon{}, orb.MultiPolygon{}}, Required: []string{"id"}}, true)
	districtsFailed := len(l.errs) > before
	sfeat := l.features(SchoolsFile, geo.Spec{Geometry: []orb.Geometry{orb.Point{}}, Required: []string{"id", "stage"}}, true)
	afeat := l.features(AreasFile, geo.Spec{Geometry: []orb.Geometry{orb.Point{}, orb.Polygon{}, orb.MultiPolygon{}}, Required: []string{"id", "population"}}, true)
	cfeat := l.features(CatchmentsFile, geo.Spec{Geometry: []orb.Geometry{orb.Polygon{}, orb.MultiPolygon{}}, NoID: true}, false)
	// A district that failed would send its schools and areas "outside
	// every district": joins wait until the districts load.
	l.noDistricts, l.noSchools = dfeat == nil || districtsFailed, sfeat == nil
	l.setProjection(dfeat, sfeat, afeat)
	l.districts(dfeat)
	if !l.noDistricts {
		l.checkDistrictLayer(dfeat)
	}
	dix := districtIndex(c.Districts)
	l.schools(sfeat, dix)
	l.areas(afeat, dix)
	if cfeat != nil && sfeat != nil {
		l.catchments(cfeat)
	}
	if !l.noDistricts && afeat != nil {
		l.splitAreas(l.polygonAreas)
	}
	l.roads()
	l.demography()
	if !l.noDistricts && afeat != nil {
		l.forecast()
	}
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	return c, nil
}

// configure reads city.yaml; a problem there is reported and the rest of
// the folder is still read with the defaults.
func (l *loader) configure() {
	c := l.city
	cfg, err := l.config()
	if err == nil {
		err = cfg.checkLayers(l.name(CityFile))
	}
	if err != nil {
		l.fail(err)
	}
	l.cfg = cfg
	c.Name = cfg.Name
	if c.CRS, err = geo.ParseCRS(cfg.CRS); err != nil {
		l.fail(fmt.Errorf("%s: crs: %w", l.name(CityFile), err))
	}
	if c.Name == "" {
		c.Name = path.Base(l.display)
	}
	if err := l.system(cfg); err != nil {
		l.fail(err)
	}
	if err := l.checkPolygonAreas(cfg.PolygonAreas); err != nil {
		l.fail(err)
	}
	if err := l.standards(cfg); err != nil {
		l.fail(err)
	}
	if err := l.programme(cfg); err != nil {
		l.fail(err)
	}
	l.polygonAreas = cfg.PolygonAreas
	switch cfg.Lang {
	case "", "zh", "en":
		c.Lang = cfg.Lang
	default:
		l.fail(fmt.Errorf("%s: lang: %q: %w (want zh for 中文 or en for English labels)", l.name(CityFile), cfg.Lang, ErrInvalid))
	}
}

// forecast reads forecast.csv, which is optional when the cohort or
// grade-progression forecast has its inputs.
func (l *loader) forecast() {
	c := l.city
	fc, err := ReadForecastCSV(l.fsys, path.Join(l.dir, ForecastFile), l.name(ForecastFile), c)
	switch {
	case err == nil:
		c.Forecast = *fc
	case errors.Is(err, fs.ErrNotExist) && (c.Demography.Population != nil || c.Demography.Enrolment != nil):
	case errors.Is(err, fs.ErrNotExist):
		l.fail(&geo.FeatureError{File: l.name(ForecastFile), Index: -1, Err: fmt.Errorf(
			"%w: the city folder has no forecast.csv (children by district or area, year and age), nor population.csv or enrolment.csv to project one from", ErrMissing)})
	default:
		l.fail(err)
	}
}

func (l *loader) config() (CityConfig, error) {
	var cfg CityConfig
	data, err := l.read(CityFile)
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("%s: %w", l.name(CityFile), err)
	}
	// Strict: every problem with its line; CityConfig's yaml tags name the keys.
	return cfg, strictyaml.Decode(l.name(CityFile), data, &cfg, nil)
}

// features reads one layer, in any format geo.ReadLayer reads, found by
// its name (districts.geojson, districts.shp, …) or named by city.yaml's
// layers block, whose mapping then applies. A missing optional layer gives
// nil. The layer's coordinate system is resolved (layercrs.go) and its
// coordinates checked against it.
func (l *loader) features(file string, spec geo.Spec, required bool) []geo.Feature {
	layer := strings.TrimSuffix(file, path.Ext(file))
	m := newLayerMap(layer, l.cfg.Layers[layer])
	name, ok := l.findLayer(layer, m, required)
	if !ok {
		return nil
	}
	before := len(l.errs)
	if m.active() {
		l.addLayerMap(name, m)
	}
	feats, ok := l.readLayer(layer, name, m, spec)
	if !ok {
		return nil
	}
	feats, errs, note := m.apply(feats, spec)
	if note != "" {
		l.city.Notes = append(l.city.Notes, l.name(name)+": "+note)
	}
	if len(errs) > 0 {
		l.fail(errs)
		return nil
	}
	if required && len(feats) == 0 && len(l.errs) == before {
		l.noFeatures(name, note != "")
		return nil
	}
	return feats
}

// readLayer decodes the file name of layer with its mapping m and brings
// its coordinates into the city's coordinate system (layercrs.go); false
// when it gives no features to go on with (its problems recorded).
func (l *loader) readLayer(layer, name string, m *layerMap, spec geo.Spec) ([]geo.Feature, bool) {
	dspec := m.decodeSpec(spec)
	dspec.Planar = true // lon/lat ranges are checked once the CRS is known
	lyr, err := geo.ReadLayer(l.fsys, path.Join(l.dir, name), l.name(name), dspec, m.layerOptions())
	if err != nil {
		l.fail(err)
		l.markBroken(err)
	}
	if lyr == nil || len(lyr.Features) == 0 && err != nil {
		return nil, false
	}
	return l.inCRS(layer, name, lyr, m), true
}

// addLayerMap keeps the mapping m of layer file name, so that problems are
// reported under the file's own property names.
func (l *loader) addLayerMap(name string, m *layerMap) {
	if l.maps == nil {
		l.maps = map[string]*layerMap{}
	}
	l.maps[l.name(name)] = m
}

// noFeatures records a required layer file name without features
// (filtered says city.yaml's filter left none).
func (l *loader) noFeatures(name string, filtered bool) {
	what := "the layer has no features"
	if filtered {
		what += " left after the filter in city.yaml"
	}
	l.fail(&geo.FeatureError{File: l.name(name), Index: -1, Err: fmt.Errorf("%w: %s; a city needs at least one", ErrMissing, what)})
}

// findLayer finds the file of a layer: the one city.yaml names, or the one
// file named for the layer in a format geo.ReadLayer reads. ok is false
// when there is none (an error, when the layer is required).
func (l *loader) findLayer(layer string, m *layerMap, required bool) (string, bool) {
	if m.active() && m.cfg.File != "" {
		if _, err := fs.Stat(l.fsys, path.Join(l.dir, m.cfg.File)); err != nil {
			l.fail(&geo.FeatureError{File: l.name(CityFile), Index: -1, Field: "layers." + layer + ".file",
				Err: fmt.Errorf("%w: %s is not in the city folder", ErrMissing, m.cfg.File)})
			return "", false
		}
		return m.cfg.File, true
	}
	found, err := geo.FindLayer(l.fsys, l.dir, layer)
	switch {
	case err == nil:
		return path.Base(found), true
	case errors.Is(err, fs.ErrNotExist) && !required:
		return "", false
	case errors.Is(err, fs.ErrNotExist):
		l.fail(&geo.FeatureError{File: l.name(layer + ".geojson"), Index: -1, Err: fmt.Errorf(
			"%w: the city folder has no %s layer (%s.geojson, .shp, .xlsx or .csv, or a file named in city.yaml's layers.%s.file)", ErrMissing, layer, layer, layer)})
	default:
		var fe *geo.FeatureError
		if errors.As(err, &fe) {
			fe.File = l.name(layer)
		}
		l.fail(err)
	}
	return "", false
}

// markBroken remembers the ids of features that failed to decode, so that
// a reference to one is not reported again as an unknown id.
func (l *loader) markBroken(err error) {
	var list geo.Errors
	if !errors.As(err, &list) {
		return
	}
	for _, e := range list {
		var fe *geo.FeatureError
		if errors.As(e, &fe) && fe.ID != "" {
			if l.broken == nil {
				l.broken = map[string]bool{}
			}
			l.broken[fe.File+"\x00"+fe.ID] = true
		}
	}
}

// isBroken reports whether the feature id of the layer file failed to load.
func (l *loader) isBroken(file, id string) bool {
	return l.broken[l.name(file)+"\x00"+id]
}

// setProjection centres the local plane on the districts' bounds (on the
// schools' and areas' when the districts failed to load, so that their own
// checks still run).
func (l *loader) setProjection(layers ...[]geo.Feature) {
	var b orb.Bound
	first := true
	for _, feats := range layers {
		for _, f := range feats {
			if first {
				b, first = f.Geometry.Bound(), false
			} else {
				b = b.Union(f.Geometry.Bound())
			}
		}
		if !first {
			break
		}
	}
	crs := l.city.CRS
	for _, feats := range layers {
		if len(feats) > 0 {
			crs = l.fileCRSOf(feats[0].File)
			break
		}
	}
	l.city.Projection = geo.NewProjection(crs.ToWGS84(b.Center()))
}

// ToPlane converts a point in the city's CRS (lon/lat, or easting/northing
// for a projected CRS), as its GeoJSON files give it, to the local plane.
func (c *City) ToPlane(p orb.Point) orb.Point {
	return c.Projection.Forward(c.CRS.ToWGS84(p))
}

// FromPlane converts a point of the local plane to lon/lat in LonLatCRS:
// the city's CRS when that is geographic (GCJ-02 cities get GCJ-02 back),
// WGS 84 when it is projected, so that output GeoJSON layers are RFC 7946.
func (c *City) FromPlane(p orb.Point) orb.Point {
	return c.LonLatCRS().FromWGS84(c.Projection.Inverse(p))
}

// LonLatCRS is the CRS of the lon/lat the engine writes (FromPlane) and
// scenarios give (new schools' and housing sites' "at"): the city's own CRS
// when it is geographic, else WGS 84.
func (c *City) LonLatCRS() geo.CRS {
	if c.CRS.Geographic() {
		return c.CRS
	}
	return geo.WGS84
}

// LonLatToPlane converts lon/lat in LonLatCRS to the local plane, the
// inverse of FromPlane.
func (c *City) LonLatToPlane(p orb.Point) orb.Point {
	return c.Projection.Forward(c.LonLatCRS().ToWGS84(p))
}

func (l *loader) districts(feats []geo.Feature) {
	c := l.city
	c.Districts = make([]District, len(feats))
	for i := range feats {
		f := &feats[i]
		d := &c.Districts[i]
		d.ID = f.ID
		d.Name = l.str(f, "name")
		d.Parent = l.str(f, "parent")
		mp, _ := geo.AsMultiPolygon(geo.ProjectGeometry(f.Geometry, l.planeOf(f.File)))
		d.Geometry = mp
	}
}

func districtIndex(ds []District) map[string]int {
	m := make(map[string]int, len(ds))
	for i, d := range ds {
		m[d.ID] = i
	}
	return m
}

// invalid records a value of feature f that cannot be right.
func (l *loader) invalid(f *geo.Feature, field, format string, args ...any) {
	l.fail(&geo.FeatureError{File: f.File, Index: f.Index, Row: f.Row, ID: f.ID, Field: field,
		Err: &problem{ErrInvalid, fmt.Sprintf(format, args...)}})
}

// str reads an optional string property, recording a type error.
func (l *loader) str(f *geo.Feature, field string) string {
	s, _, err := f.String(field)
	if err != nil {
		l.fail(err)
	}
	return s
}

// num reads an optional number property that must be finite and >= 0.
func (l *loader) num(f *geo.Feature, field string) (float64, bool) {
	v, ok, err := f.Float(field)
	if err != nil {
		l.fail(err)
		return 0, false
	}
	if ok && v < 0 {
		l.invalid(f, field, "%v: want a number >= 0", v)
		return 0, false
	}
	if hi := countLimit(field); ok && v > float64(hi) {
		l.invalid(f, field, "%v: want at most %d (more is not plausible)", v, hi)
		return 0, false
	}
	return v, ok
}

// count reads an optional integer property that must be >= min.
func (l *loader) count(f *geo.Feature, field string, min int) (int, bool) {
	v, ok, err := f.Int(field)
	if err != nil {
		l.fail(err)
		return 0, false
	}
	if ok && (v < min || v > countLimit(field)) {
		l.invalid(f, field, "%d: want an integer from %d to %d", v, min, countLimit(field))
		return 0, false
	}
	return v, ok
}

func (l *loader) year(f *geo.Feature, field string) Year {
	v, ok := l.count(f, field, 0)
	if !ok {
		return 0
	}
	if v < 1900 || v > 2200 {
		l.invalid(f, field, "%d: want a year between 1900 and 2200", v)
		return 0
	}
	return Year(v)
}

// district resolves the district property, or joins the point to a polygon.
func (l *loader) district(f *geo.Feature, p orb.Point, dix map[string]int, join *geo.PolygonIndex) int {
	id, ok, err := f.String("district")
	if err != nil {
		l.fail(err)
		return -1
	}
	if l.noDistricts {
		return -1
	}
	if ok {
		i, found := dix[id]
		if !found && !l.isBroken(DistrictsFile, id) {
			l.fail(f.Errorf("district", "%q: %w in the districts layer", id, ErrUnknownID))
		}
		if !found {
			return -1
		}
		l.checkNamedDistrict(f, p, i, join)
		return i
	}
	i := join.Locate(p)
	if i < 0 {
		l.fail(l.outsideEvery(f, p, join))
	}
	return i
}

func (l *loader) joinIndex() *geo.PolygonIndex {
	return l.city.DistrictPolygonIndex()
}

// schools reads the schools layer into City.Schools, in file order.
func (l *loader) schools(feats []geo.Feature, dix map[string]int) {
	if feats == nil {
		return
	}
	join := l.joinIndex()
	l.city.Schools = make([]School, len(feats))
	for i := range feats {
		l.school(&feats[i], &l.city.Schools[i], dix, join)
	}
	l.checkFeeders(feats)
}

// school reads school feature f into s; after a bad stage the rest is left
// out, since every other property depends on the stages it serves.
func (l *loader) school(f *geo.Feature, s *School, dix map[string]int, join *geo.PolygonIndex) {
	s.ID = f.ID
	s.Name = l.str(f, "name")
	if !l.schoolKind(f, s) {
		return
	}
	l.runStage(f, s.Kind)
	s.Point = l.planeOf(f.File)(f.Geometry.(orb.Point))
	s.District = l.district(f, s.Point, dix, join)
	l.streams(f, s)
	l.seats(f, s)
	s.SharingZone = l.str(f, "sharing_zone")
	s.Group = l.str(f, "group")
	l.feeders(f, s)
	l.openAndClose(f, s)
	l.enrolled(f, s)
	l.resources(f, s)
}

// schoolKind reads the stage property: primary, junior or nine_year.
func (l *loader) schoolKind(f *geo.Feature, s *School) bool {
	kind, _, err := f.String("stage")
	if err != nil {
		l.fail(err)
		return false
	}
	if s.Kind, err = ParseKind(kind); err != nil {
		l.fail(f.Errorf("stage", "%w", err))
		return false
	}
	return true
}

// seats reads class_size, base_seats and shared_seats, which apply to every
// stage the school serves.
func (l *loader) seats(f *geo.Feature, s *School) {
	if cs, ok := l.count(f, "class_size", 1); ok {
		for _, st := range s.Kind.stages() {
			s.ClassSize[st] = cs
		}
	}
	base, hasBase := l.count(f, "base_seats", 0)
	shared, hasShared := l.count(f, "shared_seats", 0)
	if !hasBase && !hasShared {
		return
	}
	if s.Kind == KindNineYear {
		l.fail(f.Errorf("base_seats", "%w: a nine-year school's admission plan must be split per stage, which is not supported yet", ErrInvalid))
	}
	for _, st := range s.Kind.stages() {
		s.BaseSeats[st], s.SharedSeats[st] = base, shared
	}
}

// openAndClose reads the years a school opens and closes, in that order.
func (l *loader) openAndClose(f *geo.Feature, s *School) {
	s.Opens = l.year(f, "opens")
	s.Closes = l.year(f, "closes")
	if s.Opens != 0 && s.Closes != 0 && s.Closes <= s.Opens {
		l.fail(f.Errorf("closes", "%d: %w: a school must close after it opens (%d)", s.Closes, ErrInvalid, s.Opens))
	}
}

// resources reads the properties named in ResourceFields.
func (l *loader) resources(f *geo.Feature, s *School) {
	for _, field := range ResourceFields {
		if v, ok := l.num(f, field); ok {
			if s.Resources == nil {
				s.Resources = make(map[string]float64, len(ResourceFields))
			}
			s.Resources[field] = v
		}
	}
}

// streams reads a school's streams (classes per grade) in each stage it
// serves: streams, or classes in all grades split evenly over them; a
// nine-year school may give its junior stage junior_streams.
func (l *loader) streams(f *geo.Feature, s *School) {
	n := l.classCounts(f)
	if n.hasJunior && s.Kind != KindNineYear {
		l.fail(f.Errorf("junior_streams", "%w: only a nine_year school takes junior_streams", ErrInvalid))
	}
	streams, ok := l.streamsPerGrade(f, s.Kind, n)
	if !ok {
		return
	}
	for _, st := range s.Kind.stages() {
		s.Streams[st] = streams
	}
	if n.hasJunior && s.Kind == KindNineYear {
		s.Streams[Junior] = n.junior
	}
}

// classCounts are a school's streams, classes and junior_streams, each
// with whether it is given.
type classCounts struct {
	streams, classes, junior          int
	hasStreams, hasClasses, hasJunior bool
}

// classCounts reads streams, classes and junior_streams, in that order.
func (l *loader) classCounts(f *geo.Feature) classCounts {
	var n classCounts
	n.streams, n.hasStreams = l.count(f, "streams", 1)
	n.classes, n.hasClasses = l.count(f, "classes", 1)
	n.junior, n.hasJunior = l.count(f, "junior_streams", 1)
	return n
}

// streamsPerGrade is the classes per grade that streams or classes (one
// of them) give a school of kind k.
func (l *loader) streamsPerGrade(f *geo.Feature, k Kind, n classCounts) (int, bool) {
	switch {
	case n.hasStreams && n.hasClasses:
		l.fail(f.Errorf("classes", "%w: give streams or classes, not both", ErrInvalid))
		return 0, false
	case n.hasStreams:
		return n.streams, true
	case n.hasClasses:
		return l.classesPerGrade(f, k, n.classes)
	}
	if _, present, _ := f.Float("streams"); !present {
		l.fail(f.Errorf("streams", "%w: a school needs streams (classes per grade) or classes (in all grades)", ErrMissing))
	}
	return 0, false
}

// classesPerGrade splits classes, in all grades of a school of kind k,
// evenly over its grades.
func (l *loader) classesPerGrade(f *geo.Feature, k Kind, classes int) (int, bool) {
	grades := 0
	for _, st := range k.stages() {
		grades += l.city.System.Grades(st)
	}
	if classes%grades != 0 {
		l.invalid(f, "classes", "%d classes do not split evenly over %d grades: give streams (classes per grade) instead", classes, grades)
		return 0, false
	}
	return classes / grades, true
}

// enrolled reads pupils by grade: an array over the school's grades in
// order, or an object keyed by grade (its name or number: "K" or "0"). A
// bad value leaves s.Enrolled nil.
func (l *loader) enrolled(f *geo.Feature, s *School) {
	v, ok := f.Props["enrolled"]
	if !ok || v == nil {
		return
	}
	grades := l.schoolGrades(s.Kind)
	s.Enrolled = make(map[int]int, len(grades.numbers))
	var err error
	switch e := v.(type) {
	case []any:
		err = grades.readList(e, s.Enrolled)
	case map[string]any:
		err = grades.readByGrade(e, s.Enrolled)
	default:
		err = errors.New("want an array of pupils per grade or an object keyed by grade")
	}
	if err != nil {
		l.invalid(f, "enrolled", "%s", err)
		s.Enrolled = nil
	}
}

// gradeList is the grades of a school, in order, with their names.
type gradeList struct {
	sys     SchoolSystem
	numbers []int
	names   []string
}

// schoolGrades lists the grades a school of kind k teaches.
func (l *loader) schoolGrades(k Kind) gradeList {
	g := gradeList{sys: l.city.System}
	for _, st := range k.stages() {
		for _, n := range g.sys.GradeNumbers(st) {
			g.numbers = append(g.numbers, n)
			g.names = append(g.names, g.sys.GradeName(n))
		}
	}
	return g
}

// readList reads enrolled as an array of pupils, one per grade in order.
func (g gradeList) readList(e []any, enrolled map[int]int) error {
	if len(e) != len(g.numbers) {
		return fmt.Errorf("%d values: want one per grade %v", len(e), g.names)
	}
	for i, x := range e {
		n, ok := gradePupils(x)
		if !ok {
			return fmt.Errorf("grade %s: %v: want a whole number of pupils from 0 to %d", g.names[i], x, MaxGradePupils)
		}
		enrolled[g.numbers[i]] = n
	}
	return nil
}

// readByGrade reads enrolled as an object keyed by grade, in key order.
func (g gradeList) readByGrade(e map[string]any, enrolled map[int]int) error {
	for _, k := range slices.Sorted(maps.Keys(e)) {
		n, err := g.parse(k)
		if err != nil {
			return err
		}
		if _, dup := enrolled[n]; dup {
			return fmt.Errorf("grade %s is given twice", g.sys.GradeName(n))
		}
		pupils, ok := gradePupils(e[k])
		if !ok {
			return fmt.Errorf("grade %s: %v: want a whole number of pupils from 0 to %d", g.sys.GradeName(n), e[k], MaxGradePupils)
		}
		enrolled[n] = pupils
	}
	return nil
}

// parse reads a grade key, which must name one of the grades.
func (g gradeList) parse(key string) (int, error) {
	n, err := g.sys.ParseGrade(key)
	if err != nil || !slices.Contains(g.numbers, n) {
		return 0, fmt.Errorf("grade %q: want one of %v", key, g.names)
	}
	return n, nil
}

// gradePupils reads a number of pupils: a whole number from 0 to
// MaxGradePupils.
func gradePupils(x any) (int, bool) {
	n, isNum := x.(float64)
	if !isNum || n < 0 || n != math.Trunc(n) || n > MaxGradePupils {
		return 0, false
	}
	return int(n), true
}

// areas reads the areas layer into City.Areas, one per feature (the split
// of polygon areas comes later), and notes each one's feature index.
func (l *loader) areas(feats []geo.Feature, dix map[string]int) {
	if feats == nil {
		return
	}
	c := l.city
	join := l.joinIndex()
	six := schoolIndex(c.Schools)
	c.Areas = make([]Area, len(feats))
	l.areaIndex = make([]int, len(feats))
	for i := range feats {
		l.areaIndex[i] = feats[i].Index
		l.area(&feats[i], &c.Areas[i], dix, join, six)
	}
}

// area reads area feature f into a.
func (l *loader) area(f *geo.Feature, a *Area, dix map[string]int, join *geo.PolygonIndex, six map[string]int) {
	a.ID, a.Share = f.ID, 1
	a.Name = l.str(f, "name")
	a.Population, _ = l.num(f, "population")
	a.Households, _ = l.num(f, "households")
	a.Geometry = geo.ProjectGeometry(f.Geometry, l.planeOf(f.File))
	a.Point = areaPoint(a.Geometry)
	if a.District = -1; !l.deferDistrict(f, l.polygonAreas) {
		a.District = l.district(f, a.Point, dix, join)
	}
	a.CompletionYear = l.year(f, "completion_year")
	for _, st := range Stages {
		a.Catchment[st] = l.areaCatchment(f, st, six)
	}
}

// areaCatchment reads the schools an area's property names as its zone of
// stage st (nil when not given or unusable).
func (l *loader) areaCatchment(f *geo.Feature, st Stage, six map[string]int) []string {
	field := catchmentField[st]
	ids, ok, err := f.Strings(field)
	switch {
	case err != nil:
		l.fail(err)
		return nil
	case !ok:
		return nil
	case len(ids) == 0:
		l.fail(f.Errorf(field, "%w: empty list of schools", ErrInvalid))
		return nil
	case !l.city.Runs(st):
		l.fail(f.Errorf(field, "%w: the city does not run %s school (%s stages)", ErrInvalid, st, CityFile))
		return nil
	}
	for _, id := range ids {
		l.checkZoneSchool(f, field, id, st, six)
	}
	return ids
}

// checkZoneSchool checks that school id, which an area names in field as
// its zone of stage st, is a school of that stage. A school that failed to
// load (or a schools layer that did) is not reported again.
func (l *loader) checkZoneSchool(f *geo.Feature, field, id string, st Stage, six map[string]int) {
	si, found := six[id]
	switch {
	case !found && (l.noSchools || l.isBroken(SchoolsFile, id)):
	case !found:
		l.fail(f.Errorf(field, "%q: %w in the schools layer", id, ErrUnknownID))
	case !l.city.Schools[si].Kind.Serves(st):
		l.invalid(f, field, "%q is a %s school, not %s", id, l.city.Schools[si].Kind, st)
	}
}

// schoolIndex maps school ids to their index.
func schoolIndex(schools []School) map[string]int {
	m := make(map[string]int, len(schools))
	for i := range schools {
		m[schools[i].ID] = i
	}
	return m
}

// catchmentField is the area property naming each stage's zone schools.
var catchmentField = [NumStages]string{"catchment_primary", "catchment_junior"}

// catchments reads the catchments layer into City.Catchments, leaving out
// a catchment with a problem.
func (l *loader) catchments(feats []geo.Feature) {
	six := schoolIndex(l.city.Schools)
	l.city.Catchments = make([]Catchment, 0, len(feats))
	for i := range feats {
		if ct, ok := l.catchment(&feats[i], six); ok {
			l.city.Catchments = append(l.city.Catchments, ct)
		}
	}
}

// catchment reads catchment feature f; false when it is left out (its
// problems recorded).
func (l *loader) catchment(f *geo.Feature, six map[string]int) (Catchment, bool) {
	ids, ok := l.catchmentSchools(f)
	if !ok {
		return Catchment{}, false
	}
	ct := Catchment{Schools: ids}
	if !l.catchmentStage(f, &ct) || !l.checkCatchmentSchools(f, ct, six) {
		return Catchment{}, false
	}
	ct.Geometry, _ = geo.AsMultiPolygon(geo.ProjectGeometry(f.Geometry, l.planeOf(f.File)))
	l.checkSchoolsInside(f, ct, six)
	return ct, true
}

// catchmentSchools reads the school or schools (one of them) a catchment
// names.
func (l *loader) catchmentSchools(f *geo.Feature) ([]string, bool) {
	one, hasOne, err := f.String("school")
	if err != nil {
		l.fail(err)
		return nil, false
	}
	many, hasMany, err := f.Strings("schools")
	if err != nil {
		l.fail(err)
		return nil, false
	}
	switch {
	case hasOne && hasMany:
		l.fail(f.Errorf("schools", "%w: give school or schools, not both", ErrInvalid))
	case hasOne:
		return []string{one}, true
	case hasMany && len(many) > 0:
		return many, true
	default:
		l.fail(f.Errorf("school", "%w: a catchment names its school (or schools)", ErrMissing))
	}
	return nil, false
}

// catchmentStage reads a catchment's stage, which the city must run; a
// catchment without one applies to every stage of its schools.
func (l *loader) catchmentStage(f *geo.Feature, ct *Catchment) bool {
	stage, hasStage, err := f.String("stage")
	switch {
	case err != nil:
		l.fail(err)
		return false
	case !hasStage:
		ct.AllStage = true
		return true
	}
	if ct.Stage, err = ParseStage(stage); err != nil {
		l.fail(f.Errorf("stage", "%w", err))
		return false
	}
	if !l.city.Runs(ct.Stage) {
		l.fail(f.Errorf("stage", "%w: the city does not run %s school (%s stages)", ErrInvalid, ct.Stage, CityFile))
		return false
	}
	return true
}

// checkCatchmentSchools checks every school a catchment names: a known
// school, of the catchment's stage when it has one. A school that failed to
// load leaves the catchment out without another problem.
func (l *loader) checkCatchmentSchools(f *geo.Feature, ct Catchment, six map[string]int) bool {
	ok := true
	for _, id := range ct.Schools {
		si, found := six[id]
		switch {
		case !found && l.isBroken(SchoolsFile, id):
			ok = false
		case !found:
			l.fail(f.Errorf("school", "%q: %w in the schools layer", id, ErrUnknownID))
			ok = false
		case !ct.AllStage && !l.city.Schools[si].Kind.Serves(ct.Stage):
			l.invalid(f, "stage", "school %q is a %s school, not %s", id, l.city.Schools[si].Kind, ct.Stage)
			ok = false
		}
	}
	return ok
}
