package scenarios

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/geo"
)

// LastYear is the horizon of the layout plans (布局规划 2021–2035) and the
// default end of a run.
const LastYear engine.Year = 2035

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
	// Costs is the scenario's cost table laid over city.yaml's (nil:
	// none) and Phases its phases in year order (else city.yaml's): with
	// each change's engine.Programme they price the changes by phase
	// (programme.go, costs.go).
	Costs  *engine.CostTable
	Phases []engine.Phase

	src  source       // where File was read, for LoadBase
	city *engine.City // the city folder as loaded, before housing changes
	// from is where each change came from, and loaded the changes as
	// loaded, for the problems a run finds (a copy of s may change Changes).
	from   []changeAt
	loaded []engine.Change
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

// Load reads the scenario file at name on disk, the scenarios it extends and
// its city.
func Load(name string) (*Scenario, error) {
	return load(diskSource{}, name, nil)
}

// LoadFS is Load from a file system (e.g. the embedded demo).
func LoadFS(fsys fs.FS, name string) (*Scenario, error) {
	return load(fsSource{fsys: fsys}, name, nil)
}

// LoadAll loads several scenarios from disk, loading each city folder once.
func LoadAll(names ...string) ([]*Scenario, error) {
	return LoadAllWith(LoadOptions{}, names...)
}

// load reads the scenario file name and the files it extends, lays them
// over each other, loads the city (from cache when it holds it) and
// converts and checks what the files say. Each step reports every problem
// it finds; a step runs only when the steps before it found none.
func load(src source, name string, cache map[string]*engine.City) (*Scenario, error) {
	layers, err := readChain(src, name)
	if err != nil {
		return nil, err
	}
	s, ch := assemble(src, name, layers)
	if err := s.setPolicy(ch.policy); err != nil {
		return nil, err
	}
	if err := s.openCity(src, cache, layers, ch.years); err != nil {
		return nil, err
	}
	if err := s.applyChain(ch); err != nil {
		return nil, err
	}
	return s, nil
}

// setPolicy converts the chain's policy, and checks that it names a city
// folder.
func (s *Scenario) setPolicy(p *policyConfig) error {
	var errs geo.Errors
	if s.CityDir == "" {
		errs = append(errs, &Error{File: s.File, Key: "city", Err: errors.New("no city folder named (here or in what it extends)")})
	}
	var err error
	if s.Policy, err = toPolicy(p); err != nil {
		errs = append(errs, &Error{File: s.File, Key: "policy", Err: err})
	}
	return orNil(errs)
}

// openCity loads the city, runs the stages the scenario names and sets the
// years of the run: those given, else the city's forecast years up to
// LastYear.
func (s *Scenario) openCity(src source, cache map[string]*engine.City, layers []layer, years []int) error {
	var err error
	if s.City, err = loadCity(src, s.CityDir, cache); err != nil {
		return fmt.Errorf("%s: city %s: %w", s.File, s.CityDir, err)
	}
	s.src, s.city = src, s.City
	if s.Policy.Distance == engine.Network && s.City.Roads == nil {
		return &Error{File: s.File, Key: "policy.distance", Err: fmt.Errorf(
			"network walks the city's roads, and %s names none: add roads: <file> (a roads layer or an .osm.pbf extract in the city folder) or use distance: straight", s.CityDir+"/"+engine.CityFile)}
	}
	if err := s.restrictStages(layers); err != nil {
		return err
	}
	s.First, s.Last = s.City.Forecast.FirstYear, LastYear
	if years != nil {
		s.First, s.Last = engine.Year(years[0]), engine.Year(years[1])
	}
	return nil
}

// applyChain adds the housing changes to the city, sets the forecast and
// converts and checks the other changes (once the first year is known).
func (s *Scenario) applyChain(ch *chain) error {
	var errs geo.Errors
	errs = appendErr(errs, s.applyHousing(housingChanges(ch.changes)))
	errs = appendErr(errs, s.loadForecast(ch.fcast, ch.years != nil))
	errs = append(errs, s.setProgramme(ch)...)
	if s.First != 0 {
		errs = append(errs, s.changes(ch.changes)...)
	}
	return orNil(errs)
}

// setProgramme sets the cost table (the chain's over the city's) and the
// phases (the chain's, else the city's).
func (s *Scenario) setProgramme(ch *chain) []error {
	s.Costs = ch.costs.toTable().Over(s.City.Costs)
	if ch.phases == nil {
		s.Phases = s.City.Phases
		return nil
	}
	var errs []error
	s.Phases, errs = toPhases(ch.phasesFile, ch.phases)
	return errs
}
