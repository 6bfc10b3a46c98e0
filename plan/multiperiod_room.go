package plan

import (
	"slices"

	"github.com/schoolplan/schoolplan/engine"
)

// The room the layer rule has at a school: the permanent streams it may
// still add (AllowExpand, the school-size cap, the land and floor-area
// standards) and the temporary classrooms it may still hold.

// expandRoom is the streams school sc of stage st (class size cs) may
// still add: within AllowExpand less what the plan adds already, the
// school-size cap, and the building standards (engine.CheckChanges refuses
// an expansion short of land or floor area when the city enforces them).
func (pl *planner) expandRoom(st engine.Stage, sc *engine.School, cs int) int {
	o := pl.o
	added, perm := pl.addedStreams(st, sc.ID)
	room := min(o.AllowExpand-added, o.maxStreams(st, cs)-perm-pl.streamsAt(st, sc))
	if room <= 0 {
		return 0
	}
	return pl.landRoom(st, sc, room)
}

// addedStreams is the streams the plan's expansions add to school id in
// stage st, and those of them in force in the target year.
func (pl *planner) addedStreams(st engine.Stage, id string) (added, atTarget int) {
	for _, it := range pl.plan {
		if it.stage == st && it.id == id && !it.new && !it.temp {
			added += it.streams
			if it.year <= pl.o.target {
				atTarget += it.streams
			}
		}
	}
	return added, atTarget
}

// streamsAt is school sc's streams of stage st in the target year before
// the plan's expansions: the school's own and the scenario's expansions.
func (pl *planner) streamsAt(st engine.Stage, sc *engine.School) int {
	n := sc.Streams[st]
	for _, ch := range pl.s.Changes {
		if e, ok := ch.(engine.Expand); ok && e.School == sc.ID && e.Year <= pl.o.target &&
			(e.Stages == nil || slices.Contains(e.Stages, st)) {
			n += e.Streams
		}
	}
	return n
}

// landRoom is the most streams, up to room, that school sc may add in
// stage st with the building standards met: an expansion the change check
// refuses (short of land or floor area) is tried one stream smaller.
func (pl *planner) landRoom(st engine.Stage, sc *engine.School, room int) int {
	var stages []engine.Stage
	if sc.Kind == engine.KindNineYear {
		stages = []engine.Stage{st}
	}
	y := pl.s.First + engine.Year(pl.o.Leads.Expand)
	base := slices.Clip(slices.Clone(pl.s.Changes))
	for _, it := range pl.plan {
		if it.id == sc.ID && !it.new && !it.temp {
			base = append(base, it.change())
		}
	}
	for k := room; k > 0; k-- {
		changes := append(base, engine.Expand{School: sc.ID, Streams: k, Year: y, Stages: stages})
		if engine.CheckChanges(pl.s.City, &pl.s.Policy, pl.s.First, pl.s.Last, changes) == nil {
			return k
		}
	}
	return 0
}

// temporaryLeft is the temporary classrooms school id may still hold in
// stage st: the limit less the most the plan's temporary classrooms there
// use in a year; limited is false without a limit.
func (pl *planner) temporaryLeft(st engine.Stage, id string) (left int, limited bool) {
	limit := pl.o.maxTemporary(&pl.s.Policy, st)
	if limit <= 0 {
		return 0, false
	}
	use := map[engine.Year]int{}
	most := 0
	for _, it := range pl.plan {
		if it.temp && it.stage == st && it.id == id {
			for y := it.year; y < it.to+engine.Year(it.grades); y++ {
				use[y] += it.classroomsIn(y)
				most = max(most, use[y])
			}
		}
	}
	return max(limit-most, 0), true
}
