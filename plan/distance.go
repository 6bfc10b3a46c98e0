package plan

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/geo/network"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Distances of the placement model. With policy distance straight, reach
// measures straight lines. With policy distance network, the candidate
// sites and the run's schools are snapped to the city's roads and every
// reach is a walk from the area: one table of walks per stage and
// optimize run (engine.NetworkDistances, holding each area's nearest
// sites and every site within the stage's placement distance; a pair it
// does not hold is walked when asked and kept). A proposed school is
// walked to as its candidate site; a site the table does not know (a
// school a later run adds away from every candidate) makes it again, with
// that site.

// candidateSitesFile names the candidate sites in snapping warnings.
const candidateSitesFile = "candidate sites"

// stageWalks is the table of walks of one stage: from every area to every
// target (the run's schools and the candidate sites), by point.
type stageWalks struct {
	dist *engine.NetworkDistances
	k    int // the nearest sites the table holds for every area

	mu     sync.Mutex
	near   map[int]nearWalks // by area: the sites within a limit, walked when asked
	target map[orb.Point]int // index of a point's target
	points []orb.Point       // the targets, in order
}

// nearWalks are the sites within limit of an area.
type nearWalks struct {
	limit engine.Meters
	sites []engine.Reach
}

// walks reports whether the scenario's policy measures walks.
func (pl *planner) walks() bool { return pl.s.Policy.Distance == engine.Network }

// prepareWalks makes (once per stage, again only for a site it does not
// know) the table of walks of stage st, for the schools of run cur and
// every candidate site; nothing when the policy measures straight lines.
func (pl *planner) prepareWalks(ctx context.Context, st engine.Stage, cur *scenarios.Result) error {
	if !pl.walks() {
		return nil
	}
	if pl.s.City.Roads == nil {
		return fmt.Errorf("optimize: %w: policy distance network walks the roads that %s's roads key names, and the city has none", engine.ErrNoRoads, engine.CityFile)
	}
	pts := pl.walkPoints(st, cur)
	w := pl.walk[st]
	if w != nil && w.knows(pts) {
		return nil
	}
	w, err := pl.newStageWalks(ctx, st, pts)
	if err != nil {
		return err
	}
	pl.walk[st] = w
	return nil
}

// walkPoint is a point the stage's model may measure to; cand is its
// index into the candidates, or -1 for a school or an area's centre.
type walkPoint struct {
	p    orb.Point
	cand int
}

// walkPoints are the points the stage's model may measure to: the run's
// schools and the candidate sites, with (when optimize lays out its own
// sites) the centres of the areas short of seats in run cur. An area
// short only in a later round's run adds its centre then, and the table
// is made again.
func (pl *planner) walkPoints(st engine.Stage, cur *scenarios.Result) []walkPoint {
	// The centres of the areas short of seats, when optimize lays out its
	// own sites: the model adds them (candidates is the one place that does).
	peak, _ := areaDemand(cur, st, pl.o.target, 0)
	cands := pl.candidates(st, peak)
	pts := make([]walkPoint, 0, len(cur.Schools)+len(cands))
	for s := range cur.Schools {
		pts = append(pts, walkPoint{cur.Schools[s].Point, -1})
	}
	for k := range cands {
		pts = append(pts, walkPoint{cands[k].Point, k})
	}
	return pts
}

// samePlace is how near a school of a run must be to a point of the
// table to be walked to as that point: a proposed school stands on its
// candidate site, its position rounded to the 6 decimals of the
// longitude and latitude it is written with (about 0.1 m).
const samePlace = 1.0

// knows reports whether the table holds walks to every point of pts (or
// to one within samePlace of it, which it then answers for).
func (w *stageWalks) knows(pts []walkPoint) bool {
	for _, p := range pts {
		if _, ok := w.target[p.p]; ok {
			continue
		}
		t := w.nearest(p.p)
		if t < 0 {
			return false
		}
		w.target[p.p] = t
	}
	return true
}

// nearest is the first target within samePlace of p, or -1.
func (w *stageWalks) nearest(p orb.Point) int {
	for t, q := range w.points {
		if geo.Distance(p, q) <= samePlace {
			return t
		}
	}
	return -1
}

// newStageWalks snaps the distinct points of pts (each a school of stage
// st) and walks from every area to them.
func (pl *planner) newStageWalks(ctx context.Context, st engine.Stage, pts []walkPoint) (*stageWalks, error) {
	w := &stageWalks{target: map[orb.Point]int{}}
	kind := engine.KindPrimary
	if st == engine.Junior {
		kind = engine.KindJunior
	}
	var schools []engine.School
	var cand []int // the candidate of each target, -1 for none
	for _, p := range pts {
		if _, ok := w.target[p.p]; ok {
			continue
		}
		w.target[p.p] = len(w.points)
		w.points = append(w.points, p.p)
		cand = append(cand, p.cand)
		schools = append(schools, engine.School{Kind: kind, Point: p.p})
	}
	city := *pl.s.City
	city.Schools = schools
	snaps, warns := city.Roads.SnapSchools(schools, candidateSitesFile)
	pl.warnFarSites(st, warns, cand)
	bound := engine.Meters(0)
	if pl.s.Policy.Placement == engine.PlaceNearest {
		bound = pl.s.Policy.MaxDistanceFor(st)
	}
	w.k = 2 * candidatesPerArea
	d, err := engine.NewNetworkDistances(ctx, &city, snaps, engine.NetworkOptions{Stage: st, K: w.k, Bound: bound})
	if err != nil {
		return nil, fmt.Errorf("optimize: %w", err)
	}
	w.dist = d
	return w, nil
}

// warnFarSites reports, as progress messages, the snapping warnings of the
// candidate sites (cand: each target's candidate, -1 for none), each
// naming the site by its place among the candidates and its id. Schools
// and areas far from the roads are warned of by the simulation.
func (pl *planner) warnFarSites(st engine.Stage, warns []error, cand []int) {
	for _, err := range warns {
		var fe *geo.FeatureError
		if !errors.As(err, &fe) || cand[fe.Index] < 0 {
			continue
		}
		k := cand[fe.Index]
		fe.Index, fe.ID = k, pl.cands[k].ID
		pl.progress("%s: %v", st, fe)
	}
}

// distance is how far the children of area a go to site s of model m: a
// straight line, or their walk along the roads (false when no walk joins
// them, or when the walk is sure to be out of reach: see farWalk).
func (pl *planner) distance(m *model, a int, s *site) (engine.Meters, bool) {
	w := pl.walk[m.st]
	if w == nil {
		return geo.Distance(pl.s.City.Areas[a].Point, s.point), true
	}
	t, ok := w.target[s.point]
	if !ok {
		// prepareWalks has made the table for every site of the model.
		panic(fmt.Sprintf("plan: site %v of %s has no walks", s.point, m.st))
	}
	row := w.dist.Table().Of(a)
	for _, h := range row {
		if int(h.Target) == t {
			return h.Dist.Meters(), true
		}
	}
	if s.index >= 0 && int32(s.index) == m.base[a] {
		return w.dist.Area(a, t)
	}
	if lower, far := w.farWalk(row, m.baseDist[a]); far {
		return lower, false
	}
	// Beyond the row (so beyond placement), it is in reach only nearer than
	// the base school: one walk from the area finds every such site.
	for _, r := range w.within(a, m.baseDist[a]) {
		if int(r.School) == t {
			return r.Dist, true
		}
	}
	return 0, false
}

// walkAll is a distance beyond any walk in a city: the limit of a walk
// from an area without a base school, which reaches every site it can.
const walkAll engine.Meters = 1e7

// within is every site within limit (metres; +Inf: every one) of area a,
// walked once and kept for the area (with the limit it was walked to).
func (w *stageWalks) within(a int, limit float64) []engine.Reach {
	lim := walkAll
	if limit < float64(walkAll) {
		lim = engine.Meters(limit)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if got, ok := w.near[a]; ok && got.limit >= lim {
		return got.sites
	}
	if w.near == nil {
		w.near = map[int]nearWalks{}
	}
	got := nearWalks{limit: lim, sites: w.dist.Near(nil, a, lim, nil)}
	w.near[a] = got
	return got.sites
}

// farWalk decides, without walking, a site that an area's row of the
// table (row) does not hold, when it can: the walk to it is at least the
// row's last (the row holds the area's nearest sites and every one within
// the placement distance), so it is beyond placement, and when that is no
// nearer than the area's base school (at base) it cannot become the base
// school either. lower is that least walk; far reports the site out of
// reach. A short row (fewer than the table's nearest) holds every site
// the area reaches: the site is on a piece of network it cannot reach.
func (w *stageWalks) farWalk(row []network.Hit, base float64) (lower engine.Meters, far bool) {
	if len(row) < w.k {
		return 0, true
	}
	lower = row[len(row)-1].Dist.Meters()
	return lower, float64(lower) >= base
}
