package geo

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
)

// The rule violations of simplefeatures' validation (OGC simple features,
// as GEOS checks them), in a planner's words.
var violationWords = []struct{ rule, words string }{
	{"polygon ring not simple", "a ring crosses or touches itself (self-intersection)"},
	{"polygon has nested rings", "a hole lies inside another hole"},
	{"polygon interior ring outside of exterior ring", "a hole lies outside its outer ring"},
	{"polygon has disconnected interior", "the holes cut the polygon into pieces"},
	{"polygon rings intersect at multiple points", "two rings cross or share an edge"},
	{"multipolygon child polygons touch at multiple points", "two parts of the multipolygon overlap or share an edge"},
}

// checkTopology checks what the ring-by-ring checks cannot see: rings that
// cross themselves or each other, holes outside their shell or nested in
// another, parts of a multipolygon that overlap. It names the problem and
// where it is, in the file's coordinates.
func checkTopology(g orb.Geometry) error {
	var err error
	switch g := g.(type) {
	case orb.Polygon:
		err = SimplePolygon(g).Validate()
	case orb.MultiPolygon:
		err = SimpleMultiPolygon(g).Validate()
	default:
		return nil
	}
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrGeometry, violationText(err.Error()))
}

// violationText rewrites a simplefeatures validation message, e.g.
// "validating ring at index 0: polygon ring not simple (at or near {3 4})".
func violationText(msg string) string {
	where := ""
	if i := strings.LastIndex(msg, "(at or near {"); i >= 0 {
		xy := strings.Fields(strings.TrimSuffix(msg[i+len("(at or near {"):], "})"))
		if len(xy) == 2 {
			where = fmt.Sprintf(" near [%s, %s]", xy[0], xy[1])
		}
	}
	for _, v := range violationWords {
		if strings.Contains(msg, v.rule) {
			return v.words + where
		}
	}
	return "invalid polygon" + where + ": " + msg
}

// RepeatedPosition finds a position that repeats the one before it in a
// ring of a polygon or multipolygon (harmless to area and containment,
// often a digitising slip): the part, ring and position index, and ok.
func RepeatedPosition(g orb.Geometry) (part, ring, pos int, ok bool) {
	var mp orb.MultiPolygon
	switch g := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{g}
	case orb.MultiPolygon:
		mp = g
	default:
		return 0, 0, 0, false
	}
	for pi, p := range mp {
		for ri, r := range p {
			for i := 1; i < len(r); i++ {
				if r[i] == r[i-1] {
					return pi, ri, i, true
				}
			}
		}
	}
	return 0, 0, 0, false
}
