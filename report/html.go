package report

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The HTML report is one self-contained file: the page, its style, its
// script, Leaflet (vendored in assets/leaflet, BSD-2-Clause) and the data
// are all inlined, so it opens from disk with no server and no network.
// There is no tile layer: the map draws the city's own GeoJSON on a plain
// background. A Content-Security-Policy in the page allows only its own
// inline scripts (by hash) and no network requests at all.
//
// Text from input data (city, district, school and scenario names) reaches
// the page only through html/template (escaped) or as JSON (json.Marshal
// escapes <, > and &) that the script writes with textContent, never as
// markup.

//go:embed assets/leaflet/leaflet.js assets/leaflet/leaflet.css assets/leaflet/LICENSE
//go:embed assets/report.js assets/report.css assets/errors.js assets/report.html.tmpl
var assets embed.FS

// HTMLOptions tune the HTML report; nil means defaults.
type HTMLOptions struct {
	// Title of the page; "": "schoolplan report — CITY".
	Title string
	// Attribution is shown in the footer (e.g. the city data's licence).
	Attribution string
	// Metrics sets the thresholds of the indicators; nil means defaults.
	Metrics *metrics.Options
	// RasterCells is the size of the grid catchment outlines are traced
	// on; 0: 60,000 cells (coarser than the GeoJSON layers, to keep the
	// page small).
	RasterCells int
	// Simplify is the Douglas–Peucker tolerance of the outlines in grid
	// cells; 0: 1.
	Simplify float64
	// Lang is the language of the labels; "": DefaultLang of the first
	// result's city.
	Lang Lang
	// Tiles is a base map's tile URL template with {z}, {x} and {y} (and
	// optionally {s}), such as a 天地图 URL with the user's key; "": no
	// base map, and the page makes no network request at all.
	Tiles string
	// TilesCRS is the datum of the tiles: TilesWGS84 (the zero value) or
	// TilesGCJ02 (AMap, Tencent, …); the layers are shifted to match.
	TilesCRS TilesCRS
}

func (o *HTMLOptions) metrics() *metrics.Options {
	if o == nil {
		return nil
	}
	return o.Metrics
}

func (o *HTMLOptions) rasterCells() int {
	if o == nil || o.RasterCells <= 0 {
		return 60_000
	}
	return o.RasterCells
}

func (o *HTMLOptions) simplify() float64 {
	if o == nil || o.Simplify <= 0 {
		return 1
	}
	return o.Simplify
}

func (o *HTMLOptions) title(results []*scenarios.Result) string {
	if o != nil && o.Title != "" {
		return o.Title
	}
	return o.lang(results).Label("html_title") + " — " + results[0].City.Name
}

// ErrNoResults is returned by the writers when given no results.
var ErrNoResults = errors.New("report: no results")

// Chart colours, one per scenario in order (repeating).
var scenarioColors = []string{"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"}

func scenarioColor(k int) string { return scenarioColors[k%len(scenarioColors)] }

// page is what the template renders.
type page struct {
	Lang        string
	L           map[string]string // labels in Lang
	Tiles       *htmlTiles
	Title       string
	Subtitle    string
	CSP         string
	First       int
	Last        int
	Stages      []string
	Scenarios   []legendEntry
	Charts      []chartStage
	UnitKinds   []string // "group", "zone": a section each, when schools belong to some
	Costs       []htmlCosts
	Attribution string
	ErrorsJS    template.JS
	LeafletJS   template.JS
	ReportJS    template.JS
	Data        template.JS
	LeafletCSS  template.CSS
	ReportCSS   template.CSS
}

type legendEntry struct {
	Name, Color string
}

// WriteHTML writes the self-contained HTML report of the results (at least
// one; the first is the base of comparisons).
func WriteHTML(w io.Writer, opts *HTMLOptions, results ...*scenarios.Result) error {
	if len(results) == 0 {
		return ErrNoResults
	}
	imgSrc, err := imageSource(opts)
	if err != nil {
		return err
	}
	data, err := newHTMLData(opts, results)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	if err := enc.Encode(data); err != nil {
		return err
	}
	cmp, err := scenarios.Compare(results, &scenarios.CompareOptions{Metrics: opts.metrics()})
	if err != nil {
		return err
	}
	files, err := readAssets()
	if err != nil {
		return err
	}
	leaflet := stripSourceMap(files[1])
	p := page{
		Lang:        string(data.Lang),
		L:           data.Labels,
		Tiles:       data.Tiles,
		Title:       data.Title,
		First:       data.First,
		Last:        data.Last,
		Stages:      data.Stages,
		Attribution: opts.attribution(),
		ErrorsJS:    template.JS(files[0]),
		LeafletJS:   template.JS(leaflet),
		ReportJS:    template.JS(files[2]),
		Data:        template.JS(strings.TrimRight(buf.String(), "\n")),
		LeafletCSS:  template.CSS(files[3]),
		ReportCSS:   template.CSS(files[4]),
	}
	var names []string
	for k, r := range results {
		p.Scenarios = append(p.Scenarios, legendEntry{r.Scenario.Name, scenarioColor(k)})
		names = append(names, r.Scenario.Name)
	}
	p.Subtitle = fmt.Sprintf("%s · %d–%d · %s", results[0].City.Name, data.First, data.Last, strings.Join(names, " · "))
	p.CSP = contentSecurityPolicy(imgSrc, files[0], leaflet, files[2])
	p.Charts = shortfallCharts(cmp, results[0].City.Name, data.Lang)
	p.UnitKinds = pageUnitKinds(results)
	p.Costs = pageCosts(results, data.Lang)
	t, err := template.New("report").Parse(files[5])
	if err != nil {
		return err
	}
	return t.Execute(w, &p)
}

// pageUnitKinds are the kinds of unit (group, zone) some school of some
// run belongs to, in unitKinds' order: the page has a section for each.
func pageUnitKinds(results []*scenarios.Result) []string {
	var out []string
	for _, u := range unitKinds {
		for _, r := range results {
			if slices.ContainsFunc(r.Schools, func(s engine.School) bool { return u.key(&s) != "" }) {
				out = append(out, u.kind)
				break
			}
		}
	}
	return out
}

// imageSource is the tile server the page may load images from, with a
// leading space for the Content-Security-Policy, or "" without tiles.
func imageSource(opts *HTMLOptions) (string, error) {
	t := opts.tiles()
	if t == nil {
		return "", nil
	}
	src, err := tileSource(t.URL)
	if err != nil {
		return "", err
	}
	return " " + src, nil
}

// readAssets reads the page's scripts, styles, template and Leaflet's
// licence, in that order: errors.js, leaflet.js, report.js, leaflet.css,
// report.css, report.html.tmpl, LICENSE.
func readAssets() ([7]string, error) {
	var files [7]string
	for i, name := range []string{"errors.js", "leaflet/leaflet.js", "report.js", "leaflet/leaflet.css", "report.css", "report.html.tmpl", "leaflet/LICENSE"} {
		b, err := assets.ReadFile("assets/" + name)
		if err != nil {
			return files, err
		}
		files[i] = string(b)
	}
	return files, nil
}

func (o *HTMLOptions) attribution() string {
	if o == nil {
		return ""
	}
	return o.Attribution
}

// stripSourceMap drops the source-map comment, which would point to a file
// the report does not carry.
func stripSourceMap(js string) string {
	if i := strings.LastIndex(js, "\n//# sourceMappingURL="); i >= 0 {
		return js[:i+1]
	}
	return js
}

// contentSecurityPolicy allows the page's own inline scripts (by hash) and
// styles, images from imgSrc (the base map's tile server, "" for none) and
// nothing from anywhere else.
func contentSecurityPolicy(imgSrc string, scripts ...string) string {
	var b strings.Builder
	b.WriteString("default-src 'none'; script-src")
	for _, s := range scripts {
		sum := sha256.Sum256([]byte(s))
		b.WriteString(" 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'")
	}
	b.WriteString("; style-src 'unsafe-inline'; img-src data:" + imgSrc + "; base-uri 'none'; form-action 'none'")
	return b.String()
}

// Charts: one small multiple per district (and the city) and stage, with
// one line per scenario of unplaced children by year.

type chartStage struct {
	Stage  string
	Charts []chart
}

type chart struct {
	// Title is the chart's title, cut to fit; FullTitle is the whole,
	// shown on hover.
	Title, FullTitle string
	// XAxis and YAxis are the axis titles.
	XAxis, YAxis string
	W, H         int
	Top          string
	Bottom       string
	X0, DX       string // x of the first year and per year, for the year marker
	Lines        []chartLine
	YTicks       []chartTick
	XTicks       []chartTick
	Note         string
}

type chartLine struct {
	Name, Color, Points, Width string
}

type chartTick struct {
	X, Y, X2 string
	Label    string
}

const (
	chartW, chartH                   = 300, 166
	chartLeft, chartRight            = 46, 16
	chartTop, chartBottom            = 24, 38
	chartTitleWidth                  = 46 // columns of a chart title at 12 px (a Chinese character takes two)
	chartPlotW, chartPlotH           = chartW - chartLeft - chartRight, chartH - chartTop - chartBottom
	chartXOrigin, chartYOrigin       = chartLeft, chartH - chartBottom
	chartTickLen               int64 = 4
)

func fmtf(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

func shortfallCharts(cmp *scenarios.Comparison, cityName string, lang Lang) []chartStage {
	var out []chartStage
	years := int(cmp.Last-cmp.First) + 1
	dx := 0.0
	if years > 1 {
		dx = float64(chartPlotW) / float64(years-1)
	}
	for st := range cmp.Stages {
		sc := &cmp.Stages[st]
		if len(sc.Years) == 0 {
			continue // a stage no scenario runs
		}
		cs := chartStage{Stage: lang.stage(engine.Stage(st))}
		series := func(get func(yc *scenarios.YearComparison) []scenarios.Figures) [][]*int {
			s := make([][]*int, len(cmp.Scenarios))
			for k := range s {
				s[k] = make([]*int, years)
			}
			for yi := range sc.Years {
				for k, f := range get(&sc.Years[yi]) {
					if f.Present {
						v := f.Unplaced
						s[k][yi] = &v
					}
				}
			}
			return s
		}
		cs.Charts = append(cs.Charts, makeChart(cityName+" — "+lang.Label("total"), lang, series(func(yc *scenarios.YearComparison) []scenarios.Figures { return yc.City }), cmp, dx))
		for j := range cmp.Districts {
			d := &cmp.Districts[j]
			title := d.Name
			if title == "" {
				title = d.ID
			}
			cs.Charts = append(cs.Charts, makeChart(title, lang, series(func(yc *scenarios.YearComparison) []scenarios.Figures { return yc.Districts[j] }), cmp, dx))
		}
		out = append(out, cs)
	}
	return out
}

func makeChart(title string, lang Lang, series [][]*int, cmp *scenarios.Comparison, dx float64) chart {
	c := chart{Title: fitText(title, chartTitleWidth), FullTitle: title + ": " + lang.Label("html_unplaced_by"), W: chartW, H: chartH, Top: fmtf(chartTop), Bottom: fmtf(chartYOrigin),
		X0: fmtf(chartXOrigin), DX: strconv.FormatFloat(dx, 'f', 4, 64),
		XAxis: lang.Label("html_axis_year"), YAxis: lang.Label("html_axis_unplaced")}
	top := seriesMax(series)
	ymax := niceCeil(top)
	if top == 0 {
		c.Note = lang.Label("html_no_shortfall")
	}
	y := func(v int) float64 { return chartYOrigin - float64(v)/float64(ymax)*chartPlotH }
	for _, v := range []int{0, ymax / 2, ymax} {
		c.YTicks = append(c.YTicks, chartTick{X: fmtf(chartXOrigin - float64(chartTickLen)), X2: fmtf(chartW - chartRight), Y: fmtf(y(v)), Label: strconv.Itoa(v)})
	}
	years := int(cmp.Last-cmp.First) + 1
	for _, yi := range uniqueInts(0, years/2, years-1) {
		c.XTicks = append(c.XTicks, chartTick{X: fmtf(chartXOrigin + float64(yi)*dx), Label: strconv.Itoa(int(cmp.First) + yi)})
	}
	for k, s := range series {
		// The first scenario is drawn widest, so that it shows under
		// scenarios that match it.
		width := "2"
		if k == 0 && len(series) > 1 {
			width = "4"
		}
		c.Lines = append(c.Lines, chartLine{Name: cmp.Scenarios[k], Color: scenarioColor(k), Points: linePoints(s, dx, y), Width: width})
	}
	return c
}

// seriesMax is the largest value of the series, 0 when none.
func seriesMax(series [][]*int) int {
	top := 0
	for _, s := range series {
		for _, v := range s {
			if v != nil {
				top = max(top, *v)
			}
		}
	}
	return top
}

// linePoints are the SVG points of a series, yi at dx apart from the
// origin, skipping the years of no value.
func linePoints(s []*int, dx float64, y func(int) float64) string {
	var pts []string
	for yi, v := range s {
		if v != nil {
			pts = append(pts, fmtf(chartXOrigin+float64(yi)*dx)+","+fmtf(y(*v)))
		}
	}
	return strings.Join(pts, " ")
}

// fitText cuts s to at most cols display columns, ending in "…" when
// cut.
func fitText(s string, cols int) string {
	if displayWidth(s) <= cols {
		return s
	}
	n := 0
	for i, r := range s {
		w := displayWidth(string(r))
		if n+w > cols-1 {
			return s[:i] + "…"
		}
		n += w
	}
	return s
}

func uniqueInts(vs ...int) []int {
	var out []int
	for _, v := range vs {
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten (at least 10), so
// that the half tick is a whole number too.
func niceCeil(v int) int {
	if v <= 10 {
		return 10
	}
	p := math.Pow(10, math.Floor(math.Log10(float64(v))))
	for _, m := range []float64{1, 2, 5, 10} {
		if c := m * p; c >= float64(v) {
			return int(c)
		}
	}
	return int(10 * p)
}
