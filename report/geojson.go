package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Map layers. WriteLayers writes, per stage, four GeoJSON layers for QGIS
// or ArcGIS, in lon/lat of the city's LonLatCRS (its own CRS, WGS84 or
// GCJ-02, as its files are; WGS84 for a city in a projected CRS):
//
//	districts_STAGE.geojson   districts with their totals by year
//	schools_STAGE.geojson     schools with seats, pupils, utilisation, shortfall and classes by year
//	areas_STAGE.geojson       residential areas with entrants, unplaced, school and distance by year
//	catchments_STAGE.geojson  one outline per school and span of years with the same catchments
//
// Values by year are properties named FIELD_YEAR (utilisation_all_grades_2030); a
// year in which a school is not open has none. The layers of a run that
// walked the roads have distance, and its areas walk_min by year
// (layers_walk.go). Coordinates have 6 decimals
// (about 0.1 m), properties are sorted by name, features come in the
// city's order: the same run gives the same bytes.

// LayerFiles lists the layers WriteLayers writes for each stage, in order.
var LayerFiles = []string{"districts", "schools", "areas", "catchments"}

// LayerOptions tune the map layers; nil means defaults.
type LayerOptions struct {
	// RasterCells is the size of the grid the catchment outlines are
	// traced on (see geojson_outline.go); 0: 250,000 cells.
	RasterCells int
	// Simplify is the Douglas–Peucker tolerance of the outlines in grid
	// cells; 0: 0.5.
	Simplify float64
	// Metrics sets the thresholds of the indicators; nil means defaults.
	Metrics *metrics.Options
	// Layers lists the layers to write, of LayerFiles; nil means all.
	Layers []string
	// Formats gives the file format of a layer by name; a layer not in it
	// is GeoJSON.
	Formats map[string]LayerFormat
}

// LayerFormat is the file format of a map layer.
type LayerFormat string

// Layer formats.
const (
	// GeoJSON (RFC 7946), LAYER_STAGE.geojson: text, read by everything;
	// about 1.3 KB an area with 11 years of figures.
	GeoJSON LayerFormat = "geojson"
	// FlatGeobuf, LAYER_STAGE.fgb: binary, streamed, typed columns; read
	// by GDAL (QGIS, ogr2ogr), DuckDB spatial and geopandas.
	FlatGeobuf LayerFormat = "fgb"
)

// Ext is the file name extension of the format, with its dot.
func (f LayerFormat) Ext() string {
	if f == FlatGeobuf {
		return ".fgb"
	}
	return ".geojson"
}

func (o *LayerOptions) layers() []string {
	if o == nil || o.Layers == nil {
		return LayerFiles
	}
	return o.Layers
}

func (o *LayerOptions) format(layer string) LayerFormat {
	if o == nil || o.Formats[layer] == "" {
		return GeoJSON
	}
	return o.Formats[layer]
}

func (o *LayerOptions) rasterCells() int {
	if o == nil || o.RasterCells <= 0 {
		return 250_000
	}
	return o.RasterCells
}

func (o *LayerOptions) simplify() float64 {
	if o == nil || o.Simplify <= 0 {
		return 0.5
	}
	return o.Simplify
}

// WriteLayers writes the map layers of the results under dir: for one
// result in dir itself, for several in dir/SCENARIO/ (the scenario's name
// made safe for a file name). It creates the folders it needs.
func WriteLayers(dir string, opts *LayerOptions, results ...*scenarios.Result) error {
	for _, layer := range opts.layers() {
		if !slices.Contains(LayerFiles, layer) {
			return fmt.Errorf("unknown map layer %q (want one of %s)", layer, strings.Join(LayerFiles, ", "))
		}
	}
	names := LayerDirs(results)
	rasters := map[*engine.City]*areaRaster{}
	for k, r := range results {
		sub := dir
		if len(results) > 1 {
			sub = filepath.Join(dir, names[k])
		}
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		if err := newLayers(r, cityRaster(rasters, r.City, opts), opts).writeStages(sub); err != nil {
			return err
		}
	}
	return nil
}

// cityRaster is the area raster of city c, made once per city and only for
// catchment outlines (nil without them).
func cityRaster(rasters map[*engine.City]*areaRaster, c *engine.City, opts *LayerOptions) *areaRaster {
	ra := rasters[c]
	if ra == nil && slices.Contains(opts.layers(), "catchments") {
		ra = newAreaRaster(c, opts.rasterCells())
		rasters[c] = ra
	}
	return ra
}

// writeStages writes every layer of every stage to dir. The stages' files
// are written side by side: each is streamed and reads the result only, so
// two cores halve the wall time of a large city's layers.
func (l *layers) writeStages(dir string) error {
	stages := l.r.City.Stages()
	errs := make([]error, len(stages))
	var wg sync.WaitGroup
	for k, st := range stages {
		wg.Go(func() {
			for _, layer := range l.opts.layers() {
				if errs[k] = l.writeFile(dir, layer, st); errs[k] != nil {
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// writeFile writes one layer to its file in dir.
func (l *layers) writeFile(dir, layer string, st engine.Stage) error {
	format := l.opts.format(layer)
	name := filepath.Join(dir, layer+"_"+st.String()+format.Ext())
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if format == FlatGeobuf {
		err = l.writeFGB(f, layer, st)
	} else {
		err = l.write(f, layer, st)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// LayerDirs returns the folder name of each result's layers when
// WriteLayers writes several: its scenario name with characters other than
// letters, digits, '-', '_' and '.' replaced by '_', made unique by a
// numeric suffix.
func LayerDirs(results []*scenarios.Result) []string {
	seen := map[string]bool{}
	out := make([]string, len(results))
	for k, r := range results {
		base := fileSafe(r.Scenario.Name)
		name := base
		for i := 2; seen[name]; i++ {
			name = base + "-" + strconv.Itoa(i)
		}
		seen[name] = true
		out[k] = name
	}
	return out
}

// fileSafe is name with characters other than letters, digits, '-', '_'
// and '.' replaced by '_'; "scenario" when that leaves no name.
func fileSafe(name string) string {
	base := strings.Map(func(c rune) rune {
		switch {
		case c == '-' || c == '_' || c == '.',
			'0' <= c && c <= '9', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c > 127 && c != 0xFFFD:
			return c
		}
		return '_'
	}, name)
	if base == "" || strings.Trim(base, ".") == "" {
		return "scenario"
	}
	return base
}

// WriteLayer writes one layer (one of LayerFiles) of one stage of r to w,
// in the layer's format of opts.
func WriteLayer(w io.Writer, r *scenarios.Result, layer string, st engine.Stage, opts *LayerOptions) error {
	if !slices.Contains(LayerFiles, layer) {
		return fmt.Errorf("report: unknown layer %q (want one of %v)", layer, LayerFiles)
	}
	var ra *areaRaster
	if layer == "catchments" {
		ra = newAreaRaster(r.City, opts.rasterCells())
	}
	l := newLayers(r, ra, opts)
	if opts.format(layer) == FlatGeobuf {
		return l.writeFGB(w, layer, st)
	}
	return l.write(w, layer, st)
}

// layers builds the features of one result.
type layers struct {
	r    *scenarios.Result
	ra   *areaRaster
	opts *LayerOptions
	ind  *metrics.Indicators
	prec int // decimals of coordinates
}

func newLayers(r *scenarios.Result, ra *areaRaster, opts *LayerOptions) *layers {
	var mo *metrics.Options
	if opts != nil {
		mo = opts.Metrics
	}
	return &layers{r: r, ra: ra, opts: opts, ind: r.Indicators(mo), prec: 6}
}

// feature is a GeoJSON feature; json.Marshal sorts the property keys.
type feature struct {
	Type       string         `json:"type"`
	Properties map[string]any `json:"properties"`
	Geometry   geometry       `json:"geometry"`
}

type geometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"`
}

func (l *layers) write(w io.Writer, layer string, st engine.Stage) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(`{"type":"FeatureCollection","features":[`)
	n := 0
	// Features are marshalled one at a time so that a layer of a million
	// areas never holds more than one feature in memory.
	emit := func(f *feature) error {
		if n > 0 {
			bw.WriteByte(',')
		}
		n++
		bw.WriteByte('\n')
		data, err := json.Marshal(f)
		if err != nil {
			return err
		}
		_, err = bw.Write(data)
		return err
	}
	var err error
	if layer == "areas" {
		err = l.areasGeoJSON(bw, st)
	} else {
		err = l.each(layer, st, emit)
	}
	if err != nil {
		return err
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

// each calls emit for every feature of a layer of stage st, in order.
func (l *layers) each(layer string, st engine.Stage, emit func(*feature) error) error {
	switch layer {
	case "districts":
		return l.districts(st, emit)
	case "schools":
		return l.schools(st, emit)
	case "areas":
		return l.areas(st, emit)
	case "catchments":
		return l.catchments(st, emit)
	}
	return nil
}

// roundTo rounds v to prec decimals.
func roundTo(v float64, prec int) float64 {
	f, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', prec, 64), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0
	}
	return f
}

func (l *layers) point(p orb.Point) [2]float64 {
	q := l.r.City.FromPlane(p)
	return [2]float64{roundTo(q[0], l.prec), roundTo(q[1], l.prec)}
}

func (l *layers) ring(r orb.Ring) [][2]float64 {
	out := make([][2]float64, len(r))
	for i, p := range r {
		out[i] = l.point(p)
	}
	if len(out) > 0 && out[0] != out[len(out)-1] {
		out = append(out, out[0])
	}
	return out
}

func (l *layers) polygon(p orb.Polygon) [][][2]float64 {
	out := make([][][2]float64, len(p))
	for i, r := range p {
		out[i] = l.ring(r)
	}
	return out
}

func (l *layers) geometry(g orb.Geometry) geometry {
	switch g := g.(type) {
	case orb.Point:
		return geometry{"Point", l.point(g)}
	case orb.Polygon:
		return geometry{"Polygon", l.polygon(g)}
	case orb.MultiPolygon:
		out := make([][][][2]float64, len(g))
		for i, p := range g {
			out[i] = l.polygon(p)
		}
		return geometry{"MultiPolygon", out}
	}
	return geometry{"GeometryCollection", nil}
}

func yearKey(field string, y engine.Year) string { return field + "_" + strconv.Itoa(int(y)) }

func (l *layers) districts(st engine.Stage, emit func(*feature) error) error {
	c := l.r.City
	sr := &l.r.Stages[st]
	si := &l.ind.Stages[st]
	for di := range c.Districts {
		d := &c.Districts[di]
		props := map[string]any{"id": d.ID, "name": d.Name, "stage": st.String()}
		walkProp(props, l.r)
		if d.Parent != "" {
			props["parent"] = d.Parent
		}
		for yi := range sr.Years {
			yr := &sr.Years[yi]
			t := &yr.Districts[di].Totals
			y := yr.Year
			props[yearKey("entrants", y)] = t.Entrants
			props[yearKey("admitted", y)] = t.Admitted
			props[yearKey("unplaced", y)] = t.Unplaced
			props[yearKey("entry_seats", y)] = t.EntrySeats
			props[yearKey("capacity", y)] = t.Capacity
			props[yearKey("enrolled", y)] = t.Enrolled
			props[yearKey("entry_utilisation", y)] = ratioProp(t.Admitted, t.EntrySeats)
			props[yearKey("utilisation_all_grades", y)] = round4(t.Utilisation())
			props[yearKey("schools", y)] = t.Schools
			if yi < len(si.Years) {
				s := &si.Years[yi].Districts[di]
				props[yearKey("radius_share", y)] = round4(s.RadiusShare)
				props[yearKey("classes_over_standard", y)] = s.OverStandard
				for _, cv := range s.CV {
					props[yearKey("cv_"+cv.Indicator, y)] = round4(cv.Value)
				}
			}
		}
		if err := emit(&feature{"Feature", props, l.geometry(d.Geometry)}); err != nil {
			return err
		}
	}
	return nil
}

// rowsBySchool returns, per school index, its row in each year (nil where
// not open) for stage st.
func rowsBySchool(sr *sim.StageResult, schools int) [][]*sim.SchoolYear {
	rows := make([][]*sim.SchoolYear, schools)
	for yi := range sr.Years {
		yr := &sr.Years[yi]
		for j := range yr.Schools {
			s := yr.Schools[j].School
			if rows[s] == nil {
				rows[s] = make([]*sim.SchoolYear, len(sr.Years))
			}
			rows[s][yi] = &yr.Schools[j]
		}
	}
	return rows
}

func (l *layers) schools(st engine.Stage, emit func(*feature) error) error {
	r := l.r
	sr := &r.Stages[st]
	rows := rowsBySchool(sr, len(r.Schools))
	for s := range r.Schools {
		if rows[s] == nil {
			continue
		}
		sc := &r.Schools[s]
		d := &r.City.Districts[sc.District]
		props := map[string]any{"id": sc.ID, "name": sc.Name, "kind": sc.Kind.String(), "stage": st.String(),
			"district": d.ID, "district_name": d.Name}
		walkProp(props, r)
		if sc.Opens != 0 {
			props["opens"] = int(sc.Opens)
		}
		if sc.Closes != 0 {
			props["closes"] = int(sc.Closes)
		}
		for k, v := range sc.Resources {
			props[k] = v
		}
		for yi, row := range rows[s] {
			if row == nil {
				continue
			}
			y := sr.Years[yi].Year
			props[yearKey("streams", y)] = row.Streams
			props[yearKey("entry_seats", y)] = row.EntrySeats
			props[yearKey("capacity", y)] = row.Capacity
			props[yearKey("enrolled", y)] = row.Enrolled
			props[yearKey("entry_utilisation", y)] = ratioProp(row.Admitted, row.EntrySeats)
			props[yearKey("utilisation_all_grades", y)] = round4(row.Utilisation)
			props[yearKey("entrants", y)] = row.Applicants
			props[yearKey("admitted", y)] = row.Admitted
			props[yearKey("shortfall", y)] = row.Unplaced()
			props[yearKey("classes", y)] = row.ClassesAvailable
			props[yearKey("classes_needed", y)] = row.ClassesNeeded
		}
		if err := emit(&feature{"Feature", props, l.geometry(sc.Point)}); err != nil {
			return err
		}
	}
	return nil
}

func (l *layers) areas(st engine.Stage, emit func(*feature) error) error {
	r := l.r
	c := r.City
	sr := &r.Stages[st]
	props := map[string]any{}
	for i := range c.Areas {
		a := &c.Areas[i]
		clear(props)
		props["id"], props["district"], props["stage"], props["population"] = a.ID, c.Districts[a.District].ID, st.String(), a.Population
		if a.Name != "" {
			props["name"] = a.Name
		}
		if a.CompletionYear != 0 {
			props["completion_year"] = int(a.CompletionYear)
		}
		if a.Piece != 0 {
			props["piece"], props["share"] = a.Piece, round4(a.Share)
		}
		walkProp(props, r)
		for yi := range sr.Years {
			yr := &sr.Years[yi]
			y := yr.Year
			e, ad := int(yr.AreaEntrants[i]), int(yr.AreaAdmitted[i])
			props[yearKey("entrants", y)] = e
			props[yearKey("admitted", y)] = ad
			props[yearKey("unplaced", y)] = e - ad
			if s := yr.Assign.School[i]; s >= 0 {
				props[yearKey("school", y)] = r.Schools[s].ID
				props[yearKey("distance_m", y)] = math.Round(float64(yr.Assign.Dist[i]))
				if runWalks(r) {
					props[yearKey(walkMinField, y)] = walkMinutes(r, float64(yr.Assign.Dist[i]))
				}
			}
		}
		g := a.Geometry
		if g == nil {
			g = a.Point
		}
		if err := emit(&feature{"Feature", props, l.geometry(g)}); err != nil {
			return err
		}
	}
	return nil
}

// epoch is a run of years of a stage with the same catchments.
type epoch struct {
	first, last engine.Year
	assign      *engine.Assignment
}

func epochs(sr *sim.StageResult) []epoch {
	var out []epoch
	for yi := range sr.Years {
		yr := &sr.Years[yi]
		if n := len(out); n > 0 && (out[n-1].assign == yr.Assign || slices.Equal(out[n-1].assign.School, yr.Assign.School)) {
			out[n-1].last = yr.Year
			continue
		}
		out = append(out, epoch{yr.Year, yr.Year, yr.Assign})
	}
	return out
}

// outline is one catchment outline.
type outline struct {
	schools []int // school indices; more than one for a multi-school catchment polygon
	areas   int   // areas served (0 for polygons)
	geom    orb.MultiPolygon
	source  string // "areas" (dissolved) or "catchments" (the city's polygons)
}

// Outline sources.
const (
	sourceAreas      = "areas"
	sourceCatchments = "catchments"
)

// outlines returns the catchment outlines of one epoch: the city's
// catchment polygons when the scenario zones by them, else the schools'
// areas dissolved, simplified to tol grid cells.
func outlines(r *scenarios.Result, st engine.Stage, ep epoch, ra *areaRaster, tol float64) []outline {
	if r.Scenario != nil && r.Scenario.Policy.Catchment == engine.Zones {
		if out := zoneOutlines(r, st); len(out) > 0 {
			return out
		}
	}
	if ra == nil {
		return nil
	}
	return areaOutlines(r, ep, ra, tol)
}

// zoneOutlines are the city's catchment polygons of stage st that name a
// school of the stage.
func zoneOutlines(r *scenarios.Result, st engine.Stage) []outline {
	var out []outline
	for k := range r.City.Catchments {
		ct := &r.City.Catchments[k]
		if !ct.AllStage && ct.Stage != st {
			continue
		}
		o := outline{geom: ct.Geometry, source: sourceCatchments}
		for _, id := range ct.Schools {
			if s := indexOf(r.Schools, id); s >= 0 && r.Schools[s].Kind.Serves(st) {
				o.schools = append(o.schools, s)
			}
		}
		if len(o.schools) > 0 {
			out = append(out, o)
		}
	}
	return out
}

// areaOutlines are the areas of each school of the epoch dissolved,
// simplified to tol grid cells.
func areaOutlines(r *scenarios.Result, ep epoch, ra *areaRaster, tol float64) []outline {
	count := make([]int, len(r.Schools))
	for _, s := range ep.assign.School {
		if s >= 0 {
			count[s]++
		}
	}
	geoms := ra.outlines(ep.assign.School, len(r.Schools), tol*ra.cell)
	var out []outline
	for s := range r.Schools {
		if count[s] > 0 && len(geoms[s]) > 0 {
			out = append(out, outline{schools: []int{s}, areas: count[s], geom: geoms[s], source: sourceAreas})
		}
	}
	return out
}

func indexOf(schools []engine.School, id string) int {
	for i := range schools {
		if schools[i].ID == id {
			return i
		}
	}
	return -1
}

func (l *layers) catchments(st engine.Stage, emit func(*feature) error) error {
	r := l.r
	for _, ep := range epochs(&r.Stages[st]) {
		for _, o := range outlines(r, st, ep, l.ra, l.opts.simplify()) {
			sc := &r.Schools[o.schools[0]]
			props := map[string]any{"school": sc.ID, "name": sc.Name, "district": r.City.Districts[sc.District].ID,
				"stage": st.String(), "first_year": int(ep.first), "last_year": int(ep.last), "source": o.source}
			if o.source == sourceAreas {
				props["areas"] = o.areas
			}
			if len(o.schools) > 1 {
				ids := make([]string, len(o.schools))
				for i, s := range o.schools {
					ids[i] = r.Schools[s].ID
				}
				props["schools"] = ids
			}
			if err := emit(&feature{"Feature", props, l.geometry(o.geom)}); err != nil {
				return err
			}
		}
	}
	return nil
}
