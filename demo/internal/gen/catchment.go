package gen

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// stageSpec describes a stage for the catchment sizing: its entry age, the engine's default
// class size and the bounds on a school's streams.
type stageSpec struct {
	Stage    string
	Age      int
	Class    int
	Min, Max int
}

// sizedStages are the stages in sizing order.
var sizedStages = []stageSpec{
	{stagePrimary, 6, primaryClass, primaryMin, primaryMax},
	{stageJunior, 12, juniorClass, juniorMin, juniorMax},
}

// serves reports whether s takes pupils of stage (nine-year schools serve both).
func (s *school) serves(stage string) bool {
	return s.Stage == stage || s.Stage == stageNineYear
}

// streamsFor returns s's streams in stage (a nine-year school may have its own junior streams).
func (s *school) streamsFor(stage string) int {
	if s.Stage == stageNineYear && stage == stageJunior && s.JuniorStreams > 0 {
		return s.JuniorStreams
	}
	return s.Streams
}

// seatsFor returns s's entry seats in stage.
func (s *school) seatsFor(st stageSpec) int { return s.streamsFor(st.Stage) * st.Class }

// bounds returns the allowed streams of s in stage st.
func (s *school) bounds(st stageSpec) (lo, hi int) {
	if s.Stage == stageNineYear {
		return nineYearMin, nineYearMax
	}
	return st.Min, st.Max
}

// wgs84 converts a GCJ-02 lon/lat to WGS84 with the engine's own conversion. The GCJ-02 shift
// is not uniform (it wobbles by metres over a kilometre), so distances measured on GCJ-02
// coordinates can rank two nearly equidistant schools differently from the engine.
func wgs84(p orb.Point) orb.Point { return geo.GCJ02ToWGS84(p) }

// metricPt is a WGS84 lon/lat with the local scale there: km per degree of longitude (the
// ellipsoid's prime-vertical radius × cos φ) and of latitude (its meridional radius).
type metricPt struct{ lon, lat, kx, ky float64 }

// metric converts a GCJ-02 lon/lat to a metricPt.
func metric(gcj orb.Point) metricPt { return metricWGS(wgs84(gcj)) }

// metricWGS returns the metricPt of a WGS84 lon/lat.
func metricWGS(p orb.Point) metricPt {
	const (
		semiMajor = 6378.137 // km
		flat      = 1 / 298.257223563
		e2        = flat * (2 - flat)
		rad       = math.Pi / 180
	)
	sin, cos := math.Sincos(p[1] * rad)
	w := 1 - e2*sin*sin
	n := semiMajor / math.Sqrt(w)
	return metricPt{lon: p[0], lat: p[1], kx: rad * n * cos, ky: rad * n * (1 - e2) / w}
}

// dist2 returns the squared distance in km² between two points on a local plane with the
// WGS84 ellipsoid's scales averaged over the two points (the error is of second order in their
// latitude difference). A sphere would stretch one direction against the other by about 0.5%
// at Chongqing's latitude, enough to rank two schools differently from the engine's metric
// plane.
func dist2(a, b metricPt) float64 {
	dx := (a.lon - b.lon) * (a.kx + b.kx) / 2
	dy := (a.lat - b.lat) * (a.ky + b.ky) / 2
	return dx*dx + dy*dy
}

// areaDemand returns the children of age in year y living in area a, by the engine's rule: the
// district's forecast row (as written, rounded) spread over the existing areas by population,
// and new housing at the same per-resident rate from its completion year.
func (d *district) areaDemand(a *area, y, age int) float64 {
	if a.Completion != 0 && y < a.Completion {
		return 0
	}
	return float64(iround(d.children(y, age))) * float64(a.Pop) / float64(d.Pop)
}

// nearest returns, for each area of d, the index in d.Schools of the nearest school serving
// stage that is open in year y (-1 if there is none), as the engine's nearest catchment does.
// Distances are measured in WGS84, as the engine does. Ties go to the school created first.
func (d *district) nearest(stage string, y int) []int {
	var open []int
	var pts []metricPt
	for i, s := range d.Schools {
		if s.serves(stage) && s.open(y) {
			open = append(open, i)
			pts = append(pts, metric(s.Pt))
		}
	}
	out := make([]int, len(d.Areas))
	for i, a := range d.Areas {
		if a.W.kx == 0 {
			a.W = metric(a.Pt)
		}
		out[i] = -1
		best := math.Inf(1)
		for j, k := range open {
			if d2 := dist2(a.W, pts[j]); d2 < best {
				best, out[i] = d2, k
			}
		}
	}
	return out
}

// sameOpen reports whether the same schools of stage are open in years y1 and y2.
func (d *district) sameOpen(stage string, y1, y2 int) bool {
	for _, s := range d.Schools {
		if s.serves(stage) && s.open(y1) != s.open(y2) {
			return false
		}
	}
	return true
}

// catchments holds, for one stage of a district, every year's catchment and demand.
type catchments struct {
	st     stageSpec
	assign [LastYear - FirstYear + 1][]int     // per year, per area: school index or -1
	demand [LastYear - FirstYear + 1][]float64 // per year, per school: entry-age children
	area   [LastYear - FirstYear + 1][]float64 // per year, per area: entry-age children
}

// catchments computes the nearest-school catchments of stage st in every year.
func (d *district) catchments(st stageSpec) *catchments {
	c := &catchments{st: st}
	for y := FirstYear; y <= LastYear; y++ {
		k := y - FirstYear
		if y > FirstYear && d.sameOpen(st.Stage, y-1, y) {
			c.assign[k] = c.assign[k-1]
		} else {
			c.assign[k] = d.nearest(st.Stage, y)
		}
		c.demand[k] = make([]float64, len(d.Schools))
		c.area[k] = make([]float64, len(d.Areas))
		for i, a := range d.Areas {
			v := d.areaDemand(a, y, st.Age)
			c.area[k][i] = v
			if s := c.assign[k][i]; s >= 0 {
				c.demand[k][s] += v
			}
		}
	}
	return c
}

// peak returns the largest entry-age demand of school i's catchment over the years it is open,
// and that year (0 if the school never serves the stage).
func (c *catchments) peak(d *district, i int) (v float64, year int) {
	s := d.Schools[i]
	for y := FirstYear; y <= LastYear; y++ {
		if !s.serves(c.st.Stage) || !s.open(y) {
			continue
		}
		if w := c.demand[y-FirstYear][i]; year == 0 || w > v {
			v, year = w, y
		}
	}
	return v, year
}

// unplaced returns the entry-age children of stage st in year y left without a seat at their
// nearest school (Σ over schools of demand beyond entry seats), given the streams set now.
func (c *catchments) unplaced(d *district, y int) float64 {
	var u float64
	for i, s := range d.Schools {
		if s.serves(c.st.Stage) && s.open(y) {
			u += max(0, c.demand[y-FirstYear][i]-float64(s.seatsFor(c.st)))
		}
	}
	return u
}
