package report_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/report"
)

type pageData struct {
	Lang   string
	Labels map[string]string
	Open   struct{ Stage, Year int }
	Tiles  *struct{ URL, CRS string }
	Stages []string
	Cities []struct {
		Areas struct {
			LL [][2]float64
		}
	}
}

func readPageData(tb testing.TB, page []byte) pageData {
	tb.Helper()
	m := reportDataRE.FindSubmatch(page)
	if m == nil {
		tb.Fatal("no report data")
	}
	var d pageData
	if err := json.Unmarshal(m[1], &d); err != nil {
		tb.Fatal(err)
	}
	return d
}

// The page opens on the first scenario's worst stage and year: the tiny
// baseline is short most in junior 2027 (25 unplaced; primary peaks at 20
// the same year).
func TestHTMLOpensOnWorstCase(t *testing.T) {
	d := readPageData(t, renderHTML(t, nil, tinyBaseline, tinyChanges))
	if d.Stages[d.Open.Stage] != "junior" || 2025+d.Open.Year != 2027 {
		t.Errorf("opens on %s %d, want junior 2027", d.Stages[d.Open.Stage], 2025+d.Open.Year)
	}
}

// Labels follow the language asked for, else the city's default; the
// page's lang attribute says which.
func TestHTMLLang(t *testing.T) {
	tests := []struct {
		name  string
		lang  report.Lang
		want  string // a label in the page
		attr  string
		dtext string // Labels["unplaced"]
	}{
		{"tiny city in wgs84: english", "", "<h2>Year summary</h2>", `<html lang="en">`, "unplaced"},
		{"--lang zh", report.Chinese, "<h2>年度概况</h2>", `<html lang="zh">`, "学位缺口"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := renderHTML(t, &report.HTMLOptions{Lang: tc.lang}, tinyBaseline)
			s := string(page)
			if !strings.Contains(s, tc.want) || !strings.Contains(s, tc.attr) {
				t.Errorf("page lacks %q or %q", tc.want, tc.attr)
			}
			if d := readPageData(t, page); d.Labels["unplaced"] != tc.dtext {
				t.Errorf("labels[unplaced] = %q, want %q", d.Labels["unplaced"], tc.dtext)
			}
		})
	}
}

// With tiles, the layers are in the tiles' datum, the page may load images
// from the tile host only, and the legend says which datum; a URL without
// {z}/{x}/{y} or with a hostile host is refused.
func TestHTMLTiles(t *testing.T) {
	plain := readPageData(t, renderHTML(t, nil, tinyBaseline))
	tests := []struct {
		name    string
		opts    report.HTMLOptions
		csp     string
		legend  string
		wantErr bool
	}{
		{name: "wgs84", opts: report.HTMLOptions{Tiles: "https://t{s}.example.com/tiles/{z}/{x}/{y}.png?k=1"},
			csp: "img-src data: https://*.example.com;", legend: "base map tiles in WGS 84"},
		{name: "gcj02", opts: report.HTMLOptions{Tiles: "https://tiles.example.cn/{z}/{x}/{y}", TilesCRS: report.TilesGCJ02},
			csp: "img-src data: https://tiles.example.cn;", legend: "base map tiles in GCJ-02; layers shifted to match"},
		{name: "markup in the path stays text", opts: report.HTMLOptions{Tiles: `https://t.example/{z}/{x}/{y}.png?a="><script>alert(5)</script>`},
			csp: "img-src data: https://t.example;", legend: "base map tiles in WGS 84"},
		{name: "no placeholders", opts: report.HTMLOptions{Tiles: "https://tiles.example.cn/a.png"}, wantErr: true},
		{name: "not http", opts: report.HTMLOptions{Tiles: "javascript:alert(1)//{z}/{x}/{y}"}, wantErr: true},
		{name: "hostile host", opts: report.HTMLOptions{Tiles: "https://a;script-src *{s}/{z}/{x}/{y}"}, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs := runScenarios(t, tinyBaseline)
			var buf strings.Builder
			err := report.WriteHTML(&buf, &tc.opts, rs...)
			if tc.wantErr {
				if !errors.Is(err, report.ErrTiles) {
					t.Fatalf("error %v, want ErrTiles", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			if !strings.Contains(page, tc.csp) || !strings.Contains(page, tc.legend) {
				t.Errorf("page lacks %q or %q", tc.csp, tc.legend)
			}
			if strings.Contains(page, "<script>alert(") || strings.Count(page, "<script") != 4 {
				t.Error("the tile URL reached the page as markup")
			}
			d := readPageData(t, []byte(page))
			got, was := d.Cities[0].Areas.LL[0], plain.Cities[0].Areas.LL[0]
			want := was
			if tc.opts.TilesCRS == report.TilesGCJ02 {
				p := geo.WGS84ToGCJ02(orb.Point{was[1], was[0]})
				want = [2]float64{p[1], p[0]}
			}
			if !approx.Equal(got[0], want[0], 2e-5) || !approx.Equal(got[1], want[1], 2e-5) {
				t.Errorf("first area at %v, want %v (without tiles %v)", got, want, was)
			}
		})
	}
}
