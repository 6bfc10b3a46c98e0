package scenarios

// forecastConfig is the scenario's forecast: block. Pointers (and nil maps
// and slices) tell "not given" from zero, so that an extending scenario
// overrides only what it says (merge). forecast_options.go converts it to
// forecast.Options.
type forecastConfig struct {
	Method  *string        `yaml:"method" check:"method"`
	Band    *string        `yaml:"band" check:"band"`
	Window  *int           `yaml:"window" help:"years"`
	Until   *int           `yaml:"until" check:"year" help:"a calendar year"`
	Ratios  *string        `yaml:"ratios" check:"ratio_source"`
	MaxAge  *int           `yaml:"max_age" help:"an age in years"`
	Births  *birthsConfig  `yaml:"births"`
	Housing *housingConfig `yaml:"housing"`
	Spread  *spreadConfig  `yaml:"spread"`
	// Select and Progression tune grade_progression, like forecast's
	// --select, --ratios and --exclude-years.
	Select      *bool              `yaml:"select"`
	Progression *progressionConfig `yaml:"progression"`
}

// progressionConfig is grade progression's fit: the rule combining the
// yearly ratios (mean: the classic fit; pooled, median or trimmed: the
// robust one), the robust fit's window and shrinkage K (0: none), and
// shock years left out of every ratio.
type progressionConfig struct {
	Ratios  *string  `yaml:"ratios" check:"ratio_rule"`
	Window  *int     `yaml:"window" check:"robust_window" help:"years"`
	Exclude []int    `yaml:"exclude_years" check:"exclude_years" help:"calendar years"`
	Shrink  *float64 `yaml:"shrink" check:"shrink"`
}

// birthsConfig is the forecast's births: block.
type birthsConfig struct {
	Rate  *float64 `yaml:"rate"`
	Trend *float64 `yaml:"trend"`
}

// housingConfig is the forecast's housing: block: the children a new
// home brings, per 1000 residents or per household, by age span, and the
// share of them there in the years after completion.
type housingConfig struct {
	PerThousand  map[string]float64 `yaml:"per_1000"`
	PerHousehold map[string]float64 `yaml:"per_household"`
	PhaseIn      []float64          `yaml:"phase_in"`
}

// spreadConfig is the forecast's spread: block: how far the low and high
// bands lie from the mid band.
type spreadConfig struct {
	Births *float64 `yaml:"births"`
	Ratios *float64 `yaml:"ratios"`
	Yield  *float64 `yaml:"yield"`
}

// merge lays f over base: keys f gives win, key by key (overlay), but the
// housing yields are one choice: an extending file's per_1000 or
// per_household replaces both of the base's.
func (f *forecastConfig) merge(base *forecastConfig) *forecastConfig {
	out := overlay(f, base)
	if f == nil || f.Housing == nil {
		return out
	}
	if h := f.Housing; h.PerThousand != nil || h.PerHousehold != nil {
		out.Housing.PerThousand, out.Housing.PerHousehold = h.PerThousand, h.PerHousehold
	}
	return out
}
