package report

import (
	"bytes"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The data the HTML report's script draws from, embedded in the page as
// JSON. Coordinates are [lat, lon] (Leaflet's order) in the city's LonLatCRS
// with 5 decimals (about 1 m). Arrays "by year" run over the report's
// years (first..last) and hold null where a scenario does not run that
// year.

type htmlData struct {
	Title  string            `json:"title"`
	Lang   Lang              `json:"lang"`
	Labels map[string]string `json:"labels"` // label key → text in Lang
	Open   htmlView          `json:"open"`   // the view the page opens on
	Tiles  *htmlTiles        `json:"tiles,omitempty"`
	First  int               `json:"first"`
	Last   int               `json:"last"`
	Stages []string          `json:"stages"`
	// Routes are the admission routes' names in Lang (Lang.Route), by
	// route code: the city's admissions by route are in this order.
	Routes    []string       `json:"routes"`
	Cities    []htmlCity     `json:"cities"`
	Scenarios []htmlScenario `json:"scenarios"`
}

type htmlCity struct {
	Name      string         `json:"name"`
	Bounds    [2][2]float64  `json:"bounds"` // [[south, west], [north, east]]
	Districts []htmlDistrict `json:"districts"`
	Areas     htmlAreas      `json:"areas"`
}

type htmlDistrict struct {
	ID   string           `json:"id"`
	Name string           `json:"name"`
	Geom [][][][2]float64 `json:"geom"` // polygons of rings of [lat, lon]
}

type htmlAreas struct {
	ID       []string     `json:"id"`
	Name     []string     `json:"name"`
	District []int        `json:"d"`
	LL       [][2]float64 `json:"ll"`
}

type htmlScenario struct {
	Name        string      `json:"name"`
	Description string      `json:"description,omitempty"`
	City        int         `json:"city"`
	Stages      []htmlStage `json:"stages"`
	// Distance is what the scenario's distances measure, "network" (walks
	// along the roads, with walking minutes at WalkKMH) or "straight", set
	// only when a scenario of the report walked.
	Distance string  `json:"distance,omitempty"`
	WalkKMH  float64 `json:"walk_kmh,omitempty"`
}

type htmlStage struct {
	Schools []htmlSchool `json:"schools"`
	// Per year, per area: entrants and unplaced children.
	AreaEntrants [][]int32   `json:"ae"`
	AreaUnplaced [][]int32   `json:"au"`
	Epochs       []htmlEpoch `json:"epochs"`
	// Per year: totals of the city and of each district.
	City      []*htmlTotals   `json:"city"`
	Districts [][]*htmlTotals `json:"districts"`
	// Per year: the totals of each group and sharing zone, when schools
	// belong to some (see summary_units.csv).
	Units [][]htmlUnit `json:"units,omitempty"`
	// Per year: indicators of the city and of each district (and unit).
	Indicators []*YearIndicatorsJSON `json:"ind"`
	Thresholds htmlThresholds        `json:"thr"`
}

type htmlThresholds struct {
	Radius   float64 `json:"radius"`
	Standard int     `json:"standard"`
	Large    int     `json:"large"`
	Huge     int     `json:"huge"`
	School   int     `json:"school"`
	CVLimit  float64 `json:"cv"`
}

type htmlSchool struct {
	ID       string       `json:"id"`
	Name     string       `json:"name"`
	District int          `json:"d"`
	Kind     string       `json:"kind"`
	LL       [2]float64   `json:"ll"`
	Years    []*htmlSYear `json:"y"` // by year; null when not open
}

// htmlSYear is a school's year, written as the array
// [cap, seats, enr, util, ent, adm, short, cls, need] to keep the page
// small (report.js reads it by position).
type htmlSYear struct {
	Capacity    int
	EntrySeats  int
	Enrolled    int
	Utilisation float64
	Entrants    int
	Admitted    int
	Shortfall   int
	Classes     int
	Needed      int
}

func (y *htmlSYear) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{y.Capacity, y.EntrySeats, y.Enrolled, y.Utilisation, y.Entrants, y.Admitted,
		y.Shortfall, y.Classes, y.Needed})
}

// htmlUnit is a group's (kind "group") or sharing zone's ("zone") totals.
type htmlUnit struct {
	Kind string `json:"kind"`
	ID   string `json:"id"`
	htmlTotals
}

type htmlTotals struct {
	Entrants    int     `json:"ent"`
	Admitted    int     `json:"adm"`
	Unplaced    int     `json:"un"`
	EntrySeats  int     `json:"seats"`
	Capacity    int     `json:"cap"`
	Enrolled    int     `json:"enr"`
	Utilisation float64 `json:"util"`
	Schools     int     `json:"schools"`
	// ByRoute is the city's entrants by admission route (admit.Route:
	// base, nine_year, feeder, shared, placed, oversize, unplaced);
	// empty for a district.
	ByRoute []int `json:"r,omitempty"`
}

// htmlEpoch is a span of years with the same catchments. Its outlines are
// given as changes to the previous epoch's: Set adds or replaces a
// school's outline, Drop removes one.
type htmlEpoch struct {
	From   int           `json:"from"`
	To     int           `json:"to"`
	School []int32       `json:"school"` // per area: base school, -1 none
	Dist   []int32       `json:"dist"`   // per area: metres to it
	Set    []htmlOutline `json:"set"`
	Drop   []int         `json:"drop"`
}

type htmlOutline struct {
	School int              `json:"s"`
	Geom   [][][][2]float64 `json:"geom"`
}

// htmlBuilder assembles htmlData.
type htmlBuilder struct {
	opts    *HTMLOptions
	first   engine.Year
	last    engine.Year
	cities  map[*engine.City]int
	rasters map[*engine.City]*areaRaster
	keys    [][]byte       // serialised districts of each city, to share equal cities
	stages  []engine.Stage // the stages some result runs: the page's stages
	data    htmlData
}

const htmlPrec = 5

// llPoint is p in lon/lat of the CRS to, as [lat, lon].
func llPoint(to geo.CRS, c *engine.City, p orb.Point) [2]float64 {
	q := to.FromWGS84(c.Projection.Inverse(p))
	return [2]float64{roundTo(q[1], htmlPrec), roundTo(q[0], htmlPrec)}
}

func llMulti(to geo.CRS, c *engine.City, mp orb.MultiPolygon) [][][][2]float64 {
	out := make([][][][2]float64, 0, len(mp))
	for _, poly := range mp {
		p := make([][][2]float64, 0, len(poly))
		for _, r := range poly {
			ring := make([][2]float64, 0, len(r))
			for _, pt := range r {
				ll := llPoint(to, c, pt)
				if n := len(ring); n > 0 && ring[n-1] == ll {
					continue
				}
				ring = append(ring, ll)
			}
			if len(ring) >= 3 {
				p = append(p, ring)
			}
		}
		if len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// to is the CRS of the page's lon/lat: the tiles' when there are tiles,
// else the city's LonLatCRS.
func (b *htmlBuilder) to(c *engine.City) geo.CRS {
	if t := b.opts.tiles(); t != nil {
		return t.crs()
	}
	return c.LonLatCRS()
}

func newHTMLData(opts *HTMLOptions, results []*scenarios.Result) (*htmlData, error) {
	b := &htmlBuilder{opts: opts, cities: map[*engine.City]int{}, rasters: map[*engine.City]*areaRaster{}}
	b.first, b.last = results[0].First, results[0].Last
	for _, r := range results {
		b.first, b.last = min(b.first, r.First), max(b.last, r.Last)
	}
	b.data.First, b.data.Last = int(b.first), int(b.last)
	b.stages = runStages(results)
	for _, st := range b.stages {
		b.data.Stages = append(b.data.Stages, st.String())
	}
	for _, r := range results {
		ci, err := b.city(r.City)
		if err != nil {
			return nil, err
		}
		b.data.Scenarios = append(b.data.Scenarios, b.scenario(r, ci))
	}
	setDistances(b.data.Scenarios, results)
	b.data.Title = opts.title(results)
	b.data.Lang = opts.lang(results)
	b.data.Labels = b.data.Lang.Labels()
	for r := range admit.NumRoutes {
		b.data.Routes = append(b.data.Routes, b.data.Lang.Route(admit.Route(r)))
	}
	b.data.Open = worstView(results[0], b.stages, b.first)
	b.data.Tiles = opts.tiles()
	return &b.data, nil
}

// city adds c (or finds a city with the same districts and areas) and
// returns its index.
func (b *htmlBuilder) city(c *engine.City) (int, error) {
	if i, ok := b.cities[c]; ok {
		return i, nil
	}
	hc := htmlCity{Name: c.Name, Areas: b.areas(c)}
	hc.Districts, hc.Bounds = b.districts(c)
	key, err := json.Marshal(&hc)
	if err != nil {
		return 0, err
	}
	for i, k := range b.keys {
		if bytes.Equal(k, key) {
			b.cities[c] = i
			return i, nil
		}
	}
	b.keys = append(b.keys, key)
	b.data.Cities = append(b.data.Cities, hc)
	b.cities[c] = len(b.data.Cities) - 1
	return len(b.data.Cities) - 1, nil
}

// districts are c's districts in [lat, lon] and their bounds
// ([[south, west], [north, east]]; zero without districts).
func (b *htmlBuilder) districts(c *engine.City) ([]htmlDistrict, [2][2]float64) {
	var out []htmlDistrict
	bound := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	for di := range c.Districts {
		d := &c.Districts[di]
		g := llMulti(b.to(c), c, d.Geometry)
		bound = extendBound(bound, g)
		out = append(out, htmlDistrict{ID: d.ID, Name: d.Name, Geom: g})
	}
	if len(c.Districts) == 0 {
		bound = orb.Bound{}
	}
	return out, [2][2]float64{{bound.Min[0], bound.Min[1]}, {bound.Max[0], bound.Max[1]}}
}

// extendBound extends bound by every point of g.
func extendBound(bound orb.Bound, g [][][][2]float64) orb.Bound {
	for _, poly := range g {
		for _, ring := range poly {
			for _, p := range ring {
				bound = bound.Extend(orb.Point{p[0], p[1]})
			}
		}
	}
	return bound
}

// areas are c's areas: ids (a piece of a split area says so), names,
// districts and [lat, lon].
func (b *htmlBuilder) areas(c *engine.City) htmlAreas {
	var out htmlAreas
	for i := range c.Areas {
		a := &c.Areas[i]
		id := a.ID
		if a.Piece != 0 { // a piece of a split area
			id += " (piece " + strconv.Itoa(a.Piece) + ")"
		}
		out.ID = append(out.ID, id)
		out.Name = append(out.Name, a.Name)
		out.District = append(out.District, a.District)
		out.LL = append(out.LL, llPoint(b.to(c), c, a.Point))
	}
	return out
}

func (b *htmlBuilder) years() int { return int(b.last-b.first) + 1 }

// raster is the area raster of city c, made once.
func (b *htmlBuilder) raster(c *engine.City) *areaRaster {
	ra := b.rasters[c]
	if ra == nil {
		ra = newAreaRaster(c, b.opts.rasterCells())
		b.rasters[c] = ra
	}
	return ra
}

// scenario is the page's data of run r on city ci: per stage its schools,
// its figures by year and its catchment spans.
func (b *htmlBuilder) scenario(r *scenarios.Result, ci int) htmlScenario {
	hs := htmlScenario{Name: r.Scenario.Name, Description: r.Scenario.Description, City: ci}
	ind := r.Indicators(b.opts.metrics())
	ra := b.raster(r.City)
	for _, st := range b.stages {
		sr := &r.Stages[st]
		si := &ind.Stages[st]
		hst := b.newStage(si)
		rows := rowsBySchool(sr, len(r.Schools))
		hst.Schools = b.schools(r, sr, rows)
		for yi := range sr.Years {
			b.addYear(&hst, r, sr, si, yi)
		}
		if hst.Epochs = b.epochs(r, st, ra, schoolPositions(rows)); hst.Epochs == nil {
			hst.Epochs = []htmlEpoch{}
		}
		hs.Stages = append(hs.Stages, hst)
	}
	return hs
}

// newStage is a stage's data with its thresholds and a null for every
// year, to be filled in.
func (b *htmlBuilder) newStage(si *metrics.StageIndicators) htmlStage {
	ny := b.years()
	return htmlStage{
		Schools:      []htmlSchool{}, // [] also for a stage the scenario does not run
		AreaEntrants: make([][]int32, ny), AreaUnplaced: make([][]int32, ny),
		City: make([]*htmlTotals, ny), Districts: make([][]*htmlTotals, ny), Indicators: make([]*YearIndicatorsJSON, ny),
		Thresholds: htmlThresholds{Radius: float64(si.ServiceRadius), Standard: si.StandardClassSize,
			Large: si.LargeClass, Huge: si.HugeClass, School: si.LargeSchool, CVLimit: si.CVLimit},
	}
}

// schools are the schools of the stage with their figures by year; a
// school without rows (not of the stage) is left out.
func (b *htmlBuilder) schools(r *scenarios.Result, sr *sim.StageResult, rows [][]*sim.SchoolYear) []htmlSchool {
	out := []htmlSchool{}
	c := r.City
	for s := range r.Schools {
		if rows[s] == nil {
			continue
		}
		sc := &r.Schools[s]
		hsc := htmlSchool{ID: sc.ID, Name: sc.Name, District: sc.District, Kind: sc.Kind.String(),
			LL: llPoint(b.to(c), c, sc.Point), Years: make([]*htmlSYear, b.years())}
		for yi, row := range rows[s] {
			if row != nil {
				hsc.Years[int(sr.Years[yi].Year-b.first)] = htmlSchoolYear(row)
			}
		}
		out = append(out, hsc)
	}
	return out
}

// htmlSchoolYear is a school's figures in one year.
func htmlSchoolYear(row *sim.SchoolYear) *htmlSYear {
	return &htmlSYear{Capacity: row.Capacity, EntrySeats: row.EntrySeats,
		Enrolled: row.Enrolled, Utilisation: round4(row.Utilisation), Entrants: row.Applicants,
		Admitted: row.Admitted, Shortfall: row.Unplaced(), Classes: row.ClassesAvailable, Needed: row.ClassesNeeded}
}

// schoolPositions maps school indices to positions in the page's school
// list: the schools with rows, in order; -1 for the others.
func schoolPositions(rows [][]*sim.SchoolYear) []int {
	pos := make([]int, len(rows))
	k := 0
	for s := range rows {
		pos[s] = -1
		if rows[s] != nil {
			pos[s] = k
			k++
		}
	}
	return pos
}

// addYear fills in year index yi of the stage: the areas' entrants and
// unplaced, the city's and districts' totals and the indicators.
func (b *htmlBuilder) addYear(hst *htmlStage, r *scenarios.Result, sr *sim.StageResult, si *metrics.StageIndicators, yi int) {
	c := r.City
	yr := &sr.Years[yi]
	g := int(yr.Year - b.first)
	ae := make([]int32, len(c.Areas))
	au := make([]int32, len(c.Areas))
	for i := range c.Areas {
		ae[i] = yr.AreaEntrants[i]
		au[i] = yr.AreaEntrants[i] - yr.AreaAdmitted[i]
	}
	hst.AreaEntrants[g], hst.AreaUnplaced[g] = ae, au
	hst.City[g] = htmlTotalsOf(&yr.City)
	hst.City[g].ByRoute = routeCounts(yr)
	ds := make([]*htmlTotals, len(yr.Districts))
	for di := range yr.Districts {
		ds[di] = htmlTotalsOf(&yr.Districts[di].Totals)
	}
	hst.Districts[g] = ds
	b.addUnits(hst, r, sr.Stage, yr, g)
	if yi < len(si.Years) {
		y := &si.Years[yi]
		yj := &YearIndicatorsJSON{Year: int(y.Year), City: indicatorSetJSON("", "", &y.City)}
		for di := range y.Districts {
			yj.Districts = append(yj.Districts, indicatorSetJSON(c.Districts[di].ID, c.Districts[di].Name, &y.Districts[di]))
		}
		yj.Groups, yj.Zones = unitSetsJSON(r, sr.Stage, yr.Year, r.MetricsOptions(b.opts.metrics()))
		hst.Indicators[g] = yj
	}
}

// addUnits sets the units' totals of year index g (yr), when some school
// of the run belongs to a unit.
func (b *htmlBuilder) addUnits(hst *htmlStage, r *scenarios.Result, st engine.Stage, yr *sim.YearResult, g int) {
	if !AnyUnits(r) {
		return
	}
	if hst.Units == nil {
		hst.Units = make([][]htmlUnit, b.years())
	}
	us := []htmlUnit{}
	_ = unitsOf(r, st, yr, func(kind string, ts []unitTotal) error {
		for i := range ts {
			us = append(us, htmlUnit{kind, ts[i].ID, *htmlTotalsOf(&ts[i].Totals)})
		}
		return nil
	})
	hst.Units[g] = us
}

// routeCounts are yr's entrants by admission route, city-wide: the base
// admissions at single base schools, every other admission by its route,
// and the unplaced.
func routeCounts(yr *sim.YearResult) []int {
	out := make([]int, admit.NumRoutes)
	for _, n := range yr.AreaBase {
		out[admit.RouteBase] += int(n)
	}
	for _, ad := range yr.Admissions {
		out[ad.Route] += int(ad.Students)
	}
	out[admit.RouteUnplaced] = yr.City.Unplaced
	return out
}

func htmlTotalsOf(t *sim.Totals) *htmlTotals {
	return &htmlTotals{Entrants: t.Entrants, Admitted: t.Admitted, Unplaced: t.Unplaced, EntrySeats: t.EntrySeats,
		Capacity: t.Capacity, Enrolled: t.Enrolled, Utilisation: round4(t.Utilisation()), Schools: t.Schools}
}

// epochs lists the catchment spans of a stage with their outlines, each
// given as the change to the one before.
func (b *htmlBuilder) epochs(r *scenarios.Result, st engine.Stage, ra *areaRaster, pos []int) []htmlEpoch {
	var out []htmlEpoch
	prev := map[int]string{} // page school index → serialised outline
	for _, ep := range epochs(&r.Stages[st]) {
		he := epochAssignment(r.City, ep, pos)
		cur := b.epochOutlines(&he, r, st, ep, ra, pos, prev)
		for _, p := range slices.Sorted(maps.Keys(prev)) {
			if _, is := cur[p]; !is {
				he.Drop = append(he.Drop, p)
			}
		}
		prev = cur
		out = append(out, he)
	}
	return out
}

// epochAssignment is the span ep with each area's school (page position,
// -1 for none) and distance in whole metres, and no outlines yet.
func epochAssignment(c *engine.City, ep epoch, pos []int) htmlEpoch {
	he := htmlEpoch{From: int(ep.first), To: int(ep.last), School: make([]int32, len(c.Areas)), Dist: make([]int32, len(c.Areas)), Set: []htmlOutline{}, Drop: []int{}}
	for i := range c.Areas {
		s := ep.assign.School[i]
		he.School[i], he.Dist[i] = -1, 0
		if s >= 0 && pos[s] >= 0 {
			he.School[i] = int32(pos[s])
			he.Dist[i] = int32(math.Round(float64(ep.assign.Dist[i])))
		}
	}
	return he
}

// epochOutlines sets in he the outlines of ep that differ from prev and
// returns the span's outlines by page school position, serialised.
func (b *htmlBuilder) epochOutlines(he *htmlEpoch, r *scenarios.Result, st engine.Stage, ep epoch, ra *areaRaster, pos []int, prev map[int]string) map[int]string {
	c := r.City
	cur := map[int]string{}
	for _, o := range outlines(r, st, ep, ra, b.opts.simplify()) {
		for _, s := range o.schools {
			p := pos[s]
			if p < 0 {
				continue
			}
			g := llMulti(b.to(c), c, o.geom)
			key, _ := json.Marshal(g)
			if _, dup := cur[p]; dup {
				continue
			}
			cur[p] = string(key)
			if prev[p] != string(key) {
				he.Set = append(he.Set, htmlOutline{School: p, Geom: g})
			}
		}
	}
	return cur
}
