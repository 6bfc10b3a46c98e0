package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const tinyBaseline = "../../testdata/scenarios/tiny-baseline.yaml"

func TestOptimizeTiny(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.yaml")
	code, stdout, stderr := schoolplan(t, "optimize", tinyBaseline, "--stage", "junior", "--allow-expand", "1", "--out", out, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The plan is named after its file.
	for _, want := range []string{"plan — junior", "expand", "J1", "unplaced before", "0 entrants left unplaced up to 2030"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "expand: {school: J1, streams: 1, year: 2025}") || !strings.Contains(string(data), "\nname: plan\n") {
		t.Errorf("proposal:\n%s", data)
	}
	// The proposal extends the input by a relative path and runs like any
	// scenario: no junior entrant is left unplaced.
	if !strings.Contains(string(data), "extends: ") || strings.Contains(string(data), "extends: /") {
		t.Errorf("extends is not relative:\n%s", data)
	}
	code, stdout, stderr = schoolplan(t, "simulate", out, "--format", "csv", "-q")
	if code != 0 {
		t.Fatalf("simulate: exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	n := 0
	for _, r := range rows[1:] {
		if r[col["stage"]] == "junior" && r[col["district"]] == "total" {
			n++
			if r[col["unplaced"]] != "0" {
				t.Errorf("%s: %s junior entrants unplaced", r[col["year"]], r[col["unplaced"]])
			}
		}
	}
	if n != 6 {
		t.Errorf("%d junior total rows, want 6", n)
	}
	// An existing proposal is kept unless --force.
	if code, _, stderr := schoolplan(t, "optimize", tinyBaseline, "--allow-expand", "1", "--out", out, "-q"); code != exitError || !strings.Contains(stderr, "--force") {
		t.Errorf("overwrite: exit %d: %s", code, stderr)
	}
	if code, _, stderr := schoolplan(t, "optimize", tinyBaseline, "--allow-expand", "1", "--out", out, "-q", "--force"); code != 0 {
		t.Errorf("--force: exit %d: %s", code, stderr)
	}
}

func TestOptimizeFormats(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := schoolplan(t, "optimize", tinyBaseline, "--new-streams", "1", "--out", filepath.Join(dir, "a.yaml"), "--format", "csv", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "stage,change,school,name,district,streams,entry_seats,year,lon,lat,cost,unplaced_removed,mean_distance_change_m" || len(rows) != 3 {
		t.Fatalf("csv:\n%s", stdout)
	}
	for _, r := range rows[1:] {
		if r[1] != "new_school" || r[4] != "D1" || r[8] == "" {
			t.Errorf("row %v", r)
		}
	}
	code, stdout, stderr = schoolplan(t, "optimize", tinyBaseline, "--new-streams", "1", "--out", filepath.Join(dir, "b.yaml"), "--format", "json", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Residual int               `json:"residual"`
		Stages   []string          `json:"stages"`
		Changes  []json.RawMessage `json:"changes"`
		Unplaced []json.RawMessage `json:"unplaced"`
		Solves   []json.RawMessage `json:"solves"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if got.Residual != 0 || len(got.Changes) != 2 || len(got.Stages) != 2 || len(got.Solves) == 0 || len(got.Unplaced) != 12 {
		t.Errorf("json %+v", got)
	}
	// --out - prints the proposal instead of the table.
	code, stdout, stderr = schoolplan(t, "optimize", tinyBaseline, "--allow-expand", "1", "--out", "-", "-q")
	if code != 0 || !strings.HasPrefix(stdout, "# Placement plan") || !strings.Contains(stdout, "changes:") {
		t.Errorf("--out -: exit %d: %s\n%s", code, stderr, stdout)
	}
}

func TestOptimizeCandidatesFile(t *testing.T) {
	dir := t.TempDir()
	sites := filepath.Join(dir, "sites.geojson")
	geo := `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "SITE-A", "name": "West site", "streams": 1, "stage": "junior"},
 "geometry": {"type": "Point", "coordinates": [106.51, 29.515]}}]}`
	if err := os.WriteFile(sites, []byte(geo), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := schoolplan(t, "optimize", tinyBaseline, "--stage", "junior", "--candidates", sites, "--out", filepath.Join(dir, "p.yaml"), "-q")
	if code != 0 || !strings.Contains(stdout, "SITE-A") || !strings.Contains(stdout, "new school") {
		t.Fatalf("exit %d: %s\n%s", code, stderr, stdout)
	}
	bad := filepath.Join(dir, "bad.geojson")
	if err := os.WriteFile(bad, []byte(strings.ReplaceAll(geo, "106.51", "107.51")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = schoolplan(t, "optimize", tinyBaseline, "--candidates", bad, "--out", filepath.Join(dir, "q.yaml"), "-q")
	if code != exitError || !strings.Contains(stderr, "outside every district") || !strings.Contains(stderr, "SITE-A") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestOptimizeUsage(t *testing.T) {
	dir := t.TempDir()
	for name, args := range map[string][]string{
		"stage":     {"--stage", "secondary"},
		"objective": {"--objective", "speed"},
		"format":    {"--format", "xml"},
		"grid":      {"--grid", "0"},
		"max-new":   {"--max-new", "-1"},
		"prove":     {"--prove", "-1s"},
		"demo out":  {"--out", filepath.Join(dir, "x.yaml")},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := schoolplan(t, append([]string{"optimize", "-q"}, args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d: %s", code, exitUsage, stderr)
			}
		})
	}
}

// With no argument optimize plans the built-in demo and writes nothing. A
// 2025 target keeps it quick: 43 junior entrants short in 沙坪坝 and 九龙坡.
func TestOptimizeDemoNoArgument(t *testing.T) {
	code, stdout, stderr := schoolplan(t, "optimize", "--stage", "junior", "--target-year", "2025", "--allow-expand", "1", "--max-new", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "baseline-optimized — junior") || !strings.Contains(stdout, "0 entrants left unplaced up to 2025") {
		t.Errorf("table:\n%s", stdout)
	}
	if !strings.Contains(stderr, "not written") {
		t.Errorf("stderr: %s", stderr)
	}
}

// TestOptimizeJSONIsDeterministic runs optimize --format json twice on the
// same input: the outputs must be byte-identical (no wall times).
func TestOptimizeJSONIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	var outs [2]string
	for i := range outs {
		out := filepath.Join(dir, "plan.yaml")
		code, stdout, stderr := schoolplan(t, "optimize", tinyBaseline, "--new-streams", "1", "--out", out, "--force", "--format", "json", "-q")
		if code != 0 {
			t.Fatalf("run %d: exit %d: %s", i, code, stderr)
		}
		outs[i] = stdout
	}
	if outs[0] != outs[1] {
		t.Errorf("two runs differ:\n%s\n---\n%s", outs[0], outs[1])
	}
	if strings.Contains(outs[0], `"seconds"`) {
		t.Errorf("the JSON holds wall times:\n%s", outs[0])
	}
}

// TestOptimizeMultiPeriodTiny plans the tiny city's junior seats over
// time: the west's school is 13 to 25 short every year, and at the
// default prices a temporary class a year (540, 487.69 discounted) beats a
// stream. The table, the districts CSV and the proposal file are golden;
// the proposal simulates with no junior entrant unplaced and compare
// prices it.
func TestOptimizeMultiPeriodTiny(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "plan.yaml")
	args := []string{"optimize", tinyBaseline, "--stage", "junior", "--allow-expand", "1", "--multi-period", "--out", out, "-q"}
	code, stdout, stderr := schoolplan(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	golden(t, "tiny-multiperiod-table.txt", []byte(stdout))
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The extends: line is relative to the temporary folder: left out.
	var kept []string
	for _, line := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(line, "extends: ") {
			kept = append(kept, line)
		}
	}
	golden(t, "tiny-multiperiod-plan.yaml", []byte(strings.Join(kept, "\n")))
	code, stdout, stderr = schoolplan(t, append(args, "--force", "--format", "districts")...)
	if code != 0 {
		t.Fatalf("districts: exit %d: %s", code, stderr)
	}
	golden(t, "tiny-multiperiod-districts.csv", []byte(stdout))
	code, stdout, stderr = schoolplan(t, append(args, "--force", "--format", "csv")...)
	if code != 0 || !strings.HasPrefix(stdout, "stage,change,") || !strings.Contains(stdout, ",to,decided,lead_time,classroom_years,discounted_cost\n") ||
		!strings.Contains(stdout, "junior,temporary,J1,") {
		t.Errorf("csv: exit %d: %s%s", code, stdout, stderr)
	}
	code, stdout, stderr = schoolplan(t, "compare", tinyBaseline, out, "-q", "--lang", "en")
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"plan", "540"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("compare lacks %q:\n%s", want, stdout)
		}
	}
}

func TestOptimizeMultiPeriodUsage(t *testing.T) {
	for name, args := range map[string][]string{
		"rate":      {"--multi-period", "--discount-rate", "1.5"},
		"negative":  {"--multi-period", "--discount-rate", "-0.1"},
		"temporary": {"--multi-period", "--temporary-cost", "0"},
		"lead":      {"--multi-period", "--lead-new", "31"},
		"lead<0":    {"--multi-period", "--lead-expand", "-1"},
		"max":       {"--multi-period", "--max-temporary", "-2"},
		"objective": {"--multi-period", "--objective", "distance"},
		"districts": {"--format", "districts"},
		"no mode":   {"--discount-rate", "0.05"},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := schoolplan(t, append([]string{"optimize", tinyBaseline, "-q", "--out", "-"}, args...)...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d: %s", code, exitUsage, stderr)
			}
		})
	}
}

// The demo's junior shortfall to 2029, planned over time: every entrant
// seated, the bound and gap printed, and the same JSON twice.
func TestOptimizeMultiPeriodDemo(t *testing.T) {
	args := []string{"optimize", "-q", "--stage", "junior", "--target-year", "2029", "--multi-period"}
	code, stdout, stderr := schoolplan(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"multi-period plan", "temporary", "0 entrants left unplaced up to 2029", "bound", "gap", "500112"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("table lacks %q:\n%s", want, stdout)
		}
	}
	var outs [2]string
	for i := range outs {
		code, outs[i], stderr = schoolplan(t, append(args, "--format", "json")...)
		if code != 0 {
			t.Fatalf("json %d: exit %d: %s", i, code, stderr)
		}
	}
	if outs[0] != outs[1] {
		t.Error("two runs write different JSON")
	}
	var got struct {
		Residual    int `json:"residual"`
		MultiPeriod struct {
			Cost  float64 `json:"discounted_cost"`
			Bound float64 `json:"bound"`
		} `json:"multi_period"`
	}
	if err := json.Unmarshal([]byte(outs[0]), &got); err != nil {
		t.Fatal(err)
	}
	if got.Residual != 0 || got.MultiPeriod.Bound <= 0 || got.MultiPeriod.Bound > got.MultiPeriod.Cost {
		t.Errorf("residual %d, cost %v, bound %v", got.Residual, got.MultiPeriod.Cost, got.MultiPeriod.Bound)
	}
}
