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
)

func (m CatchmentMode) String() string {
	switch m {
	case Nearest:
		return "nearest"
	case Zones:
		return "zones"
	}
	return fmt.Sprintf("CatchmentMode(%d)", int(m))
}

// ParseCatchmentMode reads "nearest" or "zones".
func ParseCatchmentMode(s string) (CatchmentMode, error) {
	switch s {
	case "", "nearest":
		return Nearest, nil
	case "zones":
		return Zones, nil
	case "balanced":
		return 0, fmt.Errorf("engine: catchment %q is not implemented yet (use zones or nearest)", s)
	}
	return 0, fmt.Errorf("engine: unknown catchment mode %q (want zones or nearest)", s)
}

// Policy is how a city admits children. The zero value is the default
// policy: nearest catchments within districts, standard class sizes, full
// retention and take-up, seed 0.
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
