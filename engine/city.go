package engine

import (
	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// Meters is a distance on the local plane.
type Meters = geo.Meters

// City is a loaded, validated city: everything the simulation reads.
// Geometry is projected to metres with Projection; CRS is the datum of the
// source files, so outputs can be written back in it.
type City struct {
	Name       string
	CRS        geo.CRS
	Projection geo.Projection
	// Lang is city.yaml's lang: zh, en, or "" when not set.
	Lang string

	Districts  []District
	Areas      []Area
	Schools    []School
	Catchments []Catchment
	Forecast   Forecast
	// Demography holds the optional population.csv, births.csv,
	// enrolment.csv and survival.csv (package forecast's other methods).
	Demography Demography

	// Notes say what the load did that the files alone do not show, such
	// as features a layer's filter in city.yaml left out.
	Notes []string
	// Warnings are the problems that did not stop the load (each a
	// *Warning): see `schoolplan validate --strict`.
	Warnings geo.Errors

	// System is the school system (学制, city.yaml school_system): the
	// entry age and grades of each stage; the zero value is
	// DefaultSchoolSystem.
	System SchoolSystem
	// RunStages lists the stages the city runs (city.yaml stages), in
	// order; empty runs every stage. Read it through Stages.
	RunStages []Stage
	// Standards is city.yaml's standards block (nil: the national
	// standards, enforced): see standards.go.
	Standards *Standards
	// Costs and Phases are city.yaml's cost table and plan phases (nil:
	// none), the defaults of the city's scenarios (programme.go).
	Costs  *CostTable
	Phases []Phase

	// Roads is the walking network of city.yaml's roads (nil: none), which
	// policy distance network walks.
	Roads *Roads
}

// District is an administrative district (区/县).
type District struct {
	ID, Name, Parent string
	Geometry         orb.MultiPolygon // projected
}

// Area is a residential area (小区, block or grid cell): the unit of demand.
// A polygon area that district or catchment boundaries cross is split into
// pieces (areal weighting, see the README's data contract): each piece is
// an Area of its own with the input area's ID, Name and properties, its
// Piece number, its part of the polygon as Geometry and its Share of the
// residents; the pieces of one input area are consecutive in City.Areas.
type Area struct {
	ID, Name string
	// Piece is 0 for an area kept whole, else 1…n over the pieces of the
	// input area ID. Share is a piece's share of the input area's polygon
	// area (and so of its residents and of its forecast.csv area rows); the
	// loader sets 1 for an area kept whole.
	Piece      int
	Share      float64
	Population float64
	Households float64 // 0 when not given
	District   int     // index into City.Districts
	Point      orb.Point
	Geometry   orb.Geometry // projected; a Point or a Polygon/MultiPolygon

	// CompletionYear is set for new housing: the area has no residents
	// before that year and its people are not part of district forecasts.
	CompletionYear Year

	// Catchment lists, per stage, the school ids named by the area's
	// catchment_primary / catchment_junior properties (nil when absent).
	Catchment [NumStages][]string
}

// School is a public school. Streams are classes per grade (轨).
type School struct {
	ID, Name string
	Kind     Kind
	District int // index into City.Districts
	Point    orb.Point

	// Streams per grade, by stage; 0 for a stage the school does not serve.
	Streams [NumStages]int
	// ClassSize by stage; 0 means the policy's class size.
	ClassSize [NumStages]int
	// BaseSeats and SharedSeats split the entry-grade admission plan; both
	// zero means all entry seats are base seats.
	BaseSeats, SharedSeats [NumStages]int

	SharingZone, Group string

	// Feeders lists, for a school serving the junior stage, the ids of its
	// feeder primaries (对口直升), in priority order: their leavers take
	// its junior base seats first (see package admit). Nil for none.
	Feeders []string

	// Opens is the first school year the school admits (0: open already);
	// Closes is the first year it no longer runs (0: never).
	Opens, Closes Year

	// Enrolled by grade number (City.System: 1–9 in the default system, 0
	// for kindergarten) at the start year; nil means unknown and the
	// simulation warm-starts it from the forecast.
	Enrolled map[int]int

	// Resources holds the school's resource properties named in
	// ResourceFields that schools.geojson gives (nil when none): inputs of
	// the 优质均衡 indicators (engine/metrics).
	Resources map[string]float64
}

// ResourceFields are the optional numeric school properties kept in
// School.Resources: floor_area (m² of school buildings, 校舍建筑面积, as
// the standards of standards.go count it), sports_area (m² of sports
// grounds and halls, 体育运动场馆面积), teachers (full-time teachers, 专任教师)
// and site_area (m² of land, 用地面积; see standards.go). Each must be a
// number >= 0.
var ResourceFields = []string{"floor_area", "sports_area", "teachers", "site_area"}

// OpenIn reports whether the school runs in year y.
func (s *School) OpenIn(y Year) bool {
	return (s.Opens == 0 || s.Opens <= y) && (s.Closes == 0 || y < s.Closes)
}

// Catchment is a catchment polygon (划片) of one or several schools.
type Catchment struct {
	Schools  []string // school ids; more than one is a multi-school catchment
	Stage    Stage
	AllStage bool // the polygon applies to every stage its schools serve
	Geometry orb.MultiPolygon
}

// SchoolIndex returns the index of the school with the given id, or -1.
func (c *City) SchoolIndex(id string) int {
	for i := range c.Schools {
		if c.Schools[i].ID == id {
			return i
		}
	}
	return -1
}

// SchoolIndexOK is SchoolIndex with a found flag.
func (c *City) SchoolIndexOK(id string) (int, bool) {
	i := c.SchoolIndex(id)
	return i, i >= 0
}

// DistrictIndex returns the index of the district with the given id, or -1.
func (c *City) DistrictIndex(id string) int {
	for i := range c.Districts {
		if c.Districts[i].ID == id {
			return i
		}
	}
	return -1
}
