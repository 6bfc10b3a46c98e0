package report

import (
	"encoding/binary"
	"io"
	"math"

	"github.com/klauspost/compress/s2"
	"github.com/parquet-go/parquet-go/deprecated"
	"github.com/parquet-go/parquet-go/encoding/delta"
	"github.com/parquet-go/parquet-go/encoding/rle"
	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// pqChunk is a column's chunk of the row group being written: its data
// pages, encoded and compressed, and what the footer says of them.
type pqChunk struct {
	pages        []byte // page headers and pages, end to end
	values       int64  // values, nulls included
	nulls        int64
	uncompressed int64 // size of the data pages, headers included, uncompressed
	statsSet     bool  // a non-null value was seen: the bounds below hold
	minI, maxI   int32
	minF, maxF   float64
	minS, maxS   string

	scratch, packed []byte // encoding buffers, reused
}

// intStats widens the chunk's bounds to v.
func (c *pqChunk) intStats(v int32) {
	if !c.statsSet {
		c.minI, c.maxI, c.statsSet = v, v, true
		return
	}
	c.minI, c.maxI = min(c.minI, v), max(c.maxI, v)
}

// floatStats widens the chunk's bounds to v.
func (c *pqChunk) floatStats(v float64) {
	if !c.statsSet {
		c.minF, c.maxF, c.statsSet = v, v, true
		return
	}
	c.minF, c.maxF = min(c.minF, v), max(c.maxF, v)
}

// strStats widens the chunk's bounds to s (byte order, as Parquet
// orders UTF-8).
func (c *pqChunk) strStats(s string) {
	if !c.statsSet {
		c.minS, c.maxS, c.statsSet = s, s, true
		return
	}
	// Area ids mostly come in increasing order: one comparison a value.
	if s > c.maxS {
		c.maxS = s
	} else if s < c.minS {
		c.minS = s
	}
}

// pqCompact is the Thrift protocol of Parquet's page headers and footer.
var pqCompact = new(thrift.CompactProtocol)

// encodePage appends the page being filled to the chunk as a DATA_PAGE_V2:
// definition levels (RLE, uncompressed), then the values, Snappy-compressed.
func (c *pqColumn) encodePage() error {
	rows := c.pageRows()
	if rows == 0 {
		return nil
	}
	var levels []byte
	if c.optional {
		var err error
		if levels, err = (&rle.Encoding{BitWidth: 1}).EncodeLevels(nil, c.defs); err != nil {
			return err
		}
	}
	values, err := c.encodeValues()
	if err != nil {
		return err
	}
	c.packed = s2.EncodeSnappy(c.packed[:cap(c.packed)], values)
	h := format.PageHeader{Type: format.DataPageV2,
		UncompressedPageSize: int32(len(levels) + len(values)), CompressedPageSize: int32(len(levels) + len(c.packed)),
		DataPageHeaderV2: thrift.New(format.DataPageHeaderV2{NumValues: int32(rows), NumNulls: int32(c.pageNulls), NumRows: int32(rows),
			Encoding: c.enc, DefinitionLevelsByteLength: int32(len(levels)), IsCompressed: thrift.New(true),
			Statistics: format.Statistics{NullCount: int64(c.pageNulls)}})}
	head, err := thrift.Marshal(pqCompact, &h)
	if err != nil {
		return err
	}
	c.pages = append(append(append(c.pages, head...), levels...), c.packed...)
	c.values += int64(rows)
	c.nulls += int64(c.pageNulls)
	c.uncompressed += int64(len(head) + len(levels) + len(values))
	c.resetPage()
	return nil
}

// encodeValues encodes the page's non-null values in the column's
// encoding.
func (c *pqColumn) encodeValues() (b []byte, err error) {
	switch c.enc {
	case format.DeltaByteArray:
		b, err = (&delta.ByteArrayEncoding{}).EncodeByteArray(c.scratch, c.bytes, c.offs)
	case format.RLEDictionary:
		b, err = (&rle.DictionaryEncoding{}).EncodeInt32(c.scratch, c.ints)
	case format.Plain:
		b = append(c.scratch[:0], c.floats...)
	default:
		b, err = (&delta.BinaryPackedEncoding{}).EncodeInt32(c.scratch, c.ints)
	}
	c.scratch = b
	return b, err
}

// writeChunk writes the column's chunk of the row group at offset off of
// the file: its dictionary page, if any, then its data pages. It returns
// the chunk's footer entry and resets the chunk and dictionary.
func (c *pqColumn) writeChunk(w io.Writer, off int64) (format.ColumnChunk, error) {
	md := format.ColumnMetaData{Type: format.Int32, Encoding: c.encodings(), PathInSchema: []string{c.name},
		Codec: format.Snappy, NumValues: c.values, DataPageOffset: off, Statistics: c.stats()}
	if c.str {
		md.Type = format.ByteArray
	}
	if c.dbl {
		md.Type = format.Double
	}
	if c.enc == format.RLEDictionary {
		dict, raw, err := c.dictPage()
		if err != nil {
			return format.ColumnChunk{}, err
		}
		if _, err := w.Write(dict); err != nil {
			return format.ColumnChunk{}, err
		}
		md.DictionaryPageOffset, md.DataPageOffset = off, off+int64(len(dict))
		md.TotalCompressedSize, md.TotalUncompressedSize = int64(len(dict)), int64(raw)
	}
	if _, err := w.Write(c.pages); err != nil {
		return format.ColumnChunk{}, err
	}
	md.TotalCompressedSize += int64(len(c.pages))
	md.TotalUncompressedSize += c.uncompressed
	c.resetChunk()
	return format.ColumnChunk{FileOffset: off, MetaData: md}, nil
}

// encodings lists the encodings of the chunk's pages and levels.
func (c *pqColumn) encodings() []format.Encoding {
	switch {
	case c.enc == format.RLEDictionary && c.optional:
		return []format.Encoding{format.Plain, format.RLE, format.RLEDictionary}
	case c.enc == format.RLEDictionary:
		return []format.Encoding{format.Plain, format.RLEDictionary}
	case c.optional:
		return []format.Encoding{format.RLE, c.enc}
	}
	return []format.Encoding{c.enc}
}

// stats are the chunk's statistics: its nulls and, when it holds a value,
// its least and greatest (PLAIN, strings without their length).
func (c *pqColumn) stats() format.Statistics {
	s := format.Statistics{NullCount: c.nulls}
	if c.enc == format.RLEDictionary {
		for _, v := range c.dict.values {
			c.strStats(v)
		}
	}
	switch {
	case !c.statsSet:
	case c.str:
		s.MinValue, s.MaxValue = []byte(c.minS), []byte(c.maxS)
	case c.dbl:
		// Parquet's rule for zeros: a least of zero is written -0, a
		// greatest +0, whatever the sign of the zeros written.
		lo, hi := c.minF, c.maxF
		if lo == 0 {
			lo = math.Copysign(0, -1)
		}
		if hi == 0 {
			hi = math.Copysign(0, 1)
		}
		s.MinValue = binary.LittleEndian.AppendUint64(nil, math.Float64bits(lo))
		s.MaxValue = binary.LittleEndian.AppendUint64(nil, math.Float64bits(hi))
	default:
		s.MinValue = binary.LittleEndian.AppendUint32(nil, uint32(c.minI))
		s.MaxValue = binary.LittleEndian.AppendUint32(nil, uint32(c.maxI))
	}
	return s
}

// dictPage returns the chunk's dictionary page, header included, and its
// uncompressed size: the values PLAIN-encoded (a 4-byte length, then the
// bytes), Snappy-compressed.
func (c *pqColumn) dictPage() ([]byte, int, error) {
	plain := c.scratch[:0]
	for _, v := range c.dict.values {
		plain = binary.LittleEndian.AppendUint32(plain, uint32(len(v)))
		plain = append(plain, v...)
	}
	c.scratch = plain
	packed := s2.EncodeSnappy(nil, plain)
	h := format.PageHeader{Type: format.DictionaryPage, UncompressedPageSize: int32(len(plain)), CompressedPageSize: int32(len(packed)),
		DictionaryPageHeader: thrift.New(format.DictionaryPageHeader{NumValues: int32(len(c.dict.values)), Encoding: format.Plain})}
	head, err := thrift.Marshal(pqCompact, &h)
	if err != nil {
		return nil, 0, err
	}
	return append(head, packed...), len(head) + len(plain), nil
}

// resetChunk empties the chunk and the dictionary for the next row group.
func (c *pqColumn) resetChunk() {
	scratch, packed, pages := c.scratch, c.packed, c.pages[:0]
	c.pqChunk = pqChunk{pages: pages, scratch: scratch, packed: packed}
	c.dict.reset()
}

// schema is the column's element of the file schema: UTF-8 strings,
// signed 32-bit integers and 64-bit floats.
func (c *pqColumn) schema() format.SchemaElement {
	e := format.SchemaElement{Name: c.name, Type: thrift.New(format.Int32), RepetitionType: thrift.New(format.Required),
		ConvertedType: thrift.New(deprecated.Int32), LogicalType: format.LogicalType{Value: &format.IntType{BitWidth: 32, IsSigned: true}}}
	if c.str {
		e.Type, e.ConvertedType, e.LogicalType.Value = thrift.New(format.ByteArray), thrift.New(deprecated.UTF8), &format.StringType{}
	}
	if c.dbl {
		e.Type, e.LogicalType.Value = thrift.New(format.Double), nil
		e.ConvertedType = thrift.Null[deprecated.ConvertedType]{}
	}
	if c.optional {
		e.RepetitionType = thrift.New(format.Optional)
	}
	return e
}
