package geo

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Rings of test squares: cw is an outer ring as shapefiles write it, ccw
// the same square as RFC 7946 (and the reader's output) orders it.
func cw(x, y, s float64) []orb.Point {
	return []orb.Point{{x, y}, {x, y + s}, {x + s, y + s}, {x + s, y}, {x, y}}
}

func ccw(x, y, s float64) []orb.Point {
	return []orb.Point{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
}

var idCol = []dbfCol{{"id", 'C', 8}}

// idRows gives one row per id.
func idRows(ids ...string) [][]string {
	rows := make([][]string, len(ids))
	for i, id := range ids {
		rows[i] = []string{id}
	}
	return rows
}

func gbk(tb testing.TB, s string) string {
	tb.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func gb18030(tb testing.TB, s string) string {
	tb.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().String(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestDecodeShapefileGeometry(t *testing.T) {
	line := []orb.Point{{1, 1}, {2, 3}, {4, 2}}
	line2 := []orb.Point{{10, 10}, {11, 11}}
	mp := []orb.Point{{1, 2}, {3, 4}}
	tests := []struct {
		name string
		shp  []byte
		want []orb.Geometry
	}{
		{"point", shpFile(shpPoint, shpPointRec(shpPoint, 106.5, 29.5), shpPointRec(shpPoint, -1, 2)),
			[]orb.Geometry{orb.Point{106.5, 29.5}, orb.Point{-1, 2}}},
		{"pointZ", shpFile(shpPointZ, shpPointRec(shpPointZ, 1, 2)), []orb.Geometry{orb.Point{1, 2}}},
		{"pointM", shpFile(shpPointM, shpPointRec(shpPointM, 1, 2)), []orb.Geometry{orb.Point{1, 2}}},
		{"multipoint", shpFile(shpMultiPoint, shpPartsRec(shpMultiPoint, mp)), []orb.Geometry{orb.MultiPoint(mp)}},
		{"multipointZ", shpFile(shpMultiPointZ, shpPartsRec(shpMultiPointZ, mp)), []orb.Geometry{orb.MultiPoint(mp)}},
		{"multipointM", shpFile(shpMultiPointM, shpPartsRec(shpMultiPointM, mp)), []orb.Geometry{orb.MultiPoint(mp)}},
		{"polyline one part", shpFile(shpPolyLine, shpPartsRec(shpPolyLine, line)), []orb.Geometry{orb.LineString(line)}},
		{"polyline two parts", shpFile(shpPolyLine, shpPartsRec(shpPolyLine, line, line2)),
			[]orb.Geometry{orb.MultiLineString{line, line2}}},
		{"polylineZ", shpFile(shpPolyLineZ, shpPartsRec(shpPolyLineZ, line, line2)),
			[]orb.Geometry{orb.MultiLineString{line, line2}}},
		{"polylineM", shpFile(shpPolyLineM, shpPartsRec(shpPolyLineM, line)), []orb.Geometry{orb.LineString(line)}},
		{"polygon", shpFile(shpPolygon, shpPartsRec(shpPolygon, cw(0, 0, 10))),
			[]orb.Geometry{orb.Polygon{ccw(0, 0, 10)}}},
		{"polygon with hole", shpFile(shpPolygon, shpPartsRec(shpPolygon, cw(0, 0, 10), ccw(4, 4, 2))),
			[]orb.Geometry{orb.Polygon{ccw(0, 0, 10), cw(4, 4, 2)}}},
		{"polygonZ with hole", shpFile(shpPolygonZ, shpPartsRec(shpPolygonZ, cw(0, 0, 10), ccw(4, 4, 2))),
			[]orb.Geometry{orb.Polygon{ccw(0, 0, 10), cw(4, 4, 2)}}},
		{"polygonM", shpFile(shpPolygonM, shpPartsRec(shpPolygonM, cw(0, 0, 10))),
			[]orb.Geometry{orb.Polygon{ccw(0, 0, 10)}}},
		// The hole of the second shell comes first; each hole must find its own shell.
		{"multipolygon with holes listed after the shells",
			shpFile(shpPolygon, shpPartsRec(shpPolygon, cw(0, 0, 10), cw(20, 0, 10), ccw(24, 4, 2), ccw(1, 1, 2))),
			[]orb.Geometry{orb.MultiPolygon{{ccw(0, 0, 10), cw(1, 1, 2)}, {ccw(20, 0, 10), cw(24, 4, 2)}}}},
		// An island in a lake: the island's own hole goes to the island, the
		// smallest shell containing it, not to the big shell.
		{"island in a hole",
			shpFile(shpPolygon, shpPartsRec(shpPolygon, cw(0, 0, 100), ccw(10, 10, 50), cw(20, 20, 20), ccw(25, 25, 5))),
			[]orb.Geometry{orb.MultiPolygon{{ccw(0, 0, 100), cw(10, 10, 50)}, {ccw(20, 20, 20), cw(25, 25, 5)}}}},
		{"hole touching its shell", shpFile(shpPolygon, shpPartsRec(shpPolygon, cw(0, 0, 10), ccw(0, 0, 2))),
			[]orb.Geometry{orb.Polygon{ccw(0, 0, 10), cw(0, 0, 2)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ids := make([]string, len(tc.want))
			for i := range ids {
				ids[i] = string(rune('A' + i))
			}
			l, err := DecodeShapefile("t.shp", Shapefile{SHP: tc.shp, DBF: dbfFile(0, idCol, idRows(ids...))}, Spec{Planar: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(l.Features) != len(tc.want) {
				t.Fatalf("got %d features, want %d", len(l.Features), len(tc.want))
			}
			for i, f := range l.Features {
				// Coordinates are copied bit for bit, so equality is exact.
				if !reflect.DeepEqual(f.Geometry, tc.want[i]) {
					t.Errorf("feature %d: got %#v, want %#v", i, f.Geometry, tc.want[i])
				}
				if f.Index != i || f.ID != ids[i] || f.File != "t.shp" || f.Row != 0 {
					t.Errorf("feature %d: index %d id %q file %q row %d", i, f.Index, f.ID, f.File, f.Row)
				}
			}
		})
	}
}

func TestDecodeShapefileAttributes(t *testing.T) {
	cols := []dbfCol{{"id", 'N', 6}, {"name", 'C', 20}, {"pop", 'N', 10}, {"share", 'F', 8},
		{"open", 'L', 1}, {"since", 'D', 8}}
	rows := [][]string{
		{"7", "East  ", "1200", "0.25", "T", "20210901"},
		{"8", "", "", "", "?", "        "},
		{"9", "gone", "1", "1", "F", "20200101"},
		{"10", "  West", "-3.5e2", "1", "n", "00000000"},
	}
	shp := shpFile(shpPoint, shpPointRec(shpPoint, 1, 1), shpPointRec(shpPoint, 2, 2),
		shpNullRec(), shpPointRec(shpPoint, 4, 4))
	l, err := DecodeShapefile("areas.shp", Shapefile{SHP: shp, DBF: dbfFile(0, cols, rows, 2), PRJ: []byte("GEOGCS[\"x\"]")}, Spec{Required: []string{"pop"}, NoID: false})
	if err == nil {
		t.Fatalf("want the missing pop of record 1, got %d features", len(l.Features))
	}
	if got, want := err.Error(), `areas.dbf: feature 1 (id "8"): pop: missing required property`; got != want {
		t.Errorf("error\n got %s\nwant %s", got, want)
	}
	l, err = DecodeShapefile("areas.shp", Shapefile{SHP: shp, DBF: dbfFile(0, cols, rows, 2), PRJ: []byte("GEOGCS[\"x\"]")}, Spec{})
	if err != nil {
		t.Fatal(err)
	}
	want := []Feature{
		{File: "areas.shp", Index: 0, ID: "7", Geometry: orb.Point{1, 1},
			Props: map[string]any{"id": 7.0, "name": "East", "pop": 1200.0, "share": 0.25, "open": true, "since": "2021-09-01"}},
		{File: "areas.shp", Index: 1, ID: "8", Geometry: orb.Point{2, 2}, Props: map[string]any{"id": 8.0}},
		{File: "areas.shp", Index: 3, ID: "10", Geometry: orb.Point{4, 4},
			Props: map[string]any{"id": 10.0, "name": "  West", "pop": -350.0, "share": 1.0, "open": false}},
	}
	if !reflect.DeepEqual(l.Features, want) {
		t.Errorf("features\n got %#v\nwant %#v", l.Features, want)
	}
	if l.Deleted != 1 || l.PRJ != `GEOGCS["x"]` || l.Format != FormatShapefile {
		t.Errorf("deleted %d, prj %q, format %q", l.Deleted, l.PRJ, l.Format)
	}
}

func TestDecodeShapefileEncoding(t *testing.T) {
	name := "解放碑小学"
	rare := "𠀀" // U+20000: GB18030 has it, GBK does not
	cols := []dbfCol{{"id", 'C', 4}, {"name", 'C', 16}}
	one := func(ldid byte, text string) []byte { return dbfFile(ldid, cols, [][]string{{"S1", text}}) }
	shp := shpFile(shpPoint, shpPointRec(shpPoint, 1, 1))
	tests := []struct {
		name    string
		dbf     []byte
		cpg     string // "-" = no .cpg file
		want    string
		wantErr string
	}{
		{"utf-8 without cpg", one(0, name), "-", name, ""},
		{"utf-8 cpg", one(0, name), "UTF-8", name, ""},
		{"utf8 cpg lower case with newline", one(0, name), "utf8\r\n", name, ""},
		{"gbk cpg", one(0, gbk(t, name)), "GBK", name, ""},
		{"936 cpg", one(0, gbk(t, name)), "936", name, ""},
		{"cp936 cpg", one(0, gbk(t, name)), "cp936", name, ""},
		{"gb2312 cpg", one(0, gbk(t, name)), "GB2312", name, ""},
		{"gb18030 cpg", one(0, gb18030(t, rare)), "GB18030", rare, ""},
		{"language driver 0x4D", one(0x4D, gbk(t, name)), "-", name, ""},
		{"language driver 0x7A", one(0x7A, gbk(t, name)), "-", name, ""},
		{"cpg wins over the language driver", one(0x4D, name), "UTF-8", name, ""},
		{"gbk without cpg", one(0, gbk(t, name)), "-", "",
			`t.dbf: feature 0 (id "S1"): name: text encoding: text is not valid UTF-8 and the file does not say its encoding: add t.cpg next to it holding the encoding's name, e.g. GBK`},
		{"gb18030-only text read as gbk", one(0, gb18030(t, rare)), "GBK", "",
			`t.dbf: feature 0 (id "S1"): name: text encoding: text is not valid GBK`},
		{"bad utf-8 with utf-8 cpg", one(0, "\xff\xfe"), "UTF-8", "",
			`t.dbf: feature 0 (id "S1"): name: text encoding: text is not valid UTF-8`},
		{"unknown cpg", one(0, name), "Big5", "",
			`t.cpg: text encoding: "Big5" is not supported; use UTF-8, GBK (also 936, CP936, GB2312) or GB18030`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sf := Shapefile{SHP: shp, DBF: tc.dbf}
			if tc.cpg != "-" {
				sf.CPG = []byte(tc.cpg)
			}
			l, err := DecodeShapefile("t.shp", sf, Spec{})
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr || !errors.Is(err, ErrEncoding) {
					t.Fatalf("error\n got %v\nwant %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := l.Features[0].Props["name"]; got != tc.want {
				t.Errorf("name = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDecodeShapefileErrors(t *testing.T) {
	pt := shpFile(shpPoint, shpPointRec(shpPoint, 1, 1), shpPointRec(shpPoint, 2, 2))
	dbf2 := dbfFile(0, idCol, idRows("A", "B"))
	truncated := pt[:len(pt)-3]
	// A record whose length field runs past the end though the header
	// length matches the file.
	overrun := append([]byte(nil), pt...)
	overrun[shpHeaderLen+28+7] = 40
	badPointLen := shpFile(shpPoint, append(shpPointRec(shpPoint, 1, 1), 0, 0, 0, 0, 0, 0, 0, 0), shpPointRec(shpPoint, 2, 2))
	badParts := shpPartsRec(shpPolygon, cw(0, 0, 10))
	badParts[44] = 3 // first part starts at point 3
	memo := dbfFile(0, []dbfCol{{"id", 'C', 8}, {"note", 'M', 10}}, [][]string{{"A", ""}, {"B", ""}})
	badType := dbfFile(0, []dbfCol{{"id", 'C', 8}, {"n", 'B', 8}}, [][]string{{"A", "1"}, {"B", "2"}})
	badRecLen := append([]byte(nil), dbf2...)
	badRecLen[10] = 12
	shortDBF := dbf2[:len(dbf2)-5]
	badFlag := append([]byte(nil), dbf2...)
	badFlag[32+32+1+9] = 'x'
	numCols := []dbfCol{{"id", 'C', 4}, {"pop", 'N', 6}, {"open", 'L', 1}, {"since", 'D', 8}}
	badValues := dbfFile(0, numCols, [][]string{{"A", "12a", "T", "20210230"}, {"B", "******", "X", "20210101"}})
	tests := []struct {
		name string
		sf   Shapefile
		spec Spec
		want []string // every error line, in order
		is   error
	}{
		{"truncated shp", Shapefile{SHP: truncated, DBF: dbf2}, Spec{},
			[]string{"t.shp: bad shapefile: the header gives a length of 156 bytes, the file has 153 (truncated or padded?)"}, ErrSHP},
		{"short header", Shapefile{SHP: pt[:50], DBF: dbf2}, Spec{},
			[]string{"t.shp: bad shapefile: the file is 50 bytes, too short for a shapefile header (truncated?)"}, ErrSHP},
		{"record overruns the file", Shapefile{SHP: overrun, DBF: dbf2}, Spec{},
			[]string{"t.shp: feature 1: bad shapefile: record length 80 bytes does not fit the 20 bytes left (truncated or wrong record length?)"}, ErrSHP},
		{"wrong point record length", Shapefile{SHP: badPointLen, DBF: dbf2}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: bad shapefile: a Point record of 28 bytes, want 20 (wrong record length?)`}, ErrSHP},
		{"not a shapefile", Shapefile{SHP: make([]byte, 100), DBF: dbf2}, Spec{},
			[]string{"t.shp: bad shapefile: file code 0 is not 9994: not a .shp file"}, ErrSHP},
		{"multipatch", Shapefile{SHP: shpFile(shpMultiPatch), DBF: dbfFile(0, idCol, nil)}, Spec{},
			[]string{"t.shp: bad shapefile: shape type MultiPatch is not supported; use points, lines or polygons"}, ErrSHP},
		{"shape type differs from the file's", Shapefile{SHP: shpFile(shpPoint, shpPointRec(shpPointM, 1, 1)), DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: bad shapefile: shape type PointM in a file of Point`}, ErrSHP},
		{"null shape", Shapefile{SHP: shpFile(shpPoint, shpPointRec(shpPoint, 1, 1), shpNullRec()), DBF: dbf2}, Spec{},
			[]string{`t.shp: feature 1 (id "B"): geometry: missing geometry: null shape (the record has no geometry)`}, ErrNoGeometry},
		{"bad part start", Shapefile{SHP: shpFile(shpPolygon, badParts), DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: bad shapefile: part 0 starts at point 3, which is out of order or beyond the 5 points`}, ErrSHP},
		{"hole outside every shell", Shapefile{SHP: shpFile(shpPolygon, shpPartsRec(shpPolygon, cw(0, 0, 10), ccw(20, 20, 2))), DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: invalid geometry: part 1 is a hole (counter-clockwise) that lies in no outer ring; outer rings must be clockwise`}, ErrGeometry},
		{"outer ring counter-clockwise", Shapefile{SHP: shpFile(shpPolygon, shpPartsRec(shpPolygon, ccw(0, 0, 10))), DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: invalid geometry: part 0 is a hole (counter-clockwise) that lies in no outer ring; outer rings must be clockwise`}, ErrGeometry},
		{"unclosed ring", Shapefile{SHP: shpFile(shpPolygon, shpPartsRec(shpPolygon, cw(0, 0, 10)[:4])), DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: invalid geometry: part 0: ring not closed (first point differs from last)`}, ErrGeometry},
		{"ring of three points", Shapefile{SHP: shpFile(shpPolygon, shpPartsRec(shpPolygon, []orb.Point{{0, 0}, {0, 1}, {0, 0}})), DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: invalid geometry: part 0: ring has 3 points, want 4 or more`}, ErrGeometry},
		{"empty polygon", Shapefile{SHP: shpFile(shpPolygon, shpPartsRec(shpPolygon)), DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: invalid geometry: an empty Polygon (no points)`}, ErrGeometry},
		{"longitude out of range", Shapefile{SHP: shpFile(shpPoint, shpPointRec(shpPoint, 500000, 3000000)), DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{`t.shp: feature 0 (id "A"): geometry: invalid geometry: [500000, 3000000] is no longitude and latitude: these look like projected coordinates (metres or feet); name their coordinate system with crs: in city.yaml`}, ErrGeometry},
		{"geometry kind not allowed", Shapefile{SHP: pt, DBF: dbf2}, Spec{Geometry: []orb.Geometry{orb.Polygon{}, orb.MultiPolygon{}}},
			[]string{`t.shp: feature 0 (id "A"): geometry: geometry type not allowed: got Point, want Polygon or MultiPolygon`,
				`t.shp: feature 1 (id "B"): geometry: geometry type not allowed: got Point, want Polygon or MultiPolygon`}, ErrGeometryType},
		{"count mismatch", Shapefile{SHP: pt, DBF: dbfFile(0, idCol, idRows("A"))}, Spec{},
			[]string{"t.shp: bad shapefile: 2 shapes in the .shp but 1 records in t.dbf"}, ErrSHP},
		{"memo field", Shapefile{SHP: pt, DBF: memo}, Spec{},
			[]string{"t.dbf: note: bad dBase table: memo fields (type M) are not supported; store the text in a character field"}, ErrDBF},
		{"unknown field type", Shapefile{SHP: pt, DBF: badType}, Spec{},
			[]string{"t.dbf: n: bad dBase table: field type 'B' is not supported; use character (C), number (N, F), logical (L) or date (D)"}, ErrDBF},
		{"wrong record length", Shapefile{SHP: pt, DBF: badRecLen}, Spec{},
			[]string{"t.dbf: bad dBase table: the header gives records of 12 bytes, but the fields add up to 9"}, ErrDBF},
		{"truncated dbf", Shapefile{SHP: pt, DBF: shortDBF}, Spec{},
			[]string{"t.dbf: bad dBase table: the header announces 2 records of 9 bytes, but the file holds only 14 bytes of records (truncated?)"}, ErrDBF},
		{"bad deletion flag", Shapefile{SHP: pt, DBF: badFlag}, Spec{},
			[]string{`t.dbf: feature 1: bad dBase table: deletion flag 0x78 is neither ' ' nor '*' (wrong record length?)`,
				`t.dbf: feature 1: id: missing required property`}, ErrDBF},
		{"bad values", Shapefile{SHP: pt, DBF: badValues}, Spec{},
			[]string{
				`t.dbf: feature 0 (id "A"): pop: bad dBase table: want a number, got "12a"`,
				`t.dbf: feature 0 (id "A"): since: bad dBase table: want a date written YYYYMMDD, got "20210230"`,
				`t.dbf: feature 1 (id "B"): open: bad dBase table: want a logical value (T, F, Y, N or ?), got "X"`}, ErrDBF},
		{"duplicate and missing ids", Shapefile{SHP: shpFile(shpPoint, shpPointRec(shpPoint, 1, 1), shpPointRec(shpPoint, 2, 2), shpPointRec(shpPoint, 3, 3)), DBF: dbfFile(0, idCol, idRows("A", "A", ""))}, Spec{},
			[]string{`t.dbf: feature 1 (id "A"): id: duplicate id: also feature 0`, `t.dbf: feature 2: id: missing required property`}, ErrDuplicateID},
		{"field name in capitals", Shapefile{SHP: shpFile(shpPoint, shpPointRec(shpPoint, 1, 1)), DBF: dbfFile(0, []dbfCol{{"ID", 'C', 4}, {"NAME", 'C', 4}}, [][]string{{"A", "x"}})}, Spec{Required: []string{"name"}},
			[]string{`t.dbf: feature 0: id: missing required property (the file has "ID"; names are case-sensitive)`,
				`t.dbf: feature 0: name: missing required property (the file has "NAME"; names are case-sensitive)`}, ErrMissing},
		{"fractional id", Shapefile{SHP: shpFile(shpPoint, shpPointRec(shpPoint, 1, 1)), DBF: dbfFile(0, []dbfCol{{"id", 'N', 6}}, [][]string{{"4.5"}})}, Spec{},
			[]string{`t.dbf: feature 0: id: id must be a non-empty string or an integer: got 4.5`}, ErrID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, err := DecodeShapefile("t.shp", tc.sf, tc.spec)
			if err == nil {
				t.Fatalf("no error; %d features", len(l.Features))
			}
			checkErrorLines(t, err, tc.want)
			if !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(err, %v) is false", tc.is)
			}
		})
	}
}

// checkErrorLines compares every problem of err, a list of Errors, with want.
func checkErrorLines(tb testing.TB, err error, want []string) {
	tb.Helper()
	var es Errors
	if !errors.As(err, &es) {
		tb.Fatalf("error %v is not Errors", err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		tb.Errorf("errors\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
}

// A numeric field of asterisks is a null, as GDAL and shapelib write and
// read it; blanks too.
func TestDBFNumberNulls(t *testing.T) {
	for _, raw := range []string{"*********", "  ******", "         ", ""} {
		if v, err := dbfNumber([]byte(raw)); v != nil || err != nil {
			t.Errorf("%q: %v, %v; want no value", raw, v, err)
		}
	}
	if v, err := dbfNumber([]byte("   12.5")); v != 12.5 || err != nil {
		t.Errorf("12.5: %v, %v", v, err)
	}
}
