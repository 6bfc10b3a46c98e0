package report

import (
	"encoding/binary"
	"errors"
	"io"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// pqFile writes a Parquet file of flat columns row group by row group:
// "PAR1", each group's column chunks, then the footer (the Thrift
// FileMetaData, its length and "PAR1"). It holds one row group's encoded
// pages in memory; values go in column by column (pqColumn), and endRow
// closes each row.
type pqFile struct {
	w         io.Writer
	off       int64
	cols      []*pqColumn
	pageRows  int // rows of the pages being filled
	groupRows int // rows of the row group being written, pages included
	meta      format.FileMetaData
	err       error
}

// pqPageRows is the number of rows of a data page, and pqGroupRows of a
// row group (a multiple of pqPageRows): the writer holds one group's
// compressed pages in memory. Tests make them small.
var (
	pqPageRows  = 1 << 16
	pqGroupRows = 1 << 20
)

// pqCreatedBy is the footer's created_by.
const pqCreatedBy = "schoolplan"

// newPQFile starts a Parquet file of the columns cols, whose schema root
// is named name, on w.
func newPQFile(w io.Writer, name string, cols ...*pqColumn) *pqFile {
	f := &pqFile{w: w, cols: cols, meta: format.FileMetaData{Version: 1, CreatedBy: pqCreatedBy}}
	f.meta.Schema = append(f.meta.Schema, format.SchemaElement{Name: name, NumChildren: thrift.New(int32(len(cols)))})
	for _, c := range cols {
		f.meta.Schema = append(f.meta.Schema, c.schema())
		f.meta.ColumnOrders = append(f.meta.ColumnOrders, format.ColumnOrder{Value: &format.TypeDefinedOrder{}})
	}
	f.write([]byte("PAR1"))
	return f
}

// write writes b at the end of the file, remembering the first error.
func (f *pqFile) write(b []byte) {
	if f.err != nil {
		return
	}
	_, f.err = f.w.Write(b)
	f.off += int64(len(b))
}

// endRow closes a row whose every column has had its value; it encodes
// the pages when they are full and writes the row group when it is.
func (f *pqFile) endRow() error {
	f.pageRows++
	if f.pageRows == pqPageRows {
		f.encodePages()
	}
	if f.groupRows == pqGroupRows {
		f.writeGroup()
	}
	return f.err
}

// encodePages closes the pages being filled.
func (f *pqFile) encodePages() {
	for _, c := range f.cols {
		if err := c.encodePage(); err != nil && f.err == nil {
			f.err = err
		}
	}
	f.groupRows += f.pageRows
	f.pageRows = 0
}

// writeGroup writes the row group's column chunks and adds the group to
// the footer.
func (f *pqFile) writeGroup() {
	if f.groupRows == 0 || f.err != nil {
		return
	}
	g := format.RowGroup{NumRows: int64(f.groupRows), FileOffset: f.off, Ordinal: int16(len(f.meta.RowGroups))}
	start := f.off
	for _, c := range f.cols {
		w := &pqCounter{w: f.w}
		chunk, err := c.writeChunk(w, f.off)
		f.off += w.n
		if err != nil {
			f.err = err
			return
		}
		g.Columns = append(g.Columns, chunk)
		g.TotalByteSize += chunk.MetaData.TotalUncompressedSize
	}
	g.TotalCompressedSize = f.off - start
	f.meta.RowGroups = append(f.meta.RowGroups, g)
	f.meta.NumRows += g.NumRows
	f.groupRows = 0
}

// close writes what is left and the footer.
func (f *pqFile) close() error {
	f.encodePages()
	f.writeGroup()
	if f.err != nil {
		return f.err
	}
	if len(f.meta.RowGroups) > 1<<15-1 {
		return errors.New("too many rows for one Parquet file")
	}
	footer, err := thrift.Marshal(pqCompact, &f.meta)
	if err != nil {
		return err
	}
	footer = binary.LittleEndian.AppendUint32(footer, uint32(len(footer)))
	f.write(append(footer, "PAR1"...))
	return f.err
}

// pqCounter counts the bytes written through it.
type pqCounter struct {
	w io.Writer
	n int64
}

func (c *pqCounter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
