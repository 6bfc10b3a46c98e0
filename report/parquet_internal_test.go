package report

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
)

// pqTestRow is a row of the tables of TestPQFileReadBack, as parquet-go's
// reader (not ours) decodes them.
type pqTestRow struct {
	ID     string  `parquet:"id"`
	Kind   string  `parquet:"kind"`
	N      int32   `parquet:"n"`
	School *string `parquet:"school,optional"`
	Dist   *int32  `parquet:"dist,optional"`
}

// TestPQFileReadBack writes tables with pqFile, page by page and group by
// group, and reads them back with parquet-go's reader: empty, one row,
// all nulls, and rows across several pages and row groups.
func TestPQFileReadBack(t *testing.T) {
	defer SetParquetRows(3, 6)()
	kinds := []string{"base", "shared", "unplaced"}
	tests := []struct {
		name string
		rows int
		null func(k int) bool // the row's school and dist are null
	}{
		{"empty", 0, nil},
		{"one row", 1, func(int) bool { return false }},
		{"all null", 7, func(int) bool { return true }},
		{"pages and groups", 20, func(k int) bool { return k%4 == 3 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var want []pqTestRow
			for k := range tc.rows {
				r := pqTestRow{ID: fmt.Sprintf("A%04d", k*7%13), Kind: kinds[k%3], N: int32(k*k - 40)}
				if !tc.null(k) {
					s, d := fmt.Sprint("S", k%5), int32(1000-k)
					r.School, r.Dist = &s, &d
				}
				want = append(want, r)
			}
			got := readPQ(t, writePQ(t, want))
			if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
				t.Errorf("read back %d rows %v, want %d rows %v", len(got), got, len(want), want)
			}
		})
	}
}

// writePQ writes rows with pqFile: a DELTA_BYTE_ARRAY, a dictionary by
// string, a delta-coded integer, a dictionary by key and an optional
// integer.
func writePQ(t *testing.T, rows []pqTestRow) []byte {
	t.Helper()
	id := newPQColumn("id", true, false, format.DeltaByteArray)
	kind := newPQColumn("kind", true, false, format.RLEDictionary)
	n := newPQColumn("n", false, false, format.DeltaBinaryPacked)
	school := newPQColumn("school", true, true, format.RLEDictionary)
	dist := newPQColumn("dist", false, true, format.DeltaBinaryPacked)
	school.dict.setTable([]string{"S0", "S1", "S2", "S3", "S4"})
	var buf bytes.Buffer
	f := newPQFile(&buf, "test", id, kind, n, school, dist)
	for _, r := range rows {
		id.addBytes(r.ID)
		kind.addString(r.Kind)
		n.addInt(r.N)
		if r.School == nil {
			school.addKey(-1)
			dist.addNull()
		} else {
			var k int
			fmt.Sscanf(*r.School, "S%d", &k)
			school.addKey(k)
			dist.addInt(*r.Dist)
		}
		if err := f.endRow(); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readPQ reads every row of the file data with parquet-go.
func readPQ(t *testing.T, data []byte) []pqTestRow {
	t.Helper()
	r := parquet.NewGenericReader[pqTestRow](bytes.NewReader(data))
	defer r.Close()
	var out []pqTestRow
	buf := make([]pqTestRow, 4)
	for {
		k, err := r.Read(buf)
		out = append(out, buf[:k]...)
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestTenths checks tenths against the CSV's text, read back, on ties,
// near-ties, whole numbers and large values.
func TestTenths(t *testing.T) {
	tests := []struct {
		name string
		v    float64
		want float64
	}{
		{"zero", 0, 0},
		{"whole", 12, 12},
		{"rounds down", 2.44, 2.4},
		{"rounds up", 2.46, 2.5},
		{"exact tie 0.25, half to even", 0.25, 0.2},
		{"tie 0.35 (binary just under)", 0.35, 0.3},
		{"tie 0.45 (binary just over)", 0.45, 0.5},
		{"large", 123456.789, 123456.8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tenths(tc.v); got != tc.want {
				t.Errorf("tenths(%v) = %v, want %v", tc.v, got, tc.want)
			}
			if csv, _ := strconv.ParseFloat(ftoa(tc.v, 1), 64); csv != tc.want {
				t.Errorf("CSV text of %v reads %v, want %v", tc.v, csv, tc.want)
			}
		})
	}
}

// TestTenthsSweep checks tenths against the CSV's text read back on a
// sweep of walks from 0 to about 60 minutes, near-ties included.
func TestTenthsSweep(t *testing.T) {
	for k := range 600_000 {
		v := float64(k)*0.0001 + float64(k%7)*1e-9
		want, _ := strconv.ParseFloat(ftoa(v, 1), 64)
		if got := tenths(v); got != want {
			t.Fatalf("tenths(%v) = %v, want %v", v, got, want)
		}
	}
}

// pqFloatRow is a row of TestPQDoubleReadBack's table.
type pqFloatRow struct {
	Min *float64 `parquet:"min,optional"`
}

// TestPQDoubleReadBack writes an optional DOUBLE column with pqFile and
// reads it back with parquet-go: values, nulls, and the chunk's bounds
// (a least of zero written -0, as Parquet asks).
func TestPQDoubleReadBack(t *testing.T) {
	defer SetParquetRows(2, 4)()
	f := func(v float64) *float64 { return &v }
	tests := []struct {
		name   string
		rows   []pqFloatRow
		lo, hi float64 // bounds of the first row group
	}{
		{"values and nulls", []pqFloatRow{{f(12.5)}, {nil}, {f(3.25)}, {f(40.7)}, {f(1)}}, 3.25, 40.7},
		{"zero is the least", []pqFloatRow{{f(0)}, {f(2.5)}}, math.Copysign(0, -1), 2.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			col := newPQDouble("min", true)
			var buf bytes.Buffer
			pf := newPQFile(&buf, "test", col)
			for _, r := range tc.rows {
				if r.Min == nil {
					col.addNull()
				} else {
					col.addFloat(*r.Min)
				}
				if err := pf.endRow(); err != nil {
					t.Fatal(err)
				}
			}
			if err := pf.close(); err != nil {
				t.Fatal(err)
			}
			got, err := parquet.Read[pqFloatRow](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil || !reflect.DeepEqual(got, tc.rows) {
				t.Errorf("read back %v (%v), want %v", got, err, tc.rows)
			}
			file, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			st := file.Metadata().RowGroups[0].Columns[0].MetaData.Statistics
			lo, hi := math.Float64frombits(binary.LittleEndian.Uint64(st.MinValue)), math.Float64frombits(binary.LittleEndian.Uint64(st.MaxValue))
			if math.Float64bits(lo) != math.Float64bits(tc.lo) || hi != tc.hi {
				t.Errorf("bounds %v, %v; want %v, %v", lo, hi, tc.lo, tc.hi)
			}
		})
	}
}
