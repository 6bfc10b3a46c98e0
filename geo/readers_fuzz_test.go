package geo

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"
)

// Fuzz targets for the shapefile and table readers, seeded from the
// fixtures the tests build. Each reader must return features or errors,
// never panic, and what it returns must hold its invariants.

func FuzzReadSHP(f *testing.F) {
	f.Add(shpFile(shpPoint, shpPointRec(shpPoint, 1, 2), shpNullRec()))
	f.Add(shpFile(shpPointZ, shpPointRec(shpPointZ, 1, 2)))
	f.Add(shpFile(shpMultiPointM, shpPartsRec(shpMultiPointM, []orb.Point{{1, 2}, {3, 4}})))
	f.Add(shpFile(shpPolyLineZ, shpPartsRec(shpPolyLineZ, []orb.Point{{1, 2}, {3, 4}}, []orb.Point{{5, 6}, {7, 8}})))
	f.Add(shpFile(shpPolygon, shpPartsRec(shpPolygon, cw(0, 0, 100), ccw(10, 10, 50), cw(20, 20, 20), ccw(25, 25, 5))))
	f.Add(shpFile(shpPolygonM, shpPartsRec(shpPolygonM, cw(0, 0, 10), ccw(20, 20, 2))))
	addFixtures(f, "shp")
	f.Fuzz(func(t *testing.T, data []byte) {
		shapes, fatal := readSHP("f.shp", data)
		if fatal != nil {
			if shapes != nil {
				t.Fatalf("shapes returned with the fatal error %v", fatal)
			}
			return
		}
		for i, s := range shapes {
			if (s.geom == nil) == (s.err == nil) {
				t.Fatalf("record %d: geometry %v with error %v", i, s.geom, s.err)
			}
			checkAssembled(t, s.geom)
		}
	})
}

// fixtures returns the shapefile fixtures' files of one extension.
func fixtures(f *testing.F, ext string) [][]byte {
	names, err := filepath.Glob(filepath.Join("testdata", "shp", "*."+ext))
	if err != nil || len(names) == 0 {
		f.Fatalf("no .%s fixtures: %v", ext, err)
	}
	var out [][]byte
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func addFixtures(f *testing.F, ext string) {
	for _, b := range fixtures(f, ext) {
		f.Add(b)
	}
}

// checkAssembled is the invariant of assembled polygons: closed rings in
// RFC 7946 orientation.
func checkAssembled(t *testing.T, g orb.Geometry) {
	t.Helper()
	mp, ok := AsMultiPolygon(g)
	if !ok {
		return
	}
	for _, p := range mp {
		for j, r := range p {
			if len(r) < 4 || r[0] != r[len(r)-1] {
				t.Fatalf("ring %d not closed: %v", j, r)
			}
			if a := ringArea2(r); (j == 0) != (a > 0) {
				t.Fatalf("ring %d has signed area %v", j, a)
			}
		}
	}
}

func FuzzReadDBF(f *testing.F) {
	cols := []dbfCol{{"id", 'C', 6}, {"pop", 'N', 8}, {"share", 'F', 6}, {"open", 'L', 1}, {"since", 'D', 8}}
	f.Add(dbfFile(0, cols, [][]string{{"A", "12", "0.5", "T", "20210101"}, {"B", "", "", "?", ""}}, 1), byte(0))
	f.Add(dbfFile(0x4D, []dbfCol{{"name", 'C', 12}}, [][]string{{gbk(f, "解放碑")}}), byte(1))
	f.Add(dbfFile(0, []dbfCol{{"name", 'C', 12}, {"m", 'M', 10}}, [][]string{{"x", ""}}), byte(2))
	for _, b := range fixtures(f, "dbf") {
		f.Add(b, byte(1))
	}
	f.Fuzz(func(t *testing.T, data []byte, enc byte) {
		tab, errs := parseDBF("f.dbf", data, Encoding(enc%3), enc%4 != 3)
		if len(errs) > 0 {
			if tab != nil {
				t.Fatal("a table with errors")
			}
			return
		}
		for i := 0; i < tab.count; i++ {
			props, _, probs := tab.record(i, "id")
			for k, v := range props {
				switch v.(type) {
				case string, float64, bool:
				default:
					t.Fatalf("record %d: %s is a %T", i, k, v)
				}
			}
			if len(probs) > len(tab.fields)+1 {
				t.Fatalf("record %d: %d problems for %d fields", i, len(probs), len(tab.fields))
			}
		}
	})
}

func FuzzDecodeCSV(f *testing.F) {
	f.Add([]byte("\ufeffid,name,lon,lat,streams,code\r\nS-1,East,106.5,29.5,4,007\r\n42,,106.6,29.6,-3,1e3\r\n"), false)
	f.Add([]byte("ID,E,N,note\n\nA,1,2,\"two\nlines\"\n\nB,3,4,x\n"), false)
	f.Add([]byte(gbk(f, "id,名称,x,y\nS-1,解放碑小学,106.5,29.5\n")), true)
	f.Add([]byte("id,lon,lat,pop\nA,1,2,5\nA,1,2,\n,,,\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, gbk bool) {
		opts := &TableOptions{}
		if gbk {
			opts.Encoding = GBK
		}
		feats, err := DecodeCSV("f.csv", data, Spec{NoID: true}, opts)
		checkTableFeatures(t, feats, err)
	})
}

// checkTableFeatures is the invariant of a table read: features or an
// error; points; rows after the header in increasing order.
func checkTableFeatures(t *testing.T, feats []Feature, err error) {
	t.Helper()
	if err != nil {
		if feats != nil {
			t.Fatal("features returned with an error")
		}
		return
	}
	prev := 1
	for i, f := range feats {
		if _, ok := f.Geometry.(orb.Point); !ok || f.Row <= prev || f.Index != i {
			t.Fatalf("feature %d: geometry %T, row %d after %d, index %d", i, f.Geometry, f.Row, prev, f.Index)
		}
		prev = f.Row
	}
}

func FuzzDecodeXLSX(f *testing.F) {
	wb := excelize.NewFile()
	for r, row := range [][]any{{"id", "lon", "lat", "v"}, {"a", 1.5, 2, true}, {7, 3, 4, "x"}} {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := wb.SetCellValue("Sheet1", ref, v); err != nil {
				f.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(xlsxWithSheet(f, "S", xlsxHeader+`<row r="2">`+xs("A2", "a")+xn("B2", "1")+xn("C2", "2")+`<c r="D2"><f>1+1</f></c></row>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feats, err := DecodeXLSX("f.xlsx", data, Spec{NoID: true}, nil)
		checkTableFeatures(t, feats, err)
	})
}
