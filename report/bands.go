package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Bands is a scenario run in the low, mid and high forecast bands, and
// optionally a Monte-Carlo over births and housing yields: the JSON form
// of simulate --bands.
type Bands struct {
	Scenario string        `json:"scenario"`
	Method   string        `json:"method"`
	Bands    []BandRow     `json:"bands"`
	Draws    int           `json:"draws,omitempty"`
	Seed     uint64        `json:"seed,omitempty"`
	Unplaced []QuantileRow `json:"monte_carlo_unplaced,omitempty"`
	Short    []ShortRow    `json:"monte_carlo_short,omitempty"`

	sc *scenarios.Scenario
}

// BandRow is one stage, year and district (or the total) in the three
// forecast bands.
type BandRow struct {
	Stage    string      `json:"stage"`
	Year     engine.Year `json:"year"`
	District string      `json:"district"`
	Name     string      `json:"name,omitempty"`
	Entrants [3]int      `json:"entrants"` // low, mid, high
	Unplaced [3]int      `json:"unplaced"`
}

// ShortRow is one school's probability of a shortfall in one year.
type ShortRow struct {
	Stage  string      `json:"stage"`
	School string      `json:"school"`
	Name   string      `json:"name"`
	Year   engine.Year `json:"year"`
	PShort float64     `json:"p_short"`
}

// QuantileRow is a stage's unplaced entrants in one year over the draws:
// the 5th, 50th and 95th percentiles.
type QuantileRow struct {
	Stage string      `json:"stage"`
	Year  engine.Year `json:"year"`
	P5    int         `json:"p5"`
	P50   int         `json:"p50"`
	P95   int         `json:"p95"`
}

// NewBands gathers the entrants and unplaced of sc's runs in the low, mid
// and high bands (rs, in that order) by stage, year and district, then the
// city.
func NewBands(sc *scenarios.Scenario, rs [3]*scenarios.Result) *Bands {
	b := &Bands{Scenario: sc.Name, Method: forecast.Table.String(), sc: sc}
	if sc.Forecast != nil {
		b.Method = sc.Forecast.Method.String()
	}
	c := sc.City
	for _, st := range c.Stages() {
		for k := range rs[1].Stages[st].Years {
			for di := 0; di <= len(c.Districts); di++ {
				b.Bands = append(b.Bands, bandRow(c, rs, st, k, di))
			}
		}
	}
	return b
}

// bandRow is district di's (the city's, past the last) row of year index
// k of stage st.
func bandRow(c *engine.City, rs [3]*scenarios.Result, st engine.Stage, k, di int) BandRow {
	row := BandRow{Stage: st.String(), Year: rs[1].Stages[st].Years[k].Year, District: TotalDistrict}
	if di < len(c.Districts) {
		row.District, row.Name = c.Districts[di].ID, c.Districts[di].Name
	}
	for b := range rs {
		yr := &rs[b].Stages[st].Years[k]
		t := yr.City
		if di < len(c.Districts) {
			t = yr.Districts[di].Totals
		}
		row.Entrants[b], row.Unplaced[b] = t.Entrants, t.Unplaced
	}
	return row
}

// AddMonteCarlo adds the quantiles of unplaced entrants by stage and year,
// and the probability of a shortfall of every school short in some draw.
func (b *Bands) AddMonteCarlo(mc *scenarios.MonteCarlo) {
	b.Draws, b.Seed = mc.Draws, mc.Seed
	for _, st := range b.sc.City.Stages() {
		for y := mc.First; y <= mc.Last; y++ {
			b.Unplaced = append(b.Unplaced, QuantileRow{Stage: st.String(), Year: y,
				P5: mc.Quantile(st, y, 0.05), P50: mc.Quantile(st, y, 0.5), P95: mc.Quantile(st, y, 0.95)})
		}
		for s := range mc.Schools {
			if everShort(mc, st, s) {
				b.addShort(mc, st, s)
			}
		}
	}
}

// everShort reports whether school s is short in some year of some draw.
func everShort(mc *scenarios.MonteCarlo, st engine.Stage, s int) bool {
	for y := mc.First; y <= mc.Last; y++ {
		if mc.PShort(st, s, y) > 0 {
			return true
		}
	}
	return false
}

// addShort adds school s's probability of a shortfall in each year.
func (b *Bands) addShort(mc *scenarios.MonteCarlo, st engine.Stage, s int) {
	for y := mc.First; y <= mc.Last; y++ {
		b.Short = append(b.Short, ShortRow{Stage: st.String(), School: mc.Schools[s].ID, Name: mc.Schools[s].Name, Year: y, PShort: mc.PShort(st, s, y)})
	}
}

// WriteBandsCSV writes bands.csv: per stage, year and district the
// entrants and unplaced in the low, mid and high bands.
func WriteBandsCSV(w io.Writer, b *Bands) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"scenario", "stage", "year", "district", "entrants_low", "entrants_mid", "entrants_high", "unplaced_low", "unplaced_mid", "unplaced_high"})
	for _, r := range b.Bands {
		rec := []string{b.Scenario, r.Stage, itoa(int(r.Year)), r.District}
		for _, v := range r.Entrants {
			rec = append(rec, itoa(v))
		}
		for _, v := range r.Unplaced {
			rec = append(rec, itoa(v))
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// WriteShortfallCSV writes shortfall_probability.csv: per stage, school
// short in some draw and year, the share of draws it is short.
func WriteShortfallCSV(w io.Writer, b *Bands) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"scenario", "stage", "school", "name", "year", "p_short"})
	for _, r := range b.Short {
		_ = cw.Write([]string{b.Scenario, r.Stage, r.School, r.Name, itoa(int(r.Year)), ftoa(r.PShort, 3)})
	}
	cw.Flush()
	return cw.Error()
}

// WriteBandsJSON writes b as indented JSON.
func WriteBandsJSON(w io.Writer, b *Bands) error {
	return writeJSON(w, b)
}

// WriteBandsTable prints per stage the entrants and unplaced by year and
// district in the three bands and, with a Monte-Carlo, the quantiles of
// unplaced entrants and the schools' probabilities of a shortfall.
func WriteBandsTable(w io.Writer, b *Bands) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, st := range b.sc.City.Stages() {
		b.writeBandRows(tw, st)
		if b.Draws == 0 {
			continue
		}
		b.writeQuantiles(tw, st)
		b.writeShortfalls(tw, st)
	}
	return tw.Flush()
}

// writeBandRows prints stage st's rows of the three bands.
func (b *Bands) writeBandRows(tw io.Writer, st engine.Stage) {
	sc := b.sc
	fmt.Fprintf(tw, "%s — %s (%s), %d–%d: %s forecast, low / mid / high bands\n", b.Scenario, st, sc.City.Name, sc.First, sc.Last, b.Method)
	fmt.Fprintln(tw, "year\tdistrict\tentrants\tunplaced\t name")
	for _, r := range b.Bands {
		if r.Stage == st.String() {
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t %s\n", r.Year, r.District, triple(r.Entrants), triple(r.Unplaced), r.Name)
		}
	}
	fmt.Fprintln(tw)
}

// writeQuantiles prints stage st's quantiles of unplaced entrants.
func (b *Bands) writeQuantiles(tw io.Writer, st engine.Stage) {
	fmt.Fprintf(tw, "%s — %s: Monte-Carlo over births and housing yields, %d draws, seed %d: unplaced entrants\n", b.Scenario, st, b.Draws, b.Seed)
	fmt.Fprintln(tw, "year\tp5\tmedian\tp95\t")
	for _, q := range b.Unplaced {
		if q.Stage == st.String() {
			fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t\n", q.Year, q.P5, q.P50, q.P95)
		}
	}
	fmt.Fprintln(tw)
}

// writeShortfalls prints stage st's schools short in some draw, with the
// percentage of draws they are short in each year.
func (b *Bands) writeShortfalls(tw io.Writer, st engine.Stage) {
	sc := b.sc
	line := "school\t"
	for y := sc.First; y <= sc.Last; y++ {
		line += strconv.Itoa(int(y)) + "\t"
	}
	fmt.Fprintf(tw, "%s — %s: probability (%%) that a school's catchment has entrants left unplaced (schools short in some draw)\n", b.Scenario, st)
	fmt.Fprintln(tw, line+" name")
	years := int(sc.Last-sc.First) + 1
	n := 0
	for i := 0; i < len(b.Short); i += years {
		if b.Short[i].Stage != st.String() {
			continue
		}
		line := b.Short[i].School + "\t"
		for k := 0; k < years; k++ {
			line += ftoa(100*b.Short[i+k].PShort, 0) + "\t"
		}
		fmt.Fprintln(tw, line+" "+b.Short[i].Name)
		n++
	}
	if n == 0 {
		fmt.Fprintln(tw, "(none)")
	}
	fmt.Fprintln(tw)
}

// triple writes low / mid / high, or one number when they agree.
func triple(v [3]int) string {
	if v[0] == v[1] && v[1] == v[2] {
		return itoa(v[1])
	}
	return fmt.Sprintf("%d / %d / %d", v[0], v[1], v[2])
}
