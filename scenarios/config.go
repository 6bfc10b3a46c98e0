package scenarios

// The YAML shape of a scenario file. Pointers tell "not given" from zero, so
// that a scenario that extends another overrides only what it says.

type fileConfig struct {
	Name        string         `mapstructure:"name"`
	Description string         `mapstructure:"description"`
	Extends     string         `mapstructure:"extends"`
	City        string         `mapstructure:"city"`
	Years       []int          `mapstructure:"years"`
	Policy      *policyConfig  `mapstructure:"policy"`
	Changes     []changeConfig `mapstructure:"changes"`
	// Forecast is the forecast: block (forecast_config.go).
	Forecast *forecastConfig `mapstructure:"forecast"`
	// Stages limits the run to some of the city's stages (stages.go).
	Stages []string `mapstructure:"stages"`
}

type policyConfig struct {
	Catchment     *string      `mapstructure:"catchment"`
	CrossDistrict *bool        `mapstructure:"cross_district"`
	ClassSize     *stageInts   `mapstructure:"class_size"`
	Retention     *stageFloats `mapstructure:"retention"`
	TakeUp        *stageFloats `mapstructure:"takeup"`
	Seed          *uint64      `mapstructure:"seed"`

	Split                  *bool         `mapstructure:"split"`
	UnplacedCost           *float64      `mapstructure:"unplaced_cost"`
	SharedSeats            *sharedConfig `mapstructure:"shared_seats"`
	Placement              *string       `mapstructure:"placement"`
	MaxDistance            *stageFloats  `mapstructure:"max_distance"`
	PlacementCrossDistrict *bool         `mapstructure:"placement_cross_district"`
	OversizeClassSize      *stageInts    `mapstructure:"oversize_class_size"`
}

type sharedConfig struct {
	Priority          *string `mapstructure:"priority"`
	ReleaseUnusedBase *bool   `mapstructure:"release_unused_base"`
	Seed              *uint64 `mapstructure:"seed"`
}

// stageValues is a per-stage value; a nil field is "not given".
type stageValues[T any] struct {
	Primary *T `mapstructure:"primary"`
	Junior  *T `mapstructure:"junior"`
}

type (
	stageInts   = stageValues[int]
	stageFloats = stageValues[float64]
)

type changeConfig struct {
	NewSchool *newSchoolConfig `mapstructure:"new_school"`
	Expand    *expandConfig    `mapstructure:"expand"`
	Close     *closeConfig     `mapstructure:"close"`
	SeatSwap  *seatSwapConfig  `mapstructure:"seat_swap"`
	// Housing adds a new-housing area (forecast_housing.go).
	Housing *housingChangeConfig `mapstructure:"housing"`
}

type seatSwapConfig struct {
	Schools []string `mapstructure:"schools"`
	Seats   int      `mapstructure:"seats"`
	Year    int      `mapstructure:"year"`
}

type newSchoolConfig struct {
	ID            string    `mapstructure:"id"`
	Name          string    `mapstructure:"name"`
	At            []float64 `mapstructure:"at"`
	Stage         string    `mapstructure:"stage"`
	Streams       int       `mapstructure:"streams"`
	JuniorStreams int       `mapstructure:"junior_streams"`
	ClassSize     int       `mapstructure:"class_size"`
	Opens         int       `mapstructure:"opens"`
	District      string    `mapstructure:"district"`
}

type expandConfig struct {
	School  string `mapstructure:"school"`
	Streams int    `mapstructure:"streams"`
	Year    int    `mapstructure:"year"`
	Stage   string `mapstructure:"stage"`
}

type closeConfig struct {
	School    string `mapstructure:"school"`
	Year      int    `mapstructure:"year"`
	MergeInto string `mapstructure:"merge_into"`
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
