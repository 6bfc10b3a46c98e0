package report

import (
	"encoding/json"
	"io"
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// writeFGB writes one layer of stage st as FlatGeobuf: the same features,
// fields and values as the GeoJSON layer. The areas layer is streamed with
// a fixed schema; the others (a few thousand features at most) are
// gathered first to learn their fields.
func (l *layers) writeFGB(w io.Writer, layer string, st engine.Stage) error {
	if layer == "areas" {
		return l.areasFGB(w, st)
	}
	var feats []feature
	err := l.each(layer, st, func(f *feature) error {
		feats = append(feats, *f) // each feature of these layers has its own properties
		return nil
	})
	if err != nil {
		return err
	}
	cols := fgbSchema(feats)
	fw, err := newFGBWriter(w, layer+"_"+st.String(), fgbGeometryType(feats), cols, len(feats), l.r.City.LonLatCRS())
	if err != nil {
		return err
	}
	for i := range feats {
		for k, c := range cols {
			if v, ok := feats[i].Properties[c.name]; ok {
				fw.set(k, c.typ, v)
			}
		}
		if err := fw.feature(feats[i].Geometry); err != nil {
			return err
		}
	}
	return fw.close()
}

// set appends a property of the GeoJSON layers' kinds: int, float64,
// string or []string (as a JSON array); nil stays null.
func (f *fgbWriter) set(i int, typ fgbType, v any) {
	switch v := v.(type) {
	case nil:
	case int:
		if typ == fgbInt {
			f.setInt(i, int32(v))
		} else if typ == fgbLong {
			f.setLong(i, int64(v))
		} else {
			f.setDouble(i, float64(v))
		}
	case float64:
		f.setDouble(i, v)
	case string:
		f.setString(i, v)
	default:
		data, _ := json.Marshal(v)
		f.setString(i, string(data))
	}
}

// fgbSchema returns the columns of feats, sorted by name: Int for whole
// numbers that fit 32 bits, Long for larger ones, Double where any value
// is a float, String for text and JSON for lists.
func fgbSchema(feats []feature) []fgbColumn {
	types := map[string]fgbType{}
	for i := range feats {
		for k, v := range feats[i].Properties {
			types[k] = max(types[k], valueType(v))
		}
	}
	names := make([]string, 0, len(types))
	for k := range types {
		names = append(names, k)
	}
	slices.Sort(names)
	cols := make([]fgbColumn, len(names))
	for i, n := range names {
		cols[i] = fgbColumn{n, types[n]}
	}
	return cols
}

// valueType is the column type of one value; types order so that max of
// two is the type that holds both (int < long < double < string < json).
// A null fits any column.
func valueType(v any) fgbType {
	switch v := v.(type) {
	case nil:
		return fgbInt
	case int:
		if v >= math.MinInt32 && v <= math.MaxInt32 {
			return fgbInt
		}
		return fgbLong
	case float64:
		return fgbDouble
	case string:
		return fgbString
	}
	return fgbJSON
}

// fgbGeometryType is the geometry type shared by all feats, or unknown
// when they differ.
func fgbGeometryType(feats []feature) byte {
	gt := fgbUnknown
	for i := range feats {
		t := fgbUnknown
		switch feats[i].Geometry.Type {
		case "Point":
			t = fgbPoint
		case "Polygon":
			t = fgbPolygon
		case "MultiPolygon":
			t = fgbMultiPolygon
		}
		if i > 0 && t != gt {
			return fgbUnknown
		}
		gt = t
	}
	return gt
}

// areaFields are the by-year fields of the areas layer, in column order.
var areaFields = []string{"entrants", "admitted", "unplaced", "school", "distance_m"}

// areasFGB streams the areas layer of stage st: id, name, district,
// stage, population, completion_year, and for a piece of a split area
// piece and share, then each of areaFields by year (FIELD_YEAR), as in the
// GeoJSON layer.
func (l *layers) areasFGB(w io.Writer, st engine.Stage) error {
	r := l.r
	c := r.City
	sr := &r.Stages[st]
	walk := runWalks(r)
	fw, err := newFGBWriter(w, "areas_"+st.String(), areasGeometryType(c), areaColumns(sr, walk), len(c.Areas), c.LonLatCRS())
	if err != nil {
		return err
	}
	y := newAreaYearFigures(len(sr.Years))
	for i := range c.Areas {
		a := &c.Areas[i]
		setAreaFixed(fw, c, a, st)
		first := len(areaFixedColumns)
		if walk {
			fw.setString(first, r.Distance.String())
			first++
		}
		l.areaYears(fw, sr, i, first, y)
		if walk {
			l.areaWalks(fw, sr, i, first+len(areaFields)*len(sr.Years))
		}
		var err error
		if a.Geometry == nil {
			err = fw.pointFeature(l.point(a.Point)) // no geometry value to box
		} else {
			err = fw.feature(l.geometry(a.Geometry))
		}
		if err != nil {
			return err
		}
	}
	return fw.close()
}

// areaFixedColumns are the areas layer's columns that do not vary by
// year, in setAreaFixed's order.
var areaFixedColumns = []fgbColumn{{"id", fgbString}, {"name", fgbString}, {"district", fgbString}, {"stage", fgbString},
	{"population", fgbDouble}, {"completion_year", fgbInt}, {"piece", fgbInt}, {"share", fgbDouble}}

// areaColumns are the areas layer's columns of stage sr: the fixed ones,
// then each of areaFields by year; walk (a run that walked the roads)
// adds distance after the fixed ones and walk_min by year at the end.
func areaColumns(sr *sim.StageResult, walk bool) []fgbColumn {
	cols := slices.Clone(areaFixedColumns)
	fields := areaFields
	if walk {
		cols = append(cols, fgbColumn{WalkColumns[0], fgbString})
		fields = append(slices.Clone(areaFields), walkMinField)
	}
	for _, f := range fields {
		typ := fgbInt
		switch f {
		case "school":
			typ = fgbString
		case walkMinField:
			typ = fgbDouble
		}
		for yi := range sr.Years {
			cols = append(cols, fgbColumn{yearKey(f, sr.Years[yi].Year), typ})
		}
	}
	return cols
}

// areaWalks sets area i's walk_min by year, which starts at column first:
// the walk to its school in minutes, null when it has none.
func (l *layers) areaWalks(fw *fgbWriter, sr *sim.StageResult, i, first int) {
	for yi := range sr.Years {
		yr := &sr.Years[yi]
		if yr.Assign.School[i] >= 0 {
			fw.setDouble(first+yi, walkMinutes(l.r, float64(yr.Assign.Dist[i])))
		}
	}
}

// setAreaFixed sets area a's fixed columns, leaving out those it does not
// have (name, completion year; piece and share of an area kept whole).
func setAreaFixed(fw *fgbWriter, c *engine.City, a *engine.Area, st engine.Stage) {
	fw.setString(0, a.ID)
	if a.Name != "" {
		fw.setString(1, a.Name)
	}
	fw.setString(2, c.Districts[a.District].ID)
	fw.setString(3, st.String())
	fw.setDouble(4, a.Population)
	if a.CompletionYear != 0 {
		fw.setInt(5, int32(a.CompletionYear))
	}
	if a.Piece != 0 {
		fw.setInt(6, int32(a.Piece))
		fw.setDouble(7, round4(a.Share))
	}
}

// areaYears sets area i's by-year columns, which start at column first.
// Each year's figures are read once, then set field by field in column
// order.
func (l *layers) areaYears(fw *fgbWriter, sr *sim.StageResult, i, first int, y *areaYearFigures) {
	ny := len(sr.Years)
	for yi := range sr.Years {
		yr := &sr.Years[yi]
		y.entrants[yi], y.admitted[yi] = int32(yr.AreaEntrants[i]), int32(yr.AreaAdmitted[i])
		y.school[yi] = yr.Assign.School[i]
		if y.school[yi] >= 0 {
			y.dist[yi] = int32(math.Round(float64(yr.Assign.Dist[i])))
		}
	}
	col := first
	for yi := range ny {
		fw.setInt(col+yi, y.entrants[yi])
	}
	col += ny
	for yi := range ny {
		fw.setInt(col+yi, y.admitted[yi])
	}
	col += ny
	for yi := range ny {
		fw.setInt(col+yi, y.entrants[yi]-y.admitted[yi])
	}
	col += ny
	for yi, s := range y.school[:ny] {
		if s >= 0 {
			fw.setString(col+yi, l.r.Schools[s].ID)
		}
	}
	col += ny
	for yi, s := range y.school[:ny] {
		if s >= 0 {
			fw.setInt(col+yi, y.dist[yi])
		}
	}
}

// areaYearFigures are one area's figures by year, as areaYears reads
// them: buffers of a layer, filled area by area.
type areaYearFigures struct {
	entrants, admitted, dist, school []int32
}

func newAreaYearFigures(ny int) *areaYearFigures {
	return &areaYearFigures{make([]int32, ny), make([]int32, ny), make([]int32, ny), make([]int32, ny)}
}

// areasGeometryType is Point when every area is a point, Polygon or
// MultiPolygon when all have that kind of outline, else unknown (each
// feature says).
func areasGeometryType(c *engine.City) byte {
	gt := fgbUnknown
	for i := range c.Areas {
		t := fgbUnknown
		switch c.Areas[i].Geometry.(type) {
		case nil, orb.Point:
			t = fgbPoint
		case orb.Polygon:
			t = fgbPolygon
		case orb.MultiPolygon:
			t = fgbMultiPolygon
		}
		if i > 0 && t != gt {
			return fgbUnknown
		}
		gt = t
	}
	return gt
}
