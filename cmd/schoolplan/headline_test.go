package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// simulate and compare open with the headline, in the language asked for
// (--lang, SCHOOLPLAN_LANG) or the city's: the demo is in GCJ-02, so
// Chinese. The whole printed table is a golden file.
func TestSimulateHeadline(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		env    string
		golden string
		want   []string // the first lines
	}{
		{name: "demo in chinese by default", args: []string{"simulate", "-q"}, golden: "demo-baseline-table-zh.txt", want: []string{
			"baseline — 重庆主城九区 (demo)，2025–2035年",
			"  小学：2025–2035年每名起始年级新生均有学位，无学位缺口。",
			"  初中：2025–2031年存在学位缺口；峰值为2031年，缺口4,298个（占117,982名起始年级新生的3.6%）。",
			"    缺口所在区县：渝北区（500112） 2028–2031年，2031年缺口1,631个；九龙坡区（500107） 2025–2031年，2031年缺口1,458个；沙坪坝区（500106） 2025–2031年，2031年缺口1,209个。",
		}},
		{name: "demo --lang zh", args: []string{"simulate", "-q", "--lang", "zh"}, golden: "demo-baseline-table-zh.txt"},
		{name: "demo --lang en", args: []string{"simulate", "-q", "--lang", "en"}, golden: "demo-baseline-table-en.txt", want: []string{
			"baseline — 重庆主城九区 (demo), 2025–2035",
			"  primary: every entrant has a seat, 2025–2035.",
			"  junior: seats short in 2025–2031; peak 4,298 unplaced in 2031 (3.6% of 117,982 entrants).",
			"    districts short: 渝北区 (500112) 2028–2031, 1,631 in 2031; 九龙坡区 (500107) 2025–2031, 1,458 in 2031; 沙坪坝区 (500106) 2025–2031, 1,209 in 2031.",
		}},
		{name: "SCHOOLPLAN_LANG=en", args: []string{"simulate", "-q"}, env: "en", golden: "demo-baseline-table-en.txt"},
		{name: "tiny city in wgs84: english", args: []string{"simulate", "-q", tinyBaselineYAML}, want: []string{
			"tiny-baseline — tiny, 2025–2030",
		}},
		{name: "compare: each scenario against the first", args: []string{"compare", "-q", tinyBaselineYAML, tinyChangesYAML}, want: []string{
			"tiny-baseline — tiny, 2025–2030",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.env != "" {
				t.Setenv("SCHOOLPLAN_LANG", tc.env)
			}
			code, out, stderr := schoolplan(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			lines := strings.Split(out, "\n")
			for i, want := range tc.want {
				if lines[i] != want {
					t.Errorf("line %d:\n got %q\nwant %q", i+1, lines[i], want)
				}
			}
			if tc.golden != "" {
				golden(t, tc.golden, []byte(out))
			}
		})
	}
}

// The compare headline says what each scenario changed against the first;
// a simulated scenario that extends another is set against it.
func TestHeadlineChange(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := schoolplan(t, "demo", dir); code != 0 {
		t.Fatal(stderr)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"compare tiny", []string{"compare", "-q", tinyBaselineYAML, tinyChangesYAML},
			"    against tiny-baseline: 37 fewer unplaced in all (2027: 20 → 0; 2028: 17 → 0).\n"},
		{"simulate tiny-changes extends tiny-baseline", []string{"simulate", "-q", tinyChangesYAML},
			"    against tiny-baseline: 97 fewer unplaced in all (2026: 13 → 0; 2027: 25 → 0; 2028: 22 → 0; 2029: 20 → 0; 2030: 17 → 0).\n"},
		{"simulate the demo's new school", []string{"simulate", "-q", filepath.Join(dir, "scenarios", "new-school.yaml")},
			"    与baseline相比：共减少学位缺口1,601个（2028年2,108 → 1,831；2029年2,754 → 2,410；2030年3,672 → 3,231；2031年4,298 → 3,759）。\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := schoolplan(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			head, _, _ := strings.Cut(out, "unplaced children by year")
			if !strings.Contains(head, tc.want) {
				t.Errorf("headline lacks %q:\n%s", tc.want, head)
			}
		})
	}
}

// lang: in city.yaml sets the labels; a language the reports lack is an
// error naming city.yaml and the key; --lang overrides the city's.
func TestCityLang(t *testing.T) {
	tests := []struct {
		name     string
		lang     string
		args     []string
		wantCode int
		want     string
	}{
		{"lang: zh", "zh", nil, 0, "tiny-baseline — tiny，2025–2030年\n"},
		{"lang: zh, --lang en", "zh", []string{"--lang", "en"}, 0, "tiny-baseline — tiny, 2025–2030\n"},
		{"lang: fr", "fr", nil, exitError, `city.yaml: lang: "fr": invalid value (want zh for 中文 or en for English labels)`},
		{"--lang fr", "", []string{"--lang", "fr"}, exitUsage, `--lang: language "fr": want zh (中文) or en (English)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(filepath.Join(dir, "city"), os.DirFS("../../testdata/tiny")); err != nil {
				t.Fatal(err)
			}
			if tc.lang != "" {
				f, err := os.OpenFile(filepath.Join(dir, "city", "city.yaml"), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				_, err = f.WriteString("lang: " + tc.lang + "\n")
				if cerr := f.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			sc := filepath.Join(dir, "tiny-baseline.yaml")
			if err := os.WriteFile(sc, []byte("city: city\nyears: [2025, 2030]\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, stderr := schoolplan(t, append([]string{"simulate", "-q", sc}, tc.args...)...)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d: %s", code, tc.wantCode, stderr)
			}
			if got := out + stderr; !strings.Contains(got, tc.want) {
				t.Errorf("output lacks %q:\n%.600s", tc.want, got)
			}
		})
	}
}

// compare tells apart scenarios of the same name, and says so.
func TestCompareDistinctNames(t *testing.T) {
	code, out, stderr := schoolplan(t, "compare", "-q", "--lang", "en", tinyBaselineYAML, tinyBaselineYAML, tinyBaselineYAML)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		`tiny-baseline.yaml: another scenario compared is named "tiny-baseline" too; this one is shown as "tiny-baseline #2"`,
		`tiny-baseline.yaml: another scenario compared is named "tiny-baseline" too; this one is shown as "tiny-baseline #3"`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(out, "  year  tiny-baseline  tiny-baseline #2  tiny-baseline #3  Δ tiny-baseline #2  Δ tiny-baseline #3\n") {
		t.Errorf("the unplaced table does not name the three apart:\n%.1500s", out)
	}
}

// A base that cannot run on its own (it names no city; the file extending
// it does) leaves the headline without the change, and stderr says why.
func TestHeadlineBaseWithoutCity(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "city"), os.DirFS("../../testdata/tiny")); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"base.yaml":  "years: [2025, 2027]\n",
		"child.yaml": "extends: base.yaml\nname: child\ncity: city\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, stderr := schoolplan(t, "simulate", "-q", filepath.Join(dir, "child.yaml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(out, "child — tiny, 2025–2027\n") || strings.Contains(out, "against ") {
		t.Errorf("headline:\n%.400s", out)
	}
	if !strings.Contains(stderr, "child: the headline leaves out the change against ") || !strings.Contains(stderr, "no city folder named") {
		t.Errorf("stderr %q", stderr)
	}
}
