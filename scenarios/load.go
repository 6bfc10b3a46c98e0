package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// LastYear is the horizon of the layout plans (布局规划 2021–2035) and the
// default end of a run.
const LastYear engine.Year = 2035

// ErrScenario is wrapped by every error in a scenario file.
var ErrScenario = errors.New("scenarios: invalid scenario")

// Scenario is a loaded, checked scenario with its city.
type Scenario struct {
	Name        string
	Description string
	File        string // the scenario file, as named to Load
	CityDir     string // the city folder, as resolved from the file
	First, Last engine.Year
	Policy      engine.Policy
	Changes     []engine.Change
	City        *engine.City
	// Forecast is the scenario's forecast: block; nil (no block) means the
	// city's forecast.csv, as forecast.New reads it.
	Forecast *forecast.Options
	// Base is the scenario file this one extends, as resolved from File
	// ("" when it extends none); LoadBase loads it.
	Base string

	src  source       // where File was read, for LoadBase
	city *engine.City // the city folder as loaded, before housing changes
}

// LoadBase loads the scenario s extends (s.Base), sharing s's city folder
// when the base names the same one. It returns nil and no error for a
// scenario that extends none.
func (s *Scenario) LoadBase() (*Scenario, error) {
	if s.Base == "" || s.src == nil {
		return nil, nil
	}
	return load(s.src, s.Base, map[string]*engine.City{s.CityDir: s.city})
}

// Error names the scenario file, the line and the key at fault. Every
// Error is ErrScenario (errors.Is).
type Error struct {
	File string
	Line int    // 1-based; 0 when the problem is not tied to a line
	Key  string // e.g. "changes[2].expand.school"; "" for the whole file
	Err  error
}

// Error reads "file:line: key: what is wrong", leaving out what is not
// known.
func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	msg := strings.TrimPrefix(e.Err.Error(), ErrScenario.Error()+": ")
	if e.Key == "" {
		return fmt.Sprintf("%s: %s", loc, msg)
	}
	return fmt.Sprintf("%s: %s: %s", loc, e.Key, msg)
}

// Unwrap gives ErrScenario and the cause.
func (e *Error) Unwrap() []error { return []error{ErrScenario, e.Err} }

// Load reads the scenario file at name on disk, the scenarios it extends and
// its city.
func Load(name string) (*Scenario, error) {
	return load(diskSource{}, name, nil)
}

// LoadFS is Load from a file system (e.g. the embedded demo).
func LoadFS(fsys fs.FS, name string) (*Scenario, error) {
	return load(fsSource{fsys}, name, nil)
}

// LoadAll loads several scenarios from disk, loading each city folder once.
func LoadAll(names ...string) ([]*Scenario, error) {
	cache := map[string]*engine.City{}
	out := make([]*Scenario, 0, len(names))
	for _, n := range names {
		s, err := load(diskSource{}, n, cache)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// source abstracts disk paths and fs.FS paths.
type source interface {
	read(name string) ([]byte, error)
	join(base, rel string) string // rel relative to the folder of base
	loadCity(dir string) (*engine.City, error)
}

type diskSource struct{}

func (diskSource) read(name string) ([]byte, error) { return os.ReadFile(name) }
func (diskSource) join(base, rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(filepath.Dir(base), rel)
}
func (diskSource) loadCity(dir string) (*engine.City, error) { return engine.LoadCity(dir) }

type fsSource struct{ fsys fs.FS }

func (s fsSource) read(name string) ([]byte, error) { return fs.ReadFile(s.fsys, name) }
func (fsSource) join(base, rel string) string       { return path.Join(path.Dir(base), rel) }
func (s fsSource) loadCity(dir string) (*engine.City, error) {
	return engine.LoadCityFS(s.fsys, dir, dir)
}

// layer is one file of an extends chain.
type layer struct {
	file string
	cfg  fileConfig
}

// changeAt is a change with the file, index and line it came from.
type changeAt struct {
	file  string
	index int
	cfg   changeConfig
}

// chain is an extends chain laid over its base.
type chain struct {
	policy  *policyConfig
	fcast   *forecastConfig
	years   []int
	changes []changeAt
}

func load(src source, name string, cache map[string]*engine.City) (*Scenario, error) {
	layers, err := readChain(src, name)
	if err != nil {
		return nil, err
	}
	s, ch := assemble(src, name, layers)
	var errs geo.Errors
	if s.CityDir == "" {
		errs = append(errs, &Error{File: name, Key: "city", Err: errors.New("no city folder named (here or in what it extends)")})
	}
	if s.Policy, err = toPolicy(ch.policy); err != nil {
		errs = append(errs, &Error{File: name, Key: "policy", Err: err})
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if s.City, err = loadCity(src, s.CityDir, cache); err != nil {
		return nil, fmt.Errorf("%s: city %s: %w", name, s.CityDir, err)
	}
	s.src, s.city = src, s.City
	if err := s.restrictStages(layers); err != nil {
		return nil, err
	}
	s.First, s.Last = s.City.Forecast.FirstYear, LastYear
	if ch.years != nil {
		s.First, s.Last = engine.Year(ch.years[0]), engine.Year(ch.years[1])
	}
	var housing []housingAt
	for _, c := range ch.changes {
		if h := c.cfg.Housing; h != nil {
			other := c.cfg.NewSchool != nil || c.cfg.Expand != nil || c.cfg.Close != nil || c.cfg.SeatSwap != nil
			housing = append(housing, housingAt{c.file, c.index, h, other})
		}
	}
	errs = appendErr(errs, s.applyHousing(housing))
	errs = appendErr(errs, s.loadForecast(ch.fcast, ch.years != nil))
	if s.First != 0 {
		errs = append(errs, s.changes(ch.changes)...)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

// appendErr adds err (a list or one error; nil: nothing) to errs.
func appendErr(errs geo.Errors, err error) geo.Errors {
	var list geo.Errors
	switch {
	case err == nil:
		return errs
	case errors.As(err, &list):
		return append(errs, list...)
	}
	return append(errs, err)
}

// assemble lays the chain's files over each other, base first.
func assemble(src source, name string, layers []layer) (*Scenario, *chain) {
	top := layers[len(layers)-1]
	s := &Scenario{File: name, Name: top.cfg.Name}
	if len(layers) > 1 {
		s.Base = layers[len(layers)-2].file
	}
	ch := &chain{}
	for _, l := range layers {
		if l.cfg.City != "" {
			s.CityDir = src.join(l.file, l.cfg.City)
		}
		if l.cfg.Description != "" {
			s.Description = l.cfg.Description
		}
		if l.cfg.Years != nil {
			ch.years = l.cfg.Years
		}
		ch.policy = l.cfg.Policy.merge(ch.policy)
		ch.fcast = l.cfg.Forecast.merge(ch.fcast)
		for i, c := range l.cfg.Changes {
			ch.changes = append(ch.changes, changeAt{l.file, i, c})
		}
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(path.Base(filepath.ToSlash(name)), path.Ext(name))
	}
	return s, ch
}

func loadCity(src source, dir string, cache map[string]*engine.City) (*engine.City, error) {
	if city := cache[dir]; city != nil {
		return city, nil
	}
	city, err := src.loadCity(dir)
	if err != nil {
		return nil, err
	}
	if cache != nil {
		cache[dir] = city
	}
	return city, nil
}

// changes converts the scenario's changes (housing aside, applied to the
// city already) and checks them against the city with
// engine.CheckChanges, as the simulation will: every problem is returned.
func (s *Scenario) changes(all []changeAt) geo.Errors {
	var errs geo.Errors
	var from []changeAt // per converted change, where it came from
	for _, ch := range all {
		if ch.cfg.Housing != nil {
			continue
		}
		c, err := toChange(s.City, ch.cfg)
		if err != nil {
			errs = append(errs, ch.errorf(err))
			continue
		}
		s.Changes = append(s.Changes, c)
		from = append(from, ch)
	}
	if len(errs) > 0 {
		return errs
	}
	err := engine.CheckChanges(s.City, &s.Policy, s.First, s.Last, s.Changes)
	var list geo.Errors
	errors.As(err, &list)
	for _, e := range list {
		var ce *engine.ChangeError
		if !errors.As(e, &ce) || ce.Index < 0 {
			errs = append(errs, &Error{File: s.File, Err: e})
			continue
		}
		at := from[ce.Index]
		errs = append(errs, &Error{File: at.file, Line: at.cfg.line(), Key: fmt.Sprintf("changes[%d].%s.%s", at.index, ce.Kind, ce.Field), Err: ce.Err})
	}
	return errs
}

// errorf is an error of the change as a whole: a *changeError names its
// field, anything else the change.
func (ch changeAt) errorf(err error) *Error {
	key := fmt.Sprintf("changes[%d]", ch.index)
	var fe *fieldError
	if errors.As(err, &fe) {
		key += "." + fe.field
		err = fe.err
	}
	return &Error{File: ch.file, Line: ch.cfg.line(), Key: key, Err: err}
}

// fieldError is a problem of one field of a change ("expand.year").
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }

func fieldErrorf(field, format string, args ...any) error {
	return &fieldError{field, fmt.Errorf(format, args...)}
}

// line is the line of the change's kind block (its first key).
func (c *changeConfig) line() int {
	switch {
	case c.NewSchool != nil:
		return c.NewSchool.Pos.Line
	case c.Expand != nil:
		return c.Expand.Pos.Line
	case c.Close != nil:
		return c.Close.Pos.Line
	case c.SeatSwap != nil:
		return c.SeatSwap.Pos.Line
	}
	return c.Pos.Line
}

// readChain reads name and the files it extends, base first. Every
// problem of every file read is returned.
func readChain(src source, name string) ([]layer, error) {
	var chain []layer
	var errs geo.Errors
	seen := map[string]bool{}
	for file := name; file != ""; {
		if seen[file] {
			errs = append(errs, &Error{File: file, Key: "extends", Err: fmt.Errorf("extends itself through %s", name)})
			break
		}
		seen[file] = true
		cfg, err := readFile(src, file)
		if err != nil {
			errs = appendErr(errs, err)
		}
		chain = append(chain, layer{file, cfg})
		if cfg.Extends == "" {
			break
		}
		file = src.join(file, cfg.Extends)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	slices.Reverse(chain)
	return chain, nil
}

// readFile decodes one scenario file strictly: every problem of the file
// is returned, each at its line.
func readFile(src source, file string) (fileConfig, error) {
	var cfg fileConfig
	data, err := src.read(file)
	if err != nil {
		return cfg, &Error{File: file, Err: err}
	}
	return cfg, decode(file, data, &cfg)
}

// decode decodes data, named file, into cfg.
func decode(file string, data []byte, cfg *fileConfig) error {
	err := strictyaml.Decode(file, data, cfg, decodeOptions)
	var list geo.Errors
	if !errors.As(err, &list) {
		return err
	}
	out := make(geo.Errors, len(list))
	for i, e := range list {
		p := e.(*strictyaml.Problem)
		out[i] = &Error{File: p.File, Line: p.Line, Key: p.Path, Err: errors.New(p.Msg)}
	}
	return out
}

func toPolicy(p *policyConfig) (engine.Policy, error) {
	var pol engine.Policy
	if p == nil {
		return pol, nil
	}
	var err error
	if p.Catchment != nil {
		if pol.Catchment, err = engine.ParseCatchmentMode(*p.Catchment); err != nil {
			return pol, fmt.Errorf("%w: catchment: %v", ErrScenario, err)
		}
	}
	if p.CrossDistrict != nil {
		pol.CrossDistrict = *p.CrossDistrict
	}
	if p.Seed != nil {
		pol.Seed = *p.Seed
	}
	if p.ClassSize != nil {
		for st, v := range map[engine.Stage]*int{engine.Primary: p.ClassSize.Primary, engine.Junior: p.ClassSize.Junior} {
			if v == nil {
				continue
			}
			if *v < 1 || *v > 100 {
				return pol, fmt.Errorf("%w: class_size.%s: %d: want 1–100", ErrScenario, st, *v)
			}
			pol.ClassSize[st] = *v
		}
	}
	ratio := func(key string, sf *stageFloats, dst *[engine.NumStages]float64) error {
		if sf == nil {
			return nil
		}
		for st, v := range map[engine.Stage]*float64{engine.Primary: sf.Primary, engine.Junior: sf.Junior} {
			if v == nil {
				continue
			}
			if math.IsNaN(*v) || *v <= 0 || *v > 2 {
				return fmt.Errorf("%w: %s.%s: %v: want a ratio in (0, 2]", ErrScenario, key, st, *v)
			}
			dst[st] = *v
		}
		return nil
	}
	if err := ratio("retention", p.Retention, &pol.Retention); err != nil {
		return pol, err
	}
	if err := ratio("takeup", p.TakeUp, &pol.TakeUp); err != nil {
		return pol, err
	}
	if p.Split != nil {
		pol.Split = *p.Split
	}
	if p.UnplacedCost != nil {
		if v := *p.UnplacedCost; math.IsNaN(v) || v <= 0 || v > 1e7 {
			return pol, fmt.Errorf("%w: unplaced_cost: %v: want metres per child in (0, 1e7]", ErrScenario, v)
		}
		pol.UnplacedCost = engine.Meters(*p.UnplacedCost)
	}
	if sh := p.SharedSeats; sh != nil {
		if sh.Priority != nil {
			if pol.Shared.Priority, err = engine.ParseSharedPriority(*sh.Priority); err != nil {
				return pol, fmt.Errorf("%w: shared_seats.priority: %v", ErrScenario, err)
			}
		}
		if sh.ReleaseUnusedBase != nil {
			pol.Shared.ReleaseUnusedBase = *sh.ReleaseUnusedBase
		}
		if sh.Seed != nil {
			if p.Seed != nil && *p.Seed != *sh.Seed {
				return pol, fmt.Errorf("%w: shared_seats.seed %d and seed %d differ: give one seed", ErrScenario, *sh.Seed, *p.Seed)
			}
			pol.Seed = *sh.Seed
		}
	}
	if p.Placement != nil {
		if pol.Placement, err = engine.ParsePlacementMode(*p.Placement); err != nil {
			return pol, fmt.Errorf("%w: placement: %v", ErrScenario, err)
		}
	}
	if md := p.MaxDistance; md != nil {
		for st, v := range map[engine.Stage]*float64{engine.Primary: md.Primary, engine.Junior: md.Junior} {
			if v == nil {
				continue
			}
			if math.IsNaN(*v) || *v <= 0 || *v > 1e6 {
				return pol, fmt.Errorf("%w: max_distance.%s: %v: want metres in (0, 1e6]", ErrScenario, st, *v)
			}
			pol.MaxDistance[st] = engine.Meters(*v)
		}
	}
	if p.PlacementCrossDistrict != nil {
		pol.PlacementCrossDistrict = *p.PlacementCrossDistrict
	}
	if oc := p.OversizeClassSize; oc != nil {
		for st, v := range map[engine.Stage]*int{engine.Primary: oc.Primary, engine.Junior: oc.Junior} {
			if v == nil {
				continue
			}
			if *v < 1 || *v > 100 {
				return pol, fmt.Errorf("%w: oversize_class_size.%s: %d: want 1–100", ErrScenario, st, *v)
			}
			pol.OversizeClassSize[st] = *v
		}
	}
	return pol, nil
}

// toChange converts a change's YAML; what it says about the city is
// checked by engine.CheckChanges.
func toChange(c *engine.City, ch changeConfig) (engine.Change, error) {
	n := 0
	for _, set := range []bool{ch.NewSchool != nil, ch.Expand != nil, ch.Close != nil, ch.SeatSwap != nil, ch.Housing != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, errors.New("a change is exactly one of new_school, expand, close, seat_swap, housing")
	}
	switch {
	case ch.NewSchool != nil:
		return toNewSchool(c, ch.NewSchool)
	case ch.Expand != nil:
		return toExpand(ch.Expand)
	case ch.SeatSwap != nil:
		sw := ch.SeatSwap
		switch {
		case len(sw.Schools) != 2:
			return nil, fieldErrorf("seat_swap.schools", "%d given: want two school ids", len(sw.Schools))
		case sw.Seats == 0:
			return nil, fieldErrorf("seat_swap.seats", "missing (entry seats each school keeps for the other district)")
		case sw.Year == 0:
			return nil, fieldErrorf("seat_swap.year", "missing")
		}
		return engine.SeatSwap{Schools: [2]string{sw.Schools[0], sw.Schools[1]}, Seats: sw.Seats, Year: engine.Year(sw.Year)}, nil
	default:
		cl := ch.Close
		if cl.Year == 0 {
			return nil, fieldErrorf("close.year", "missing")
		}
		return engine.Close{School: cl.School, Year: engine.Year(cl.Year), MergeInto: cl.MergeInto}, nil
	}
}

func toExpand(e *expandConfig) (engine.Change, error) {
	switch {
	case e.Streams == 0:
		return nil, fieldErrorf("expand.streams", "missing (streams to add, or to remove when below 0)")
	case e.Year == 0:
		return nil, fieldErrorf("expand.year", "missing")
	}
	out := engine.Expand{School: e.School, Streams: e.Streams, Year: engine.Year(e.Year)}
	if e.Stage != "" {
		st, err := engine.ParseStage(e.Stage)
		if err != nil {
			return nil, fieldErrorf("expand.stage", "%v", plain(err))
		}
		out.Stages = []engine.Stage{st}
	}
	return out, nil
}

func toNewSchool(c *engine.City, ns *newSchoolConfig) (engine.Change, error) {
	kind, err := engine.ParseKind(ns.Stage)
	switch {
	case ns.Stage == "":
		return nil, fieldErrorf("new_school.stage", "missing (primary, junior or nine_year)")
	case err != nil:
		return nil, fieldErrorf("new_school.stage", "%v", plain(err))
	case ns.Streams == 0:
		return nil, fieldErrorf("new_school.streams", "missing (classes per grade)")
	case ns.Opens == 0:
		return nil, fieldErrorf("new_school.opens", "missing (the first school year)")
	case len(ns.At) != 2 || math.IsNaN(ns.At[0]) || math.IsNaN(ns.At[1]) || math.Abs(ns.At[0]) > 180 || math.Abs(ns.At[1]) > 90:
		return nil, fieldErrorf("new_school.at", "%v: want [lon, lat] in %s", ns.At, c.LonLatCRS())
	case ns.JuniorStreams != 0 && kind != engine.KindNineYear:
		return nil, fieldErrorf("new_school.junior_streams", "only a nine_year school takes junior_streams")
	}
	s := engine.School{ID: ns.ID, Name: ns.Name, Kind: kind, Opens: engine.Year(ns.Opens), District: -1}
	s.Point = c.LonLatToPlane(orb.Point{ns.At[0], ns.At[1]})
	for _, st := range engine.Stages {
		if kind.Serves(st) {
			s.Streams[st] = ns.Streams
			s.ClassSize[st] = ns.ClassSize
		}
	}
	if ns.JuniorStreams != 0 {
		s.Streams[engine.Junior] = ns.JuniorStreams
	}
	if ns.District != "" {
		if s.District = c.DistrictIndex(ns.District); s.District < 0 {
			return nil, fieldErrorf("new_school.district", "%q: unknown district", ns.District)
		}
	} else {
		polys := make([]orb.MultiPolygon, len(c.Districts))
		for i := range c.Districts {
			polys[i] = c.Districts[i].Geometry
		}
		s.District = geo.NewPolygonIndex(polys).Locate(s.Point)
	}
	return engine.NewSchool{School: s}, nil
}
