package admit

// Progression gives the leavers of one primary school priority at one
// school's junior base seats: a nine-year school's own primary leavers
// (九年一贯直升, RouteNineYear) or a feeder primary's leavers (对口直升,
// RouteFeeder).
//
// Entrants are counted by area, not by pupil, so the leavers are the
// junior entrants of Areas (the primary's catchment areas), at most
// Leavers of them: the primary's pupils in its last grade the year before.
// When the areas hold more entrants than the seats given, a seeded lottery
// over their children draws who gets them.
type Progression struct {
	School  int32 // the school whose junior base seats the leavers take
	Primary int32 // the primary school they leave (School for RouteNineYear)
	Route   Route // RouteNineYear or RouteFeeder
	Areas   []int32
	Leavers int32
}

// progressions admits the leavers of Input.Progressions, in their order,
// to their school's base seats. Leavers of one primary listed twice (a
// nine-year school that also feeds another school) are counted once: the
// later entry gets those the earlier did not take.
func (r *round) progressions() {
	ps := r.in.Progressions
	if len(ps) == 0 {
		return
	}
	took := make(map[int32]int32, len(ps))
	for i := range ps {
		p := &ps[i]
		seats := min(r.room[p.School], p.Leavers-took[p.Primary])
		if seats <= 0 {
			continue
		}
		got := r.draw(p.Areas, seats, key(r.in, 'p', int64(p.School)<<32|int64(p.Primary)))
		for k, a := range p.Areas {
			r.take(a, p.School, p.Route, got[k])
			r.room[p.School] -= got[k]
			took[p.Primary] += got[k]
		}
	}
}

// draw is how many children of each of areas get one of seats: all of
// them when they fit, else a lottery (keyed by k) over their children.
func (r *round) draw(areas []int32, seats int32, k uint64) []int32 {
	var want int32
	for _, a := range areas {
		want += r.left[a]
	}
	if want > seats {
		return r.lottery(areas, seats, k)
	}
	got := make([]int32, len(areas))
	for i, a := range areas {
		got[i] = r.left[a]
	}
	return got
}
