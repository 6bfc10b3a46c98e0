package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/scenarios"
)

// bandRow is one stage, year and district (or the total) in the three
// forecast bands.
type bandRow struct {
	Stage    string      `json:"stage"`
	Year     engine.Year `json:"year"`
	District string      `json:"district"`
	Name     string      `json:"name,omitempty"`
	Entrants [3]int      `json:"entrants"` // low, mid, high
	Unplaced [3]int      `json:"unplaced"`
}

// shortRow is one school's probability of a shortfall in one year.
type shortRow struct {
	Stage  string      `json:"stage"`
	School string      `json:"school"`
	Name   string      `json:"name"`
	Year   engine.Year `json:"year"`
	PShort float64     `json:"p_short"`
}

type quantileRow struct {
	Stage string      `json:"stage"`
	Year  engine.Year `json:"year"`
	P5    int         `json:"p5"`
	P50   int         `json:"p50"`
	P95   int         `json:"p95"`
}

type bandsReport struct {
	Scenario string        `json:"scenario"`
	Method   string        `json:"method"`
	Bands    []bandRow     `json:"bands"`
	Draws    int           `json:"draws,omitempty"`
	Seed     uint64        `json:"seed,omitempty"`
	Unplaced []quantileRow `json:"monte_carlo_unplaced,omitempty"`
	Short    []shortRow    `json:"monte_carlo_short,omitempty"`
}

// runSimulateBands runs sc in the low, mid and high forecast bands (and,
// with draws, a seeded Monte-Carlo) and reports the shortfall ranges.
// --out gets the mid band's tables and maps plus bands.csv (and
// shortfall_probability.csv).
func runSimulateBands(ctx context.Context, g *globals, opts simulateOptions, sc *scenarios.Scenario) error {
	if !opts.Quiet {
		fmt.Fprintf(g.stderr, "%s: running the low, mid and high forecast bands\n", sc.Name)
	}
	rs, err := scenarios.RunBands(ctx, sc, nil)
	if err != nil {
		return err
	}
	rep := &bandsReport{Scenario: sc.Name, Method: forecast.Table.String()}
	if sc.Forecast != nil {
		rep.Method = sc.Forecast.Method.String()
	}
	c := sc.City
	for _, st := range c.Stages() {
		for k := range rs[1].Stages[st].Years {
			y := rs[1].Stages[st].Years[k].Year
			for di := 0; di <= len(c.Districts); di++ {
				row := bandRow{Stage: st.String(), Year: y, District: "total"}
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
				rep.Bands = append(rep.Bands, row)
			}
		}
	}
	if opts.Draws > 0 {
		seed := sc.Policy.Seed
		if opts.SeedSet {
			seed = opts.Seed
		}
		mo := &scenarios.MonteCarloOptions{Draws: opts.Draws, Seed: seed}
		if !opts.Quiet {
			fmt.Fprintf(g.stderr, "%s: Monte-Carlo, %d draws, seed %d\n", sc.Name, opts.Draws, seed)
		}
		bar := newProgress(g.stderr, !opts.Quiet && isTerminal(g.stderr), opts.Draws, sc.Name+": draws")
		mo.Progress = func(done, _ int) { bar.set(done) }
		mc, err := scenarios.RunMonteCarlo(ctx, sc, mo)
		bar.done()
		if err != nil {
			return err
		}
		rep.Draws, rep.Seed = mc.Draws, mc.Seed
		for _, st := range c.Stages() {
			for y := mc.First; y <= mc.Last; y++ {
				rep.Unplaced = append(rep.Unplaced, quantileRow{Stage: st.String(), Year: y,
					P5: mc.Quantile(st, y, 0.05), P50: mc.Quantile(st, y, 0.5), P95: mc.Quantile(st, y, 0.95)})
			}
			for s := range mc.Schools {
				any := false
				for y := mc.First; y <= mc.Last; y++ {
					any = any || mc.PShort(st, s, y) > 0
				}
				if !any {
					continue
				}
				for y := mc.First; y <= mc.Last; y++ {
					rep.Short = append(rep.Short, shortRow{Stage: st.String(), School: mc.Schools[s].ID, Name: mc.Schools[s].Name, Year: y, PShort: mc.PShort(st, s, y)})
				}
			}
		}
	}
	if opts.Out != "" {
		if err := os.MkdirAll(opts.Out, 0o755); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(opts.Out, "bands.csv"), func(w io.Writer) error { return writeBandsCSV(w, rep) }); err != nil {
			return err
		}
		if rep.Draws > 0 {
			if err := writeFile(filepath.Join(opts.Out, "shortfall_probability.csv"), func(w io.Writer) error { return writeShortCSV(w, rep) }); err != nil {
				return err
			}
		}
	}
	// The mid band's tables, map layers and workbook.
	if err := writeOutputs(g, opts.Out, opts.Output, opts.Quiet, nil, rs[1]); err != nil {
		return err
	}
	switch opts.Format {
	case "csv":
		return writeBandsCSV(g.stdout, rep)
	case "json":
		enc := json.NewEncoder(g.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return writeBandsTable(g.stdout, rep, sc)
}

func writeBandsCSV(w io.Writer, rep *bandsReport) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"scenario", "stage", "year", "district", "entrants_low", "entrants_mid", "entrants_high", "unplaced_low", "unplaced_mid", "unplaced_high"})
	for _, r := range rep.Bands {
		rec := []string{rep.Scenario, r.Stage, strconv.Itoa(int(r.Year)), r.District}
		for _, v := range r.Entrants {
			rec = append(rec, strconv.Itoa(v))
		}
		for _, v := range r.Unplaced {
			rec = append(rec, strconv.Itoa(v))
		}
		_ = cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

func writeShortCSV(w io.Writer, rep *bandsReport) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"scenario", "stage", "school", "name", "year", "p_short"})
	for _, r := range rep.Short {
		_ = cw.Write([]string{rep.Scenario, r.Stage, r.School, r.Name, strconv.Itoa(int(r.Year)), strconv.FormatFloat(r.PShort, 'f', 3, 64)})
	}
	cw.Flush()
	return cw.Error()
}

func writeBandsTable(w io.Writer, rep *bandsReport, sc *scenarios.Scenario) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, st := range sc.City.Stages() {
		fmt.Fprintf(tw, "%s — %s (%s), %d–%d: %s forecast, low / mid / high bands\n", rep.Scenario, st, sc.City.Name, sc.First, sc.Last, rep.Method)
		fmt.Fprintln(tw, "year\tdistrict\tentrants\tunplaced\t name")
		for _, r := range rep.Bands {
			if r.Stage != st.String() {
				continue
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t %s\n", r.Year, r.District, triple(r.Entrants), triple(r.Unplaced), r.Name)
		}
		fmt.Fprintln(tw)
		if rep.Draws == 0 {
			continue
		}
		fmt.Fprintf(tw, "%s — %s: Monte-Carlo over births and housing yields, %d draws, seed %d: unplaced entrants\n", rep.Scenario, st, rep.Draws, rep.Seed)
		fmt.Fprintln(tw, "year\tp5\tmedian\tp95\t")
		for _, q := range rep.Unplaced {
			if q.Stage == st.String() {
				fmt.Fprintf(tw, "%d\t%d\t%d\t%d\t\n", q.Year, q.P5, q.P50, q.P95)
			}
		}
		fmt.Fprintln(tw)
		line := "school\t"
		for y := sc.First; y <= sc.Last; y++ {
			line += strconv.Itoa(int(y)) + "\t"
		}
		fmt.Fprintf(tw, "%s — %s: probability (%%) that a school's catchment has entrants left unplaced (schools short in some draw)\n", rep.Scenario, st)
		fmt.Fprintln(tw, line+" name")
		years := int(sc.Last-sc.First) + 1
		n := 0
		for i := 0; i < len(rep.Short); i += years {
			if rep.Short[i].Stage != st.String() {
				continue
			}
			line := rep.Short[i].School + "\t"
			for k := 0; k < years; k++ {
				line += strconv.FormatFloat(100*rep.Short[i+k].PShort, 'f', 0, 64) + "\t"
			}
			fmt.Fprintln(tw, line+" "+rep.Short[i].Name)
			n++
		}
		if n == 0 {
			fmt.Fprintln(tw, "(none)")
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// triple writes low / mid / high, or one number when they agree.
func triple(v [3]int) string {
	if v[0] == v[1] && v[1] == v[2] {
		return strconv.Itoa(v[1])
	}
	return fmt.Sprintf("%d / %d / %d", v[0], v[1], v[2])
}
