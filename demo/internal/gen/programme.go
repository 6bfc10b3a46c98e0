package gen

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// The programme scenario: the 布局规划 as a bureau would phase and price it for the junior
// bulge and the primary decline — temporary classrooms (临时/周转校舍) where a junior catchment
// is short in the bulge, fewer streams where primary demand has fallen for good, and one junior
// school's feeder primaries (对口直升). Every pick comes from the generator's own catchments.
const (
	// bulgeFrom and bulgeTo are the entry years of the junior bulge that temporary classes meet.
	bulgeFrom, bulgeTo = 2028, 2031
	// tempMaxStreams caps a school's temporary classes a year: 4 × 3 grades = 12 classrooms at
	// once, the scenario's max_temporary_classrooms.
	tempMaxStreams = 4
	// cutYear is the first year of the primary stream reductions; a reduction keeps every
	// year of cutYear–LastYear within the school's catchment and leaves it cutMinStreams.
	cutYear       = 2028
	cutMinStreams = 2
	// feederYear is the first year of the feeder list.
	feederYear = 2027
	// temporaryClassroomYear is the assumed cost of a leased modular classroom for a year, 万元.
	temporaryClassroomYear = 6
)

// programmePick is what the programme scenario changes.
type programmePick struct {
	Temps     []tempPick
	Cuts      []cutPick
	Converts  []convertPick
	Feeder    *school   // the junior school given feeders
	Primaries []*school // its feeder primaries, by id
}

// tempPick is a junior school given temporary classes in bulgeFrom–bulgeTo.
type tempPick struct {
	School  *school
	Short   int // the catchment's worst shortfall in the bulge, children
	Streams int // ⌈Short / 50⌉, at most tempMaxStreams
}

// cutPick is a primary school whose streams are reduced from cutYear.
type cutPick struct {
	School  *school
	Spare   int // the catchment's smallest spare seats over cutYear–LastYear
	Streams int // streams removed
}

// pickProgramme picks the programme scenario's changes:
//
//   - temporary classes, in entry years bulgeFrom–bulgeTo, at every school teaching junior
//     grades whose nearest catchment is short of entry seats in one of those years:
//     ⌈worst shortfall / 50⌉ classes a year, at most tempMaxStreams;
//   - in each district, the primary school (primary only, open throughout) with the most whole
//     streams its catchment leaves empty in every year cutYear–LastYear, reduced by them from
//     cutYear but never below cutMinStreams (none where no stream is spare);
//   - in the new-school scenario's district, the junior school that takes in whole the most
//     primary catchments of feederYear (every area of the primary's catchment in its junior
//     catchment), with those primaries as its feeders (the first such school if tied).
func (c *city) pickProgramme() error {
	p := &c.programme
	p.Feeder, p.Primaries = c.scenario.District.feederPick()
	if p.Feeder == nil {
		return fmt.Errorf("programme: no junior school of %s takes in a whole primary catchment", c.scenario.District.Code)
	}
	skip := map[*school]bool{}
	for _, s := range p.Primaries {
		skip[s] = true
	}
	for _, d := range c.districts {
		if cut, ok := d.cutPick(); ok {
			p.Cuts = append(p.Cuts, cut)
			skip[cut.School] = true
		}
		p.Temps = append(p.Temps, d.programmeJunior(p, skip)...)
	}
	return nil
}

// programmeJunior picks d's conversion, where d is short of junior seats in the bulge and a
// conversion helps (convertPick), and returns d's temporary classes with the converted school's
// junior stage open: a conversion takes in part of the shortfall temporary classes would meet.
func (d *district) programmeJunior(p *programmePick, skip map[*school]bool) []tempPick {
	temps := d.temporaryPicks()
	if len(temps) == 0 {
		return nil
	}
	cv, ok := d.convertPick(skip)
	if !ok {
		return temps
	}
	p.Converts = append(p.Converts, cv)
	d.Schools = append(d.Schools, cv.junior)
	defer func() { d.Schools = d.Schools[:len(d.Schools)-1] }()
	return d.temporaryPicks()
}

// temporaryPicks lists d's schools short of junior seats in the bulge (tempPick).
func (d *district) temporaryPicks() []tempPick {
	st := sizedStages[1]
	cs := d.catchments(st)
	var out []tempPick
	for i, s := range d.Schools {
		if !s.serves(st.Stage) || !s.open(bulgeFrom) || !s.open(bulgeTo) {
			continue
		}
		short := 0.0
		for y := bulgeFrom; y <= bulgeTo; y++ {
			short = max(short, cs.demand[y-FirstYear][i]-float64(s.seatsFor(st)))
		}
		if n := iround(math.Ceil(short)); n > 0 {
			out = append(out, tempPick{School: s, Short: n, Streams: min(tempMaxStreams, (n+st.Class-1)/st.Class)})
		}
	}
	return out
}

// cutPick is d's primary stream reduction, if any (cutPick).
func (d *district) cutPick() (cutPick, bool) {
	st := sizedStages[0]
	cs := d.catchments(st)
	var best cutPick
	for i, s := range d.Schools {
		if s.Stage != stagePrimary || s.Planned || s.Closes != 0 {
			continue
		}
		spare := math.Inf(1)
		for y := cutYear; y <= LastYear; y++ {
			spare = min(spare, float64(s.seatsFor(st))-cs.demand[y-FirstYear][i])
		}
		n := min(int(math.Floor(spare))/st.Class, s.Streams-cutMinStreams)
		if n > best.Streams {
			best = cutPick{School: s, Spare: int(math.Floor(spare)), Streams: n}
		}
	}
	return best, best.Streams > 0
}

// feederPick is d's junior school that takes in whole the most primary catchments of
// feederYear, and those primaries by id (nil when none does).
func (d *district) feederPick() (*school, []*school) {
	inside := d.wholePrimaries()
	best := -1
	for j := range d.Schools {
		if len(inside[j]) > 0 && (best < 0 || len(inside[j]) > len(inside[best])) {
			best = j
		}
	}
	if best < 0 {
		return nil, nil
	}
	ps := inside[best]
	slices.SortFunc(ps, func(a, b *school) int { return strings.Compare(a.ID, b.ID) })
	return d.Schools[best], ps
}

// wholePrimaries maps each junior-only school (index) to the primary schools of feederYear
// whose whole catchment lies in its own.
func (d *district) wholePrimaries() map[int][]*school {
	k := feederYear - FirstYear
	primary, junior := d.catchments(sizedStages[0]).assign[k], d.catchments(sizedStages[1]).assign[k]
	inside := map[int][]*school{}
	for p, s := range d.Schools {
		if s.Stage != stagePrimary || !s.open(feederYear) {
			continue
		}
		if j := wholeJunior(primary, junior, p); j >= 0 && d.Schools[j].Stage == stageJunior {
			inside[j] = append(inside[j], s)
		}
	}
	return inside
}

// wholeJunior is the one junior school (index) of every area whose primary school is p, or -1
// when p has no areas or they go to several junior schools.
func wholeJunior(primary, junior []int, p int) int {
	j := -1
	for a, s := range primary {
		switch {
		case s != p:
		case j == -1:
			j = junior[a]
		case junior[a] != j:
			return -1
		}
	}
	return j
}

// renderProgramme writes the programme scenario.
func (c *city) renderProgramme() []byte {
	var b bytes.Buffer
	b.WriteString(`# Scenario: the 布局规划 as a programme for the junior bulge and the primary decline: temporary
# classrooms (临时/周转校舍) where a junior catchment is short in the bulge, fewer primary streams
# where demand has fallen for good, and a junior school's feeder primaries (对口直升), phased and
# priced.
# Generated by ` + "`go generate ./demo`" + `; do not edit by hand.
#
`)
	fmt.Fprintf(&b, "# Junior entrants peak in %d–%d and fall by about 44%% to 2035 (the cohorts born 2016–2019\n", bulgeFrom, bulgeTo)
	b.WriteString(`# against those born after 2020). Permanent seats built for the peak would stand empty
# after it, so each junior school whose nearest catchment is short of entry seats in one of
# the bulge years takes temporary classes in every entry year of the bulge, each class kept
# (in a leased or modular classroom) until its cohort leaves grade 9: ⌈worst shortfall / 50⌉
# classes a year, at most 4 (12 classrooms at once). Primary entrants have fallen since 2025:
# in each district the primary school with the most whole streams its catchment leaves empty
`)
	fmt.Fprintf(&b, "# in every year %d–%d gives them up from %d (keeping at least %d streams); its older grades\n", cutYear, LastYear, cutYear, cutMinStreams)
	b.WriteString(`# keep their classes until they leave. Where a district is short of junior seats, one primary
# school with whole streams empty for good becomes a nine-year school a year before the bulge
# (改制), its empty rooms teaching junior classes. And one junior school of the district with
# the worst shortfall takes the leavers of the primary schools whose whole catchment lies in
# its own first (对口直升).

# name: the scenario's name, shown in reports and comparisons.
name: programme
# extends: start from this scenario (path relative to this file) and apply the keys below on
# top of it; everything not given here (city, years, the rest of the policy) is inherited.
extends: baseline.yaml
# costs: the default cost of a change that gives none, in 万元 (10,000 CNY): the planner's
# defaults for a new school (8000 plus 600 a stream) and an expansion (600 a stream), and
# temporary_classroom_year, one temporary classroom for one school year. 6 is an ASSUMPTION of
# this demo, to be replaced by the bureau's own figure: a leased modular classroom of about
# 80 m² with its share of corridors and toilets at about 50 元 a m² a month (4.8), plus site
# works, fit-out and moving spread over the lease. conversion_stream, each junior stream a
# conversion gains: 150 is also an ASSUMPTION: its three classrooms refitted for junior classes
# (furniture, boards and media, about 15 each) and its share of the science laboratories,
# their equipment and the library a junior stage needs (about 105).
`)
	fmt.Fprintf(&b, "costs: {new_school: 8000, per_stream: 600, expansion_stream: 600, temporary_classroom_year: %d, conversion_stream: %d}\n", temporaryClassroomYear, conversionStream)
	b.WriteString(`# phases: the phases of the 布局规划 2021–2035; a change's cost falls in the phase of the year
# it is decided (its year less lead_time).
phases:
  - {name: 近期, from: 2021, to: 2025}
  - {name: 中期, from: 2026, to: 2030}
  - {name: 远期, from: 2031, to: 2035}
policy:
  # max_temporary_classrooms: the most temporary classrooms one school may use at once, per
  # stage (a site holds only so many modular rooms); a plan over it is refused.
`)
	fmt.Fprintf(&b, "  max_temporary_classrooms: {junior: %d}\n", tempMaxStreams*3)
	b.WriteString("# changes: each change takes effect from its year.\nchanges:\n")
	c.renderTemps(&b)
	c.renderConverts(&b)
	c.renderCuts(&b)
	c.renderFeeders(&b)
	return b.Bytes()
}

// renderTemps writes the temporary changes.
func (c *city) renderTemps(b *bytes.Buffer) {
	fmt.Fprintf(b, "  # temporary: streams more entry classes in each entry year from..to, in temporary\n")
	fmt.Fprintf(b, "  # classrooms, each kept until its cohort leaves the stage (stage: required of a nine-year\n")
	fmt.Fprintf(b, "  # school). Leased a year ahead (lead_time 1: decided %d, 中期). The comment is the\n", bulgeFrom-1)
	fmt.Fprintf(b, "  # catchment's worst shortfall in %d–%d.\n", bulgeFrom, bulgeTo)
	for _, t := range c.programme.Temps {
		stage := ""
		if t.School.Stage == stageNineYear || c.convertedJunior(t.School) {
			stage = ", stage: junior"
		}
		fmt.Fprintf(b, "  - temporary: {school: %s, streams: %d, from: %d, to: %d%s}   # %s, short by %d\n",
			t.School.ID, t.Streams, bulgeFrom, bulgeTo, stage, t.School.Name, t.Short)
		fmt.Fprintf(b, "    lead_time: 1\n")
	}
}

// renderCuts writes the stream reductions.
func (c *city) renderCuts(b *bytes.Buffer) {
	fmt.Fprintf(b, "  # expand with streams below 0: fewer entry classes from the year; the older grades keep\n")
	fmt.Fprintf(b, "  # theirs until they leave. Nothing is built: cost 0. The comment is the school's streams\n")
	fmt.Fprintf(b, "  # and its catchment's fewest spare seats in %d–%d.\n", cutYear, LastYear)
	for _, cut := range c.programme.Cuts {
		fmt.Fprintf(b, "  - expand: {school: %s, streams: %d, year: %d}   # %s, %d streams, %d spare\n",
			cut.School.ID, -cut.Streams, cutYear, cut.School.Name, cut.School.Streams, cut.Spare)
		fmt.Fprintf(b, "    cost: 0\n")
	}
}

// renderFeeders writes the feeders change.
func (c *city) renderFeeders(b *bytes.Buffer) {
	p := &c.programme
	ids := make([]string, len(p.Primaries))
	for i, s := range p.Primaries {
		ids[i] = s.ID
	}
	fmt.Fprintf(b, "  # feeders: from %d the leavers of these primary schools take %s's base seats\n", feederYear, p.Feeder.Name)
	fmt.Fprintf(b, "  # first (对口直升), in the order listed; their whole catchments lie in its own. A policy, not\n")
	fmt.Fprintf(b, "  # works: cost 0.\n")
	fmt.Fprintf(b, "  - feeders: {school: %s, primaries: [%s], year: %d}\n", p.Feeder.ID, strings.Join(ids, ", "), feederYear)
	fmt.Fprintf(b, "    cost: 0\n")
}

// summaryProgramme describes the programme scenario's picks.
func (c *city) summaryProgramme(w io.Writer) {
	p := &c.programme
	streams := 0
	for _, t := range p.Temps {
		streams += t.Streams
	}
	cut := 0
	for _, x := range p.Cuts {
		cut += x.Streams
	}
	conv := 0
	for _, x := range p.Converts {
		conv += x.Streams
	}
	fmt.Fprintf(w, "scenario programme: %d junior schools with %d temporary classes a year in %d–%d (%d classroom-years); %d primary schools become nine-year schools in %d with %d junior streams; %d primary schools give up %d streams from %d; %s %s takes %d feeder primaries from %d\n",
		len(p.Temps), streams, bulgeFrom, bulgeTo, streams*(bulgeTo-bulgeFrom+1)*3, len(p.Converts), convertYear, conv, len(p.Cuts), cut, cutYear, p.Feeder.ID, p.Feeder.Name, len(p.Primaries), feederYear)
}
