package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

type reportOptions struct {
	Output string // the HTML file; "-" for stdout
	Title  string // page title; "" for the default
	Quiet  bool   // no progress on stderr
	Lang   string // --lang: zh or en; "": the first city's default
	// Tiles is a base map's tile URL ("": none, offline); TilesCRS its
	// datum, wgs84 or gcj02.
	Tiles, TilesCRS string
	Limits          []string // --limit: indicator limits over the policies'
}

func newReportCommand(g *globals) *cobra.Command {
	var opts reportOptions
	cmd := &cobra.Command{
		Use:   "report [SCENARIO.yaml...]",
		Short: "Write one self-contained HTML report: map, year slider, scenario switch, charts and indicators",
		Long: `Report runs each scenario and writes one HTML file that opens offline, with no
server and no network: a map of districts, schools (sized by seats, coloured by
their catchment's entrants against entry seats, over 100% in reds),
residential areas (coloured by unplaced children) and catchment outlines; a
year slider and a scenario and stage switch; charts of unplaced
children by year per stage and district; and the 优质均衡 indicator table.
It opens on the first scenario's worst stage and year. With no argument it
reports the built-in demo's baseline and new-school scenarios.

--tiles URL draws a base map under the layers from a tile server (a URL with
{z}, {x}, {y} and optionally {s}, such as a 天地图 URL with your key); the page
then loads images from that host only. --tiles-crs says whether the tiles are
in WGS 84 (default; OpenStreetMap, 天地图) or GCJ-02 (AMap, Tencent), and the
layers are shifted to match; the legend says which.

Flags may also be set as SCHOOLPLAN_OUTPUT, SCHOOLPLAN_TITLE, SCHOOLPLAN_QUIET.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			g.bind(cmd.Flags(), "output", "title", "quiet")
			opts.Output, opts.Title, opts.Quiet = g.v.GetString("output"), g.v.GetString("title"), g.v.GetBool("quiet")
			opts.Lang = g.v.GetString("lang")
			return runReport(cmd.Context(), opts, args, g.stdout, g.stderr)
		},
	}
	f := cmd.Flags()
	f.StringP("output", "o", "report.html", "the HTML file to write (- for stdout)")
	f.String("title", "", "page title (default: schoolplan report — CITY)")
	f.BoolP("quiet", "q", false, "print no progress on stderr")
	f.StringVar(&opts.Tiles, "tiles", "", "base map tile URL with {z}, {x}, {y} (default: none, the report stays offline)")
	f.StringVar(&opts.TilesCRS, "tiles-crs", "wgs84", "datum of the --tiles tiles: wgs84 or gcj02")
	addLimitFlag(f, &opts.Limits)
	return cmd
}

// runReport runs the scenarios args (none: the demo's baseline and
// new-school) and writes their HTML report to opts.Output ("-": stdout).
func runReport(ctx context.Context, opts reportOptions, args []string, stdout, stderr io.Writer) error {
	if opts.Output == "" {
		return usageError{errors.New("--output: want a file name (or - for stdout)")}
	}
	tcrs, err := report.ParseTilesCRS(opts.TilesCRS)
	if err != nil {
		return usageError{fmt.Errorf("--tiles-crs: %w", err)}
	}
	scs, results, err := runReportScenarios(ctx, opts, args, stderr)
	if err != nil {
		return err
	}
	lang, err := labelLang(opts.Lang, results[0].City)
	if err != nil {
		return err
	}
	ho := &report.HTMLOptions{Title: opts.Title, Attribution: attributions(scs, len(args) == 0),
		Lang: lang, Tiles: opts.Tiles, TilesCRS: tcrs}
	write := func(w io.Writer) error { return report.WriteHTML(w, ho, results...) }
	if opts.Output == "-" {
		return write(stdout)
	}
	if err := report.WriteFile(opts.Output, write); err != nil {
		return err
	}
	say(stderr, opts.Quiet, nil, opts.Output)
	return nil
}

// runReportScenarios loads the scenarios args under --limit and runs them,
// with progress on a terminal and the runs' warnings on stderr.
func runReportScenarios(ctx context.Context, opts reportOptions, args []string, stderr io.Writer) ([]*scenarios.Scenario, []*scenarios.Result, error) {
	bar := !opts.Quiet && isTerminal(stderr)
	var scs []*scenarios.Scenario
	err := loading(stderr, bar, "loading scenarios", func(progress func(done, total int64)) (err error) {
		scs, err = loadScenarios(args, progress)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if err := applyLimits(opts.Limits, scs...); err != nil {
		return nil, nil, err
	}
	results, err := runAll(ctx, scs, bar, stderr)
	if err != nil {
		return nil, nil, err
	}
	return scs, results, writeRunWarnings(stderr, opts.Lang, results...)
}

// attributions returns the attribution lines of the scenarios' city.yaml
// files, each once, joined.
func attributions(scs []*scenarios.Scenario, fromDemo bool) string {
	var out []string
	for _, sc := range scs {
		var data []byte
		var err error
		if fromDemo {
			data, err = fs.ReadFile(demo.FS, path.Join(sc.CityDir, engine.CityFile))
		} else {
			data, err = os.ReadFile(filepath.Join(sc.CityDir, engine.CityFile))
		}
		if err != nil {
			continue // city.yaml is optional
		}
		var cfg engine.CityConfig
		if yaml.NewDecoder(bytes.NewReader(data)).Decode(&cfg) != nil {
			continue
		}
		if a := strings.TrimSpace(cfg.Attribution); a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return strings.Join(out, " · ")
}
