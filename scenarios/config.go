package scenarios

import "github.com/schoolplan/schoolplan/internal/strictyaml"

// The YAML shape of a scenario file, read by internal/strictyaml (the yaml
// tag names the key; help is added to type errors; check names a hook of
// checks.go). Pointers tell "not given" from zero, so that a scenario that
// extends another overrides only what it says.

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
}

type policyConfig struct {
	Pos           strictyaml.Pos
	Catchment     *string      `yaml:"catchment" check:"catchment"`
	CrossDistrict *bool        `yaml:"cross_district"`
	ClassSize     *stageInts   `yaml:"class_size" check:"class_sizes" help:"pupils a class"`
	Retention     *stageFloats `yaml:"retention" check:"ratios"`
	TakeUp        *stageFloats `yaml:"takeup" check:"ratios"`
	Seed          *uint64      `yaml:"seed" help:"the random seed of lotteries"`

	Split                  *bool         `yaml:"split"`
	UnplacedCost           *float64      `yaml:"unplaced_cost" help:"metres per unplaced child"`
	SharedSeats            *sharedConfig `yaml:"shared_seats"`
	Placement              *string       `yaml:"placement" check:"placement"`
	MaxDistance            *stageFloats  `yaml:"max_distance" help:"metres"`
	PlacementCrossDistrict *bool         `yaml:"placement_cross_district"`
	OversizeClassSize      *stageInts    `yaml:"oversize_class_size" check:"class_sizes" help:"pupils a class"`
}

type sharedConfig struct {
	Priority          *string `yaml:"priority" check:"priority"`
	ReleaseUnusedBase *bool   `yaml:"release_unused_base"`
	Seed              *uint64 `yaml:"seed" help:"the random seed of lotteries"`
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

type changeConfig struct {
	Pos       strictyaml.Pos
	NewSchool *newSchoolConfig `yaml:"new_school"`
	Expand    *expandConfig    `yaml:"expand"`
	Close     *closeConfig     `yaml:"close"`
	SeatSwap  *seatSwapConfig  `yaml:"seat_swap"`
	// Housing adds a new-housing area (forecast_housing.go).
	Housing *housingChangeConfig `yaml:"housing"`
}

type seatSwapConfig struct {
	Pos     strictyaml.Pos
	Schools []string `yaml:"schools"`
	Seats   int      `yaml:"seats" check:"swap_seats" help:"entry seats each school keeps for the other district"`
	Year    int      `yaml:"year" check:"year" help:"a calendar year"`
}

type newSchoolConfig struct {
	Pos           strictyaml.Pos
	ID            string    `yaml:"id"`
	Name          string    `yaml:"name"`
	At            []float64 `yaml:"at" check:"lonlat" help:"at is [lon, lat]"`
	Stage         string    `yaml:"stage" check:"kind"`
	Streams       int       `yaml:"streams" check:"streams" help:"streams are classes per grade"`
	JuniorStreams int       `yaml:"junior_streams" check:"streams" help:"streams are classes per grade"`
	ClassSize     int       `yaml:"class_size" check:"class_size" help:"pupils a class"`
	Opens         int       `yaml:"opens" check:"year" help:"a calendar year"`
	District      string    `yaml:"district"`
}

type expandConfig struct {
	Pos     strictyaml.Pos
	School  string `yaml:"school"`
	Streams int    `yaml:"streams" check:"added_streams" help:"streams are classes per grade"`
	Year    int    `yaml:"year" check:"year" help:"a calendar year"`
	Stage   string `yaml:"stage" check:"stage"`
}

type closeConfig struct {
	Pos       strictyaml.Pos
	School    string `yaml:"school"`
	Year      int    `yaml:"year" check:"year" help:"a calendar year"`
	MergeInto string `yaml:"merge_into"`
}

// merge lays p over base: fields p gives win.
func (p *policyConfig) merge(base *policyConfig) *policyConfig {
	if p == nil {
		return base
	}
	if base == nil {
		return p
	}
	out := *base
	if p.Catchment != nil {
		out.Catchment = p.Catchment
	}
	if p.CrossDistrict != nil {
		out.CrossDistrict = p.CrossDistrict
	}
	if p.ClassSize != nil {
		out.ClassSize = p.ClassSize.merge(base.ClassSize)
	}
	if p.Retention != nil {
		out.Retention = p.Retention.merge(base.Retention)
	}
	if p.TakeUp != nil {
		out.TakeUp = p.TakeUp.merge(base.TakeUp)
	}
	if p.Seed != nil {
		out.Seed = p.Seed
	}
	if p.Split != nil {
		out.Split = p.Split
	}
	if p.UnplacedCost != nil {
		out.UnplacedCost = p.UnplacedCost
	}
	if p.SharedSeats != nil {
		out.SharedSeats = p.SharedSeats.merge(base.SharedSeats)
	}
	if p.Placement != nil {
		out.Placement = p.Placement
	}
	if p.MaxDistance != nil {
		out.MaxDistance = p.MaxDistance.merge(base.MaxDistance)
	}
	if p.PlacementCrossDistrict != nil {
		out.PlacementCrossDistrict = p.PlacementCrossDistrict
	}
	if p.OversizeClassSize != nil {
		out.OversizeClassSize = p.OversizeClassSize.merge(base.OversizeClassSize)
	}
	return &out
}

func (s *sharedConfig) merge(base *sharedConfig) *sharedConfig {
	if base == nil {
		return s
	}
	out := *base
	if s.Priority != nil {
		out.Priority = s.Priority
	}
	if s.ReleaseUnusedBase != nil {
		out.ReleaseUnusedBase = s.ReleaseUnusedBase
	}
	if s.Seed != nil {
		out.Seed = s.Seed
	}
	return &out
}

func (s *stageValues[T]) merge(base *stageValues[T]) *stageValues[T] {
	if base == nil {
		return s
	}
	out := *base
	if s.Primary != nil {
		out.Primary = s.Primary
	}
	if s.Junior != nil {
		out.Junior = s.Junior
	}
	return &out
}
