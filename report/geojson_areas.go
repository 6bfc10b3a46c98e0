package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// The areas GeoJSON layer is encoded by hand: the same bytes as
// json.Marshal of the feature (properties sorted by name, encoding/json's
// number and string forms), without a map of ~60 properties per area,
// which made a 1M-area layer take over a minute (BenchmarkWriteLayer in
// benchmarks/: areas-geojson).

// areaSlot is one property of the areas layer: a fixed field or a field
// of year index yi.
type areaSlot struct {
	key   string
	field int
	yi    int
}

// Fields of areaSlot.
const (
	slotID = iota
	slotDistrict
	slotStage
	slotPopulation
	slotName
	slotCompletion
	slotPiece
	slotShare
	slotWalk // distance, when the run walked
	slotEntrants
	slotAdmitted
	slotUnplaced
	slotSchool
	slotDistance
	slotWalkMin // walk_min_YEAR, when the run walked
)

// areaSlots lists every property an area of stage sr can have, sorted by
// key as encoding/json sorts map keys; walk adds those of a run that
// walked the roads (layers_walk.go).
func areaSlots(sr *sim.StageResult, walk bool) []areaSlot {
	slots := []areaSlot{{"id", slotID, 0}, {"district", slotDistrict, 0}, {"stage", slotStage, 0},
		{"population", slotPopulation, 0}, {"name", slotName, 0}, {"completion_year", slotCompletion, 0},
		{"piece", slotPiece, 0}, {"share", slotShare, 0}}
	fields := []string{"entrants", "admitted", "unplaced", "school", "distance_m"}
	if walk {
		slots = append(slots, areaSlot{WalkColumns[0], slotWalk, 0})
		fields = append(fields, walkMinField)
	}
	for yi := range sr.Years {
		y := sr.Years[yi].Year
		for k, f := range fields {
			slots = append(slots, areaSlot{yearKey(f, y), slotEntrants + k, yi})
		}
	}
	slices.SortFunc(slots, func(a, b areaSlot) int {
		if a.key < b.key {
			return -1
		}
		if a.key > b.key {
			return 1
		}
		return 0
	})
	return slots
}

// areasGeoJSON writes the features of the areas layer of stage st, each
// after a comma (but the first) and a newline, as write does.
func (l *layers) areasGeoJSON(bw *bufio.Writer, st engine.Stage) error {
	c := l.r.City
	sr := &l.r.Stages[st]
	slots := areaSlots(sr, runWalks(l.r))
	var buf []byte
	var err error
	for i := range c.Areas {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n{\"type\":\"Feature\",\"properties\":{"...)
		if buf, err = l.areaProps(buf, slots, sr, st, i); err != nil {
			return fmt.Errorf("area %d (%s): %w", i+1, c.Areas[i].ID, err)
		}
		g := c.Areas[i].Geometry
		if g == nil {
			g = c.Areas[i].Point
		}
		geom := l.geometry(g)
		buf = append(buf, "},\"geometry\":{\"type\":"...)
		buf = appendJSONString(buf, geom.Type)
		buf = append(buf, ",\"coordinates\":"...)
		if buf, err = appendCoords(buf, geom.Coordinates); err != nil {
			return fmt.Errorf("area %d (%s): %w", i+1, c.Areas[i].ID, err)
		}
		buf = append(buf, "}}"...)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// propBuf is a JSON object's properties being appended.
type propBuf struct {
	b []byte
	n int // properties written
}

// key appends the key k of the next property, after a comma unless it is
// the first.
func (p *propBuf) key(k string) {
	if p.n > 0 {
		p.b = append(p.b, ',')
	}
	p.n++
	p.b = appendJSONString(p.b, k)
	p.b = append(p.b, ':')
}

// areaProps appends area i's properties, in slot order, skipping those it
// does not have.
func (l *layers) areaProps(buf []byte, slots []areaSlot, sr *sim.StageResult, st engine.Stage, i int) ([]byte, error) {
	p := &propBuf{b: buf}
	for _, s := range slots {
		var err error
		if s.field >= slotEntrants {
			err = l.yearProp(p, s, &sr.Years[s.yi], i)
		} else {
			err = l.areaProp(p, s, st, i)
		}
		if err != nil {
			return p.b, fmt.Errorf("%s: %w", s.key, err)
		}
	}
	return p.b, nil
}

// areaProp appends area i's fixed property s, if it has it.
func (l *layers) areaProp(p *propBuf, s areaSlot, st engine.Stage, i int) error {
	a := &l.r.City.Areas[i]
	if v, ok := l.areaText(s.field, a, st); ok {
		p.key(s.key)
		p.b = appendJSONString(p.b, v)
		return nil
	}
	return appendAreaNumber(p, s, a)
}

// areaText is the text of area a's field, if the field is text and the
// area has it.
func (l *layers) areaText(field int, a *engine.Area, st engine.Stage) (string, bool) {
	switch field {
	case slotID:
		return a.ID, true
	case slotDistrict:
		return l.r.City.Districts[a.District].ID, true
	case slotStage:
		return st.String(), true
	case slotName:
		return a.Name, a.Name != ""
	case slotWalk:
		return l.r.Distance.String(), true
	}
	return "", false
}

// appendAreaNumber appends area a's number s, if the field is a number and
// the area has it: population, completion year, piece and share.
func appendAreaNumber(p *propBuf, s areaSlot, a *engine.Area) error {
	var err error
	switch {
	case s.field == slotPopulation:
		p.key(s.key)
		p.b, err = appendJSONFloat(p.b, a.Population)
	case s.field == slotCompletion && a.CompletionYear != 0:
		p.key(s.key)
		p.b = strconv.AppendInt(p.b, int64(a.CompletionYear), 10)
	case s.field == slotPiece && a.Piece != 0:
		p.key(s.key)
		p.b = strconv.AppendInt(p.b, int64(a.Piece), 10)
	case s.field == slotShare && a.Piece != 0:
		p.key(s.key)
		p.b, err = appendJSONFloat(p.b, round4(a.Share))
	}
	return err
}

// yearProp appends area i's property s of year yr: entrants, admitted,
// unplaced, and the school, distance and walk of an area assigned one.
func (l *layers) yearProp(p *propBuf, s areaSlot, yr *sim.YearResult, i int) error {
	school := int(yr.Assign.School[i])
	var err error
	switch {
	case s.field <= slotUnplaced:
		p.key(s.key)
		e, ad := int64(yr.AreaEntrants[i]), int64(yr.AreaAdmitted[i])
		p.b = strconv.AppendInt(p.b, [3]int64{e, ad, e - ad}[s.field-slotEntrants], 10)
	case s.field == slotSchool && school >= 0:
		p.key(s.key)
		p.b = appendJSONString(p.b, l.r.Schools[school].ID)
	case s.field == slotDistance && school >= 0:
		p.key(s.key)
		p.b, err = appendJSONFloat(p.b, math.Round(float64(yr.Assign.Dist[i])))
	case s.field == slotWalkMin && school >= 0:
		p.key(s.key)
		p.b, err = appendJSONFloat(p.b, walkMinutes(l.r, float64(yr.Assign.Dist[i])))
	}
	return err
}

// appendJSONString appends s as encoding/json writes it: plain printable
// ASCII other than '"', '\\', '<', '>' and '&' as it is, anything else
// through json.Marshal.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			data, _ := json.Marshal(s) // a string always marshals
			return append(b, data...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONFloat appends v as encoding/json writes a float64: the
// shortest decimal, in exponent form below 1e-6 and from 1e21, with a
// one-digit negative exponent written without its leading zero.
func appendJSONFloat(b []byte, v float64) ([]byte, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b, fmt.Errorf("not a number: %v", v)
	}
	format := byte('f')
	if abs := math.Abs(v); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, v, format, -1, 64)
	if format == 'e' {
		b = trimExponentZero(b)
	}
	return b, nil
}

// trimExponentZero drops the leading zero of a one-digit negative exponent
// at the end of b ("1e-07" → "1e-7"), as encoding/json does.
func trimExponentZero(b []byte) []byte {
	if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
		b[n-2] = b[n-1]
		b = b[:n-1]
	}
	return b
}

// appendCoords appends the coordinates of a geometry as layers.geometry
// builds them.
func appendCoords(b []byte, coords any) ([]byte, error) {
	var err error
	switch c := coords.(type) {
	case [2]float64:
		b = append(b, '[')
		if b, err = appendJSONFloat(b, c[0]); err != nil {
			return b, err
		}
		b = append(b, ',')
		if b, err = appendJSONFloat(b, c[1]); err != nil {
			return b, err
		}
		return append(b, ']'), nil
	case [][2]float64:
		return appendList(b, len(c), func(b []byte, i int) ([]byte, error) { return appendCoords(b, c[i]) })
	case [][][2]float64:
		return appendList(b, len(c), func(b []byte, i int) ([]byte, error) { return appendCoords(b, c[i]) })
	case [][][][2]float64:
		return appendList(b, len(c), func(b []byte, i int) ([]byte, error) { return appendCoords(b, c[i]) })
	case nil:
		return append(b, "null"...), nil
	}
	return b, fmt.Errorf("unexpected coordinates %T", coords)
}

// appendList appends a JSON array of n items (layers.geometry never
// makes a nil slice, which encoding/json would write as null).
func appendList(b []byte, n int, item func([]byte, int) ([]byte, error)) ([]byte, error) {
	b = append(b, '[')
	var err error
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		if b, err = item(b, i); err != nil {
			return b, err
		}
	}
	return append(b, ']'), nil
}
