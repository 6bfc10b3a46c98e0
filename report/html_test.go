package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

// Hostile names for the escaping tests: every text from input data must
// reach the page as text.
const (
	evilSchool   = `<script>alert(1)</script>`
	evilDistrict = `<img src=x onerror=alert(2)>`
	evilScenario = `</script><script>alert(3)</script>`
	evilCity     = `"><svg onload=alert(4)>`
)

// hostileScenario writes the tiny city with hostile names (the west's
// junior school, the west district, the city and the scenario) and returns
// the scenario file.
func hostileScenario(tb testing.TB) string {
	tb.Helper()
	dir := tb.TempDir()
	city := filepath.Join(dir, "city")
	if err := os.CopyFS(city, os.DirFS("../testdata/tiny")); err != nil {
		tb.Fatal(err)
	}
	q := func(s string) string {
		b, _ := json.Marshal(s)
		return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(b))
	}
	edit := func(file, old, new string) {
		name := filepath.Join(city, file)
		data, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			tb.Fatalf("%s lacks %s", file, old)
		}
		if err := os.WriteFile(name, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	edit("schools.geojson", `"name": "West Junior"`, `"name": `+q(evilSchool))
	edit("districts.geojson", `"name": "West"`, `"name": `+q(evilDistrict))
	if err := os.WriteFile(filepath.Join(city, "city.yaml"), []byte("name: '"+evilCity+"'\ncrs: wgs84\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	sc := filepath.Join(dir, "evil.yaml")
	if err := os.WriteFile(sc, []byte("name: '"+evilScenario+"'\ncity: city\nyears: [2025, 2030]\npolicy: {seed: 7}\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
	return sc
}

func renderHTML(tb testing.TB, opts *report.HTMLOptions, names ...string) []byte {
	tb.Helper()
	rs := runScenarios(tb, names...)
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, opts, rs...); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

var reportDataRE = regexp.MustCompile(`(?s)<script type="application/json" id="report-data">(.*?)</script>`)

func TestWriteHTML(t *testing.T) {
	page := renderHTML(t, nil, tinyBaseline, tinyChanges)
	again := renderHTML(t, nil, tinyBaseline, tinyChanges)
	if !bytes.Equal(page, again) {
		t.Fatal("two renders of the same runs differ")
	}
	s := string(page)
	for _, want := range []string{
		"<!DOCTYPE html>", `http-equiv="Content-Security-Policy"`, "script-src &#39;sha256-", "default-src &#39;none&#39;",
		`id="map"`, `type="range" id="year" min="2025" max="2030"`, `<svg class="chart"`, `id="indtable"`,
		"tiny-baseline", "tiny-changes", "window.L", // Leaflet is inlined
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Self-contained: nothing is loaded from elsewhere.
	for _, bad := range []string{` src="`, "<link", "sourceMappingURL", "@import", "url(http"} {
		if strings.Contains(s, bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	// 2 stages × (city + 2 districts) charts.
	if n := strings.Count(s, `<svg class="chart"`); n != 6 {
		t.Errorf("%d charts, want 6", n)
	}
	m := reportDataRE.FindSubmatch(page)
	if m == nil {
		t.Fatal("no report data")
	}
	var data struct {
		First, Last int
		Cities      []json.RawMessage
		Scenarios   []struct {
			Name   string
			City   int
			Stages []struct {
				Schools []struct{ ID string }
				Epochs  []struct{ From, To int }
				Ind     []json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(m[1], &data); err != nil {
		t.Fatal(err)
	}
	// Both scenarios share the city.
	if data.First != 2025 || data.Last != 2030 || len(data.Cities) != 1 || len(data.Scenarios) != 2 || data.Scenarios[1].City != 0 {
		t.Fatalf("data: %d–%d, %d cities, %d scenarios", data.First, data.Last, len(data.Cities), len(data.Scenarios))
	}
	st := data.Scenarios[1].Stages[0]
	if len(st.Schools) != 4 || len(st.Ind) != 6 || len(st.Epochs) == 0 || st.Epochs[0].From != 2025 || st.Epochs[len(st.Epochs)-1].To != 2030 {
		t.Errorf("changes, primary: %d schools, %d indicator years, epochs %+v", len(st.Schools), len(st.Ind), st.Epochs)
	}
}

// TestWriteHTMLEscapes: hostile names never appear as markup.
func TestWriteHTMLEscapes(t *testing.T) {
	page := string(renderHTML(t, &report.HTMLOptions{Attribution: `<b>data</b> © x`}, hostileScenario(t)))
	for _, bad := range []string{"<script>alert(", "<img src=x", "<svg onload", "<b>data</b>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q as markup", bad)
		}
	}
	for _, want := range []string{"&lt;img src=x onerror=alert(2)&gt;", `\u003cscript\u003ealert(1)\u003c/script\u003e`,
		"&lt;b&gt;data&lt;/b&gt;", "&#34;&gt;&lt;svg onload=alert(4)&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks the escaped %q", want)
		}
	}
	if n := strings.Count(page, "<script"); n != 4 {
		t.Errorf("%d script elements, want 4", n)
	}
}
