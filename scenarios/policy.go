package scenarios

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// policyConfig is the policy: block of a scenario file.
//
// Each policy key is declared once, in two adjacent places of this file:
// its field here (the YAML name, the check of checks.go run on decoding,
// and the help added to type errors) and its row of policyKeys (the field
// of engine.Policy it sets, and what it checks that decoding does not).
// A key not given leaves its engine.Policy field zero, which the engine
// reads as the default (engine/policy.go documents each). extends: merges
// every key (overlay): nothing to add there. So a new policy key is a
// field of engine.Policy (with its default), a field here and a row of
// policyKeys, and a line of the example in doc.go.
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
	MaxTemporary           *stageInts    `yaml:"max_temporary_classrooms" check:"classrooms" help:"temporary classrooms one school uses at once"`

	// The limits the indicators judge the run by (engine.IndicatorLimits).
	CVLimit           *stageFloats `yaml:"cv_limit" check:"cv_limits"`
	StandardClassSize *stageInts   `yaml:"standard_class_size" check:"class_sizes" help:"pupils a class"`
	LargeSchool       *stageInts   `yaml:"large_school" check:"school_sizes" help:"pupils a school"`
	ServiceRadius     *stageFloats `yaml:"service_radius" check:"radii" help:"metres"`
	LargeClass        *stageInts   `yaml:"large_class" check:"class_sizes" help:"pupils a class"`
	HugeClass         *stageInts   `yaml:"huge_class" check:"class_sizes" help:"pupils a class"`

	// How distances are measured: straight lines or walks along the
	// city's roads, and the walking speed of walking minutes.
	Distance     *string  `yaml:"distance" check:"distance"`
	WalkingSpeed *float64 `yaml:"walking_speed" help:"km/h"`
}

// sharedConfig is the policy's shared_seats: block.
type sharedConfig struct {
	Priority          *string `yaml:"priority" check:"priority"`
	ReleaseUnusedBase *bool   `yaml:"release_unused_base"`
	Seed              *uint64 `yaml:"seed" help:"the random seed of lotteries"`
}

// The ranges of the policy's numbers.
var (
	classSizes = interval{lo: 1, hi: engine.MaxClassSize, want: fmt.Sprintf("1–%d", engine.MaxClassSize)}
	ratios     = interval{lo: 0, hi: 2, loOpen: true, want: "a ratio in (0, 2]"}
	distances  = interval{lo: 0, hi: 1e6, loOpen: true, want: "metres in (0, 1e6]"}
	costs      = interval{lo: 0, hi: 1e7, loOpen: true, want: "metres per child in (0, 1e7]"}
	cvLimits   = interval{lo: 0, hi: maxCVLimit, loOpen: true, want: "a coefficient of variation above 0, at most 1"}
	classrooms = interval{lo: 1, hi: engine.MaxStreams * 9, want: fmt.Sprintf("1–%d classrooms", engine.MaxStreams*9)}
	walkSpeeds = interval{lo: 0, hi: 20, loOpen: true, want: "km/h in (0, 20]"}
	schoolSize = interval{lo: 1, hi: engine.MaxSchoolSeats, want: fmt.Sprintf("1–%d pupils a school", engine.MaxSchoolSeats)}
)

// maxCVLimit is the highest limit of a coefficient of variation a policy
// may set (a CV over 1 is a spread wider than the mean).
const maxCVLimit = 1.0

// policyKey sets one field of engine.Policy from the policy block, when
// the block gives its key.
type policyKey func(p *policyConfig, pol *engine.Policy) error

// policyKeys sets engine.Policy key by key, in the order in which their
// problems are looked for (the first is reported).
var policyKeys = []policyKey{
	func(p *policyConfig, pol *engine.Policy) error {
		return setParsed("catchment", p.Catchment, &pol.Catchment, engine.ParseCatchmentMode)
	},
	func(p *policyConfig, pol *engine.Policy) error { return setGiven(p.CrossDistrict, &pol.CrossDistrict) },
	func(p *policyConfig, pol *engine.Policy) error { return setGiven(p.Seed, &pol.Seed) },
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("class_size", p.ClassSize, &pol.ClassSize, classSizes)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("retention", p.Retention, &pol.Retention, ratios)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("takeup", p.TakeUp, &pol.TakeUp, ratios)
	},
	func(p *policyConfig, pol *engine.Policy) error { return setGiven(p.Split, &pol.Split) },
	func(p *policyConfig, pol *engine.Policy) error {
		return setIn("unplaced_cost", p.UnplacedCost, &pol.UnplacedCost, costs)
	},
	setSharedSeats,
	func(p *policyConfig, pol *engine.Policy) error {
		return setParsed("placement", p.Placement, &pol.Placement, engine.ParsePlacementMode)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("max_distance", p.MaxDistance, &pol.MaxDistance, distances)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setGiven(p.PlacementCrossDistrict, &pol.PlacementCrossDistrict)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("oversize_class_size", p.OversizeClassSize, &pol.OversizeClassSize, classSizes)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("max_temporary_classrooms", p.MaxTemporary, &pol.MaxTemporaryClassrooms, classrooms)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("cv_limit", p.CVLimit, &pol.Limits.CV, cvLimits)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("standard_class_size", p.StandardClassSize, &pol.Limits.StandardClassSize, classSizes)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("large_school", p.LargeSchool, &pol.Limits.LargeSchool, schoolSize)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("service_radius", p.ServiceRadius, &pol.Limits.ServiceRadius, distances)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setStagesIn("large_class", p.LargeClass, &pol.Limits.LargeClass, classSizes)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		if err := setStagesIn("huge_class", p.HugeClass, &pol.Limits.HugeClass, classSizes); err != nil {
			return err
		}
		return CheckClassLimits(&pol.Limits) // the last class-size key: all are set
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setParsed("distance", p.Distance, &pol.Distance, engine.ParseDistanceKind)
	},
	func(p *policyConfig, pol *engine.Policy) error {
		return setIn("walking_speed", p.WalkingSpeed, &pol.WalkKMH, walkSpeeds)
	},
}

// setSharedSeats sets engine.Policy.Shared from the shared_seats: block;
// its seed is the policy's seed, and must agree with a seed: key.
func setSharedSeats(p *policyConfig, pol *engine.Policy) error {
	sh := p.SharedSeats
	if sh == nil {
		return nil
	}
	if err := setParsed("shared_seats.priority", sh.Priority, &pol.Shared.Priority, engine.ParseSharedPriority); err != nil {
		return err
	}
	setGiven(sh.ReleaseUnusedBase, &pol.Shared.ReleaseUnusedBase)
	if sh.Seed != nil && p.Seed != nil && *p.Seed != *sh.Seed {
		return fmt.Errorf("%w: shared_seats.seed %d and seed %d differ: give one seed", ErrScenario, *sh.Seed, *p.Seed)
	}
	setGiven(sh.Seed, &pol.Seed)
	return nil
}

// toPolicy converts the policy block (nil: the default policy); the first
// problem is returned.
func toPolicy(p *policyConfig) (engine.Policy, error) {
	var pol engine.Policy
	if p == nil {
		return pol, nil
	}
	for _, set := range policyKeys {
		if err := set(p, &pol); err != nil {
			return pol, err
		}
	}
	return pol, nil
}
