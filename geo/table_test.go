package geo

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/xuri/excelize/v2"
)

func TestDecodeCSV(t *testing.T) {
	tests := []struct {
		name string
		data string
		opts *TableOptions
		want []Feature
	}{
		{"types, BOM and CRLF", "\ufeffid,name,lon,lat,streams,code,share\r\nS-1,East,106.5,29.5,4,007,0.25\r\n42,,106.6,29.6,-3,1e3,\r\n",
			nil, []Feature{
				{File: "s.csv", Index: 0, Row: 2, ID: "S-1", Geometry: orb.Point{106.5, 29.5},
					Props: map[string]any{"id": "S-1", "name": "East", "streams": 4.0, "code": "007", "share": 0.25}},
				{File: "s.csv", Index: 1, Row: 3, ID: "42", Geometry: orb.Point{106.6, 29.6},
					Props: map[string]any{"id": 42.0, "streams": -3.0, "code": "1e3"}},
			}},
		{"long integers stay text, long fractions are numbers", "id,x,y,code,area\n1,1,2,1234567890123456,0.12345678901234567\n",
			nil, []Feature{{File: "s.csv", Index: 0, Row: 2, ID: "1", Geometry: orb.Point{1, 2},
				Props: map[string]any{"id": 1.0, "code": "1234567890123456", "area": 0.12345678901234567}}}},
		{"named columns, case ignored, blank lines and a quoted newline", "ID,E,N,note\n\nA,1,2,\"two\nlines\"\n\nB,3,4,x\n",
			&TableOptions{Lon: "e", Lat: "n"}, []Feature{
				{File: "s.csv", Index: 0, Row: 3, ID: "A", Geometry: orb.Point{1, 2}, Props: map[string]any{"ID": "A", "note": "two\nlines"}},
				{File: "s.csv", Index: 1, Row: 6, ID: "B", Geometry: orb.Point{3, 4}, Props: map[string]any{"ID": "B", "note": "x"}},
			}},
		{"gbk", gbk(t, "id,名称,Longitude,Latitude\nS-1,解放碑小学,106.5,29.5\n"), &TableOptions{Encoding: GBK},
			[]Feature{{File: "s.csv", Index: 0, Row: 2, ID: "S-1", Geometry: orb.Point{106.5, 29.5},
				Props: map[string]any{"id": "S-1", "名称": "解放碑小学"}}}},
		{"trailing empty cells without header", "id,lng,lat,,\nA,1,2,,\nB,3,4\n", nil, []Feature{
			{File: "s.csv", Index: 0, Row: 2, ID: "A", Geometry: orb.Point{1, 2}, Props: map[string]any{"id": "A"}},
			{File: "s.csv", Index: 1, Row: 3, ID: "B", Geometry: orb.Point{3, 4}, Props: map[string]any{"id": "B"}},
		}},
		{"header only", "id,lon,lat\n", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := Spec{}
			if tc.opts != nil && tc.opts.Lon == "e" {
				spec.IDField = "ID"
			}
			got, err := DecodeCSV("s.csv", []byte(tc.data), spec, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("features\n got %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func TestDecodeCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		opts *TableOptions
		spec Spec
		want []string
		is   error
	}{
		{"no coordinate columns", "id,name\nA,b\n", nil, Spec{},
			[]string{`s.csv: row 1: bad table: no longitude column: want a header named "lon", "lng", "longitude" or "x"`,
				`s.csv: row 1: bad table: no latitude column: want a header named "lat", "latitude" or "y"`}, ErrTable},
		{"two longitude columns", "id,lon,X,lat\nA,1,1,2\n", nil, Spec{},
			[]string{`s.csv: row 1: bad table: columns "lon" and "X" could both be the longitude; name the one to use`}, ErrTable},
		{"named column missing", "id,lon,lat\nA,1,2\n", &TableOptions{Lon: "east"}, Spec{},
			[]string{`s.csv: row 1: bad table: no longitude column: want a header named "east"`}, ErrTable},
		{"duplicate header", "id,lon,lat,id\nA,1,2,B\n", nil, Spec{},
			[]string{`s.csv: row 1: id: bad table: two columns have this header (column 1 and column 4)`}, ErrTable},
		{"bad coordinates after a blank line", "id,lon,lat\n\nA,abc,2\nB,,3\nC,200,4\n", nil, Spec{},
			[]string{`s.csv: row 3 (id "A"): lon: invalid geometry: want a number, got "abc"`,
				`s.csv: row 4 (id "B"): lon: missing geometry: the cell is empty, want a number`,
				`s.csv: row 5 (id "C"): geometry: invalid geometry: longitude 200 outside [-180, 180]`}, ErrGeometry},
		{"planar coordinates pass the range check", "id,x,y\nA,500000,3300000\nB,NaN,1\n", nil, Spec{Planar: true},
			[]string{`s.csv: row 3 (id "B"): x: invalid geometry: want a number, got "NaN"`}, ErrGeometry},
		{"duplicate id, missing required, empty rows", "id,lon,lat,pop\nA,1,2,5\nA,1,2,\n,,,\n,,\nB,1,2,3\n,\n", nil, Spec{Required: []string{"pop"}},
			[]string{`s.csv: row 3 (id "A"): id: duplicate id: also row 2`,
				`s.csv: row 3 (id "A"): pop: missing required property`,
				`s.csv: row 4: bad table: rows 4 to 5 are empty; delete them or fill them in`,
				`s.csv: row 7: bad table: the row is empty; delete it or fill it in`}, ErrDuplicateID},
		{"value without header", "id,lon,lat,\nA,1,2,x\n", nil, Spec{},
			[]string{`s.csv: row 2 (id "A"): column 4: bad table: a value in a column without header`}, ErrTable},
		{"bare quote", "id,lon,lat\nA,1,2\nB\"x,1,2\n", nil, Spec{},
			[]string{`s.csv: row 3: bad table: at character 2: a double quote inside an unquoted cell; quote the whole cell and double the quote`}, ErrTable},
		{"unclosed quote", "id,lon,lat\nA,1,\"2\n", nil, Spec{},
			[]string{`s.csv: row 2: bad table: at character 8: a quoted cell is not closed, or text follows its closing quote`}, ErrTable},
		{"gbk read as utf-8", gbk(t, "id,lon,lat\n解放,1,2\n"), nil, Spec{},
			[]string{`s.csv: text encoding: line 2 is not valid UTF-8; if the file is GBK, say so with the table's encoding (in city.yaml: layers.LAYER.encoding: GBK)`}, ErrEncoding},
		{"bad gbk", "id,lon,lat\n\x81\x20,1,2\n", &TableOptions{Encoding: GBK}, Spec{},
			[]string{`s.csv: text encoding: text is not valid GBK`}, ErrEncoding},
		{"empty file", "", nil, Spec{},
			[]string{`s.csv: bad table: the file is empty; want a header row`}, ErrTable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			feats, err := DecodeCSV("s.csv", []byte(tc.data), tc.spec, tc.opts)
			if err == nil {
				t.Fatalf("no error; %d features", len(feats))
			}
			checkErrorLines(t, err, tc.want)
			if !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(err, %v) is false", tc.is)
			}
		})
	}
}

// xlsxWithSheet builds a minimal workbook around the XML of one sheet's
// rows (<row> elements), with inline strings only, so that a test controls
// cell types, formulas and cached values exactly.
func xlsxWithSheet(tb testing.TB, sheet, rows string) []byte {
	tb.Helper()
	files := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + sheet + `" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` + rows + `</sheetData></worksheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f.name)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := w.Write([]byte(f.body)); err != nil {
			tb.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// xs is an inline-string cell, xn a number cell.
func xs(ref, s string) string {
	return fmt.Sprintf(`<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, s)
}
func xn(ref, v string) string { return fmt.Sprintf(`<c r="%s"><v>%s</v></c>`, ref, v) }

const xlsxHeader = `<row r="1">` + `<c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>lon</t></is></c><c r="C1" t="inlineStr"><is><t>lat</t></is></c><c r="D1" t="inlineStr"><is><t>v</t></is></c></row>`

func TestDecodeXLSX(t *testing.T) {
	// A workbook as Excel-like writers make it: shared strings, two sheets.
	wb := excelize.NewFile()
	if _, err := wb.NewSheet("学校"); err != nil {
		t.Fatal(err)
	}
	cells := [][]any{{"ID", "Lng", "Lat", "name", "streams", "public"}, {7, 106.5, 29.5, "东", 4, true}, {"S-2", 106.6, 29.6, nil, 2.5, false}}
	for r, row := range cells {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := wb.SetCellValue("学校", ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := wb.SetCellValue("Sheet1", "A1", "not this sheet"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := DecodeXLSX("s.xlsx", buf.Bytes(), Spec{IDField: "ID"}, &TableOptions{Sheet: "学校"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Feature{
		{File: `s.xlsx (sheet "学校")`, Index: 0, Row: 2, ID: "7", Geometry: orb.Point{106.5, 29.5},
			Props: map[string]any{"ID": 7.0, "name": "东", "streams": 4.0, "public": true}},
		{File: `s.xlsx (sheet "学校")`, Index: 1, Row: 3, ID: "S-2", Geometry: orb.Point{106.6, 29.6},
			Props: map[string]any{"ID": "S-2", "streams": 2.5, "public": false}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("features\n got %#v\nwant %#v", got, want)
	}

	// Hand-written sheet XML: formulas with and without cached values.
	data := xlsxWithSheet(t, "S", xlsxHeader+
		`<row r="2">`+xs("A2", "a")+xn("B2", "1")+xn("C2", "2")+`<c r="D2"><f>1+1</f><v>2</v></c></row>`+
		`<row r="3">`+xs("A3", "b")+xn("B3", "3")+xn("C3", "4")+`<c r="D3" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>`+
		`<row r="4">`+xs("A4", "c")+xn("B4", "5")+xn("C4", "6")+`<c r="D4" t="b"><v>1</v></c></row>`)
	got, err = DecodeXLSX("f.xlsx", data, Spec{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var vals []any
	var rows []int
	for _, f := range got {
		vals = append(vals, f.Props["v"])
		rows = append(rows, f.Row)
	}
	if !reflect.DeepEqual(vals, []any{2.0, "xy", true}) || !reflect.DeepEqual(rows, []int{2, 3, 4}) {
		t.Errorf("values %v rows %v, want [2 xy true] [2 3 4]", vals, rows)
	}
}

func TestDecodeXLSXErrors(t *testing.T) {
	row := func(r int, id, lon, lat, v string) string {
		n := fmt.Sprint(r)
		return `<row r="` + n + `">` + xs("A"+n, id) + lon + lat + v + `</row>`
	}
	tests := []struct {
		name string
		data []byte
		opts *TableOptions
		want []string
		is   error
	}{
		{"formula without cached value", xlsxWithSheet(t, "S", xlsxHeader+row(2, "a", xn("B2", "1"), xn("C2", "2"), `<c r="D2"><f>SUM(B2:C2)</f></c>`)), nil,
			[]string{`f.xlsx (sheet "S"): row 2 (id "a"): v: bad table: the formula =SUM(B2:C2) has no saved value; open and save the workbook in Excel, or paste the values`}, ErrTable},
		{"error cell", xlsxWithSheet(t, "S", xlsxHeader+row(2, "a", xn("B2", "1"), xn("C2", "2"), `<c r="D2" t="e"><f>1/0</f><v>#DIV/0!</v></c>`)), nil,
			[]string{`f.xlsx (sheet "S"): row 2 (id "a"): v: bad table: the cell holds the error #DIV/0!`}, ErrTable},
		{"coordinate as text", xlsxWithSheet(t, "S", xlsxHeader+row(2, "a", xs("B2", "106.5"), xn("C2", "2"), "")), nil,
			[]string{`f.xlsx (sheet "S"): row 2 (id "a"): lon: invalid geometry: want a number, got "106.5"`}, ErrGeometry},
		{"empty row between data", xlsxWithSheet(t, "S", xlsxHeader+row(2, "a", xn("B2", "1"), xn("C2", "2"), "")+`<row r="3"><c r="A3"/></row>`+row(4, "b", xn("B4", "1"), "", "")), nil,
			[]string{`f.xlsx (sheet "S"): row 3: bad table: the row is empty; delete it or fill it in`,
				`f.xlsx (sheet "S"): row 4 (id "b"): lat: missing geometry: the cell is empty, want a number`}, ErrTable},
		{"no such sheet", xlsxWithSheet(t, "S", xlsxHeader), &TableOptions{Sheet: "T"},
			[]string{`f.xlsx: bad table: no sheet "T"; the workbook has "S"`}, ErrTable},
		{"empty header row", xlsxWithSheet(t, "S", row(2, "a", "", "", "")), nil,
			[]string{`f.xlsx (sheet "S"): row 1: bad table: row 1 is empty; want the header`}, ErrTable},
		{"not a workbook", []byte("id,lon,lat\n"), nil,
			[]string{`f.xlsx: bad table: the file is not an Excel workbook (.xlsx) or is damaged`}, ErrTable},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			feats, err := DecodeXLSX("f.xlsx", tc.data, Spec{}, tc.opts)
			if err == nil {
				t.Fatalf("no error; %d features", len(feats))
			}
			checkErrorLines(t, err, tc.want)
			if !errors.Is(err, tc.is) {
				t.Errorf("errors.Is(err, %v) is false", tc.is)
			}
		})
	}
}
