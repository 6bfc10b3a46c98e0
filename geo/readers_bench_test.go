package geo

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// benchShapefile builds n polygon records (a square with a square hole,
// ten points) and their attributes (id, name, population).
func benchShapefile(n int) Shapefile {
	recs := make([][]byte, n)
	rows := make([][]string, n)
	for i := range recs {
		x, y := float64(i%1000)*0.01, float64(i/1000)*0.01
		recs[i] = shpPartsRec(shpPolygon, cw(x, y, 0.009), ccw(x+0.003, y+0.003, 0.002))
		rows[i] = []string{"A" + strconv.Itoa(i), "住宅小区" + strconv.Itoa(i), strconv.Itoa(100 + i%5000)}
	}
	cols := []dbfCol{{"id", 'C', 10}, {"name", 'C', 30}, {"population", 'N', 10}}
	return Shapefile{SHP: shpFile(shpPolygon, recs...), DBF: dbfFile(0, cols, rows), CPG: []byte("UTF-8")}
}

func BenchmarkDecodeShapefile(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		sf := benchShapefile(n)
		b.Run(fmt.Sprintf("polygons=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(sf.SHP) + len(sf.DBF)))
			b.ResetTimer()
			for range b.N {
				l, err := DecodeShapefile("areas.shp", sf, Spec{Required: []string{"population"}})
				if err != nil || len(l.Features) != n {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchCSV builds a point table of n rows.
func benchCSV(n int) []byte {
	var sb strings.Builder
	sb.WriteString("id,name,lon,lat,stage,streams\n")
	for i := range n {
		fmt.Fprintf(&sb, "S-%d,学校%d,%.6f,%.6f,primary,%d\n", i, i, 106.4+float64(i%997)*1e-4, 29.4+float64(i%991)*1e-4, 2+i%6)
	}
	return []byte(sb.String())
}

func BenchmarkDecodeCSV(b *testing.B) {
	for _, n := range []int{1000, 100000} {
		data := benchCSV(n)
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			for range b.N {
				feats, err := DecodeCSV("schools.csv", data, Spec{Required: []string{"stage"}}, nil)
				if err != nil || len(feats) != n {
					b.Fatal(err)
				}
			}
		})
	}
}
