package geo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// ErrSHP is wrapped by errors about the structure of a .shp file.
var ErrSHP = errors.New("geo: bad shapefile")

// Shape types of the ESRI Shapefile Technical Description (1998).
const (
	shpNull        = 0
	shpPoint       = 1
	shpPolyLine    = 3
	shpPolygon     = 5
	shpMultiPoint  = 8
	shpPointZ      = 11
	shpPolyLineZ   = 13
	shpPolygonZ    = 15
	shpMultiPointZ = 18
	shpPointM      = 21
	shpPolyLineM   = 23
	shpPolygonM    = 25
	shpMultiPointM = 28
	shpMultiPatch  = 31
)

const (
	shpHeaderLen    = 100
	shpFileCode     = 9994
	shpVersion      = 1000
	shpRecordHeader = 8
)

// shapeName names a shape type for messages.
func shapeName(t int32) string {
	names := map[int32]string{
		shpNull: "Null", shpPoint: "Point", shpPolyLine: "PolyLine", shpPolygon: "Polygon",
		shpMultiPoint: "MultiPoint", shpPointZ: "PointZ", shpPolyLineZ: "PolyLineZ",
		shpPolygonZ: "PolygonZ", shpMultiPointZ: "MultiPointZ", shpPointM: "PointM",
		shpPolyLineM: "PolyLineM", shpPolygonM: "PolygonM", shpMultiPointM: "MultiPointM",
		shpMultiPatch: "MultiPatch",
	}
	if n, ok := names[t]; ok {
		return n
	}
	return fmt.Sprintf("unknown (%d)", t)
}

// baseShape maps Z and M variants to the plain shape type; 0 for types not read.
func baseShape(t int32) int32 {
	switch t {
	case shpPoint, shpPointZ, shpPointM:
		return shpPoint
	case shpPolyLine, shpPolyLineZ, shpPolyLineM:
		return shpPolyLine
	case shpPolygon, shpPolygonZ, shpPolygonM:
		return shpPolygon
	case shpMultiPoint, shpMultiPointZ, shpMultiPointM:
		return shpMultiPoint
	}
	return -1
}

// shpShape is one record of a .shp file: a geometry, or nil and the reason.
type shpShape struct {
	geom orb.Geometry
	err  error // a problem of this record's shape (null shape, bad parts, …)
}

// readSHP reads every record of a .shp file. A structural fault (bad
// header, truncation, a record that overruns the file) ends the reading and
// is returned as fatal; faults within one shape are kept in its err.
func readSHP(name string, data []byte) (shapes []shpShape, fatal error) {
	fileType, fatal := readSHPHeader(name, data)
	if fatal != nil {
		return nil, fatal
	}
	be := binary.BigEndian
	for off := shpHeaderLen; off < len(data); {
		rec := len(shapes)
		if len(data)-off < shpRecordHeader {
			return nil, shpFileError(name, rec, "the record header is cut off (truncated?)")
		}
		n := int64(be.Uint32(data[off+4:off+8])) * 2
		off += shpRecordHeader
		if n < 4 || n > int64(len(data)-off) {
			return nil, shpFileError(name, rec, "record length %d bytes does not fit the %d bytes left (truncated or wrong record length?)", n, len(data)-off)
		}
		g, err := readShape(data[off:off+int(n)], fileType)
		shapes = append(shapes, shpShape{geom: g, err: err})
		off += int(n)
	}
	return shapes, nil
}

// shpFileError is a structural fault of the .shp file name, at record rec
// (-1 for the header).
func shpFileError(name string, rec int, format string, args ...any) error {
	return &FeatureError{File: name, Index: rec, Err: fmt.Errorf("%w: "+format, append([]any{ErrSHP}, args...)...)}
}

// readSHPHeader checks the file header of a .shp and returns its shape
// type.
func readSHPHeader(name string, data []byte) (int32, error) {
	if len(data) < shpHeaderLen {
		return 0, shpFileError(name, -1, "the file is %d bytes, too short for a shapefile header (truncated?)", len(data))
	}
	be, le := binary.BigEndian, binary.LittleEndian
	if code := int32(be.Uint32(data[0:4])); code != shpFileCode {
		return 0, shpFileError(name, -1, "file code %d is not 9994: not a .shp file", code)
	}
	if v := int32(le.Uint32(data[28:32])); v != shpVersion {
		return 0, shpFileError(name, -1, "version %d is not 1000", v)
	}
	fileType := int32(le.Uint32(data[32:36]))
	if fileType != shpNull && baseShape(fileType) < 0 {
		return 0, shpFileError(name, -1, "shape type %s is not supported; use points, lines or polygons", shapeName(fileType))
	}
	declared := int64(be.Uint32(data[24:28])) * 2
	if declared != int64(len(data)) {
		return 0, shpFileError(name, -1, "the header gives a length of %d bytes, the file has %d (truncated or padded?)", declared, len(data))
	}
	return fileType, nil
}

// readShape decodes one record's content (starting with its shape type).
func readShape(b []byte, fileType int32) (orb.Geometry, error) {
	t := int32(binary.LittleEndian.Uint32(b))
	if t == shpNull {
		if len(b) != 4 {
			return nil, fmt.Errorf("%w: a null shape of %d bytes, want 4 (wrong record length?)", ErrSHP, len(b))
		}
		return nil, fmt.Errorf("%w: null shape (the record has no geometry)", ErrNoGeometry)
	}
	if t != fileType {
		return nil, fmt.Errorf("%w: shape type %s in a file of %s", ErrSHP, shapeName(t), shapeName(fileType))
	}
	switch baseShape(t) {
	case shpPoint:
		return readPoint(b, t)
	case shpMultiPoint:
		pts, err := readPoints(b, t, false)
		if err != nil {
			return nil, err
		}
		return orb.MultiPoint(pts.points), nil
	}
	pts, err := readPoints(b, t, true)
	if err != nil {
		return nil, err
	}
	if baseShape(t) == shpPolyLine {
		return lineParts(pts), nil
	}
	return assemblePolygon(pts)
}

// zmLength returns the allowed byte lengths of a shape whose x, y part ends
// at base and holds n points: exactly base for plain types; for Z types the
// z range and values are required and the m part optional; for M types the
// m part is optional.
func zmLength(t int32, base, n int) (lo, hi int) {
	zm := 16 + 8*n
	switch t {
	case shpPointZ:
		return base + 8, base + 16
	case shpPointM:
		return base, base + 8
	case shpPolyLineZ, shpPolygonZ, shpMultiPointZ:
		return base + zm, base + 2*zm
	case shpPolyLineM, shpPolygonM, shpMultiPointM:
		return base, base + zm
	}
	return base, base
}

func checkLength(b []byte, t int32, base, n int) error {
	lo, hi := zmLength(t, base, n)
	if len(b) != lo && len(b) != hi {
		if lo == hi {
			return fmt.Errorf("%w: a %s record of %d bytes, want %d (wrong record length?)", ErrSHP, shapeName(t), len(b), lo)
		}
		return fmt.Errorf("%w: a %s record of %d bytes, want %d or %d (wrong record length?)", ErrSHP, shapeName(t), len(b), lo, hi)
	}
	return nil
}

func readPoint(b []byte, t int32) (orb.Geometry, error) {
	if err := checkLength(b, t, 20, 1); err != nil {
		return nil, err
	}
	return orb.Point{f64(b[4:]), f64(b[12:])}, nil
}

func f64(b []byte) float64 { return math.Float64frombits(binary.LittleEndian.Uint64(b)) }

// shpPoints is the x, y content of a multi-part shape.
type shpPoints struct {
	parts  []int // start of each part in points
	points []orb.Point
}

// readPoints reads the box, part starts and points of a MultiPoint
// (withParts false), PolyLine or Polygon record.
func readPoints(b []byte, t int32, withParts bool) (shpPoints, error) {
	var p shpPoints
	head, nParts, nPoints, err := pointCounts(b, t, withParts)
	if err != nil {
		return p, err
	}
	if nPoints == 0 || (withParts && nParts == 0) {
		return p, fmt.Errorf("%w: an empty %s (no points)", ErrGeometry, shapeName(t))
	}
	if p.parts, err = readParts(b[head:], nParts, nPoints); err != nil {
		return p, err
	}
	p.points = readXY(b[head+4*nParts:], nPoints)
	return p, nil
}

// pointCounts reads how many parts (with withParts) and points a record
// holds, and checks its length against them; head is where the part
// starts begin.
func pointCounts(b []byte, t int32, withParts bool) (head, nParts, nPoints int, err error) {
	head = 4 + 32 + 4 // type, box, numParts or numPoints
	if withParts {
		head += 4
	}
	if len(b) < head {
		return 0, 0, 0, fmt.Errorf("%w: a %s record of %d bytes is too short (wrong record length?)", ErrSHP, shapeName(t), len(b))
	}
	le := binary.LittleEndian
	nPoints = int(le.Uint32(b[36:40]))
	if withParts {
		nParts, nPoints = int(le.Uint32(b[36:40])), int(le.Uint32(b[40:44]))
	}
	// Guard the sizes before multiplying: a corrupt count must not allocate.
	if nParts > len(b)/4 || nPoints > len(b)/16 {
		return 0, 0, 0, fmt.Errorf("%w: a %s record of %d bytes cannot hold %d parts and %d points (wrong record length?)", ErrSHP, shapeName(t), len(b), nParts, nPoints)
	}
	return head, nParts, nPoints, checkLength(b, t, head+4*nParts+16*nPoints, nPoints)
}

// readXY reads n points of two little-endian float64 each.
func readXY(b []byte, n int) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{f64(b[16*i:]), f64(b[16*i+8:])}
	}
	return pts
}

// readParts reads and checks the part starts: the first is 0, each is
// after the one before and before the end.
func readParts(b []byte, nParts, nPoints int) ([]int, error) {
	parts := make([]int, nParts)
	for i := range parts {
		parts[i] = int(binary.LittleEndian.Uint32(b[4*i:]))
		lo := 0
		if i > 0 {
			lo = parts[i-1] + 1
		}
		if (i == 0 && parts[i] != 0) || parts[i] < lo || parts[i] >= nPoints {
			return nil, fmt.Errorf("%w: part %d starts at point %d, which is out of order or beyond the %d points", ErrSHP, i, parts[i], nPoints)
		}
	}
	return parts, nil
}

// part returns the points of part i.
func (p shpPoints) part(i int) []orb.Point {
	end := len(p.points)
	if i+1 < len(p.parts) {
		end = p.parts[i+1]
	}
	return p.points[p.parts[i]:end:end]
}

// lineParts makes a LineString of a one-part PolyLine, a MultiLineString otherwise.
func lineParts(p shpPoints) orb.Geometry {
	if len(p.parts) == 1 {
		return orb.LineString(p.part(0))
	}
	ml := make(orb.MultiLineString, len(p.parts))
	for i := range ml {
		ml[i] = orb.LineString(p.part(i))
	}
	return ml
}
