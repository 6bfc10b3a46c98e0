package engine

import "fmt"

// CatchmentMode says how areas get their base school.
type CatchmentMode int

const (
	// Nearest assigns each area to the nearest open school of the stage,
	// within its own district unless Policy.CrossDistrict.
	Nearest CatchmentMode = iota
	// Zones takes catchments from the areas' catchment_* properties or
	// from catchments.geojson; an area in no zone falls back to Nearest.
	Zones
	// Balanced minimises total student-distance subject to each school's
	// base seats (a transportation problem), solved every year.
	Balanced
)

func (m CatchmentMode) String() string {
	switch m {
	case Nearest:
		return "nearest"
	case Zones:
		return "zones"
	case Balanced:
		return "balanced"
	}
	return fmt.Sprintf("CatchmentMode(%d)", int(m))
}

// ParseCatchmentMode reads "nearest", "zones" or "balanced".
func ParseCatchmentMode(s string) (CatchmentMode, error) {
	switch s {
	case "", "nearest":
		return Nearest, nil
	case "zones":
		return Zones, nil
	case "balanced":
		return Balanced, nil
	}
	return 0, &problem{ErrInvalid, fmt.Sprintf("engine: unknown catchment mode %q (want zones, nearest or balanced)", s)}
}

// Policy is how a city admits children. The zero value is the default
// policy: nearest catchments within districts, standard class sizes, full
// retention and take-up, shared seats by distance, bureau placement in the
// nearest school with room within 3 km (primary) / 6 km (junior) in the
// same district, seed 0.
type Policy struct {
	Catchment CatchmentMode

	// CrossDistrict lets the nearest catchment cross district lines
	// (false: 属地原则, an area is served by schools of its own district).
	CrossDistrict bool

	// ClassSize by stage; 0 = Stage.DefaultClassSize (45, 50). A school's
	// own class_size wins.
	ClassSize [NumStages]int

	// Retention is the share of a grade's pupils who move up to the next
	// grade in the same school next year (migration, dropouts); 0 = 1.
	Retention [NumStages]float64

	// TakeUp is the share of resident children of entry age who enter a
	// public school (the rest go private or elsewhere); 0 = 1.
	TakeUp [NumStages]float64

	// Seed drives every lottery.
	Seed uint64

	// Split lets a balanced catchment send one area's children to several
	// schools; false keeps areas whole.
	Split bool
	// UnplacedCost is the cost, in metres per child, that the balanced
	// catchment weighs against distance when it leaves a child without a
	// base seat; 0 = the stage's MaxDistance (3 km primary, 6 km junior by
	// default): a catchment never gives a child a base seat farther away
	// than the bureau would place it.
	UnplacedCost Meters

	// Shared is how shared seats (共享学位) are given out.
	Shared SharedPolicy

	// Placement is what the bureau does with children still without a
	// seat after base and shared seats (统筹).
	Placement PlacementMode
	// MaxDistance is how far, per stage, bureau placement may send a
	// child; 0 = 3000 m primary, 6000 m junior.
	MaxDistance [NumStages]Meters
	// PlacementCrossDistrict lets bureau placement use schools of other
	// districts.
	PlacementCrossDistrict bool
	// OversizeClassSize is the largest class that oversize placement may
	// fill to, per stage; 0 = 55 (above it a class is 大班额).
	OversizeClassSize [NumStages]int
	// MaxTemporaryClassrooms is, per stage, the most temporary classrooms
	// (Temporary) one school may use at once, over all its temporary
	// changes; 0 = no limit.
	MaxTemporaryClassrooms [NumStages]int

	// Distance is how every distance of the run is measured: straight
	// lines (the default) or walks along the city's roads (network,
	// which needs city.yaml roads).
	Distance DistanceKind
	// WalkKMH is the walking speed of a child, km/h, at which walking
	// minutes are given; 0 = DefaultWalkKMH (4.5).
	WalkKMH float64

	// Limits are the thresholds the indicators judge the run by (CV,
	// standard class size, school size, service radius); they change no
	// admission, only what counts as over a limit (and the large schools
	// of the simulation's totals).
	Limits IndicatorLimits
}

// SharedPriority ranks the applicants for shared seats.
type SharedPriority int

const (
	// ByDistance gives shared seats to the children nearest to a school of
	// the zone first, each to the nearest school with a seat left.
	ByDistance SharedPriority = iota
	// ByLottery draws the children in a seeded random order; each takes
	// the nearest school of the zone with a seat left.
	ByLottery
)

func (p SharedPriority) String() string {
	if p == ByLottery {
		return "lottery"
	}
	return "distance"
}

// ParseSharedPriority reads "distance" or "lottery".
func ParseSharedPriority(s string) (SharedPriority, error) {
	switch s {
	case "", "distance":
		return ByDistance, nil
	case "lottery":
		return ByLottery, nil
	}
	return 0, &problem{ErrInvalid, fmt.Sprintf("engine: unknown shared-seat priority %q (want distance or lottery)", s)}
}

// SharedPolicy is how a sharing zone (大学区) gives out its shared seats.
type SharedPolicy struct {
	Priority SharedPriority
	// ReleaseUnusedBase adds the base seats a school's own catchment left
	// empty to the zone's pool.
	ReleaseUnusedBase bool
}

// PlacementMode is the last step of admission.
type PlacementMode int

const (
	// PlaceNearest places each remaining child in the nearest school of
	// the stage with a seat left within MaxDistance.
	PlaceNearest PlacementMode = iota
	// PlaceOversize squeezes remaining children into their base school,
	// up to OversizeClassSize per class.
	PlaceOversize
	// PlaceNone leaves them unplaced.
	PlaceNone
)

func (m PlacementMode) String() string {
	switch m {
	case PlaceNearest:
		return "nearest"
	case PlaceOversize:
		return "oversize"
	case PlaceNone:
		return "none"
	}
	return fmt.Sprintf("PlacementMode(%d)", int(m))
}

// ParsePlacementMode reads "nearest", "oversize" or "none".
func ParsePlacementMode(s string) (PlacementMode, error) {
	switch s {
	case "", "nearest":
		return PlaceNearest, nil
	case "oversize":
		return PlaceOversize, nil
	case "none":
		return PlaceNone, nil
	}
	return 0, &problem{ErrInvalid, fmt.Sprintf("engine: unknown placement %q (want nearest, oversize or none)", s)}
}

// WalkKMHFor is p's walking speed, km/h.
func (p *Policy) WalkKMHFor() float64 {
	if p.WalkKMH > 0 {
		return p.WalkKMH
	}
	return DefaultWalkKMH
}

// MaxDistanceFor is p's placement distance limit for stage st.
func (p *Policy) MaxDistanceFor(st Stage) Meters {
	if p == nil || p.MaxDistance[st] == 0 {
		if st == Junior {
			return 6000
		}
		return 3000
	}
	return p.MaxDistance[st]
}

// OversizeClassSizeFor is p's oversize class limit for stage st.
func (p *Policy) OversizeClassSizeFor(st Stage) int {
	if p == nil || p.OversizeClassSize[st] == 0 {
		return 55
	}
	return p.OversizeClassSize[st]
}

// UnplacedCostFor is p's balanced-catchment cost of an unplaced child of
// stage st.
func (p *Policy) UnplacedCostFor(st Stage) Meters {
	if p == nil || p.UnplacedCost == 0 {
		return p.MaxDistanceFor(st)
	}
	return p.UnplacedCost
}

// ClassSizeFor is the class size of school s in stage st under p.
func (p *Policy) ClassSizeFor(s *School, st Stage) int {
	if s.ClassSize[st] > 0 {
		return s.ClassSize[st]
	}
	if p != nil && p.ClassSize[st] > 0 {
		return p.ClassSize[st]
	}
	return st.DefaultClassSize()
}

// RetentionFor is p's retention for stage st (default 1).
func (p *Policy) RetentionFor(st Stage) float64 {
	if p == nil || p.Retention[st] == 0 {
		return 1
	}
	return p.Retention[st]
}

// TakeUpFor is p's public take-up ratio for stage st (default 1).
func (p *Policy) TakeUpFor(st Stage) float64 {
	if p == nil || p.TakeUp[st] == 0 {
		return 1
	}
	return p.TakeUp[st]
}
