package gen

import (
	"fmt"
	"math"
	"sort"

	"github.com/paulmach/orb"
)

// Ranges of streams (classes per grade) by stage, and the typical school size used to decide
// how many schools a town's streams are split into.
const (
	primaryMin, primaryMax, primaryMean    = 3, 8, 5.5
	juniorMin, juniorMax, juniorMean       = 6, 16, 11.0
	nineYearMin, nineYearMax               = 3, 6
	nineYearShare                          = 0.05 // of the schools of a district
	scenarioStreams, scenarioExpandStreams = 12, 4
)

// sizeSupply sets the district's entry-grade targets:
//
//   - primary: seats per grade = FactorP (105–125%) × the 2025 peak single-age cohort at ages
//     6–11;
//   - junior: seats per grade = FactorJ × the peak 12-year-old cohort of 2025–2035 (which falls in
//     2027–2031, the cohorts born 2015–2019), with FactorJ 100–110%, or 85–95% in the districts
//     marked Short (渝北, 九龙坡, 沙坪坝).
//
// It returns the target streams (seats / class size, rounded), nine-year schools included.
func (d *district) sizeSupply(r *rng) (sp, sj int) {
	for a := 6; a <= 11; a++ {
		d.PeakP = max(d.PeakP, d.children(FirstYear, a))
	}
	for y := FirstYear; y <= LastYear; y++ {
		d.PeakJ = max(d.PeakJ, d.children(y, 12))
	}
	d.FactorP = r.uniform(1.05, 1.25)
	if d.Short {
		d.FactorJ = r.uniform(0.85, 0.95)
	} else {
		d.FactorJ = r.uniform(1.00, 1.10)
	}
	return iround(d.FactorP * d.PeakP / primaryClass), iround(d.FactorJ * d.PeakJ / juniorClass)
}

// placeSchools creates the district's existing schools (open in 2025): about 5% nine-year
// schools in the smaller rural towns, then primary and junior streams spread over the towns in
// proportion to their population and split into schools of 3–8 (primary) and 6–16 (junior)
// streams. Each school stands 50–350 m from one of its town's residential areas, biggest areas
// first.
func (c *city) placeSchools(d *district) error {
	r := newRNG("schools", d.Code)
	sp, sj := d.sizeSupply(r)

	var towns []*town
	for _, t := range d.Towns {
		if t.HasXY {
			towns = append(towns, t)
		}
	}

	// nine-year schools
	n9 := max(1, iround(nineYearShare*(float64(sp)/primaryMean+float64(sj)/juniorMean)))
	cand := append([]*town(nil), towns...)
	sort.SliceStable(cand, func(i, j int) bool {
		if cand[i].Urban != cand[j].Urban {
			return !cand[i].Urban
		}
		return cand[i].Pop < cand[j].Pop
	})
	pre := map[*town]int{}
	nine := map[*town]int{}
	for _, t := range cand[:min(n9, len(cand))] {
		s := r.between(nineYearMin, nineYearMax)
		pre[t] = s
		nine[t] = s
	}

	primary, err := allocate(r, towns, sp, pre, primaryMin, primaryMax, primaryMean)
	if err != nil {
		return fmt.Errorf("district %s primary: %w", d.Code, err)
	}
	junior, err := allocate(r, towns, sj, pre, juniorMin, juniorMax, juniorMean)
	if err != nil {
		return fmt.Errorf("district %s junior: %w", d.Code, err)
	}

	for i, t := range towns {
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
		for k, st := range primary[i] {
			if err := add(stagePrimary, st, byPop[k%len(byPop)]); err != nil {
				return err
			}
		}
		for k, st := range junior[i] {
			if err := add(stageJunior, st, byPop[k%len(byPop)]); err != nil {
				return err
			}
		}
		if s := nine[t]; s > 0 {
			if err := add(stageNineYear, s, byPop[len(byPop)-1]); err != nil {
				return err
			}
		}
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
		x[i] -= pre[t]
		switch {
		case x[i] < 0:
			carry += x[i]
			x[i] = 0
		case x[i] > 0 && x[i] < lo:
			if 2*x[i] >= lo {
				carry -= lo - x[i]
				x[i] = lo
			} else {
				carry += x[i]
				x[i] = 0
			}
		}
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
		if x[i] == 0 {
			continue
		}
		k := max(1, iround(float64(x[i])/mean))
		for k > 1 && k*lo > x[i] {
			k--
		}
		for k*hi < x[i] {
			k++
		}
		parts := make([]int, k)
		for j := range parts {
			parts[j] = lo
		}
		for rem := x[i] - k*lo; rem > 0; {
			j := r.intn(k)
			add := min(rem, hi-parts[j], r.between(1, 3))
			parts[j] += add
			rem -= add
		}
		out[i] = parts
	}
	return out, nil
}

// planSchools adds the schools planned to open near new housing and marks the closures.
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
			Stage: p.Stage, Streams: p.Streams, District: d, Town: t, seq: len(d.Schools),
			Opens: min(2029, max(2026, h.Completion)), Planned: true,
		}
		if s.Pt, err = c.place(r, d, h.Pt, 0.2, 0.6, "planned school near "+h.ID); err != nil {
			return err
		}
		d.Schools = append(d.Schools, s)
	}
	for _, cl := range closures {
		d := c.byCode[cl.District]
		var pick *school
		perTown := map[*town]int{}
		for _, s := range d.Schools {
			if s.Stage == stagePrimary && !s.Planned {
				perTown[s.Town]++
			}
		}
		for _, s := range d.Schools {
			if s.Stage == stagePrimary && !s.Planned && !s.Town.Urban && len(s.Town.Housing) == 0 &&
				perTown[s.Town] >= 2 && (pick == nil || s.Streams < pick.Streams) {
				pick = s
			}
		}
		if pick == nil {
			return fmt.Errorf("closure in %s: no rural primary school", d.Code)
		}
		pick.Closes = cl.Year
	}
	return nil
}

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
	// flagship names for the biggest existing urban schools
	flagship := func(stage string, names []string) {
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
	flagship(stagePrimary, []string{"第一实验小学", "第二实验小学"})
	flagship(stageJunior, []string{"实验中学", "第一中学"})

	// closing schools are named last, so that they are not their town's 中心小学
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
	ordinal := map[string]int{}
	for _, s := range order {
		if s.Name != "" {
			continue
		}
		base := d.Name + s.Town.Short
		key := s.Town.Code + s.Stage
		if s.Planned {
			// planned schools: 实验小学/实验中学, else 新城…, else numbered
			kind := "小学"
			if s.Stage != stagePrimary {
				kind = "中学"
			}
			for k := 1; s.Name == ""; k++ {
				n := base + "第" + cnNumber(k) + "实验" + kind
				switch k {
				case 1:
					n = base + "实验" + kind
				case 2:
					n = base + "新城" + kind
				}
				if !used[n] {
					s.Name = n
					used[n] = true
				}
			}
			continue
		}
		for {
			ordinal[key]++
			k := ordinal[key]
			var n string
			switch {
			case s.Stage == stagePrimary && k == 1 && s.Town.Urban:
				n = base + "小学"
			case s.Stage == stagePrimary && k == 1:
				n = base + "中心小学"
			case s.Stage == stagePrimary:
				n = base + "第" + cnNumber(k) + "小学"
			case s.Stage == stageJunior && k == 1:
				n = base + "中学"
			case s.Stage == stageJunior:
				n = base + "第" + cnNumber(k) + "中学"
			case k == 1:
				n = base + "九年一贯制学校"
			default:
				n = base + "第" + cnNumber(k) + "九年一贯制学校"
			}
			if !used[n] {
				s.Name = n
				used[n] = true
				break
			}
		}
	}
}

// open reports whether s takes pupils in year y.
func (s *school) open(y int) bool {
	return (s.Opens == 0 || s.Opens <= y) && (s.Closes == 0 || y < s.Closes)
}

// entrySeats returns the district's entry-grade seats of a stage in year y (nine-year schools
// count for both stages). With existingOnly, only schools open in FirstYear are counted.
func (d *district) entrySeats(stage string, y int, existingOnly bool) int {
	n := 0
	for _, s := range d.Schools {
		if s.Stage != stage && s.Stage != stageNineYear {
			continue
		}
		if existingOnly && s.Planned {
			continue
		}
		if !existingOnly && !s.open(y) {
			continue
		}
		if stage == stagePrimary {
			n += s.Streams * primaryClass
		} else {
			n += s.Streams * juniorClass
		}
	}
	return n
}

// juniorGap returns the worst junior entry-seat gap of the district over the forecast years
// (age-12 demand including new housing minus junior seats open that year) and its year.
func (d *district) juniorGap() (gap float64, year int) {
	gap = math.Inf(-1)
	for y := FirstYear; y <= LastYear; y++ {
		g := d.demand(y, 12) - float64(d.entrySeats(stageJunior, y, false))
		if g > gap {
			gap, year = g, y
		}
	}
	return gap, year
}

type scenarioPick struct {
	District *district
	Gap      float64
	Year     int
	Town     *town
	At       orb.Point
	Name     string
	Expand   *school
}

// pickScenario finds the district with the worst junior shortfall, the town in it with the
// largest junior deficit (its share of the peak cohort minus its junior seats), a site for the
// new junior school near that town's biggest residential area and an existing junior school of
// at most 12 streams to expand (in that town if possible).
func (c *city) pickScenario() error {
	p := &c.scenario
	for _, d := range c.districts {
		g, y := d.juniorGap()
		if p.District == nil || g > p.Gap {
			p.District, p.Gap, p.Year = d, g, y
		}
	}
	d := p.District
	seats := map[*town]int{}
	for _, s := range d.Schools {
		if (s.Stage == stageJunior || s.Stage == stageNineYear) && !s.Planned {
			seats[s.Town] += s.Streams * juniorClass
		}
	}
	best := math.Inf(-1)
	for _, t := range d.Towns {
		if len(t.Areas) == 0 {
			continue
		}
		def := d.PeakJ*float64(t.Pop)/float64(d.Pop) - float64(seats[t])
		if def > best {
			best, p.Town = def, t
		}
	}
	biggest := biggestArea(p.Town.Areas)
	r := newRNG("scenario", d.Code)
	var err error
	if p.At, err = c.place(r, d, biggest.Pt, 0.3, 0.8, "new school of the scenario"); err != nil {
		return err
	}
	used := map[string]bool{}
	for _, e := range c.districts {
		for _, s := range e.Schools {
			used[s.Name] = true
		}
	}
	p.Name = d.Name + p.Town.Short + "育才中学"
	for k := 2; used[p.Name]; k++ {
		p.Name = d.Name + p.Town.Short + "育才第" + cnNumber(k) + "中学"
	}
	for _, s := range d.Schools {
		if s.Stage != stageJunior || s.Planned || s.Streams+scenarioExpandStreams > juniorMax {
			continue
		}
		if p.Expand == nil {
			p.Expand = s
			continue
		}
		inTown, was := s.Town == p.Town, p.Expand.Town == p.Town
		if inTown && !was || inTown == was && s.Streams < p.Expand.Streams {
			p.Expand = s
		}
	}
	if p.Expand == nil {
		return fmt.Errorf("scenario: no junior school of at most %d streams in %s", juniorMax-scenarioExpandStreams, d.Code)
	}
	return nil
}

func biggestArea(as []*area) *area {
	b := as[0]
	for _, a := range as[1:] {
		if a.Pop > b.Pop {
			b = a
		}
	}
	return b
}
