package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"slices"
	"sort"
	"strconv"

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
	CRS         string `yaml:"crs"`         // wgs84 (default), cgcs2000 or gcj02
	Attribution string `yaml:"attribution"` // shown in reports
}

// LoadCity reads and validates the city folder dir on disk.
func LoadCity(dir string) (*City, error) {
	return LoadCityFS(os.DirFS(dir), ".", dir)
}

// LoadCityFS reads and validates the city folder dir of fsys. Error messages
// name files as display/name (display "" = dir). Every problem found is
// reported (as geo.Errors); the load succeeds whole or fails.
func LoadCityFS(fsys fs.FS, dir, display string) (*City, error) {
	if display == "" {
		display = dir
	}
	l := loader{fsys: fsys, dir: dir, display: display}
	c, err := l.load()
	if err != nil {
		return nil, err
	}
	return c, nil
}

type loader struct {
	fsys    fs.FS
	dir     string
	display string
	errs    geo.Errors
	city    *City
	toPlane func(orb.Point) orb.Point
}

func (l *loader) name(file string) string { return path.Join(l.display, file) }

func (l *loader) read(file string) ([]byte, error) {
	return fs.ReadFile(l.fsys, path.Join(l.dir, file))
}

func (l *loader) fail(err error) {
	var list geo.Errors
	if errors.As(err, &list) {
		l.errs = append(l.errs, list...)
		return
	}
	l.errs = append(l.errs, err)
}

func (l *loader) load() (*City, error) {
	c := &City{}
	l.city = c
	cfg, err := l.config()
	if err != nil {
		return nil, err
	}
	c.Name = cfg.Name
	if c.CRS, err = geo.ParseCRS(cfg.CRS); err != nil {
		return nil, fmt.Errorf("%s: crs: %w", l.name(CityFile), err)
	}
	if c.Name == "" {
		c.Name = path.Base(l.display)
	}

	dfeat := l.features(DistrictsFile, geo.Spec{Geometry: []orb.Geometry{orb.Polygon{}, orb.MultiPolygon{}}, Required: []string{"id"}}, true)
	if dfeat == nil {
		return nil, l.errs
	}
	l.setProjection(dfeat)
	l.districts(dfeat)
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	dix := districtIndex(c.Districts)

	sfeat := l.features(SchoolsFile, geo.Spec{Geometry: []orb.Geometry{orb.Point{}}, Required: []string{"id", "stage"}}, true)
	l.schools(sfeat, dix)
	afeat := l.features(AreasFile, geo.Spec{Geometry: []orb.Geometry{orb.Point{}, orb.Polygon{}, orb.MultiPolygon{}}, Required: []string{"id", "population"}}, true)
	l.areas(afeat, dix)
	if cf := l.features(CatchmentsFile, geo.Spec{Geometry: []orb.Geometry{orb.Polygon{}, orb.MultiPolygon{}}, NoID: true}, false); cf != nil {
		l.catchments(cf)
	}
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	l.demography()
	fc, err := ReadForecastCSV(l.fsys, path.Join(l.dir, ForecastFile), l.name(ForecastFile), c)
	switch {
	case err == nil:
		c.Forecast = *fc
	case errors.Is(err, fs.ErrNotExist) && (c.Demography.Population != nil || c.Demography.Enrolment != nil):
		// forecast.csv is optional when the cohort or grade-progression
		// forecast has its inputs.
	default:
		l.fail(err)
	}
	if len(l.errs) > 0 {
		return nil, l.errs
	}
	return c, nil
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

// features reads one GeoJSON file; a missing optional file gives nil.
func (l *loader) features(file string, spec geo.Spec, required bool) []geo.Feature {
	data, err := l.read(file)
	if errors.Is(err, fs.ErrNotExist) && !required {
		return nil
	}
	if err != nil {
		l.fail(&geo.FeatureError{File: l.name(file), Index: -1, Err: err})
		return nil
	}
	feats, err := geo.Decode(l.name(file), data, spec)
	if err != nil {
		l.fail(err)
		return nil
	}
	return feats
}

// setProjection centres the local plane on the districts' bounds.
func (l *loader) setProjection(dfeat []geo.Feature) {
	var b orb.Bound
	for i, f := range dfeat {
		fb := f.Geometry.Bound()
		if i == 0 {
			b = fb
		} else {
			b = b.Union(fb)
		}
	}
	crs := l.city.CRS
	origin := b.Center()
	if crs == geo.GCJ02 {
		origin = geo.GCJ02ToWGS84(origin)
	}
	proj := geo.NewProjection(origin)
	l.city.Projection = proj
	if crs == geo.GCJ02 {
		l.toPlane = func(p orb.Point) orb.Point { return proj.Forward(geo.GCJ02ToWGS84(p)) }
	} else {
		l.toPlane = proj.Forward
	}
}

// ToPlane converts a lon/lat point in the city's CRS to the local plane.
func (c *City) ToPlane(p orb.Point) orb.Point {
	if c.CRS == geo.GCJ02 {
		p = geo.GCJ02ToWGS84(p)
	}
	return c.Projection.Forward(p)
}

// FromPlane converts a point of the local plane back to lon/lat in the
// city's CRS.
func (c *City) FromPlane(p orb.Point) orb.Point {
	p = c.Projection.Inverse(p)
	if c.CRS == geo.GCJ02 {
		p = geo.WGS84ToGCJ02(p)
	}
	return p
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
		mp, _ := geo.AsMultiPolygon(geo.ProjectGeometry(f.Geometry, l.toPlane))
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
		l.fail(f.Errorf(field, "%v: want a number >= 0", v))
		return 0, false
	}
	if hi := countLimit(field); ok && v > float64(hi) {
		l.fail(f.Errorf(field, "%v: want at most %d (more is not plausible)", v, hi))
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
		l.fail(f.Errorf(field, "%d: want an integer from %d to %d", v, min, countLimit(field)))
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
		l.fail(f.Errorf(field, "%d: want a year between 1900 and 2200", v))
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
	if ok {
		i, found := dix[id]
		if !found {
			l.fail(f.Errorf("district", "%q: %w in %s", id, ErrUnknownID, DistrictsFile))
			return -1
		}
		return i
	}
	i := join.Locate(p)
	if i < 0 {
		l.fail(f.Errorf("geometry", "%w: point has no district property and lies in no district polygon", ErrOutside))
	}
	return i
}

func (l *loader) joinIndex() *geo.PolygonIndex {
	polys := make([]orb.MultiPolygon, len(l.city.Districts))
	for i := range l.city.Districts {
		polys[i] = l.city.Districts[i].Geometry
	}
	return geo.NewPolygonIndex(polys)
}

func (l *loader) schools(feats []geo.Feature, dix map[string]int) {
	if feats == nil {
		return
	}
	c := l.city
	join := l.joinIndex()
	c.Schools = make([]School, len(feats))
	for i := range feats {
		f := &feats[i]
		s := &c.Schools[i]
		s.ID = f.ID
		s.Name = l.str(f, "name")
		kind, _, err := f.String("stage")
		if err != nil {
			l.fail(err)
			continue
		}
		if s.Kind, err = ParseKind(kind); err != nil {
			l.fail(f.Errorf("stage", "%w", err))
			continue
		}
		s.Point = l.toPlane(f.Geometry.(orb.Point))
		s.District = l.district(f, s.Point, dix, join)
		l.streams(f, s)
		if cs, ok := l.count(f, "class_size", 1); ok {
			for _, st := range Stages {
				if s.Kind.Serves(st) {
					s.ClassSize[st] = cs
				}
			}
		}
		base, hasBase := l.count(f, "base_seats", 0)
		shared, hasShared := l.count(f, "shared_seats", 0)
		if hasBase || hasShared {
			if s.Kind == KindNineYear {
				l.fail(f.Errorf("base_seats", "%w: a nine-year school's admission plan must be split per stage, which is not supported yet", ErrInvalid))
			}
			for _, st := range Stages {
				if s.Kind.Serves(st) {
					s.BaseSeats[st], s.SharedSeats[st] = base, shared
				}
			}
		}
		s.SharingZone = l.str(f, "sharing_zone")
		s.Group = l.str(f, "group")
		s.Opens = l.year(f, "opens")
		s.Closes = l.year(f, "closes")
		if s.Opens != 0 && s.Closes != 0 && s.Closes <= s.Opens {
			l.fail(f.Errorf("closes", "%d: %w: a school must close after it opens (%d)", s.Closes, ErrInvalid, s.Opens))
		}
		l.enrolled(f, s)
		l.resources(f, s)
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

func (l *loader) streams(f *geo.Feature, s *School) {
	streams, hasStreams := l.count(f, "streams", 1)
	classes, hasClasses := l.count(f, "classes", 1)
	junior, hasJunior := l.count(f, "junior_streams", 1)
	if hasJunior && s.Kind != KindNineYear {
		l.fail(f.Errorf("junior_streams", "%w: only a nine_year school takes junior_streams", ErrInvalid))
	}
	switch {
	case hasStreams && hasClasses:
		l.fail(f.Errorf("classes", "%w: give streams or classes, not both", ErrInvalid))
		return
	case !hasStreams && !hasClasses:
		if _, present, _ := f.Float("streams"); !present {
			l.fail(f.Errorf("streams", "%w: a school needs streams (classes per grade) or classes (in all grades)", ErrMissing))
		}
		return
	case hasClasses:
		grades := 0
		for _, st := range Stages {
			if s.Kind.Serves(st) {
				grades += st.Grades()
			}
		}
		if classes%grades != 0 {
			l.fail(f.Errorf("classes", "%d classes do not split evenly over %d grades: give streams (classes per grade) instead", classes, grades))
			return
		}
		streams = classes / grades
	}
	for _, st := range Stages {
		if s.Kind.Serves(st) {
			s.Streams[st] = streams
		}
	}
	if hasJunior && s.Kind == KindNineYear {
		s.Streams[Junior] = junior
	}
}

// enrolled reads pupils by grade: an array over the school's grades in
// order, or an object keyed by grade number.
func (l *loader) enrolled(f *geo.Feature, s *School) {
	v, ok := f.Props["enrolled"]
	if !ok || v == nil {
		return
	}
	var grades []int
	for _, st := range Stages {
		if s.Kind.Serves(st) {
			for g := 0; g < st.Grades(); g++ {
				grades = append(grades, st.EntryGrade()+g)
			}
		}
	}
	s.Enrolled = make(map[int]int, len(grades))
	bad := func(format string, args ...any) {
		l.fail(f.Errorf("enrolled", format, args...))
		s.Enrolled = nil
	}
	pupils := func(x any) (int, bool) {
		n, isNum := x.(float64)
		if !isNum || n < 0 || n != math.Trunc(n) || n > MaxGradePupils {
			return 0, false
		}
		return int(n), true
	}
	switch e := v.(type) {
	case []any:
		if len(e) != len(grades) {
			bad("%d values: want one per grade %v", len(e), grades)
			return
		}
		for i, x := range e {
			n, ok := pupils(x)
			if !ok {
				bad("grade %d: %v: want a whole number of pupils from 0 to %d", grades[i], x, MaxGradePupils)
				return
			}
			s.Enrolled[grades[i]] = n
		}
	case map[string]any:
		keys := make([]string, 0, len(e))
		for k := range e {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			g, err := strconv.Atoi(k)
			if err != nil || !slices.Contains(grades, g) {
				bad("grade %q: want one of %v", k, grades)
				return
			}
			n, ok := pupils(e[k])
			if !ok {
				bad("grade %d: %v: want a whole number of pupils from 0 to %d", g, e[k], MaxGradePupils)
				return
			}
			s.Enrolled[g] = n
		}
	default:
		bad("want an array of pupils per grade or an object keyed by grade")
	}
}

func (l *loader) areas(feats []geo.Feature, dix map[string]int) {
	if feats == nil {
		return
	}
	c := l.city
	join := l.joinIndex()
	six := make(map[string]int, len(c.Schools))
	for i := range c.Schools {
		six[c.Schools[i].ID] = i
	}
	c.Areas = make([]Area, len(feats))
	for i := range feats {
		f := &feats[i]
		a := &c.Areas[i]
		a.ID = f.ID
		a.Name = l.str(f, "name")
		a.Population, _ = l.num(f, "population")
		a.Households, _ = l.num(f, "households")
		a.Geometry = geo.ProjectGeometry(f.Geometry, l.toPlane)
		a.Point = geo.Centroid(a.Geometry)
		a.District = l.district(f, a.Point, dix, join)
		a.CompletionYear = l.year(f, "completion_year")
		for _, st := range Stages {
			field := catchmentField[st]
			ids, ok, err := f.Strings(field)
			if err != nil {
				l.fail(err)
				continue
			}
			if !ok {
				continue
			}
			if len(ids) == 0 {
				l.fail(f.Errorf(field, "%w: empty list of schools", ErrInvalid))
				continue
			}
			for _, id := range ids {
				si, found := six[id]
				if !found {
					l.fail(f.Errorf(field, "%q: %w in %s", id, ErrUnknownID, SchoolsFile))
					continue
				}
				if !c.Schools[si].Kind.Serves(st) {
					l.fail(f.Errorf(field, "%q is a %s school, not %s", id, c.Schools[si].Kind, st))
				}
			}
			a.Catchment[st] = ids
		}
	}
}

// catchmentField is the area property naming each stage's zone schools.
var catchmentField = [NumStages]string{"catchment_primary", "catchment_junior"}

func (l *loader) catchments(feats []geo.Feature) {
	c := l.city
	six := make(map[string]int, len(c.Schools))
	for i := range c.Schools {
		six[c.Schools[i].ID] = i
	}
	c.Catchments = make([]Catchment, 0, len(feats))
	for i := range feats {
		f := &feats[i]
		var ids []string
		one, hasOne, err := f.String("school")
		if err != nil {
			l.fail(err)
			continue
		}
		many, hasMany, err := f.Strings("schools")
		if err != nil {
			l.fail(err)
			continue
		}
		switch {
		case hasOne && hasMany:
			l.fail(f.Errorf("schools", "%w: give school or schools, not both", ErrInvalid))
			continue
		case hasOne:
			ids = []string{one}
		case hasMany && len(many) > 0:
			ids = many
		default:
			l.fail(f.Errorf("school", "%w: a catchment names its school (or schools)", ErrMissing))
			continue
		}
		ct := Catchment{Schools: ids}
		stage, hasStage, err := f.String("stage")
		if err != nil {
			l.fail(err)
			continue
		}
		if hasStage {
			if ct.Stage, err = ParseStage(stage); err != nil {
				l.fail(f.Errorf("stage", "%w", err))
				continue
			}
		} else {
			ct.AllStage = true
		}
		ok := true
		for _, id := range ids {
			si, found := six[id]
			if !found {
				l.fail(f.Errorf("school", "%q: %w in %s", id, ErrUnknownID, SchoolsFile))
				ok = false
				continue
			}
			if hasStage && !c.Schools[si].Kind.Serves(ct.Stage) {
				l.fail(f.Errorf("stage", "school %q is a %s school, not %s", id, c.Schools[si].Kind, ct.Stage))
				ok = false
			}
		}
		if !ok {
			continue
		}
		ct.Geometry, _ = geo.AsMultiPolygon(geo.ProjectGeometry(f.Geometry, l.toPlane))
		c.Catchments = append(c.Catchments, ct)
	}
}
