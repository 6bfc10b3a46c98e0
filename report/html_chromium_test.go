package report_test

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The browser tests open the report in headless Chromium (Debian's
// chromium package; .ci/run installs it), read the DOM after the page's
// script has run, check that Chromium logged no console message (script
// errors, refused loads), and save a screenshot under the test's temp dir.
// SCHOOLPLAN_CHROMIUM names another binary; SCHOOLPLAN_SCREENSHOTS names a
// folder to copy the screenshots to, to look at them.

func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("SCHOOLPLAN_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no Chromium found (install Debian's chromium package, or set SCHOOLPLAN_CHROMIUM): skipping the browser test")
	return ""
}

// chromium runs headless Chromium on a page and returns its stdout and its
// console messages.
func chromium(t *testing.T, bin string, args ...string) (string, []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
		"--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + filepath.Join(t.TempDir(), "profile"),
		"--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000"}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, tail(stderr.String(), 2000))
	}
	var console []string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Refused to") {
			console = append(console, line)
		}
	}
	return stdout.String(), console
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func fileURL(name, fragment string) string {
	abs, _ := filepath.Abs(name)
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), Fragment: fragment}
	return u.String()
}

// openReport opens the report at the given view, dumps its DOM and saves a
// screenshot in one run, checks the page drew without errors, and returns
// the DOM.
func openReport(t *testing.T, bin, page, view, shot string) string {
	t.Helper()
	png := filepath.Join(filepath.Dir(page), shot)
	dom, console := chromium(t, bin, "--window-size=1400,1500", "--screenshot="+png, "--dump-dom", fileURL(page, view))
	if len(console) > 0 {
		t.Errorf("console messages:\n%s", strings.Join(console, "\n"))
	}
	if !strings.Contains(dom, `data-ready="1"`) {
		t.Errorf("the page script did not finish (no data-ready); DOM starts %.300s", dom)
	}
	if m := regexp.MustCompile(`data-errors="([^"]*)"`).FindStringSubmatch(dom); m != nil {
		t.Errorf("script errors: %s", m[1])
	}
	data, err := os.ReadFile(png)
	if err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) || len(data) < 10000 {
		t.Errorf("screenshot %s: %d bytes, %v", png, len(data), err)
	}
	t.Logf("screenshot: %s", png)
	if dir := os.Getenv("SCHOOLPLAN_SCREENSHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err == nil {
			_ = os.WriteFile(filepath.Join(dir, shot), data, 0o644)
		}
	}
	return dom
}

func TestHTMLReportInChromium(t *testing.T) {
	bin := findChromium(t)
	var rs []*scenarios.Result
	for _, name := range []string{demo.Baseline, demo.NewSchool} {
		s, err := scenarios.LoadFS(demo.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := scenarios.Run(context.Background(), s, nil)
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	f, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.WriteHTML(f, &report.HTMLOptions{Lang: report.English}, rs...); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	name := rs[1].Scenario.Name
	year := rs[1].Last - 4
	dom := openReport(t, bin, page, "scenario="+url.QueryEscape(name)+"&stage=junior&year="+itoa(int(year)), "demo-junior.png")
	checks := []struct {
		what string
		re   string
		min  int
	}{
		{"the Leaflet map", `<div id="map"[^>]*class="[^"]*leaflet-container`, 1},
		{"map features (districts, outlines, areas, schools)", `<path class="leaflet-interactive"`, len(rs[1].City.Districts) + len(rs[1].City.Areas)},
		{"the year slider", `<input type="range" id="year" min="` + itoa(int(rs[0].First)) + `" max="` + itoa(int(rs[0].Last)) + `"`, 1},
		{"the year from the address", `<output id="yearout" for="year">` + itoa(int(year)) + `</output>`, 1},
		{"the scenario switch", `<option value="1">` + regexp.QuoteMeta(name) + `</option>`, 1},
		{"the charts", `<svg class="chart"`, 2 * (1 + len(rs[0].City.Districts))},
		{"chart lines", `<polyline class="series"`, 2 * 2 * (1 + len(rs[0].City.Districts))},
		{"the indicator table", `<th>CV seats / pupil</th>`, 1},
		{"indicator rows", `<td class="(pass|fail)">`, 1 + len(rs[0].City.Districts)},
		{"the summary", `<dt>Unplaced</dt>`, 1},
		// The demo's junior schools share seats in 12 zones (大学区) and
		// belong to no group: a section for zones, a row per zone.
		{"the zones section", `<h2>Sharing zones \(大学区\)</h2>`, 1},
		{"a row per zone", `<tr><td class="name">[^<]*大学区</td><td>\d+</td>`, 12},
		{"no groups section", `id="units-group"`, 0},
		// new-school.yaml has a programme; the baseline has none.
		{"the costs section", `<h2>Costs by phase</h2>`, 1},
		{"one scenario's costs", `<h3 class="scenario">`, 1},
		{"its changes", `<td>new school</td><td class="name">[^<]*\(J-NEW-1\)</td>`, 1},
	}
	for _, c := range checks {
		n := len(regexp.MustCompile(c.re).FindAllStringIndex(dom, -1))
		if n < c.min || (c.min == 0 && n > 0) {
			t.Errorf("%s: %d matches of %s, want at least %d (0: none)", c.what, n, c.re, c.min)
		}
	}
}

func TestHTMLEscapingInChromium(t *testing.T) {
	bin := findChromium(t)
	for _, lang := range []report.Lang{report.English, report.Chinese} {
		t.Run(string(lang), func(t *testing.T) { hostileInChromium(t, bin, lang) })
	}
}

func hostileInChromium(t *testing.T, bin string, lang report.Lang) {
	page := filepath.Join(t.TempDir(), "evil.html")
	if err := os.WriteFile(page, renderHTML(t, &report.HTMLOptions{Lang: lang}, hostileScenario(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	// Junior 2025: the west's junior school is short of seats, so its
	// name is in the shortfall table and its district's everywhere.
	dom := openReport(t, bin, page, "stage=junior&year=2025", "escaping.png")
	for _, bad := range []string{"<script>alert(", "<img src=", "<svg onload"} {
		if strings.Contains(dom, bad) {
			t.Errorf("DOM contains the markup %q", bad)
		}
	}
	for _, want := range []string{
		"<td class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt;</td>",
		"<td class=\"name\">&lt;img src=x onerror=alert(2)&gt;</td>",
		"&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;</option>",
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("DOM lacks the text %q", want)
		}
	}
	if n := strings.Count(dom, "<script"); n != 4 {
		t.Errorf("%d script elements in the DOM, want the page's 4", n)
	}
}

// The demo in Chinese (its default: it is in GCJ-02), opened without a
// view in the address: the page opens on the baseline's worst case, junior
// 2031 (4,298 unplaced), with Chinese labels, axis titles and the schools
// coloured by demand against seats.
func TestHTMLChineseWorstCaseInChromium(t *testing.T) {
	bin := findChromium(t)
	s, err := scenarios.LoadFS(demo.FS, demo.Baseline)
	if err != nil {
		t.Fatal(err)
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, nil, r); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	dom := openReport(t, bin, page, "", "demo-zh.png")
	for _, want := range []string{
		`<html lang="zh"`,
		`<output id="yearout" for="year">2031</output>`,
		`<dt>学段</dt><dd>初中</dd>`,
		`<dt>年份</dt><dd>2031</dd>`,
		`<dt>学位缺口</dt><dd>4,298</dd>`,
		`<dt>· 基础学位</dt><dd>`, // the admitted by route (Lang.Route)
		`<dt>· 共享学位</dt><dd>`,
		`<h2>年度概况</h2>`,
		`<h2>缺口最大的学校</h2>`,
		`<th>学校</th><th>区县</th><th>学位缺口</th><th>需求 / 学位</th>`,
		`<option value="1">初中</option>`,
		`学位缺口（人）</text>`,
		`无底图（离线）`,
		`<th>所需班数</th>`,
		`<th>差异系数 生均学位</th>`,
		`班额超过50人（标准班额）`,
		`<h2>大学区</h2>`,
		`<th>大学区</th><th>开办学校</th><th>起始年级新生</th>`,
		`<td class="name">渝北第一大学区</td>`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("DOM lacks %q", want)
		}
	}
	if strings.Contains(dom, `id="costs"`) {
		t.Errorf("a costs section for the baseline, which has no programme")
	}
	// The shortest school of 2031 is listed first, over 100% of its seats.
	if !regexp.MustCompile(`<td class="name">渝北区龙溪第三中学</td><td class="name">渝北区</td><td>200</td><td class="fail">1\d\d\.\d%</td>`).MatchString(dom) {
		t.Errorf("the shortfall table does not open with 渝北区龙溪第三中学, 200 unplaced, over 100%%")
	}
}
