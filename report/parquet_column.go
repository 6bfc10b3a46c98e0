package report

import (
	"encoding/binary"
	"math"

	"github.com/parquet-go/parquet-go/format"
)

// pqColumn is one column of a Parquet table being written: the values of
// the page being filled, its dictionary (RLE_DICTIONARY columns) and the
// encoded pages of the row group (pqChunk). Values go in by column, with
// no row structs, reflection or boxing: a row is one call per column.
type pqColumn struct {
	name     string
	str      bool            // BYTE_ARRAY (UTF-8); else INT32 or, dbl, DOUBLE
	dbl      bool            // DOUBLE, PLAIN-encoded
	optional bool            // nullable: definition levels are written
	enc      format.Encoding // DeltaBinaryPacked, DeltaByteArray or RLEDictionary

	// The page being filled.
	defs      []uint8  // definition levels, optional columns only
	ints      []int32  // INT32 values, or dictionary indices
	floats    []byte   // DOUBLE values, PLAIN-encoded
	bytes     []byte   // DELTA_BYTE_ARRAY values, end to end
	offs      []uint32 // their offsets: value k is bytes[offs[k]:offs[k+1]]
	pageNulls int

	dict pqDict
	pqChunk
}

// newPQColumn returns a column; its first offset is in place.
func newPQColumn(name string, str, optional bool, enc format.Encoding) *pqColumn {
	return &pqColumn{name: name, str: str, optional: optional, enc: enc, offs: []uint32{0}}
}

// addInt adds a non-null INT32 value.
func (c *pqColumn) addInt(v int32) {
	c.present()
	c.ints = append(c.ints, v)
	c.intStats(v)
}

// newPQDouble returns a column of 64-bit floats, PLAIN-encoded.
func newPQDouble(name string, optional bool) *pqColumn {
	c := newPQColumn(name, false, optional, format.Plain)
	c.dbl = true
	return c
}

// addFloat adds a non-null DOUBLE value (not NaN).
func (c *pqColumn) addFloat(v float64) {
	c.present()
	c.floats = binary.LittleEndian.AppendUint64(c.floats, math.Float64bits(v))
	c.floatStats(v)
}

// addNull adds a null (optional columns only).
func (c *pqColumn) addNull() {
	c.defs = append(c.defs, 0)
	c.pageNulls++
}

// addBytes adds a non-null string to a DELTA_BYTE_ARRAY column.
func (c *pqColumn) addBytes(s string) {
	c.present()
	c.bytes = append(c.bytes, s...)
	c.offs = append(c.offs, uint32(len(c.bytes)))
	c.strStats(s)
}

// addKey adds entry k of the dictionary column's table, null when k < 0.
// The dictionary index of a key is cached, so that a row costs a slice
// look-up, not a hash of the string.
func (c *pqColumn) addKey(k int) {
	if k < 0 {
		c.addNull()
		return
	}
	c.present()
	c.ints = append(c.ints, c.dict.key(k))
}

// addString adds a non-null string to a dictionary column.
func (c *pqColumn) addString(s string) {
	c.present()
	c.ints = append(c.ints, c.dict.index(s))
}

// present records a non-null value's definition level.
func (c *pqColumn) present() {
	if c.optional {
		c.defs = append(c.defs, 1)
	}
}

// pageRows is the number of rows of the page being filled.
func (c *pqColumn) pageRows() int {
	if c.optional {
		return len(c.defs)
	}
	switch {
	case c.enc == format.DeltaByteArray:
		return len(c.offs) - 1
	case c.dbl:
		return len(c.floats) / 8
	}
	return len(c.ints)
}

// resetPage empties the page being filled.
func (c *pqColumn) resetPage() {
	c.defs, c.ints, c.bytes, c.offs, c.pageNulls = c.defs[:0], c.ints[:0], c.bytes[:0], c.offs[:1], 0
	c.floats = c.floats[:0]
}

// pqDict is the dictionary of an RLE_DICTIONARY column chunk: its values
// in the order first met (as a reader sees them on the dictionary page)
// and their indices.
type pqDict struct {
	values []string
	ix     map[string]int32
	table  []string // key → value, for key
	cache  []int32  // key → index in values, -1 unknown
	last   string   // the last value looked up by index, and its index
	lastIx int32
}

// setTable sets the values that keys stand for (a scenario's school ids,
// say); the dictionary keeps its values.
func (d *pqDict) setTable(table []string) {
	d.table = table
	d.cache = d.cache[:0]
	for range table {
		d.cache = append(d.cache, -1)
	}
}

// key returns the dictionary index of table[k].
func (d *pqDict) key(k int) int32 {
	if ix := d.cache[k]; ix >= 0 {
		return ix
	}
	ix := d.index(d.table[k])
	d.cache[k] = ix
	return ix
}

// index returns the dictionary index of s, adding it if new.
func (d *pqDict) index(s string) int32 {
	if s == d.last && len(d.values) > 0 {
		return d.lastIx
	}
	ix, ok := d.ix[s]
	if !ok {
		if d.ix == nil {
			d.ix = map[string]int32{}
		}
		ix = int32(len(d.values))
		d.ix[s] = ix
		d.values = append(d.values, s)
	}
	d.last, d.lastIx = s, ix
	return ix
}

// reset empties the dictionary for the next column chunk.
func (d *pqDict) reset() {
	d.values = d.values[:0]
	clear(d.ix)
	for k := range d.cache {
		d.cache[k] = -1
	}
	d.last, d.lastIx = "", 0
}
