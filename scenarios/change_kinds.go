package scenarios

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// The blocks of the kinds of change (changeConfig), each with its
// conversion to an engine.Change. The housing block is in
// forecast_housing.go.

// newSchoolConfig is a new_school change: a school that opens.
type newSchoolConfig struct {
	Pos           strictyaml.Pos
	ID            string    `yaml:"id"`
	Name          string    `yaml:"name"`
	At            []float64 `yaml:"at" check:"lonlat" help:"at is [lon, lat]"`
	Stage         string    `yaml:"stage" check:"kind"`
	Streams       int       `yaml:"streams" check:"streams" help:"streams are classes per grade"`
	JuniorStreams int       `yaml:"junior_streams" check:"streams" help:"streams are classes per grade"`
	ClassSize     int       `yaml:"class_size" check:"class_size" help:"pupils a class"`
	Opens         int       `yaml:"opens" check:"year" help:"a calendar year"`
	District      string    `yaml:"district"`
	// The school's resources (engine.ResourceFields), carried onto it.
	FloorArea  *float64 `yaml:"floor_area" check:"resource" help:"m² of building"`
	SiteArea   *float64 `yaml:"site_area" check:"resource" help:"m² of land"`
	SportsArea *float64 `yaml:"sports_area" check:"resource" help:"m² of sports grounds and halls"`
	Teachers   *float64 `yaml:"teachers" check:"resource" help:"full-time teachers"`
}

// expandConfig is an expand change: streams added to (or, below 0, taken
// from) a school.
type expandConfig struct {
	Pos     strictyaml.Pos
	School  string `yaml:"school"`
	Streams int    `yaml:"streams" check:"added_streams" help:"streams are classes per grade"`
	Year    int    `yaml:"year" check:"year" help:"a calendar year"`
	Stage   string `yaml:"stage" check:"stage"`
}

// closeConfig is a close change: a school that closes, its pupils perhaps
// merged into another.
type closeConfig struct {
	Pos       strictyaml.Pos
	School    string `yaml:"school"`
	Year      int    `yaml:"year" check:"year" help:"a calendar year"`
	MergeInto string `yaml:"merge_into"`
}

// seatSwapConfig is a seat_swap change: two schools of different
// districts keep entry seats for each other's district.
type seatSwapConfig struct {
	Pos     strictyaml.Pos
	Schools []string `yaml:"schools"`
	Seats   int      `yaml:"seats" check:"swap_seats" help:"entry seats each school keeps for the other district"`
	Year    int      `yaml:"year" check:"year" help:"a calendar year"`
}

func (ns *newSchoolConfig) line() int { return ns.Pos.Line }
func (e *expandConfig) line() int     { return e.Pos.Line }
func (cl *closeConfig) line() int     { return cl.Pos.Line }
func (sw *seatSwapConfig) line() int  { return sw.Pos.Line }

// toChange makes the new school, in the district it names or else the
// one it lies in.
func (ns *newSchoolConfig) toChange(c *engine.City) (engine.Change, error) {
	kind, err := ns.check(c)
	if err != nil {
		return nil, err
	}
	s := engine.School{ID: ns.ID, Name: ns.Name, Kind: kind, Opens: engine.Year(ns.Opens), District: -1}
	s.Point = c.LonLatToPlane(orb.Point{ns.At[0], ns.At[1]})
	for _, st := range engine.Stages {
		if kind.Serves(st) {
			s.Streams[st] = ns.Streams
			s.ClassSize[st] = ns.ClassSize
		}
	}
	if ns.JuniorStreams != 0 {
		s.Streams[engine.Junior] = ns.JuniorStreams
	}
	if s.District, err = ns.district(c, s.Point); err != nil {
		return nil, err
	}
	s.Resources = ns.resources()
	return engine.NewSchool{School: s}, nil
}

// resources is the new school's resources by field name (nil: none).
func (ns *newSchoolConfig) resources() map[string]float64 {
	var out map[string]float64
	for _, r := range []struct {
		field string
		v     *float64
	}{{"floor_area", ns.FloorArea}, {"sports_area", ns.SportsArea}, {"teachers", ns.Teachers}, {"site_area", ns.SiteArea}} {
		if r.v == nil {
			continue
		}
		if out == nil {
			out = map[string]float64{}
		}
		out[r.field] = *r.v
	}
	return out
}

// check checks what a new school must give and returns its kind.
func (ns *newSchoolConfig) check(c *engine.City) (engine.Kind, error) {
	kind, err := engine.ParseKind(ns.Stage)
	switch {
	case ns.Stage == "":
		return kind, fieldErrorf("new_school.stage", "missing (primary, junior or nine_year)")
	case err != nil:
		return kind, fieldErrorf("new_school.stage", "%v", plain(err))
	case ns.Streams == 0:
		return kind, fieldErrorf("new_school.streams", "missing (classes per grade)")
	case ns.Opens == 0:
		return kind, fieldErrorf("new_school.opens", "missing (the first school year)")
	case !validLonLat(ns.At):
		return kind, fieldErrorf("new_school.at", "%v: want [lon, lat] in %s", ns.At, c.LonLatCRS())
	case ns.JuniorStreams != 0 && kind != engine.KindNineYear:
		return kind, fieldErrorf("new_school.junior_streams", "only a nine_year school takes junior_streams")
	}
	return kind, nil
}

// district is the index of the district the new school names, or else of
// the one it lies in (-1: none, which engine.CheckChanges reports).
func (ns *newSchoolConfig) district(c *engine.City, at orb.Point) (int, error) {
	if ns.District == "" {
		return c.DistrictPolygonIndex().Locate(at), nil
	}
	d := c.DistrictIndex(ns.District)
	if d < 0 {
		return d, fieldErrorf("new_school.district", "%q: unknown district", ns.District)
	}
	return d, nil
}

// toChange makes the expansion, of one stage when it names one.
func (e *expandConfig) toChange(*engine.City) (engine.Change, error) {
	switch {
	case e.Streams == 0:
		return nil, fieldErrorf("expand.streams", "missing (streams to add, or to remove when below 0)")
	case e.Year == 0:
		return nil, fieldErrorf("expand.year", "missing")
	}
	out := engine.Expand{School: e.School, Streams: e.Streams, Year: engine.Year(e.Year)}
	if e.Stage != "" {
		st, err := engine.ParseStage(e.Stage)
		if err != nil {
			return nil, fieldErrorf("expand.stage", "%v", plain(err))
		}
		out.Stages = []engine.Stage{st}
	}
	return out, nil
}

// toChange makes the closure.
func (cl *closeConfig) toChange(*engine.City) (engine.Change, error) {
	if cl.Year == 0 {
		return nil, fieldErrorf("close.year", "missing")
	}
	return engine.Close{School: cl.School, Year: engine.Year(cl.Year), MergeInto: cl.MergeInto}, nil
}

// toChange makes the swap of two schools.
func (sw *seatSwapConfig) toChange(*engine.City) (engine.Change, error) {
	switch {
	case len(sw.Schools) != 2:
		return nil, fieldErrorf("seat_swap.schools", "%d given: want two school ids", len(sw.Schools))
	case sw.Seats == 0:
		return nil, fieldErrorf("seat_swap.seats", "missing (entry seats each school keeps for the other district)")
	case sw.Year == 0:
		return nil, fieldErrorf("seat_swap.year", "missing")
	}
	return engine.SeatSwap{Schools: [2]string{sw.Schools[0], sw.Schools[1]}, Seats: sw.Seats, Year: engine.Year(sw.Year)}, nil
}

// validLonLat tells a [lon, lat] pair within ±180 and ±90.
func validLonLat(at []float64) bool {
	return len(at) == 2 && !math.IsNaN(at[0]) && !math.IsNaN(at[1]) && math.Abs(at[0]) <= 180 && math.Abs(at[1]) <= 90
}
