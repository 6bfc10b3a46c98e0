package sim

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo/network"
)

// runDistances makes the distances of each stage of one run, once: the
// straight line, or walks along the city's roads (policy distance
// network), whose table is made once per stage for every year.
type runDistances struct {
	plan   *plan
	policy *engine.Policy
	snaps  []network.Snap // the run's schools on the network
	warns  []string       // snapping warnings, areas first
}

// newRunDistances snaps the areas and the run's schools (with the
// scenario's new ones) when the policy walks; it fails when the city has
// no roads to walk.
func newRunDistances(p *plan, pol *engine.Policy) (*runDistances, error) {
	d := &runDistances{plan: p, policy: pol}
	if pol.Distance != engine.Network {
		return d, nil
	}
	roads := p.city.Roads
	if roads == nil {
		return nil, fmt.Errorf("sim: %w", engine.ErrNoRoads)
	}
	_, aw := roads.AreaSnaps()
	var sw []error
	d.snaps, sw = roads.SnapSchools(p.city.Schools, engine.SchoolsFile)
	for _, err := range append(append([]error(nil), aw...), sw...) {
		d.warns = append(d.warns, err.Error())
	}
	return d, nil
}

// stage makes the distances of stage st.
func (d *runDistances) stage(ctx context.Context, st engine.Stage) (engine.Distances, error) {
	if d.policy.Distance != engine.Network {
		return engine.NewStraightDistances(d.plan.catchCity), nil
	}
	bound := d.policy.MaxDistanceFor(st)
	if d.policy.Catchment == engine.Balanced {
		bound = max(bound, d.policy.UnplacedCostFor(st))
	}
	// catchCity: a converted school is walked to in every stage it
	// teaches in some year of the run.
	nd, err := engine.NewNetworkDistances(ctx, d.plan.catchCity, d.snaps, engine.NetworkOptions{Stage: st, Bound: bound})
	if err != nil {
		return nil, fmt.Errorf("sim: %w", err)
	}
	return nd, nil
}

// walks reports whether dist measures walks along a network.
func walks(dist engine.Distances) bool {
	return dist != nil && dist.Kind() == engine.Network
}

// nearestToSchool is the open school nearest to school s (ties to the
// lower index) that may take its pupils, along the network: the pupils of
// a closed school walk to it. -1 when none is reached.
func (r *stageRun) nearestToSchool(s int) int {
	c := r.plan.city
	best, bestD := -1, engine.Meters(0)
	for t := range c.Schools {
		if !r.open[t] || (!r.opt.Policy.CrossDistrict && c.Schools[t].District != c.Schools[s].District) {
			continue
		}
		if d, ok := r.dist.School(s, t); ok && (best < 0 || d < bestD) {
			best, bestD = t, d
		}
	}
	return best
}
