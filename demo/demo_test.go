package demo

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/schoolplan/schoolplan/demo/internal/gen"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/scenarios"
)

// generate runs the generator on the committed sources into a fresh temporary folder.
func generate(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	if err := gen.Generate("source", out, nil); err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	a, b := generate(t), generate(t)
	for _, f := range gen.Files() {
		x, err := os.ReadFile(filepath.Join(a, f))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs of the generator", f)
		}
	}
}

// TestCommittedFilesAreFresh fails when demo/city or demo/scenarios (on disk and embedded) are
// not what the generator produces from demo/source now.
func TestCommittedFilesAreFresh(t *testing.T) {
	out := generate(t)
	want := map[string]bool{}
	for _, f := range gen.Files() {
		want[f] = true
		fresh, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		onDisk, err := os.ReadFile(filepath.FromSlash(f))
		if err != nil {
			t.Errorf("demo/%s: %v (run go generate ./demo)", f, err)
			continue
		}
		if !bytes.Equal(fresh, onDisk) {
			t.Errorf("demo/%s is stale: it differs from the generator's output (run go generate ./demo)", f)
		}
		embedded, err := FS.ReadFile(f)
		if err != nil {
			t.Errorf("embedded %s: %v", f, err)
			continue
		}
		if !bytes.Equal(embedded, onDisk) {
			t.Errorf("embedded %s differs from demo/%s", f, f)
		}
	}
	for _, f := range listEmbedded(t) {
		if !want[f] {
			t.Errorf("embedded %s is not produced by the generator (remove it)", f)
		}
	}
}

func listEmbedded(t *testing.T) []string {
	t.Helper()
	files, err := embeddedFiles()
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestWriteTo(t *testing.T) {
	dir := t.TempDir()
	if err := WriteTo(dir); err != nil {
		t.Fatalf("WriteTo: %v", err)
	}
	for _, f := range listEmbedded(t) {
		want, _ := FS.ReadFile(f)
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatalf("WriteTo did not write %s: %v", f, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s written differs from embedded", f)
		}
	}
	for _, f := range []string{CityDir + "/city.yaml", Baseline, NewSchool} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(f))); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}

	// a second time everything exists
	err := WriteTo(dir)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("WriteTo over existing files: err = %v, want 'already exists'", err)
	}

	// one existing file: named in the error, and nothing else written
	dir2 := t.TempDir()
	existing := filepath.Join(dir2, "scenarios", "baseline.yaml")
	if err := os.MkdirAll(filepath.Dir(existing), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(existing, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err = WriteTo(dir2)
	if err == nil || !strings.Contains(err.Error(), existing) {
		t.Fatalf("WriteTo: err = %v, want it to name %s", err, existing)
	}
	if b, _ := os.ReadFile(existing); string(b) != "mine" {
		t.Errorf("WriteTo overwrote %s", existing)
	}
	if _, err := os.Stat(filepath.Join(dir2, "city")); err == nil {
		t.Errorf("WriteTo wrote city/ although it refused")
	}
}

// --- checks of the data contract -----------------------------------------------------------

type feature struct {
	Properties map[string]any `json:"properties"`
	Geometry   struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

func readFeatures(t *testing.T, path string) []feature {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if fc.Type != "FeatureCollection" {
		t.Fatalf("%s: type %q", path, fc.Type)
	}
	return fc.Features
}

func (f feature) multiPolygon(t *testing.T) orb.MultiPolygon {
	t.Helper()
	toPoly := func(c [][][]float64) orb.Polygon {
		var p orb.Polygon
		for _, r := range c {
			var ring orb.Ring
			for _, q := range r {
				ring = append(ring, orb.Point{q[0], q[1]})
			}
			p = append(p, ring)
		}
		return p
	}
	switch f.Geometry.Type {
	case "Polygon":
		var c [][][]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &c); err != nil {
			t.Fatal(err)
		}
		return orb.MultiPolygon{toPoly(c)}
	case "MultiPolygon":
		var c [][][][]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &c); err != nil {
			t.Fatal(err)
		}
		var mp orb.MultiPolygon
		for _, p := range c {
			mp = append(mp, toPoly(p))
		}
		return mp
	}
	t.Fatalf("geometry type %q", f.Geometry.Type)
	return nil
}

func (f feature) point(t *testing.T) orb.Point {
	t.Helper()
	if f.Geometry.Type != "Point" {
		t.Fatalf("feature %v: geometry %s, want Point", f.Properties["id"], f.Geometry.Type)
	}
	var c []float64
	if err := json.Unmarshal(f.Geometry.Coordinates, &c); err != nil || len(c) != 2 {
		t.Fatalf("feature %v: coordinates %s", f.Properties["id"], f.Geometry.Coordinates)
	}
	return orb.Point{c[0], c[1]}
}

func (f feature) str(t *testing.T, key string) string {
	t.Helper()
	s, ok := f.Properties[key].(string)
	if !ok || s == "" {
		t.Fatalf("feature %v: property %s = %v, want a string", f.Properties["id"], key, f.Properties[key])
	}
	return s
}

func (f feature) int(t *testing.T, key string) (int, bool) {
	t.Helper()
	v, ok := f.Properties[key]
	if !ok {
		return 0, false
	}
	x, ok := v.(float64)
	if !ok || x != float64(int(x)) {
		t.Fatalf("feature %v: property %s = %v, want an integer", f.Properties["id"], key, v)
	}
	return int(x), true
}

func TestCityContract(t *testing.T) {
	// districts: ids, valid rings
	districts := map[string]orb.MultiPolygon{}
	for i, f := range readFeatures(t, "city/districts.geojson") {
		id := f.str(t, "id")
		if f.str(t, "parent") != "500000" || !strings.HasSuffix(f.str(t, "name"), "区") {
			t.Errorf("district %d: properties %v", i, f.Properties)
		}
		mp := f.multiPolygon(t)
		for _, p := range mp {
			for j, r := range p {
				if len(r) < 4 || r[0] != r[len(r)-1] || planar.Area(r) == 0 {
					t.Errorf("district %s ring %d invalid (%d positions)", id, j, len(r))
				}
				want := orb.CCW
				if j > 0 {
					want = orb.CW
				}
				if r.Orientation() != want {
					t.Errorf("district %s ring %d: orientation not RFC 7946", id, j)
				}
			}
		}
		districts[id] = mp
	}
	if len(districts) != 9 {
		t.Fatalf("%d districts, want 9", len(districts))
	}
	source := map[string]orb.MultiPolygon{}
	for _, f := range readFeatures(t, "source/districts_gcj02.geojson") {
		code := strconv.Itoa(int(f.Properties["adcode"].(float64)))
		if _, ok := districts[code]; ok {
			source[code] = f.multiPolygon(t)
		}
	}
	inside := func(what, district string, p orb.Point) {
		t.Helper()
		for code := range districts {
			in := planar.MultiPolygonContains(districts[code], p) || planar.MultiPolygonContains(source[code], p)
			both := planar.MultiPolygonContains(districts[code], p) && planar.MultiPolygonContains(source[code], p)
			if code == district && !both {
				t.Errorf("%s at %v is not inside district %s", what, p, district)
			}
			if code != district && in {
				t.Errorf("%s at %v (district %s) is inside district %s", what, p, district, code)
			}
		}
	}

	// census population per district
	census := map[string]int{}
	rows := readCSV(t, "source/census2020_by_district.csv")
	for _, r := range rows[1:] {
		if _, ok := districts[r[0]]; ok {
			census[r[0]], _ = strconv.Atoi(r[2])
		}
	}

	// areas
	ids := map[string]bool{}
	pop := map[string]int{}
	housing := 0
	for _, f := range readFeatures(t, "city/areas.geojson") {
		id, d := f.str(t, "id"), f.str(t, "district")
		if ids[id] || !strings.HasPrefix(id, "A-"+d+"-") {
			t.Errorf("area id %s (district %s) duplicate or malformed", id, d)
		}
		ids[id] = true
		f.str(t, "name")
		p, _ := f.int(t, "population")
		h, _ := f.int(t, "households")
		if p <= 0 || h != int(float64(p)/2.6+0.5) {
			t.Errorf("area %s: population %d households %d", id, p, h)
		}
		if y, ok := f.int(t, "completion_year"); ok {
			housing++
			if y < 2026 || y > 2030 || p < 8000 || p > 25000 {
				t.Errorf("new housing %s: completion %d population %d", id, y, p)
			}
		} else {
			pop[d] += p
		}
		inside("area "+id, d, f.point(t))
	}
	for d, n := range census {
		if pop[d] != n {
			t.Errorf("district %s: areas hold %d residents, census %d", d, pop[d], n)
		}
	}
	if housing < 10 || housing > 14 {
		t.Errorf("%d new-housing areas, want about 12", housing)
	}

	// schools
	names := map[string]bool{}
	stages := map[string]int{}
	zoneDistrict, zoneSize := map[string]string{}, map[string]int{}
	for _, f := range readFeatures(t, "city/schools.geojson") {
		id, d, stage := f.str(t, "id"), f.str(t, "district"), f.str(t, "stage")
		name := f.str(t, "name")
		if ids[id] || names[name] {
			t.Errorf("school %s %s: duplicate id or name", id, name)
		}
		ids[id], names[name] = true, true
		streams, _ := f.int(t, "streams")
		lo, hi, prefix := 2, 12, "P-"
		switch stage {
		case "junior":
			lo, hi, prefix = 4, 20, "J-"
		case "nine_year":
			lo, hi, prefix = 2, 8, "N-"
		case "primary":
		default:
			t.Errorf("school %s: stage %q", id, stage)
		}
		if streams < lo || streams > hi || !strings.HasPrefix(id, prefix+d+"-") {
			t.Errorf("school %s (%s): streams %d, want %d–%d", id, stage, streams, lo, hi)
		}
		if js, ok := f.int(t, "junior_streams"); ok && (stage != "nine_year" || js < lo || js > hi || js == streams) {
			t.Errorf("school %s (%s): junior_streams %d (streams %d), want only on nine-year schools, %d–%d, when it differs", id, stage, js, streams, lo, hi)
		}
		if y, ok := f.int(t, "opens"); ok && (y < 2026 || y > 2029) {
			t.Errorf("school %s opens %d", id, y)
		}
		if y, ok := f.int(t, "closes"); ok && (y < 2027 || y > 2029) {
			t.Errorf("school %s closes %d", id, y)
		}
		stages[stage]++
		inside("school "+id, d, f.point(t))

		// sharing zones: every junior school of 渝北 and 沙坪坝, and no other
		z, hasZone := f.Properties["sharing_zone"]
		base, hasBase := f.int(t, "base_seats")
		shared, hasShared := f.int(t, "shared_seats")
		if stage == "junior" && sharingZones[d] {
			zone := f.str(t, "sharing_zone")
			seats := streams * 50
			if !hasBase || !hasShared || base+shared != seats || 10*shared < seats || 5*shared > seats {
				t.Errorf("school %s (%d streams): base_seats %d + shared_seats %d, want %d with 10–20%% shared", id, streams, base, shared, seats)
			}
			if zd, ok := zoneDistrict[zone]; ok && zd != d {
				t.Errorf("zone %s has schools of %s and %s", zone, zd, d)
			}
			zoneDistrict[zone] = d
			zoneSize[zone]++
		} else if hasZone || hasBase || hasShared {
			t.Errorf("school %s (%s, %s): sharing_zone %v, base_seats %d, shared_seats %d, want none", id, stage, d, z, base, shared)
		}
	}
	total := stages["primary"] + stages["junior"] + stages["nine_year"]
	if share := float64(stages["nine_year"]) / float64(total); share < 0.03 || share > 0.08 {
		t.Errorf("nine-year schools are %.1f%% of %d, want about 5%%", 100*share, total)
	}
	for zone, n := range zoneSize {
		if n < 5 || n > 8 {
			t.Errorf("zone %s has %d schools, want 5–8", zone, n)
		}
		short := map[string]string{"500112": "渝北", "500106": "沙坪坝"}[zoneDistrict[zone]]
		if !strings.HasPrefix(zone, short+"第") || !strings.HasSuffix(zone, "大学区") {
			t.Errorf("zone %s (district %s): want a name like %s第一大学区", zone, zoneDistrict[zone], short)
		}
	}
	if len(zoneSize) < 8 {
		t.Errorf("%d sharing zones, want about 12", len(zoneSize))
	}

	// forecast: every district, year 2025–2035, age 0–15 once
	seen := map[string]bool{}
	for i, r := range readCSV(t, "city/forecast.csv") {
		if i == 0 {
			if strings.Join(r, ",") != "district,year,age,count" {
				t.Fatalf("forecast.csv header %v", r)
			}
			continue
		}
		key := strings.Join(r[:3], ",")
		n, err := strconv.Atoi(r[3])
		if seen[key] || err != nil || n < 0 {
			t.Errorf("forecast.csv line %d: %v", i+1, r)
		}
		seen[key] = true
	}
	var missing []string
	for d := range districts {
		for y := 2025; y <= 2035; y++ {
			for a := 0; a <= 15; a++ {
				if k := fmt.Sprintf("%s,%d,%d", d, y, a); !seen[k] {
					missing = append(missing, k)
				}
			}
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 || len(seen) != 9*11*16 {
		t.Errorf("forecast.csv: %d rows, missing %v", len(seen), missing)
	}

	// size budget
	var size int64
	for _, f := range gen.Files() {
		if strings.HasPrefix(f, "city/") {
			st, err := os.Stat(filepath.FromSlash(f))
			if err != nil {
				t.Fatal(err)
			}
			size += st.Size()
		}
	}
	if size > 1_500_000 {
		t.Errorf("demo/city is %d bytes, budget 1.5 MB", size)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// --- the city the engine sees ----------------------------------------------------------------

// sharingZones are the districts whose junior schools are grouped into sharing zones (大学区).
var sharingZones = map[string]bool{"500112": true, "500106": true}

// shortJunior are the districts whose junior schools are deliberately sized short of their
// catchments' late-2020s peak (渝北, 九龙坡, 沙坪坝).
var shortJunior = map[string]bool{"500112": true, "500107": true, "500106": true}

// totals runs a scenario of the embedded demo and returns its totals by stage, district id
// ("total" for the whole city) and year.
func totals(t *testing.T, name string) map[engine.Stage]map[string]map[int]sim.Totals {
	t.Helper()
	sc, err := scenarios.LoadFS(FS, name)
	if err != nil {
		t.Fatalf("load %s: %v", name, err)
	}
	res, err := scenarios.Run(context.Background(), sc, nil)
	if err != nil {
		t.Fatalf("run %s: %v", name, err)
	}
	out := map[engine.Stage]map[string]map[int]sim.Totals{}
	for _, st := range engine.Stages {
		out[st] = map[string]map[int]sim.Totals{"total": {}}
		for _, yr := range res.Stages[st].Years {
			out[st]["total"][int(yr.Year)] = yr.City
			for _, dy := range yr.Districts {
				id := res.City.Districts[dy.District].ID
				if out[st][id] == nil {
					out[st][id] = map[int]sim.Totals{}
				}
				out[st][id][int(yr.Year)] = dy.Totals
			}
		}
	}
	return out
}

// unplacedByDistrict runs a scenario of the embedded demo and returns entrants and unplaced
// children by stage, district id and year.
func unplacedByDistrict(t *testing.T, name string) (entrants, unplaced map[engine.Stage]map[string]map[int]int) {
	t.Helper()
	entrants, unplaced = map[engine.Stage]map[string]map[int]int{}, map[engine.Stage]map[string]map[int]int{}
	for st, byDistrict := range totals(t, name) {
		entrants[st], unplaced[st] = map[string]map[int]int{}, map[string]map[int]int{}
		for id, byYear := range byDistrict {
			if id == "total" {
				continue
			}
			entrants[st][id], unplaced[st][id] = map[int]int{}, map[int]int{}
			for y, tot := range byYear {
				entrants[st][id][y] = tot.Entrants
				unplaced[st][id][y] = tot.Unplaced
			}
		}
	}
	return entrants, unplaced
}

// TestBaselineBalance checks that the schools are sized to their nearest-school catchments:
// under the baseline, almost every primary entrant gets a seat in every district and year, and
// junior entrants go unplaced only in the three districts sized short, most around 2028–2031.
func TestBaselineBalance(t *testing.T) {
	ent, un := unplacedByDistrict(t, Baseline)
	if len(ent[engine.Primary]) != 9 {
		t.Fatalf("%d districts, want 9", len(ent[engine.Primary]))
	}
	for d, byYear := range ent[engine.Primary] {
		for y, n := range byYear {
			if u := un[engine.Primary][d][y]; float64(u) > 0.01*float64(n) {
				t.Errorf("primary %s %d: %d of %d entrants unplaced, want at most 1%%", d, y, u, n)
			}
		}
	}
	for d, byYear := range ent[engine.Junior] {
		worstYear, worst, peakEntrants := 0, 0, 0
		for y, n := range byYear {
			u := un[engine.Junior][d][y]
			if !shortJunior[d] && float64(u) > 0.005*float64(n) {
				t.Errorf("junior %s %d: %d of %d entrants unplaced, want near zero outside the short districts", d, y, u, n)
			}
			if u > worst || u == worst && y < worstYear {
				worstYear, worst, peakEntrants = y, u, n
			}
		}
		if !shortJunior[d] {
			continue
		}
		if worstYear < 2028 || worstYear > 2031 || float64(worst) < 0.03*float64(peakEntrants) {
			t.Errorf("junior %s: worst shortfall %d of %d entrants in %d, want at least 3%% in 2028–2031", d, worst, peakEntrants, worstYear)
		}
		if early := un[engine.Junior][d][2025]; early >= worst/2 {
			t.Errorf("junior %s: %d unplaced in 2025 against %d in %d, want the shortfall to rise", d, early, worst, worstYear)
		}
	}
}

// TestNewSchoolScenario checks that the new junior school and the expansion relieve 渝北's
// junior shortfall: fewer unplaced in the peak years and never more in any year.
func TestNewSchoolScenario(t *testing.T) {
	_, base := unplacedByDistrict(t, Baseline)
	_, with := unplacedByDistrict(t, NewSchool)
	const d = "500112"
	var before, after int
	for y := 2025; y <= 2035; y++ {
		b, a := base[engine.Junior][d][y], with[engine.Junior][d][y]
		if a > b {
			t.Errorf("junior %s %d: %d unplaced with the new school, %d without", d, y, a, b)
		}
		if y >= 2028 && y <= 2031 {
			before += b
			after += a
		}
	}
	if before == 0 || float64(after) > 0.9*float64(before) {
		t.Errorf("junior %s 2028–2031: %d unplaced with the new school, %d without; want at least 10%% fewer", d, after, before)
	}
	for id, byYear := range with[engine.Junior] {
		for y, u := range byYear {
			if id != d && u != base[engine.Junior][id][y] {
				t.Errorf("junior %s %d: the scenario changed another district (%d → %d unplaced)", id, y, base[engine.Junior][id][y], u)
			}
		}
	}
}

// TestAdmissionScenarios runs the scenarios of the admission keys against the baseline. Every
// embedded scenario loads and runs, with the same entrants as the baseline (but the cohort
// scenario, which forecasts them itself: TestCohortScenario); shared seats are
// taken only in the districts with sharing zones (unless catchments cross district lines); and
// each key does what its file says.
func TestAdmissionScenarios(t *testing.T) {
	base := totals(t, Baseline)
	all := map[string]map[engine.Stage]map[string]map[int]sim.Totals{}
	for _, f := range listEmbedded(t) {
		if !strings.HasPrefix(f, "scenarios/") {
			continue
		}
		all[f] = totals(t, f)
		for st, byDistrict := range all[f] {
			for id, byYear := range byDistrict {
				for y, tot := range byYear {
					b := base[st][id][y]
					if tot.Entrants != b.Entrants && f != Cohort {
						t.Errorf("%s %s %s %d: %d entrants, baseline %d", f, st, id, y, tot.Entrants, b.Entrants)
					}
					if tot.Entrants != tot.Base+tot.Shared+tot.Placed+tot.Oversize+tot.Unplaced {
						t.Errorf("%s %s %s %d: entrants %d != base %d + shared %d + placed %d + oversize %d + unplaced %d",
							f, st, id, y, tot.Entrants, tot.Base, tot.Shared, tot.Placed, tot.Oversize, tot.Unplaced)
					}
					// (across district lines, an area may have a zone school as its base school)
					if id != "total" && f != CrossDistrict && tot.Shared > 0 && (st != engine.Junior || !sharingZones[id]) {
						t.Errorf("%s %s %s %d: %d shared seats taken outside the sharing zones", f, st, id, y, tot.Shared)
					}
				}
			}
		}
	}
	for _, f := range []string{Baseline, NewSchool, SharedLottery, Oversize, NoPlacement, SeatSwap, CrossDistrict, Cohort, Programme} {
		if all[f] == nil {
			t.Fatalf("%s is not embedded", f)
		}
	}
	peak := func(f string, st engine.Stage, id string, get func(sim.Totals) int) (n int) {
		for y := 2028; y <= 2031; y++ {
			n += get(all[f][st][id][y])
		}
		return n
	}
	unplaced := func(x sim.Totals) int { return x.Unplaced }
	shared := func(x sim.Totals) int { return x.Shared }
	for id := range sharingZones {
		if peak(Baseline, engine.Junior, id, shared) == 0 {
			t.Errorf("baseline: no junior shared seats taken in %s in 2028–2031", id)
		}
	}

	// no placement: nobody placed or squeezed in; never fewer unplaced than the baseline
	for st, byDistrict := range all[NoPlacement] {
		for id, byYear := range byDistrict {
			for y, tot := range byYear {
				if tot.Placed != 0 || tot.Oversize != 0 || tot.Unplaced < base[st][id][y].Unplaced {
					t.Errorf("no-placement %s %s %d: placed %d, oversize %d, unplaced %d (baseline %d)",
						st, id, y, tot.Placed, tot.Oversize, tot.Unplaced, base[st][id][y].Unplaced)
				}
			}
		}
	}
	// oversize: nobody placed elsewhere; children squeezed in, fewer unplaced than without placement
	for st, byDistrict := range all[Oversize] {
		for id, byYear := range byDistrict {
			for y, tot := range byYear {
				if tot.Placed != 0 || tot.Unplaced > all[NoPlacement][st][id][y].Unplaced {
					t.Errorf("oversize %s %s %d: placed %d, unplaced %d (no placement: %d)",
						st, id, y, tot.Placed, tot.Unplaced, all[NoPlacement][st][id][y].Unplaced)
				}
			}
		}
	}
	if peak(Oversize, engine.Junior, "total", func(x sim.Totals) int { return x.Oversize }) == 0 ||
		peak(Oversize, engine.Junior, "total", unplaced) >= peak(NoPlacement, engine.Junior, "total", unplaced) {
		t.Errorf("oversize: no junior children squeezed in, or no fewer unplaced than without placement, in 2028–2031")
	}
	// seat swap: fewer unplaced in 渝北, none more anywhere
	for id, byYear := range all[SeatSwap][engine.Junior] {
		for y, tot := range byYear {
			if tot.Unplaced > base[engine.Junior][id][y].Unplaced {
				t.Errorf("seat-swap junior %s %d: %d unplaced, baseline %d", id, y, tot.Unplaced, base[engine.Junior][id][y].Unplaced)
			}
		}
	}
	if a, b := peak(SeatSwap, engine.Junior, "500112", unplaced), peak(Baseline, engine.Junior, "500112", unplaced); a >= b {
		t.Errorf("seat-swap: %d junior unplaced in 渝北 in 2028–2031, baseline %d; want fewer", a, b)
	}
	// cross-district: fewer unplaced in the city
	if a, b := peak(CrossDistrict, engine.Junior, "total", unplaced), peak(Baseline, engine.Junior, "total", unplaced); a >= b {
		t.Errorf("cross-district: %d junior unplaced in 2028–2031, baseline %d; want fewer", a, b)
	}
	// shared lottery: the same shared seats, given out differently
	if a := peak(SharedLottery, engine.Junior, "total", shared); a == 0 {
		t.Errorf("shared-lottery: no junior shared seats taken in 2028–2031")
	}
}

// TestCohortScenario checks the demo's cohort inputs: the cohort method reproduces forecast.csv
// (up to its rounding to whole children) for every child born by 2024, the last year of
// births.csv, and extrapolates the later births close to the assumed ones; the new housing's
// children follow its yields; the low, mid and high bands are ordered.
func TestCohortScenario(t *testing.T) {
	sc, err := scenarios.LoadFS(FS, Cohort)
	if err != nil {
		t.Fatal(err)
	}
	if sc.Forecast == nil || sc.Forecast.Method != forecast.Cohort || sc.First != 2025 || sc.Last != 2035 {
		t.Fatalf("forecast %+v, years %d–%d", sc.Forecast, sc.First, sc.Last)
	}
	c := sc.City
	var ps [3]*forecast.Projection
	for k, b := range forecast.Bands {
		o := *sc.Forecast
		o.Band = b
		if ps[k], err = forecast.Project(c, &o); err != nil {
			t.Fatal(err)
		}
	}
	p := ps[1]
	for di := range c.Districts {
		for y := engine.Year(2025); y <= 2035; y++ {
			for age := 0; age <= 15; age++ {
				table, _ := c.Forecast.Lookup(c.Forecast.ByDistrict[di], y, age)
				got, ok := p.Table.Lookup(p.Table.ByDistrict[di], y, age)
				if !ok {
					t.Fatalf("district %s %d age %d: no cohort projection", c.Districts[di].ID, y, age)
				}
				tol := 0.01 * table // census groups and births are rounded
				if y-engine.Year(age) > 2024 {
					tol = 0.08 * table // births extrapolated at −2% a year against the assumed figures
				}
				if diff := got - table; diff > tol+1 || diff < -tol-1 {
					t.Errorf("district %s %d age %d: cohort %.1f, forecast.csv %.0f", c.Districts[di].ID, y, age, got, table)
				}
				lo, _ := ps[0].Table.Lookup(ps[0].Table.ByDistrict[di], y, age)
				hi, _ := ps[2].Table.Lookup(ps[2].Table.ByDistrict[di], y, age)
				if lo > got || got > hi {
					t.Errorf("district %s %d age %d: bands %.1f / %.1f / %.1f out of order", c.Districts[di].ID, y, age, lo, got, hi)
				}
			}
		}
	}
	// New housing: 70 primary pupils per 1000 residents over 6 ages, 30% in the completion year.
	for i := range c.Areas {
		a := &c.Areas[i]
		if a.CompletionYear == 0 || a.CompletionYear > 2030 {
			continue
		}
		got, err := p.Children(nil, a.CompletionYear, 6)
		if err != nil {
			t.Fatal(err)
		}
		if want := 70.0 / 6 * a.Population / 1000 * 0.3; got[i] < want-1e-9 || got[i] > want+1e-9 {
			t.Errorf("new housing %s in %d: %.3f six-year-olds, want %.3f", a.ID, a.CompletionYear, got[i], want)
		}
	}
}

// TestProgrammeScenario: the programme scenario's temporary classrooms and conversions leave no
// junior entrant unplaced in the bulge (2028–2031) where the baseline leaves thousands, with the
// same entrants, and fewer in 2027; its cost is the cost table's 6 万元 a classroom-year over
// every temporary change's classroom-years and 150 万元 a junior stream over every conversion's,
// all decided in 中期, and its only permanent seats are the conversions' junior ones (50 a
// class, 3 grades), all still used in 2035.
func TestProgrammeScenario(t *testing.T) {
	sc, err := scenarios.LoadFS(FS, Programme)
	if err != nil {
		t.Fatal(err)
	}
	res, err := scenarios.Run(context.Background(), sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	base := totals(t, Baseline)
	for y := 2028; y <= 2031; y++ {
		got := res.Stages[engine.Junior].Year(engine.Year(y)).City
		if b := base[engine.Junior]["total"][y]; got.Unplaced != 0 || b.Unplaced < 1000 || got.Entrants != b.Entrants {
			t.Errorf("junior %d: %d unplaced of %d entrants, baseline %d of %d", y, got.Unplaced, got.Entrants, b.Unplaced, b.Entrants)
		}
	}
	if got, b := res.Stages[engine.Junior].Year(2027).City.Unplaced, base[engine.Junior]["total"][2027].Unplaced; got >= b {
		t.Errorf("junior 2027: %d unplaced, baseline %d; want fewer with the conversions", got, b)
	}
	kinds := map[string]int{}
	years, streams := 0, 0
	for _, ch := range sc.Changes {
		switch ch := ch.(type) {
		case engine.Temporary:
			kinds["temporary"]++
			years += ch.ClassYears(3)
		case engine.Convert:
			kinds["convert"]++
			streams += ch.Streams[engine.Junior]
			if ch.To != engine.KindNineYear || ch.Year != 2027 || ch.Streams[engine.Primary] != 0 {
				t.Errorf("conversion %+v: want a primary school made nine-year in 2027", ch)
			}
		case engine.Expand:
			if ch.Streams < 0 {
				kinds["reduction"]++
			}
		case engine.Feeders:
			kinds["feeders"]++
		}
	}
	if kinds["temporary"] == 0 || kinds["reduction"] == 0 || kinds["feeders"] != 1 || kinds["convert"] == 0 {
		t.Errorf("changes by kind %v: want temporary classrooms, reductions, conversions and one feeders change", kinds)
	}
	c := scenarios.ProgrammeCosts(res)
	tot := c.Total
	seats := streams * 50 * 3
	if tot.Unpriced != 0 || tot.ClassroomYears != years || !approx.Equal(tot.Cost, float64(6*years+150*streams), 1e-6) ||
		tot.Seats != seats || tot.UsedLastYear != seats || tot.TemporarySeats == 0 {
		t.Errorf("total %+v: want %d classroom-years at 6 and %d junior streams at 150, %d permanent seats all used in 2035", tot, years, streams, seats)
	}
	if len(c.Phases) != 3 || c.Phases[1].Phase != "中期" || !approx.Equal(c.Phases[1].Cost, tot.Cost, 1e-6) {
		t.Errorf("phases %+v: want all the cost in 中期", c.Phases)
	}
}
