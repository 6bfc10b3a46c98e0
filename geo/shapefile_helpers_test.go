package geo

import (
	"encoding/binary"
	"math"
	"strings"

	"github.com/paulmach/orb"
)

// Builders of shapefile bytes for the tests, written from the ESRI
// Shapefile Technical Description and the dBase III header layout.

// shpFile wraps record contents (each starting with its shape type) in a
// .shp file of shape type typ.
func shpFile(typ int32, recs ...[]byte) []byte {
	b := make([]byte, shpHeaderLen)
	binary.BigEndian.PutUint32(b[0:], shpFileCode)
	binary.LittleEndian.PutUint32(b[28:], shpVersion)
	binary.LittleEndian.PutUint32(b[32:], uint32(typ))
	for i, r := range recs {
		h := make([]byte, shpRecordHeader)
		binary.BigEndian.PutUint32(h[0:], uint32(i+1))
		binary.BigEndian.PutUint32(h[4:], uint32(len(r)/2))
		b = append(b, h...)
		b = append(b, r...)
	}
	binary.BigEndian.PutUint32(b[24:], uint32(len(b)/2))
	return b
}

func le32(b []byte, v int32) []byte { return binary.LittleEndian.AppendUint32(b, uint32(v)) }
func lef(b []byte, v float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
}

// shpNullRec is the content of a null shape.
func shpNullRec() []byte { return le32(nil, shpNull) }

// shpPointRec is a Point, PointZ or PointM record.
func shpPointRec(typ int32, x, y float64) []byte {
	b := lef(lef(le32(nil, typ), x), y)
	switch typ {
	case shpPointZ:
		b = lef(lef(b, 7), 8) // z and m
	case shpPointM:
		b = lef(b, 9)
	}
	return b
}

// shpPartsRec is a MultiPoint (one part, no part list), PolyLine or
// Polygon record of any variant; Z variants carry z and m, M variants m.
func shpPartsRec(typ int32, parts ...[]orb.Point) []byte {
	var pts []orb.Point
	var starts []int32
	for _, p := range parts {
		starts = append(starts, int32(len(pts)))
		pts = append(pts, p...)
	}
	bound := orb.MultiPoint(pts).Bound()
	b := le32(nil, typ)
	for _, v := range []float64{bound.Min[0], bound.Min[1], bound.Max[0], bound.Max[1]} {
		b = lef(b, v)
	}
	if baseShape(typ) != shpMultiPoint {
		b = le32(b, int32(len(parts)))
	}
	b = le32(b, int32(len(pts)))
	if baseShape(typ) != shpMultiPoint {
		for _, s := range starts {
			b = le32(b, s)
		}
	}
	for _, p := range pts {
		b = lef(lef(b, p[0]), p[1])
	}
	zm := func() {
		b = lef(lef(b, 0), 1)
		for range pts {
			b = lef(b, 0.5)
		}
	}
	switch typ {
	case shpPolyLineZ, shpPolygonZ, shpMultiPointZ:
		zm()
		zm()
	case shpPolyLineM, shpPolygonM, shpMultiPointM:
		zm()
	}
	return b
}

// dbfCol is a field of a test table.
type dbfCol struct {
	name   string
	typ    byte
	length int
}

// dbfFile builds a dBase III table; cells are raw (already encoded) text,
// left-aligned for C, D and L fields and right-aligned for numbers. Records
// listed in deleted are flagged '*'.
func dbfFile(ldid byte, cols []dbfCol, rows [][]string, deleted ...int) []byte {
	recLen := 1
	for _, c := range cols {
		recLen += c.length
	}
	headLen := 32 + 32*len(cols) + 1
	b := make([]byte, 32)
	b[0] = 0x03
	binary.LittleEndian.PutUint32(b[4:], uint32(len(rows)))
	binary.LittleEndian.PutUint16(b[8:], uint16(headLen))
	binary.LittleEndian.PutUint16(b[10:], uint16(recLen))
	b[29] = ldid
	for _, c := range cols {
		d := make([]byte, 32)
		copy(d, c.name)
		d[11] = c.typ
		d[16] = byte(c.length)
		b = append(b, d...)
	}
	b = append(b, 0x0D)
	for i, r := range rows {
		flag := byte(' ')
		for _, d := range deleted {
			if d == i {
				flag = '*'
			}
		}
		b = append(b, flag)
		for j, c := range cols {
			cell := r[j]
			pad := strings.Repeat(" ", max(c.length-len(cell), 0))
			if c.typ == 'N' || c.typ == 'F' {
				cell = pad + cell
			} else {
				cell += pad
			}
			b = append(b, cell[:c.length]...)
		}
	}
	return append(b, 0x1A)
}
