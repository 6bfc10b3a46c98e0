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
	slotEntrants
	slotAdmitted
	slotUnplaced
	slotSchool
	slotDistance
)

// areaSlots lists every property an area of stage sr can have, sorted by
// key as encoding/json sorts map keys.
func areaSlots(sr *sim.StageResult) []areaSlot {
	slots := []areaSlot{{"id", slotID, 0}, {"district", slotDistrict, 0}, {"stage", slotStage, 0},
		{"population", slotPopulation, 0}, {"name", slotName, 0}, {"completion_year", slotCompletion, 0},
		{"piece", slotPiece, 0}, {"share", slotShare, 0}}
	for yi := range sr.Years {
		y := sr.Years[yi].Year
		for k, f := range []string{"entrants", "admitted", "unplaced", "school", "distance_m"} {
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
	slots := areaSlots(sr)
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

// areaProps appends area i's properties, in slot order, skipping those it
// does not have.
func (l *layers) areaProps(buf []byte, slots []areaSlot, sr *sim.StageResult, st engine.Stage, i int) ([]byte, error) {
	r := l.r
	a := &r.City.Areas[i]
	n := 0 // properties written
	key := func(k string) {
		if n > 0 {
			buf = append(buf, ',')
		}
		n++
		buf = appendJSONString(buf, k)
		buf = append(buf, ':')
	}
	var err error
	for _, s := range slots {
		var yr *sim.YearResult
		school := -1
		if s.field >= slotEntrants {
			yr = &sr.Years[s.yi]
			school = int(yr.Assign.School[i])
		}
		switch s.field {
		case slotID:
			key(s.key)
			buf = appendJSONString(buf, a.ID)
		case slotDistrict:
			key(s.key)
			buf = appendJSONString(buf, r.City.Districts[a.District].ID)
		case slotStage:
			key(s.key)
			buf = appendJSONString(buf, st.String())
		case slotPopulation:
			key(s.key)
			buf, err = appendJSONFloat(buf, a.Population)
		case slotName:
			if a.Name != "" {
				key(s.key)
				buf = appendJSONString(buf, a.Name)
			}
		case slotCompletion:
			if a.CompletionYear != 0 {
				key(s.key)
				buf = strconv.AppendInt(buf, int64(a.CompletionYear), 10)
			}
		case slotPiece:
			if a.Piece != 0 {
				key(s.key)
				buf = strconv.AppendInt(buf, int64(a.Piece), 10)
			}
		case slotShare:
			if a.Piece != 0 {
				key(s.key)
				buf, err = appendJSONFloat(buf, round4(a.Share))
			}
		case slotEntrants, slotAdmitted, slotUnplaced:
			key(s.key)
			e, ad := int64(yr.AreaEntrants[i]), int64(yr.AreaAdmitted[i])
			buf = strconv.AppendInt(buf, [3]int64{e, ad, e - ad}[s.field-slotEntrants], 10)
		case slotSchool:
			if school >= 0 {
				key(s.key)
				buf = appendJSONString(buf, r.Schools[school].ID)
			}
		case slotDistance:
			if school >= 0 {
				key(s.key)
				buf, err = appendJSONFloat(buf, math.Round(float64(yr.Assign.Dist[i])))
			}
		}
		if err != nil {
			return buf, fmt.Errorf("%s: %w", s.key, err)
		}
	}
	return buf, nil
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
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
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
