package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/paulmach/orb"
	"github.com/spf13/viper"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/geo"
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
}

// Error names the scenario file and the key at fault.
type Error struct {
	File string
	Key  string // e.g. "changes[2].expand.school"; "" for the whole file
	Err  error
}

func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("%s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s: %s: %v", e.File, e.Key, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

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

func load(src source, name string, cache map[string]*engine.City) (*Scenario, error) {
	layers, err := readChain(src, name)
	if err != nil {
		return nil, err
	}
	top := layers[len(layers)-1]
	s := &Scenario{File: name, Name: top.cfg.Name}
	var policy *policyConfig
	var fcast *forecastConfig
	var years []int
	var yearsFile string
	type changeAt struct {
		file  string
		index int
		cfg   changeConfig
	}
	var changes []changeAt
	for _, l := range layers {
		if l.cfg.City != "" {
			s.CityDir = src.join(l.file, l.cfg.City)
		}
		if l.cfg.Description != "" {
			s.Description = l.cfg.Description
		}
		if l.cfg.Years != nil {
			years, yearsFile = l.cfg.Years, l.file
		}
		policy = l.cfg.Policy.merge(policy)
		fcast = l.cfg.Forecast.merge(fcast)
		for i, ch := range l.cfg.Changes {
			changes = append(changes, changeAt{l.file, i, ch})
		}
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(path.Base(filepath.ToSlash(name)), path.Ext(name))
	}
	if s.CityDir == "" {
		return nil, &Error{File: name, Key: "city", Err: fmt.Errorf("%w: no city folder named (here or in what it extends)", ErrScenario)}
	}
	if s.Policy, err = toPolicy(policy); err != nil {
		return nil, &Error{File: name, Key: "policy", Err: err}
	}

	city := cache[s.CityDir]
	if city == nil {
		if city, err = src.loadCity(s.CityDir); err != nil {
			return nil, fmt.Errorf("%s: city %s: %w", name, s.CityDir, err)
		}
		if cache != nil {
			cache[s.CityDir] = city
		}
	}
	s.City = city
	if err := s.restrictStages(layers); err != nil {
		return nil, err
	}
	var housing []housingAt
	for _, ch := range changes {
		if h := ch.cfg.Housing; h != nil {
			other := ch.cfg.NewSchool != nil || ch.cfg.Expand != nil || ch.cfg.Close != nil || ch.cfg.SeatSwap != nil
			housing = append(housing, housingAt{ch.file, ch.index, h, other})
		}
	}

	s.First, s.Last = city.Forecast.FirstYear, LastYear
	if years != nil {
		if len(years) != 2 || years[0] > years[1] || years[0] < 1900 || years[1] > 2200 {
			return nil, &Error{File: yearsFile, Key: "years", Err: fmt.Errorf("%w: %v: want [first, last] with first <= last", ErrScenario, years)}
		}
		s.First, s.Last = engine.Year(years[0]), engine.Year(years[1])
	}
	if err := s.applyHousing(housing); err != nil {
		return nil, err
	}
	if err := s.loadForecast(fcast, years != nil); err != nil {
		return nil, err
	}
	added := map[string]bool{} // ids of the scenario's new schools
	for _, ch := range changes {
		if ch.cfg.NewSchool != nil {
			added[ch.cfg.NewSchool.ID] = true
		}
	}
	for _, ch := range changes {
		if ch.cfg.Housing != nil {
			continue // applied to the city above
		}
		c, err := toChange(s.City, added, ch.cfg, s.First, s.Last)
		if err != nil {
			return nil, &Error{File: ch.file, Key: fmt.Sprintf("changes[%d]", ch.index), Err: err}
		}
		s.Changes = append(s.Changes, c)
	}
	return s, nil
}

// readChain reads name and the files it extends, base first.
func readChain(src source, name string) ([]layer, error) {
	var chain []layer
	seen := map[string]bool{}
	for file := name; file != ""; {
		if seen[file] {
			return nil, &Error{File: file, Key: "extends", Err: fmt.Errorf("%w: extends itself through %s", ErrScenario, name)}
		}
		seen[file] = true
		cfg, err := readFile(src, file)
		if err != nil {
			return nil, err
		}
		chain = append(chain, layer{file, cfg})
		if cfg.Extends == "" {
			break
		}
		file = src.join(file, cfg.Extends)
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	return chain, nil
}

func readFile(src source, file string) (fileConfig, error) {
	var cfg fileConfig
	data, err := src.read(file)
	if err != nil {
		return cfg, &Error{File: file, Err: err}
	}
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return cfg, &Error{File: file, Err: fmt.Errorf("%w: %v", ErrScenario, err)}
	}
	if err := v.UnmarshalExact(&cfg); err != nil {
		// The decoder's message spans lines; keep it on one.
		msg := strings.Join(strings.Fields(err.Error()), " ")
		msg = strings.TrimPrefix(msg, "decoding failed due to the following error(s): ")
		return cfg, &Error{File: file, Err: fmt.Errorf("%w: %s", ErrScenario, msg)}
	}
	return cfg, nil
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

func toChange(c *engine.City, added map[string]bool, ch changeConfig, first, last engine.Year) (engine.Change, error) {
	n := 0
	for _, set := range []bool{ch.NewSchool != nil, ch.Expand != nil, ch.Close != nil, ch.SeatSwap != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, fmt.Errorf("%w: a change is exactly one of new_school, expand, close, seat_swap", ErrScenario)
	}
	year := func(key string, y int) (engine.Year, error) {
		if y == 0 {
			return 0, fmt.Errorf("%w: %s: missing", ErrScenario, key)
		}
		if engine.Year(y) < first || engine.Year(y) > last {
			return 0, fmt.Errorf("%w: %s: %d is outside the scenario's years %d–%d", ErrScenario, key, y, first, last)
		}
		return engine.Year(y), nil
	}
	school := func(key, id string) error {
		if id == "" {
			return fmt.Errorf("%w: %s: missing", ErrScenario, key)
		}
		if c.SchoolIndex(id) < 0 && !added[id] {
			return fmt.Errorf("%w: %s: %q: unknown school (not in the city nor added by new_school)", ErrScenario, key, id)
		}
		if i := c.SchoolIndex(id); i >= 0 {
			return runsKind(c, key, c.Schools[i].Kind)
		}
		return nil
	}
	switch {
	case ch.NewSchool != nil:
		return toNewSchool(c, ch.NewSchool, year)
	case ch.Expand != nil:
		e := ch.Expand
		if err := school("expand.school", e.School); err != nil {
			return nil, err
		}
		if e.Streams == 0 {
			return nil, fmt.Errorf("%w: expand.streams: missing or 0", ErrScenario)
		}
		y, err := year("expand.year", e.Year)
		if err != nil {
			return nil, err
		}
		out := engine.Expand{School: e.School, Streams: e.Streams, Year: y}
		if e.Stage != "" {
			st, err := engine.ParseStage(e.Stage)
			if err != nil {
				return nil, fmt.Errorf("%w: expand.stage: %v", ErrScenario, err)
			}
			out.Stages = []engine.Stage{st}
		}
		return out, nil
	case ch.SeatSwap != nil:
		sw := ch.SeatSwap
		if len(sw.Schools) != 2 {
			return nil, fmt.Errorf("%w: seat_swap.schools: want two school ids, got %d", ErrScenario, len(sw.Schools))
		}
		for _, id := range sw.Schools {
			if err := school("seat_swap.schools", id); err != nil {
				return nil, err
			}
		}
		if sw.Seats < 1 {
			return nil, fmt.Errorf("%w: seat_swap.seats: %d: want >= 1", ErrScenario, sw.Seats)
		}
		y, err := year("seat_swap.year", sw.Year)
		if err != nil {
			return nil, err
		}
		return engine.SeatSwap{Schools: [2]string{sw.Schools[0], sw.Schools[1]}, Seats: sw.Seats, Year: y}, nil
	default:
		cl := ch.Close
		if err := school("close.school", cl.School); err != nil {
			return nil, err
		}
		if cl.MergeInto != "" {
			if err := school("close.merge_into", cl.MergeInto); err != nil {
				return nil, err
			}
		}
		y, err := year("close.year", cl.Year)
		if err != nil {
			return nil, err
		}
		return engine.Close{School: cl.School, Year: y, MergeInto: cl.MergeInto}, nil
	}
}

func toNewSchool(c *engine.City, ns *newSchoolConfig, year func(string, int) (engine.Year, error)) (engine.Change, error) {
	if ns.ID == "" {
		return nil, fmt.Errorf("%w: new_school.id: missing", ErrScenario)
	}
	if c.SchoolIndex(ns.ID) >= 0 {
		return nil, fmt.Errorf("%w: new_school.id: %q: a school with this id exists", ErrScenario, ns.ID)
	}
	kind, err := engine.ParseKind(ns.Stage)
	if err != nil {
		return nil, fmt.Errorf("%w: new_school.stage: %v", ErrScenario, err)
	}
	if err := runsKind(c, "new_school.stage", kind); err != nil {
		return nil, err
	}
	if ns.Streams < 1 {
		return nil, fmt.Errorf("%w: new_school.streams: %d: want >= 1", ErrScenario, ns.Streams)
	}
	if len(ns.At) != 2 || math.IsNaN(ns.At[0]) || math.IsNaN(ns.At[1]) || math.Abs(ns.At[0]) > 180 || math.Abs(ns.At[1]) > 90 {
		return nil, fmt.Errorf("%w: new_school.at: %v: want [lon, lat] in %s", ErrScenario, ns.At, c.LonLatCRS())
	}
	opens, err := year("new_school.opens", ns.Opens)
	if err != nil {
		return nil, err
	}
	s := engine.School{ID: ns.ID, Name: ns.Name, Kind: kind, Opens: opens, District: -1}
	s.Point = c.LonLatToPlane(orb.Point{ns.At[0], ns.At[1]})
	for _, st := range engine.Stages {
		if kind.Serves(st) {
			s.Streams[st] = ns.Streams
			if ns.ClassSize < 0 || ns.ClassSize > 100 {
				return nil, fmt.Errorf("%w: new_school.class_size: %d: want 1–100", ErrScenario, ns.ClassSize)
			}
			s.ClassSize[st] = ns.ClassSize
		}
	}
	if ns.JuniorStreams != 0 {
		if kind != engine.KindNineYear || ns.JuniorStreams < 0 {
			return nil, fmt.Errorf("%w: new_school.junior_streams: only a nine_year school takes junior_streams >= 1", ErrScenario)
		}
		s.Streams[engine.Junior] = ns.JuniorStreams
	}
	if ns.District != "" {
		if s.District = c.DistrictIndex(ns.District); s.District < 0 {
			return nil, fmt.Errorf("%w: new_school.district: %q: unknown district", ErrScenario, ns.District)
		}
	} else {
		polys := make([]orb.MultiPolygon, len(c.Districts))
		for i := range c.Districts {
			polys[i] = c.Districts[i].Geometry
		}
		if s.District = geo.NewPolygonIndex(polys).Locate(s.Point); s.District < 0 {
			return nil, fmt.Errorf("%w: new_school.at: %v lies outside every district of the city", ErrScenario, ns.At)
		}
	}
	return engine.NewSchool{School: s}, nil
}
