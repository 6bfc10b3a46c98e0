package report

import (
	"bufio"
	"encoding/binary"
	"io"
	"math"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/schoolplan/schoolplan/geo"
)

// FlatGeobuf (https://flatgeobuf.org, format version 3): the magic bytes,
// a size-prefixed FlatBuffers Header (name, geometry type, columns,
// feature count, CRS), then each feature as a size-prefixed FlatBuffers
// Feature (geometry and a property buffer). The writer leaves out the
// optional packed R-tree (index_node_size 0), so features are written in
// the order they come, one at a time, in constant memory; GDAL, QGIS and
// DuckDB's spatial extension read such files (sequentially, without
// spatial filtering by index).

var fgbMagic = []byte{'f', 'g', 'b', 3, 'f', 'g', 'b', 0}

// fgbType is a FlatGeobuf ColumnType.
type fgbType byte

// FlatGeobuf column types used here.
const (
	fgbInt    fgbType = 5
	fgbLong   fgbType = 7
	fgbDouble fgbType = 10
	fgbString fgbType = 11
	fgbJSON   fgbType = 12
)

// FlatGeobuf geometry types used here.
const (
	fgbUnknown      byte = 0
	fgbPoint        byte = 1
	fgbPolygon      byte = 3
	fgbMultiPolygon byte = 6
)

// fgbColumn is one attribute column.
type fgbColumn struct {
	name string
	typ  fgbType
}

// fgbWriter writes one FlatGeobuf layer.
type fgbWriter struct {
	w     *bufio.Writer
	b     *flatbuffers.Builder
	props []byte // the property buffer of the feature being written
	size  [4]byte
}

// newFGBWriter writes the header of a layer of count features of geometry
// type gtype (fgbUnknown: each feature says) in crs.
func newFGBWriter(w io.Writer, name string, gtype byte, cols []fgbColumn, count int, crs geo.CRS) (*fgbWriter, error) {
	f := &fgbWriter{w: bufio.NewWriterSize(w, 1<<16), b: flatbuffers.NewBuilder(1 << 12)}
	f.w.Write(fgbMagic)
	f.header(name, gtype, cols, count, crs)
	return f, f.flushFeature()
}

func (f *fgbWriter) header(name string, gtype byte, cols []fgbColumn, count int, crs geo.CRS) {
	b := f.b
	offs := make([]flatbuffers.UOffsetT, len(cols))
	for i, c := range cols {
		n := b.CreateString(c.name)
		b.StartObject(11)
		b.PrependUOffsetTSlot(0, n, 0)
		b.PrependByteSlot(1, byte(c.typ), 0)
		offs[i] = b.EndObject()
	}
	b.StartVector(4, len(offs), 4)
	for i := len(offs) - 1; i >= 0; i-- {
		b.PrependUOffsetT(offs[i])
	}
	colv := b.EndVector(len(offs))
	var crsName flatbuffers.UOffsetT
	code := crs.Code()
	if code == 0 {
		crsName = b.CreateString(crs.Name())
	}
	org := b.CreateString("EPSG")
	b.StartObject(6)
	if code != 0 {
		b.PrependUOffsetTSlot(0, org, 0)
		b.PrependInt32Slot(1, int32(code), 0)
	} else {
		b.PrependUOffsetTSlot(2, crsName, 0)
	}
	crsOff := b.EndObject()
	nameOff := b.CreateString(name)
	b.StartObject(14)
	b.PrependUOffsetTSlot(0, nameOff, 0)
	b.PrependByteSlot(2, gtype, 0)
	b.PrependUOffsetTSlot(7, colv, 0)
	b.PrependUint64Slot(8, uint64(count), 0)
	b.PrependUint16Slot(9, 0, 16)
	b.PrependUOffsetTSlot(10, crsOff, 0)
	b.Finish(b.EndObject())
}

// flushFeature writes the finished FlatBuffer with its size prefix.
func (f *fgbWriter) flushFeature() error {
	data := f.b.FinishedBytes()
	binary.LittleEndian.PutUint32(f.size[:], uint32(len(data)))
	f.w.Write(f.size[:])
	_, err := f.w.Write(data)
	f.b.Reset()
	f.props = f.props[:0]
	return err
}

// Property setters: each appends column i's value to the feature being
// written. Columns left out are null. Call them in column order.

func (f *fgbWriter) setInt(i int, v int32) {
	f.props = binary.LittleEndian.AppendUint16(f.props, uint16(i))
	f.props = binary.LittleEndian.AppendUint32(f.props, uint32(v))
}

func (f *fgbWriter) setLong(i int, v int64) {
	f.props = binary.LittleEndian.AppendUint16(f.props, uint16(i))
	f.props = binary.LittleEndian.AppendUint64(f.props, uint64(v))
}

func (f *fgbWriter) setDouble(i int, v float64) {
	f.props = binary.LittleEndian.AppendUint16(f.props, uint16(i))
	f.props = binary.LittleEndian.AppendUint64(f.props, math.Float64bits(v))
}

func (f *fgbWriter) setString(i int, s string) {
	f.props = binary.LittleEndian.AppendUint16(f.props, uint16(i))
	f.props = binary.LittleEndian.AppendUint32(f.props, uint32(len(s)))
	f.props = append(f.props, s...)
}

// feature writes a feature with geometry g (as the GeoJSON layers build
// it) and the properties set since the last feature.
func (f *fgbWriter) feature(g geometry) error {
	b := f.b
	geom := f.geometry(g)
	props := b.CreateByteVector(f.props)
	b.StartObject(3)
	if geom != 0 {
		b.PrependUOffsetTSlot(0, geom, 0)
	}
	b.PrependUOffsetTSlot(1, props, 0)
	b.Finish(b.EndObject())
	return f.flushFeature()
}

// pointFeature is feature for a Point geometry.
func (f *fgbWriter) pointFeature(xy [2]float64) error {
	b := f.b
	geom := f.rings(fgbPoint, [][][2]float64{{xy}})
	props := b.CreateByteVector(f.props)
	b.StartObject(3)
	b.PrependUOffsetTSlot(0, geom, 0)
	b.PrependUOffsetTSlot(1, props, 0)
	b.Finish(b.EndObject())
	return f.flushFeature()
}

// geometry builds a Geometry table; 0 for none.
func (f *fgbWriter) geometry(g geometry) flatbuffers.UOffsetT {
	switch c := g.Coordinates.(type) {
	case [2]float64:
		return f.rings(fgbPoint, [][][2]float64{{c}})
	case [][][2]float64:
		return f.rings(fgbPolygon, c)
	case [][][][2]float64:
		parts := make([]flatbuffers.UOffsetT, len(c))
		for i, p := range c {
			parts[i] = f.rings(fgbPolygon, p)
		}
		b := f.b
		b.StartVector(4, len(parts), 4)
		for i := len(parts) - 1; i >= 0; i-- {
			b.PrependUOffsetT(parts[i])
		}
		pv := b.EndVector(len(parts))
		b.StartObject(8)
		b.PrependUOffsetTSlot(7, pv, 0)
		b.PrependByteSlot(6, fgbMultiPolygon, 0)
		return b.EndObject()
	}
	return 0
}

// rings builds a Point or Polygon geometry: xy holds every vertex, ends
// the end of each ring (in vertices) when there are several.
func (f *fgbWriter) rings(gtype byte, rings [][][2]float64) flatbuffers.UOffsetT {
	b := f.b
	n := 0
	for _, r := range rings {
		n += len(r)
	}
	var ends flatbuffers.UOffsetT
	if len(rings) > 1 {
		b.StartVector(4, len(rings), 4)
		end := n
		for i := len(rings) - 1; i >= 0; i-- {
			b.PrependUint32(uint32(end))
			end -= len(rings[i])
		}
		ends = b.EndVector(len(rings))
	}
	b.StartVector(8, 2*n, 8)
	for i := len(rings) - 1; i >= 0; i-- {
		r := rings[i]
		for j := len(r) - 1; j >= 0; j-- {
			b.PrependFloat64(r[j][1])
			b.PrependFloat64(r[j][0])
		}
	}
	xy := b.EndVector(2 * n)
	b.StartObject(8)
	if ends != 0 {
		b.PrependUOffsetTSlot(0, ends, 0)
	}
	b.PrependUOffsetTSlot(1, xy, 0)
	b.PrependByteSlot(6, gtype, 0)
	return b.EndObject()
}

// close flushes the layer.
func (f *fgbWriter) close() error {
	return f.w.Flush()
}
