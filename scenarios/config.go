package scenarios

import "github.com/schoolplan/schoolplan/engine"

// The YAML shape of a scenario file, read by internal/strictyaml (the yaml
// tag names the key; help is added to type errors; check names a hook of
// checks.go). Pointers tell "not given" from zero, so that a scenario that
// extends another overrides only what it says (overlay).

type fileConfig struct {
	Name        string         `yaml:"name"`
	Description string         `yaml:"description"`
	Extends     string         `yaml:"extends"`
	City        string         `yaml:"city"`
	Years       []int          `yaml:"years" check:"years" help:"years are [first, last]"`
	Policy      *policyConfig  `yaml:"policy"`
	Changes     []changeConfig `yaml:"changes"`
	// Forecast is the forecast: block (forecast_config.go).
	Forecast *forecastConfig `yaml:"forecast"`
	// Stages limits the run to some of the city's stages (stages.go).
	Stages []string `yaml:"stages"`
	// Costs and Phases make the changes a programme (programme.go).
	Costs  *costsConfig  `yaml:"costs"`
	Phases []phaseConfig `yaml:"phases"`
}

// stageValues is a per-stage value; a nil field is "not given".
type stageValues[T any] struct {
	Primary *T `yaml:"primary"`
	Junior  *T `yaml:"junior"`
}

type (
	stageInts   = stageValues[int]
	stageFloats = stageValues[float64]
)

// each calls f with each stage the value gives, primary first, until f
// fails.
func (s *stageValues[T]) each(f func(st engine.Stage, v T) error) error {
	if s == nil {
		return nil
	}
	for st, v := range [engine.NumStages]*T{engine.Primary: s.Primary, engine.Junior: s.Junior} {
		if v == nil {
			continue
		}
		if err := f(engine.Stage(st), *v); err != nil {
			return err
		}
	}
	return nil
}
