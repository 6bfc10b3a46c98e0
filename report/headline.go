package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/scenarios"
)

// HeadlineSchools is how many schools a stage's headline names.
const HeadlineSchools = 3

// Headline is the answer first: per stage, where, when and how many seats
// are short, and what the scenario changed against its base.
type Headline struct {
	Scenario    string
	City        string
	First, Last engine.Year
	Stages      []StageHeadline
}

// StageHeadline is one stage's shortfall. Unplaced children are entrants
// left without a seat (学位缺口).
type StageHeadline struct {
	Stage engine.Stage
	// ShortYears are the years with unplaced children, in order.
	ShortYears []engine.Year
	// PeakYear is the year with the most unplaced children (the first of
	// equal ones); PeakUnplaced and PeakEntrants are its city totals. All
	// zero when no year is short.
	PeakYear     engine.Year
	PeakUnplaced int
	PeakEntrants int
	// Districts are the districts short in some year, most unplaced in
	// the peak year first (then most unplaced over the run).
	Districts []Carrier
	// Schools are the HeadlineSchools schools whose catchments leave the
	// most children unplaced in the peak year, most first.
	Schools []Carrier
	// Change is the difference to the base scenario; nil without one.
	Change *Change
}

// Carrier is a district or school carrying a shortfall.
type Carrier struct {
	Name, ID string
	// PeakUnplaced is its unplaced children in the stage's peak year, Total
	// over every year; Years are the years it is short.
	PeakUnplaced, Total int
	Years               []engine.Year
}

// Change is a scenario's unplaced children against its base's, by year.
type Change struct {
	Base  string
	Years []YearChange // every year both run
}

// YearChange is one year of a Change.
type YearChange struct {
	Year                   engine.Year
	BaseUnplaced, Unplaced int
}

// Removed is the unplaced children the scenario removes over every year
// (negative when it adds some).
func (c *Change) Removed() int {
	n := 0
	for _, y := range c.Years {
		n += y.BaseUnplaced - y.Unplaced
	}
	return n
}

// NewHeadline computes r's headline; base (nil: none) is the scenario r
// is compared with, such as the one r's scenario extends.
func NewHeadline(r, base *scenarios.Result) *Headline {
	h := &Headline{Scenario: r.Scenario.Name, City: r.City.Name, First: r.First, Last: r.Last}
	for _, st := range runStages([]*scenarios.Result{r}) {
		sh := stageHeadline(r, &r.Stages[st])
		if base != nil && base.City.Runs(st) {
			sh.Change = newChange(base.Scenario.Name, &base.Stages[st], &r.Stages[st])
		}
		h.Stages = append(h.Stages, sh)
	}
	return h
}

func stageHeadline(r *scenarios.Result, sr *sim.StageResult) StageHeadline {
	sh := StageHeadline{Stage: sr.Stage}
	var peak *sim.YearResult
	for yi := range sr.Years {
		yr := &sr.Years[yi]
		if yr.City.Unplaced == 0 {
			continue
		}
		sh.ShortYears = append(sh.ShortYears, yr.Year)
		if peak == nil || yr.City.Unplaced > peak.City.Unplaced {
			peak = yr
		}
	}
	if peak == nil {
		return sh
	}
	sh.PeakYear, sh.PeakUnplaced, sh.PeakEntrants = peak.Year, peak.City.Unplaced, peak.City.Entrants
	sh.Districts = shortDistricts(r, sr, peak)
	sh.Schools = shortSchools(r, peak)
	return sh
}

// shortDistricts lists the districts short in some year of sr.
func shortDistricts(r *scenarios.Result, sr *sim.StageResult, peak *sim.YearResult) []Carrier {
	byIndex := map[int]*Carrier{}
	var order []int
	for yi := range sr.Years {
		yr := &sr.Years[yi]
		for di := range yr.Districts {
			u := yr.Districts[di].Unplaced
			if u == 0 {
				continue
			}
			c := byIndex[di]
			if c == nil {
				d := &r.City.Districts[di]
				c = &Carrier{Name: d.Name, ID: d.ID}
				byIndex[di] = c
				order = append(order, di)
			}
			c.Total += u
			c.Years = append(c.Years, yr.Year)
			if yr == peak {
				c.PeakUnplaced = u
			}
		}
	}
	out := make([]Carrier, 0, len(order))
	for _, di := range order {
		out = append(out, *byIndex[di])
	}
	sortCarriers(out)
	return out
}

// shortSchools lists the schools leaving the most children unplaced in
// the peak year.
func shortSchools(r *scenarios.Result, peak *sim.YearResult) []Carrier {
	var out []Carrier
	for k := range peak.Schools {
		row := &peak.Schools[k]
		if u := row.Unplaced(); u > 0 {
			sc := &r.Schools[row.School]
			out = append(out, Carrier{Name: sc.Name, ID: sc.ID, PeakUnplaced: u, Total: u, Years: []engine.Year{peak.Year}})
		}
	}
	sortCarriers(out)
	if len(out) > HeadlineSchools {
		out = out[:HeadlineSchools]
	}
	return out
}

func sortCarriers(cs []Carrier) {
	slices.SortStableFunc(cs, func(a, b Carrier) int {
		if c := cmp.Compare(b.PeakUnplaced, a.PeakUnplaced); c != 0 {
			return c
		}
		if c := cmp.Compare(b.Total, a.Total); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

func newChange(base string, b, s *sim.StageResult) *Change {
	c := &Change{Base: base}
	for yi := range s.Years {
		yr := &s.Years[yi]
		if by := b.Year(yr.Year); by != nil {
			c.Years = append(c.Years, YearChange{Year: yr.Year, BaseUnplaced: by.City.Unplaced, Unplaced: yr.City.Unplaced})
		}
	}
	return c
}

// WriteHeadline prints h in lang: a title line, then per stage the
// shortfall's years and peak, the districts and schools carrying it, and
// the change against the base scenario.
func WriteHeadline(w io.Writer, h *Headline, lang Lang) error {
	var b strings.Builder
	fmt.Fprintf(&b, lang.Label("headline_title"), h.Scenario, h.City, h.First, h.Last)
	b.WriteByte('\n')
	for i := range h.Stages {
		writeStageHeadline(&b, &h.Stages[i], h, lang)
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

func writeStageHeadline(b *strings.Builder, sh *StageHeadline, h *Headline, lang Lang) {
	st := lang.stage(sh.Stage)
	b.WriteString("  ")
	if sh.PeakUnplaced == 0 {
		fmt.Fprintf(b, lang.Label("headline_none"), st, lang.yearSpans([]engine.Year{h.First, h.Last}, true))
	} else {
		fmt.Fprintf(b, lang.Label("headline_peak"), st, lang.yearSpans(sh.ShortYears, false),
			grouped(sh.PeakUnplaced), sh.PeakYear, percent(sh.PeakUnplaced, sh.PeakEntrants), grouped(sh.PeakEntrants))
	}
	b.WriteByte('\n')
	if len(sh.Districts) > 0 {
		parts := make([]string, len(sh.Districts))
		for i, d := range sh.Districts {
			name := lang.nameID(d.Name, d.ID)
			if d.PeakUnplaced > 0 {
				parts[i] = fmt.Sprintf(lang.Label("district_peak"), name, lang.yearSpans(d.Years, false), grouped(d.PeakUnplaced), sh.PeakYear)
			} else {
				parts[i] = fmt.Sprintf(lang.Label("district_short"), name, lang.yearSpans(d.Years, false))
			}
		}
		writeLine(b, lang.Label("headline_district"), strings.Join(parts, lang.Label("list_sep")))
	}
	if len(sh.Schools) > 0 {
		parts := make([]string, len(sh.Schools))
		for i, s := range sh.Schools {
			parts[i] = lang.nameID(s.Name, s.ID) + " " + grouped(s.PeakUnplaced)
		}
		writeLine(b, lang.Label("headline_schools"), sh.PeakYear, strings.Join(parts, lang.Label("list_sep")))
	}
	if sh.Change != nil {
		writeLine(b, lang.Label("headline_change"), sh.Change.Base, changeText(sh.Change, lang))
	}
}

// nameID is "name (id)", names before codes; the id alone without a name.
func (l Lang) nameID(name, id string) string {
	if name == "" {
		return id
	}
	return fmt.Sprintf(l.Label("name_id"), name, id)
}

func writeLine(b *strings.Builder, format string, args ...any) {
	b.WriteString("    ")
	fmt.Fprintf(b, format, args...)
	b.WriteByte('\n')
}

// changeText is the total change and each year's: "780 fewer unplaced in
// all (2027: 214 → 164, …)".
func changeText(c *Change, lang Lang) string {
	var parts []string
	for _, y := range c.Years {
		if y.BaseUnplaced != y.Unplaced {
			parts = append(parts, fmt.Sprintf(lang.Label("in_year"), y.Year,
				fmt.Sprintf("%s → %s", grouped(y.BaseUnplaced), grouped(y.Unplaced))))
		}
	}
	if len(parts) == 0 {
		return lang.Label("headline_same")
	}
	n := c.Removed()
	key := "headline_removed"
	if n < 0 {
		key, n = "headline_added", -n
	}
	return fmt.Sprintf(lang.Label(key), grouped(n)) + fmt.Sprintf(lang.Label("paren"), strings.Join(parts, lang.Label("list_sep")))
}

// yearSpans writes years (in order) as runs: "2025–2028, 2031". With
// bounds, years are a first and last year.
func (lang Lang) yearSpans(years []engine.Year, bounds bool) string {
	if bounds {
		return fmt.Sprintf("%d–%d", years[0], years[1])
	}
	var b strings.Builder
	for i := 0; i < len(years); {
		j := i
		for j+1 < len(years) && years[j+1] == years[j]+1 {
			j++
		}
		if i > 0 {
			b.WriteString(lang.Label("year_sep"))
		}
		if j == i {
			fmt.Fprintf(&b, "%d", years[i])
		} else {
			fmt.Fprintf(&b, "%d–%d", years[i], years[j])
		}
		i = j + 1
	}
	return b.String()
}
