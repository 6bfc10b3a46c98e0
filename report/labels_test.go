package report_test

import (
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/report"
)

func epsg(tb testing.TB, code int) geo.CRS {
	tb.Helper()
	c, err := geo.EPSG(code)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// The city's lang wins; else Chinese for GCJ-02 and CGCS2000 (lon/lat and
// the Gauss–Krüger zones 4491–4554), else English.
func TestDefaultLang(t *testing.T) {
	tests := []struct {
		name string
		city engine.City
		want report.Lang
	}{
		{"wgs84", engine.City{}, report.English},
		{"gcj02", engine.City{CRS: geo.GCJ02}, report.Chinese},
		{"cgcs2000 lon/lat", engine.City{CRS: epsg(t, 4490)}, report.Chinese},
		{"first gauss-kruger zone", engine.City{CRS: epsg(t, 4491)}, report.Chinese},
		{"last gauss-kruger zone", engine.City{CRS: epsg(t, 4554)}, report.Chinese},
		{"utm", engine.City{CRS: epsg(t, 32650)}, report.English},
		{"city says en", engine.City{CRS: geo.GCJ02, Lang: "en"}, report.English},
		{"city says zh", engine.City{Lang: "zh"}, report.Chinese},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := report.DefaultLang(&tc.city); got != tc.want {
				t.Errorf("DefaultLang = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestParseLang(t *testing.T) {
	tests := []struct {
		in      string
		want    report.Lang
		wantErr bool
	}{
		{"zh", report.Chinese, false},
		{"en", report.English, false},
		{"", "", true},
		{"ZH", "", true},
		{"fr", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, err := report.ParseLang(tc.in)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("ParseLang(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.wantErr)
			}
		})
	}
}

// Every bureau term the issue names is in the catalogue under its key.
func TestLabelTerms(t *testing.T) {
	tests := []struct{ key, en, zh string }{
		{"unplaced", "unplaced", "学位缺口"},
		{"base", "base seats", "基础学位"},
		{"shared", "shared seats", "共享学位"},
		{"placed", "placed", "统筹安置"},
		{"entry_seats", "entry seats", "起始年级学位"},
		{"entry_utilisation", "entry utilisation", "起始年级利用率"},
		{"class_size", "class size", "班额"},
		{"no such key", "no such key", "no such key"},
	}
	for _, tc := range tests {
		t.Run(tc.key, func(t *testing.T) {
			if got := report.English.Label(tc.key); got != tc.en {
				t.Errorf("en %q, want %q", got, tc.en)
			}
			if got := report.Chinese.Label(tc.key); got != tc.zh {
				t.Errorf("zh %q, want %q", got, tc.zh)
			}
		})
	}
}

// The comparison tables in Chinese: titles, headers and the indicator
// columns; names before codes.
func TestWriteCompareTableLang(t *testing.T) {
	_, cmp := compareTiny(t)
	tests := []struct {
		lang report.Lang
		want []string
	}{
		{report.Chinese, []string{"初中 — 各年各方案学位缺口（Δ：与tiny-baseline之差）\n",
			"  年份  区县  代码           方案  起始年级新生  起始年级学位  学位缺口  Δ 学位缺口  全学段利用率",
			"初中 — 优质均衡指标（全市；", "差异系数 生均学位", "  2025  West    D1  tiny-baseline"}},
		{report.English, []string{"junior — unplaced children by year and scenario (Δ: difference to tiny-baseline)\n",
			"  year  district  code       scenario  entrants  entry seats  unplaced  Δ unplaced  utilisation all grades",
			"junior — indicators (city;", "CV seats per pupil", "  2025      West    D1  tiny-baseline"}},
	}
	for _, tc := range tests {
		t.Run(string(tc.lang), func(t *testing.T) {
			var buf strings.Builder
			if err := report.WriteCompareTableLang(&buf, cmp, tc.lang); err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(buf.String(), w) {
					t.Errorf("table lacks %q:\n%.1500s", w, buf.String())
				}
			}
		})
	}
}

// TestChangeKindLabels checks that every change kind a scenario may hold
// has a label in both languages, so that the costs section never prints a
// raw key.
func TestChangeKindLabels(t *testing.T) {
	for _, kind := range []string{"new_school", "expand", "close", "seat_swap", "temporary", "convert", "feeders"} {
		for _, l := range []report.Lang{report.English, report.Chinese} {
			if got := l.Label("change_" + kind); got == "change_"+kind {
				t.Errorf("%v: change kind %q has no label", l, kind)
			}
		}
	}
}
