package report_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// runDemo runs the demo's scenario name and, when it extends another, its
// base (nil otherwise).
func runDemo(tb testing.TB, name string) (r, base *scenarios.Result) {
	tb.Helper()
	s, err := scenarios.LoadFS(demo.FS, name)
	if err != nil {
		tb.Fatal(err)
	}
	if r, err = scenarios.Run(context.Background(), s, nil); err != nil {
		tb.Fatal(err)
	}
	bs, err := s.LoadBase()
	if err != nil {
		tb.Fatal(err)
	}
	if bs != nil {
		if base, err = scenarios.Run(context.Background(), bs, nil); err != nil {
			tb.Fatal(err)
		}
	}
	return r, base
}

func years(first, last int) []engine.Year {
	var out []engine.Year
	for y := first; y <= last; y++ {
		out = append(out, engine.Year(y))
	}
	return out
}

// The demo's junior school is short in 沙坪坝, 九龙坡 and 渝北 from 2025 to
// 2031, peaking at 4,298 in 2031 (the junior city totals of `schoolplan
// simulate`); the new school removes 277, 344, 441 and 539 of them in
// 2028–2031 (2,108 → 1,831, 2,754 → 2,410, 3,672 → 3,231, 4,298 → 3,759).
func TestNewHeadlineDemo(t *testing.T) {
	baseline, _ := runDemo(t, demo.Baseline)
	newSchool, base := runDemo(t, demo.NewSchool)
	type district struct {
		name        string
		peak        int
		first, last int
	}
	tests := []struct {
		name        string
		r, base     *scenarios.Result
		peak        int
		districts   []district
		removed     int
		changeYears int
	}{
		{name: "baseline", r: baseline, peak: 4298, districts: []district{
			{"渝北区", 1631, 2028, 2031}, {"九龙坡区", 1458, 2025, 2031}, {"沙坪坝区", 1209, 2025, 2031}}},
		{name: "new school against the baseline it extends", r: newSchool, base: base, peak: 3759, districts: []district{
			{"九龙坡区", 1458, 2025, 2031}, {"沙坪坝区", 1209, 2025, 2031}, {"渝北区", 1092, 2028, 2031}},
			removed: 277 + 344 + 441 + 539, changeYears: 11},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := report.NewHeadline(tc.r, tc.base)
			if len(h.Stages) != 2 {
				t.Fatalf("%d stages, want primary and junior", len(h.Stages))
			}
			pri, jun := h.Stages[0], h.Stages[1]
			if pri.Stage != engine.Primary || pri.PeakUnplaced != 0 || len(pri.ShortYears) != 0 || len(pri.Districts) != 0 {
				t.Errorf("primary %+v, want no shortfall", pri)
			}
			if jun.PeakYear != 2031 || jun.PeakUnplaced != tc.peak || jun.PeakEntrants != 117982 {
				t.Errorf("junior peak %d in %d of %d entrants, want %d in 2031 of 117982", jun.PeakUnplaced, jun.PeakYear, jun.PeakEntrants, tc.peak)
			}
			if !slices.Equal(jun.ShortYears, years(2025, 2031)) {
				t.Errorf("short years %v, want 2025–2031", jun.ShortYears)
			}
			if len(jun.Districts) != len(tc.districts) {
				t.Fatalf("districts %+v, want %+v", jun.Districts, tc.districts)
			}
			for i, want := range tc.districts {
				got := jun.Districts[i]
				if got.Name != want.name || got.PeakUnplaced != want.peak || !slices.Equal(got.Years, years(want.first, want.last)) {
					t.Errorf("district %d: %s %d %v, want %+v", i, got.Name, got.PeakUnplaced, got.Years, want)
				}
			}
			if len(jun.Schools) != report.HeadlineSchools || jun.Schools[0].PeakUnplaced < jun.Schools[2].PeakUnplaced {
				t.Errorf("schools %+v, want the %d shortest, most first", jun.Schools, report.HeadlineSchools)
			}
			if tc.base == nil {
				if jun.Change != nil {
					t.Errorf("change %+v without a base", jun.Change)
				}
				return
			}
			if jun.Change == nil || jun.Change.Base != "baseline" || len(jun.Change.Years) != tc.changeYears || jun.Change.Removed() != tc.removed {
				t.Fatalf("change %+v, want %d removed from baseline over %d years", jun.Change, tc.removed, tc.changeYears)
			}
		})
	}
}

// The printed headline opens with the answer, in the language asked for.
func TestWriteHeadlineDemo(t *testing.T) {
	r, base := runDemo(t, demo.NewSchool)
	h := report.NewHeadline(r, base)
	tests := []struct {
		name string
		lang report.Lang
		want []string // the first lines, in order
	}{
		{name: "english", lang: report.English, want: []string{
			"new-school-2027 — 重庆主城九区 (demo), 2025–2035",
			"  primary: every entrant has a seat, 2025–2035.",
			"    against baseline: the same unplaced every year.",
			"  junior: seats short in 2025–2031; peak 3,759 unplaced in 2031 (3.2% of 117,982 entrants).",
			"    districts short: 九龙坡区 (500107) 2025–2031, 1,458 in 2031; 沙坪坝区 (500106) 2025–2031, 1,209 in 2031; 渝北区 (500112) 2028–2031, 1,092 in 2031.",
		}},
		{name: "chinese", lang: report.Chinese, want: []string{
			"new-school-2027 — 重庆主城九区 (demo)，2025–2035年",
			"  小学：2025–2035年每名起始年级新生均有学位，无学位缺口。",
			"    与baseline相比：各年学位缺口不变。",
			"  初中：2025–2031年存在学位缺口；峰值为2031年，缺口3,759个（占117,982名起始年级新生的3.2%）。",
			"    缺口所在区县：九龙坡区（500107） 2025–2031年，2031年缺口1,458个；沙坪坝区（500106） 2025–2031年，2031年缺口1,209个；渝北区（500112） 2028–2031年，2031年缺口1,092个。",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := report.WriteHeadline(&buf, h, tc.lang); err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(buf.String(), "\n")
			for i, want := range tc.want {
				if i >= len(lines) || lines[i] != want {
					t.Fatalf("line %d:\n got %q\nwant %q\nin:\n%s", i+1, lines[min(i, len(lines)-1)], want, buf.String())
				}
			}
			change := map[report.Lang]string{
				report.English: "against baseline: 1,601 fewer unplaced in all (2028: 2,108 → 1,831; 2029: 2,754 → 2,410; 2030: 3,672 → 3,231; 2031: 4,298 → 3,759).",
				report.Chinese: "与baseline相比：共减少学位缺口1,601个（2028年2,108 → 1,831；2029年2,754 → 2,410；2030年3,672 → 3,231；2031年4,298 → 3,759）。",
			}[tc.lang]
			if !strings.Contains(buf.String(), "    "+change+"\n") {
				t.Errorf("no line %q in:\n%s", change, buf.String())
			}
		})
	}
}
