package gen

import (
	"fmt"
	"sort"

	"github.com/paulmach/orb"
)

// Bounds on a school's streams (classes per grade) by stage, set by the catchment sizing.
const (
	primaryMin, primaryMax   = 2, 12
	juniorMin, juniorMax     = 4, 20
	nineYearMin, nineYearMax = 2, 8
)

// Placement: how many schools a town gets and where. The district's provisional streams are
// spread over its towns and split into schools of these sizes; the catchment sizing (sizing.go)
// then moves schools and sets the real streams.
const (
	placePrimaryMin, placePrimaryMax, placePrimaryMean = 3, 8, 5.5
	placeJuniorMin, placeJuniorMax, placeJuniorMean    = 6, 16, 11.0
	placeNineYearMin, placeNineYearMax                 = 3, 6
	nineYearShare                                      = 0.05 // of the schools of a district
	scenarioStreams, scenarioExpandStreams             = 12, 4
)

// drawTargets draws the district's target ratios of entry seats to catchment peak demand —
// primary FactorP 1.05–1.15; junior FactorJ 1.05–1.10, or 0.85–0.92 in the districts marked
// Short (渝北, 九龙坡, 沙坪坝) — and returns the provisional streams that decide how many schools
// the district gets: FactorP × the 2025 peak single-age cohort at ages 6–11 and FactorJ × the
// peak 12-year-old cohort of 2025–2035, in classes (nine-year schools included).
func (d *district) drawTargets(r *rng) (sp, sj int) {
	for a := 6; a <= 11; a++ {
		d.PeakP = max(d.PeakP, d.children(FirstYear, a))
	}
	for y := FirstYear; y <= LastYear; y++ {
		d.PeakJ = max(d.PeakJ, d.children(y, 12))
	}
	d.FactorP = r.uniform(1.05, 1.15)
	if d.Short {
		d.FactorJ = r.uniform(0.85, 0.92)
	} else {
		d.FactorJ = r.uniform(1.05, 1.10)
	}
	return iround(d.FactorP * d.PeakP / primaryClass), iround(d.FactorJ * d.PeakJ / juniorClass)
}

// placeSchools places the district's existing schools (open in 2025): about 5% nine-year
// schools in the smaller rural towns, then the provisional primary and junior streams spread
// over the towns in proportion to their population and split into schools of 3–8 (primary) and
// 6–16 (junior) streams. Each school stands 50–350 m from one of its town's residential areas,
// biggest areas first. The streams are provisional: sizeSchools sets them from the catchments.
func (c *city) placeSchools(d *district) error {
	r := newRNG("schools", d.Code)
	sp, sj := d.drawTargets(r)
	var towns []*town
	for _, t := range d.Towns {
		if t.HasXY {
			towns = append(towns, t)
		}
	}
	nine := nineYearTowns(r, towns, sp, sj)
	primary, err := allocate(r, towns, sp, nine, placePrimaryMin, placePrimaryMax, placePrimaryMean)
	if err != nil {
		return fmt.Errorf("district %s primary: %w", d.Code, err)
	}
	junior, err := allocate(r, towns, sj, nine, placeJuniorMin, placeJuniorMax, placeJuniorMean)
	if err != nil {
		return fmt.Errorf("district %s junior: %w", d.Code, err)
	}
	for i, t := range towns {
		if err := c.placeTownSchools(r, d, t, primary[i], junior[i], nine[t]); err != nil {
			return err
		}
	}
	return nil
}

// nineYearTowns gives about nineYearShare of the district's schools, as
// nine-year schools, to its smallest rural towns, and returns their
// streams by town.
func nineYearTowns(r *rng, towns []*town, sp, sj int) map[*town]int {
	n9 := max(1, iround(nineYearShare*(float64(sp)/placePrimaryMean+float64(sj)/placeJuniorMean)))
	cand := append([]*town(nil), towns...)
	sort.SliceStable(cand, func(i, j int) bool {
		if cand[i].Urban != cand[j].Urban {
			return !cand[i].Urban
		}
		return cand[i].Pop < cand[j].Pop
	})
	nine := map[*town]int{}
	for _, t := range cand[:min(n9, len(cand))] {
		nine[t] = r.between(placeNineYearMin, placeNineYearMax)
	}
	return nine
}

// placeTownSchools places a town's primary, junior and nine-year schools
// (of the given streams) near its residential areas, biggest first; the
// nine-year school near the smallest.
func (c *city) placeTownSchools(r *rng, d *district, t *town, primary, junior []int, nine int) error {
	byPop := append([]*area(nil), t.Areas...)
	sort.SliceStable(byPop, func(i, j int) bool { return byPop[i].Pop > byPop[j].Pop })
	add := func(stage string, streams int, near *area) error {
		s := &school{Stage: stage, Streams: streams, District: d, Town: t, seq: len(d.Schools)}
		pt, err := c.place(r, d, near.Pt, 0.05, 0.35, fmt.Sprintf("%s school %d in %s", stage, s.seq, t.Code))
		if err != nil {
			return err
		}
		s.Pt = pt
		d.Schools = append(d.Schools, s)
		return nil
	}
	for k, st := range primary {
		if err := add(stagePrimary, st, byPop[k%len(byPop)]); err != nil {
			return err
		}
	}
	for k, st := range junior {
		if err := add(stageJunior, st, byPop[k%len(byPop)]); err != nil {
			return err
		}
	}
	if nine > 0 {
		return add(stageNineYear, nine, byPop[len(byPop)-1])
	}
	return nil
}

// allocate spreads total streams over towns in proportion to their population, less the
// streams pre already gives each town (nine-year schools), and splits each town's streams into
// schools of lo–hi streams. A town whose share is too small for one school gives it to (or, if
// at least half a school, rounds up at the expense of) the town with the most streams.
func allocate(r *rng, towns []*town, total int, pre map[*town]int, lo, hi int, mean float64) ([][]int, error) {
	w := make([]float64, len(towns))
	for i, t := range towns {
		w[i] = float64(t.Pop)
	}
	x := splitInt(total, w)
	carry := 0
	for i, t := range towns {
		var c int
		x[i], c = roundToSchool(x[i]-pre[t], lo)
		carry += c
	}
	big := 0
	for i := range x {
		if x[i] > x[big] {
			big = i
		}
	}
	x[big] += carry
	if x[big] < lo {
		return nil, fmt.Errorf("total %d streams too small to allocate", total)
	}
	out := make([][]int, len(towns))
	for i := range towns {
		if x[i] > 0 {
			out[i] = splitSchools(r, x[i], lo, hi, mean)
		}
	}
	return out, nil
}

// roundToSchool rounds a town's share of n streams to none or at least
// one school of lo streams, and returns the streams it keeps and those it
// gives to (positive) or takes from (negative) the biggest town: a share
// below half a school is given away, one of at least half is rounded up.
func roundToSchool(n, lo int) (keep, carry int) {
	switch {
	case n < 0:
		return 0, n
	case n > 0 && n < lo && 2*n >= lo:
		return lo, -(lo - n)
	case n > 0 && n < lo:
		return 0, n
	}
	return n, 0
}

// splitSchools splits n streams into schools of lo–hi streams, about
// mean each, spreading the remainder at random.
func splitSchools(r *rng, n, lo, hi int, mean float64) []int {
	k := max(1, iround(float64(n)/mean))
	for k > 1 && k*lo > n {
		k--
	}
	for k*hi < n {
		k++
	}
	parts := make([]int, k)
	for j := range parts {
		parts[j] = lo
	}
	for rem := n - k*lo; rem > 0; {
		j := r.intn(k)
		add := min(rem, hi-parts[j], r.between(1, 3))
		parts[j] += add
		rem -= add
	}
	return parts
}

// planSchools adds the schools planned to open near new housing; sizeSchools sets their
// streams from their catchments once open.
func (c *city) planSchools() error {
	used := map[*town]int{}
	for _, p := range plannedSchools {
		d, t, err := c.town(p.District, p.Town)
		if err != nil {
			return fmt.Errorf("planned school: %w", err)
		}
		k := used[t]
		used[t]++
		if k >= len(t.Housing) {
			return fmt.Errorf("planned school in %s: town has only %d new-housing areas", p.Town, len(t.Housing))
		}
		h := t.Housing[k]
		r := newRNG("planned", h.ID, p.Stage)
		s := &school{
			Stage: p.Stage, District: d, Town: t, seq: len(d.Schools),
			Opens: min(2029, max(2026, h.Completion)), Planned: true,
		}
		if s.Pt, err = c.place(r, d, h.Pt, 0.2, 0.6, "planned school near "+h.ID); err != nil {
			return err
		}
		d.Schools = append(d.Schools, s)
	}
	return nil
}

// closeSchools marks the closures: in each listed district, the primary school with the
// smallest catchment (peak demand) in a rural town that has another primary school and no new
// housing closes in the listed year. Schools whose catchment asks for fewer than the minimum
// streams are not picked.
func (c *city) closeSchools() error {
	st := sizedStages[0]
	for _, cl := range closures {
		d := c.byCode[cl.District]
		pick := closurePick(d, st)
		if pick < 0 {
			return fmt.Errorf("closure in %s: no rural primary school", d.Code)
		}
		d.Schools[pick].Closes = cl.Year
	}
	return nil
}

// closurePick is the index of the primary school with the smallest peak
// among those in a rural town without new housing that has another
// primary school, and whose catchment asks for at least the minimum
// streams; -1 if none.
func closurePick(d *district, st stageSpec) int {
	f := d.evaluate(st)
	perTown := map[*town]int{}
	for _, s := range d.Schools {
		if s.Stage == stagePrimary && !s.Planned {
			perTown[s.Town]++
		}
	}
	pick := -1
	for i, s := range d.Schools {
		closable := s.Stage == stagePrimary && !s.Planned && !s.Town.Urban && len(s.Town.Housing) == 0 &&
			perTown[s.Town] >= 2 && f.need[i] >= primaryMin
		if closable && (pick < 0 || f.peak[i] < f.peak[pick]) {
			pick = i
		}
	}
	return pick
}

// stagePrefix is the letter school ids of the stage start with.
func stagePrefix(stage string) string {
	switch stage {
	case stagePrimary:
		return "P"
	case stageJunior:
		return "J"
	}
	return "N"
}

// numberAndNameSchools gives the district's schools their ids (per stage, in creation order)
// and unique names.
func (d *district) numberAndNameSchools() {
	count := map[string]int{}
	for _, s := range d.Schools {
		count[s.Stage]++
		s.ID = fmt.Sprintf("%s-%s-%03d", stagePrefix(s.Stage), d.Code, count[s.Stage])
	}
	used := map[string]bool{}
	d.nameFlagships(stagePrimary, []string{"第一实验小学", "第二实验小学"}, used)
	d.nameFlagships(stageJunior, []string{"实验中学", "第一中学"}, used)
	ordinal := map[string]int{}
	for _, s := range d.namingOrder() {
		switch {
		case s.Name != "":
		case s.Planned:
			s.Name = firstUnused(used, func(k int) string { return plannedName(d.Name+s.Town.Short, s.Stage, k) })
		default:
			key := s.Town.Code + s.Stage
			s.Name = firstUnused(used, func(int) string {
				ordinal[key]++
				return ordinalName(d.Name+s.Town.Short, s.Stage, ordinal[key], s.Town.Urban)
			})
		}
	}
}

// nameFlagships gives the biggest existing urban schools of the stage the
// flagship names, in order.
func (d *district) nameFlagships(stage string, names []string, used map[string]bool) {
	var list []*school
	for _, s := range d.Schools {
		if s.Stage == stage && !s.Planned && s.Town.Urban {
			list = append(list, s)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return list[i].Streams > list[j].Streams })
	for i, n := range names {
		if i < len(list) {
			list[i].Name = d.Name + n
			used[list[i].Name] = true
		}
	}
}

// namingOrder lists the schools that stay open first and the closing ones
// last, so that a closing school is not its town's 中心小学.
func (d *district) namingOrder() []*school {
	order := make([]*school, 0, len(d.Schools))
	for _, s := range d.Schools {
		if s.Closes == 0 {
			order = append(order, s)
		}
	}
	for _, s := range d.Schools {
		if s.Closes != 0 {
			order = append(order, s)
		}
	}
	return order
}

// firstUnused returns the first of name(1), name(2), … not yet used, and
// marks it used.
func firstUnused(used map[string]bool, name func(k int) string) string {
	for k := 1; ; k++ {
		if n := name(k); !used[n] {
			used[n] = true
			return n
		}
	}
}

// plannedName is the k-th name tried for a planned school: 实验小学/实验中学,
// then 新城…, then numbered 第k实验….
func plannedName(base, stage string, k int) string {
	kind := "小学"
	if stage != stagePrimary {
		kind = "中学"
	}
	switch k {
	case 1:
		return base + "实验" + kind
	case 2:
		return base + "新城" + kind
	}
	return base + "第" + cnNumber(k) + "实验" + kind
}

// ordinalName is the name of the k-th existing school of the stage in a
// town: 小学 (中心小学 in a rural town), 中学 or 九年一贯制学校 for the first,
// numbered 第k… after.
func ordinalName(base, stage string, k int, urban bool) string {
	switch {
	case stage == stagePrimary && k == 1 && urban:
		return base + "小学"
	case stage == stagePrimary && k == 1:
		return base + "中心小学"
	case stage == stagePrimary:
		return base + "第" + cnNumber(k) + "小学"
	case stage == stageJunior && k == 1:
		return base + "中学"
	case stage == stageJunior:
		return base + "第" + cnNumber(k) + "中学"
	case k == 1:
		return base + "九年一贯制学校"
	}
	return base + "第" + cnNumber(k) + "九年一贯制学校"
}

// open reports whether s takes pupils in year y.
func (s *school) open(y int) bool {
	return (s.Opens == 0 || s.Opens <= y) && (s.Closes == 0 || y < s.Closes)
}

// entrySeats returns the district's entry seats of stage st open in year y (nine-year schools
// count for both stages).
func (d *district) entrySeats(st stageSpec, y int) int {
	n := 0
	for _, s := range d.Schools {
		if s.serves(st.Stage) && s.open(y) {
			n += s.seatsFor(st)
		}
	}
	return n
}

// schoolsOpen returns the number of the district's schools serving stage st open in year y.
func (d *district) schoolsOpen(st stageSpec, y int) int {
	n := 0
	for _, s := range d.Schools {
		if s.serves(st.Stage) && s.open(y) {
			n++
		}
	}
	return n
}

// unplaced returns, for each year, the entry-age children of stage st left without a seat at
// their nearest school (the catchment's demand beyond the school's entry seats), rounded.
func (d *district) unplaced(st stageSpec) []int {
	cs := d.catchments(st)
	out := make([]int, 0, LastYear-FirstYear+1)
	for y := FirstYear; y <= LastYear; y++ {
		out = append(out, iround(cs.unplaced(d, y)))
	}
	return out
}

// worst returns the largest value of a per-year series and its year (the first if tied).
func worst(v []int) (n, year int) {
	n, year = v[0], FirstYear
	for i, x := range v {
		if x > n {
			n, year = x, FirstYear+i
		}
	}
	return n, year
}

type scenarioPick struct {
	District *district
	Gap      int // the district's worst junior unplaced under the baseline
	Year     int
	Town     *town
	At       orb.Point
	Name     string
	Expand   *school
	Before   int // junior unplaced 2026–2035 under the baseline
	After    int // junior unplaced 2026–2035 with the new school and the expansion
}

// pickScenario picks the scenario's district, new school and expansion from the catchments:
//
//   - the district with the most junior entrants unplaced in any year under the baseline;
//   - a site for the new 12-stream junior school (opening 2027) 50–350 m from each residential
//     area of the district (sitesPerArea draws each), and for each site the expansion (4 streams
//     from 2026) at the existing junior school of at most 16 streams that still leaves the most
//     entrants unplaced over 2026–2035 with the new school open;
//   - of these, the site and expansion that leave the fewest junior entrants unplaced over
//     2026–2035 (the first if tied).
func (c *city) pickScenario() error {
	st := sizedStages[1]
	p := &c.scenario
	for _, d := range c.districts {
		g, y := worst(d.unplaced(st))
		if p.District == nil || g > p.Gap {
			p.District, p.Gap, p.Year = d, g, y
		}
	}
	d := p.District
	p.Before = d.unplacedFrom2026(st)
	ns := &school{Stage: stageJunior, Streams: scenarioStreams, Opens: 2027, Planned: true, District: d}
	d.Schools = append(d.Schools, ns)
	defer func() { d.Schools = d.Schools[:len(d.Schools)-1] }()
	best := -1
	for _, a := range d.Areas {
		r := newRNG("scenario", d.Code, a.ID)
		for range sitesPerArea {
			pt, err := c.place(r, d, a.Pt, 0.05, 0.35, "new school of the scenario")
			if err != nil {
				return err
			}
			ns.Pt = pt
			expand, err := d.mostShortJunior(st)
			if err != nil {
				return err
			}
			expand.Streams += scenarioExpandStreams
			u := d.unplacedFrom2026(st)
			expand.Streams -= scenarioExpandStreams
			if best < 0 || u < best {
				best, p.At, p.Town, p.Expand = u, pt, a.Town, expand
			}
		}
	}
	p.After = best
	p.Name = c.unusedName(d.Name+p.Town.Short+"育才中学", func(k int) string {
		return d.Name + p.Town.Short + "育才第" + cnNumber(k) + "中学"
	})
	return nil
}

// unplacedFrom2026 is the district's entrants of stage st without a seat at
// their nearest school over 2026–LastYear.
func (d *district) unplacedFrom2026(st stageSpec) int {
	cs := d.catchments(st)
	var u float64
	for y := 2026; y <= LastYear; y++ {
		u += cs.unplaced(d, y)
	}
	return iround(u)
}

// mostShortJunior is the existing junior school, small enough to take the
// scenario's expansion, whose catchment is the most short of seats over
// 2026–LastYear (the first if tied).
func (d *district) mostShortJunior(st stageSpec) (*school, error) {
	cs := d.catchments(st)
	var expand *school
	var most float64
	for i, s := range d.Schools {
		if s.Stage != stageJunior || s.Planned || s.Streams+scenarioExpandStreams > juniorMax {
			continue
		}
		var short float64
		for y := 2026; y <= LastYear; y++ {
			if s.open(y) {
				short += max(0, cs.demand[y-FirstYear][i]-float64(s.seatsFor(st)))
			}
		}
		if expand == nil || short > most {
			expand, most = s, short
		}
	}
	if expand == nil {
		return nil, fmt.Errorf("scenario: no junior school of at most %d streams in %s", juniorMax-scenarioExpandStreams, d.Code)
	}
	return expand, nil
}

// unusedName is first if no school of the city has that name, else the
// first numbered(k), k = 2, 3, …, that none has.
func (c *city) unusedName(first string, numbered func(k int) string) string {
	used := map[string]bool{}
	for _, e := range c.districts {
		for _, s := range e.Schools {
			used[s.Name] = true
		}
	}
	name := first
	for k := 2; used[name]; k++ {
		name = numbered(k)
	}
	return name
}
