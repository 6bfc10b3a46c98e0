package plan_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/demo"
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

const tinyBaseline = "../testdata/scenarios/tiny-baseline.yaml"

// Candidate sites of the tiny city: two in the west, one in the east.
const tinySites = `{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "W-SITE", "name": "West \"site\": #1", "streams": 2, "cost": 5000},
 "geometry": {"type": "Point", "coordinates": [106.51, 29.515]}},
{"type": "Feature", "properties": {"name": "East site", "stage": "junior"},
 "geometry": {"type": "Point", "coordinates": [106.535, 29.51]}},
{"type": "Feature", "properties": {"streams": 1},
 "geometry": {"type": "Point", "coordinates": [106.505, 29.505]}}
]}`

func loadTiny(t *testing.T) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load(tinyBaseline)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// unplacedBy sums a run's unplaced entrants of stage st up to year last.
func unplacedBy(r *scenarios.Result, st engine.Stage, last engine.Year) int {
	n := 0
	for _, y := range r.Stages[st].Years {
		if y.Year <= last {
			n += y.City.Unplaced
		}
	}
	return n
}

// checkProposal checks the invariants of a proposal: the rows add up, the
// runs keep the simulation's invariants, and the proposal written as YAML
// loads and simulates as the plan did.
func checkProposal(t *testing.T, pr *plan.Proposal) {
	t.Helper()
	c := pr.Base.City
	simtest.Check(t, c, pr.Before.Result)
	simtest.Check(t, c, pr.After.Result)
	residual, cost := 0, 0.0
	for _, st := range pr.Stages {
		removed := 0
		for _, ch := range pr.Changes {
			if ch.Stage == st {
				removed += ch.Removed
			}
		}
		before, after := unplacedBy(pr.Before, st, pr.Target), unplacedBy(pr.After, st, pr.Target)
		if removed != before-after {
			t.Errorf("%s: the changes remove %d, the runs differ by %d − %d", st, removed, before, after)
		}
		residual += after
	}
	if residual != pr.Residual {
		t.Errorf("Residual %d, the run leaves %d", pr.Residual, residual)
	}
	for _, ch := range pr.Changes {
		cost += ch.Cost
		if ch.Streams < 1 || ch.Seats < ch.Streams || ch.Year < pr.Base.First || ch.Year > pr.Target {
			t.Errorf("change %+v", ch)
		}
	}
	// Generated ids run from 1 without gaps, per stage.
	next := map[engine.Stage]int{}
	for _, ch := range pr.Changes {
		if ch.New && strings.HasPrefix(ch.School, "OPT-") {
			next[ch.Stage]++
			if want := "OPT-" + strings.ToUpper(ch.Stage.String()[:1]) + "-" + strconv.Itoa(next[ch.Stage]); ch.School != want {
				t.Errorf("new school %s, want %s", ch.School, want)
			}
		}
	}
	approx.Check(t, "Cost (the sum of the changes' costs)", pr.Cost, cost, 1e-6)
	// Written next to a copy-free reference to the base file, loaded back.
	dir := t.TempDir()
	base, err := filepath.Abs(pr.Base.File)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pr.WriteYAML(&buf, filepath.ToSlash(base)); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "proposal.yaml")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Load(file)
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if s.Name != pr.Name || len(s.Changes) != len(pr.Base.Changes)+len(pr.Changes) {
		t.Fatalf("loaded %q with %d changes\n%s", s.Name, len(s.Changes), buf.String())
	}
	for k, ch := range pr.Changes {
		got := s.Changes[len(pr.Base.Changes)+k]
		if ns, ok := got.(engine.NewSchool); ok {
			want := ch.Change.(engine.NewSchool).School
			if ns.School.ID != want.ID || ns.School.Name != want.Name || ns.School.District != want.District ||
				geo.Distance(ns.School.Point, want.Point) > 0.01 || ns.School.Streams != want.Streams || ns.School.Opens != want.Opens {
				t.Errorf("loaded %+v, planned %+v", ns.School, want)
			}
		}
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	simtest.Check(t, s.City, r.Result)
	for _, st := range engine.Stages {
		for i, y := range r.Stages[st].Years {
			if want := pr.After.Stages[st].Years[i].City.Unplaced; y.City.Unplaced != want {
				t.Errorf("%s %d: the loaded proposal leaves %d unplaced, the plan %d", st, y.Year, y.City.Unplaced, want)
			}
		}
	}
}

func TestOptimizeTiny(t *testing.T) {
	junior := []engine.Stage{engine.Junior}
	tests := []struct {
		name string
		opt  plan.OptimizeOptions
		// want: the changes as "new:ID:district" or "expand:ID:streams"; nil: any.
		want     []string
		residual int // -1: any > 0
		check    func(t *testing.T, pr *plan.Proposal)
	}{
		{name: "expand the west's junior school", opt: plan.OptimizeOptions{Stages: junior, AllowExpand: 1},
			want: []string{"expand:J1:1"}},
		{name: "expansions cover both stages", opt: plan.OptimizeOptions{AllowExpand: 2},
			want: []string{"expand:P1:1", "expand:J1:1"}},
		{name: "new schools for both stages", opt: plan.OptimizeOptions{NewStreams: 1},
			want: []string{"new:OPT-P-1:D1", "new:OPT-J-1:D1"}},
		{name: "least distance", opt: plan.OptimizeOptions{Stages: junior, Objective: plan.MinDistance, NewStreams: 1, MaxNew: 1},
			want: []string{"new:OPT-J-1:D1"},
			check: func(t *testing.T, pr *plan.Proposal) {
				if d := pr.Changes[0].DistanceChange; d >= 0 {
					t.Errorf("a school amid the children lengthens the mean distance by %v m", d)
				}
			}},
		{name: "nothing allowed", opt: plan.OptimizeOptions{MaxNew: -1}, residual: -1},
		{name: "new schools only from 2027", opt: plan.OptimizeOptions{Stages: junior, NewStreams: 1, OpenYear: 2027},
			want: []string{"new:OPT-J-1:D1"}, residual: 15 + 13,
			check: func(t *testing.T, pr *plan.Proposal) {
				for _, u := range pr.Unplaced {
					if (u.Year >= 2027) != (u.After == 0) {
						t.Errorf("%d: %d unplaced after", u.Year, u.After)
					}
				}
			}},
		{name: "expansions bridge the years before the school", opt: plan.OptimizeOptions{Stages: junior, AllowExpand: 1, NewStreams: 1, OpenYear: 2027, ExpandYear: 2025, KeepAll: true},
			check: func(t *testing.T, pr *plan.Proposal) {
				if len(pr.Changes) == 0 || pr.Changes[len(pr.Changes)-1].New || pr.Changes[len(pr.Changes)-1].Year != 2025 {
					t.Errorf("want an expansion from 2025 last, got %+v", pr.Changes)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := loadTiny(t)
			pr, err := plan.Optimize(context.Background(), s, &tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			checkProposal(t, pr)
			switch {
			case tc.residual < 0 && pr.Residual == 0:
				t.Errorf("residual 0, want some left")
			case tc.residual >= 0 && pr.Residual != tc.residual:
				t.Errorf("residual %d, want %d", pr.Residual, tc.residual)
			}
			if tc.want != nil {
				var got []string
				for _, ch := range pr.Changes {
					if ch.New {
						got = append(got, "new:"+ch.School+":"+s.City.Districts[ch.District].ID)
					} else {
						got = append(got, "expand:"+ch.School+":"+strconv.Itoa(ch.Streams))
					}
				}
				if strings.Join(got, " ") != strings.Join(tc.want, " ") {
					t.Errorf("changes %v, want %v", got, tc.want)
				}
			}
			if tc.check != nil {
				tc.check(t, pr)
			}
		})
	}
}

func TestOptimizeCandidates(t *testing.T) {
	s := loadTiny(t)
	cands, err := plan.ReadCandidates(s.City, "sites.geojson", []byte(tinySites))
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 3 || cands[0].ID != "W-SITE" || cands[0].Streams != 2 || cands[0].Cost != 5000 ||
		s.City.Districts[cands[0].District].ID != "D1" || s.City.Districts[cands[1].District].ID != "D2" ||
		cands[1].Stage == nil || *cands[1].Stage != engine.Junior {
		t.Fatalf("candidates %+v", cands)
	}
	t.Run("the site's own id, name, size and cost", func(t *testing.T) {
		pr, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{Candidates: cands})
		if err != nil {
			t.Fatal(err)
		}
		checkProposal(t, pr)
		// A site holds one school: the cheap west site takes primary, the
		// other west site junior (under a generated id, as it has none);
		// the east site is out of the west's reach.
		if pr.Residual != 0 || len(pr.Changes) != 2 {
			t.Fatalf("residual %d, changes %+v", pr.Residual, pr.Changes)
		}
		p, j := pr.Changes[0], pr.Changes[1]
		if p.School != "W-SITE" || p.Name != `West "site": #1` || p.Streams != 2 || p.Cost != 5000 || p.Stage != engine.Primary {
			t.Errorf("primary %+v", p)
		}
		if j.School != "OPT-J-1" || j.Stage != engine.Junior || s.City.Districts[j.District].ID != "D1" {
			t.Errorf("junior %+v", j)
		}
	})
	t.Run("no site in reach", func(t *testing.T) {
		east := cands[1:2]
		pr, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{Candidates: east, Stages: []engine.Stage{engine.Junior}})
		if err != nil {
			t.Fatal(err)
		}
		checkProposal(t, pr)
		if len(pr.Changes) != 0 || pr.Residual != unplacedBy(pr.Before, engine.Junior, pr.Target) {
			t.Errorf("the east site cannot seat the west's children (属地): %+v, residual %d", pr.Changes, pr.Residual)
		}
	})
}

func TestReadCandidatesErrors(t *testing.T) {
	s := loadTiny(t)
	tests := []struct {
		name, data string
		fields     []string
	}{
		{"outside every district", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[106.6,29.51]}}]}`, []string{"geometry"}},
		{"bad properties", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"streams":1.5,"cost":-1,"stage":"high","name":7},"geometry":{"type":"Point","coordinates":[106.51,29.51]}}]}`,
			[]string{"name", "stage", "streams", "cost"}},
		{"not a point", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[106.51,29.51],[106.52,29.51]]}}]}`, []string{"geometry"}},
		{"empty", `{"type":"FeatureCollection","features":[]}`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plan.ReadCandidates(s.City, "sites.geojson", []byte(tc.data))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "sites.geojson") {
				t.Errorf("error does not name the file: %v", err)
			}
			var errs geo.Errors
			if tc.fields == nil {
				return
			}
			if !errors.As(err, &errs) || len(errs) != len(tc.fields) {
				t.Fatalf("want %d problems, got %v", len(tc.fields), err)
			}
			for i, e := range errs {
				var fe *geo.FeatureError
				if !errors.As(e, &fe) || fe.Field != tc.fields[i] {
					t.Errorf("problem %d: %v, want field %s", i, e, tc.fields[i])
				}
			}
		})
	}
}

func TestGridCandidates(t *testing.T) {
	s := loadTiny(t)
	grid := plan.GridCandidates(s.City, 500)
	per := map[int]int{}
	ix := geo.NewPolygonIndex([]orb.MultiPolygon{s.City.Districts[0].Geometry, s.City.Districts[1].Geometry})
	for _, c := range grid {
		per[c.District]++
		if int(c.Point[0])%500 != 0 || int(c.Point[1])%500 != 0 {
			t.Errorf("%v is off the grid", c.Point)
		}
		if got := ix.LocateAll(nil, c.Point); len(got) == 0 || !slices.Contains(got, c.District) {
			t.Errorf("%v is not in district %d", c.Point, c.District)
		}
	}
	// Each district is about 1.9 km × 2.2 km: 4 × 4 or so points at 500 m.
	for d := range s.City.Districts {
		if per[d] < 9 || per[d] > 25 {
			t.Errorf("district %d: %d grid points", d, per[d])
		}
	}
	if plan.GridCandidates(s.City, 0) != nil {
		t.Error("a zero spacing gives points")
	}
}

func TestOptimizeOptionsErrors(t *testing.T) {
	s := loadTiny(t)
	for name, opt := range map[string]plan.OptimizeOptions{
		"target before the run": {TargetYear: 2020},
		"target after the run":  {TargetYear: 2031},
		"open after the target": {TargetYear: 2028, OpenYear: 2029},
		"negative expansion":    {AllowExpand: -1},
		"negative cost":         {SchoolCost: -1},
		"bad stage":             {Stages: []engine.Stage{7}},
		"bad objective":         {Objective: 9},
		"huge school":           {NewStreams: 101},
		"candidate off the map": {Candidates: []plan.Candidate{{District: 5}}},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := plan.Optimize(context.Background(), s, &opt); !errors.Is(err, plan.ErrOptimize) {
				t.Errorf("err = %v, want ErrOptimize", err)
			}
		})
	}
	if _, err := plan.ParseObjective("speed"); !errors.Is(err, plan.ErrOptimize) {
		t.Errorf("ParseObjective: %v", err)
	}
}

func TestOptimizeIsDeterministic(t *testing.T) {
	var out [2]string
	for k := range out {
		pr, err := plan.Optimize(context.Background(), loadTiny(t), &plan.OptimizeOptions{NewStreams: 1})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := pr.WriteYAML(&b, "base.yaml"); err != nil {
			t.Fatal(err)
		}
		out[k] = b.String()
	}
	if out[0] != out[1] {
		t.Errorf("two runs differ:\n%s\n%s", out[0], out[1])
	}
}

// The demo city's junior seats run short from 2025 to 2031 in 渝北, 九龙坡
// and 沙坪坝. The proposal, written next to the demo's baseline and loaded
// from disk, leaves no junior entrant unplaced through 2031.
func TestOptimizeDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("the demo city takes a few seconds")
	}
	dir := t.TempDir()
	if err := demo.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, demo.Baseline)
	s, err := scenarios.Load(base)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{
		Stages: []engine.Stage{engine.Junior}, TargetYear: 2031, AllowExpand: 2})
	if err != nil {
		t.Fatal(err)
	}
	if pr.Residual != 0 || unplacedBy(pr.Before, engine.Junior, 2031) == 0 {
		t.Fatalf("residual %d", pr.Residual)
	}
	var buf bytes.Buffer
	if err := pr.WriteYAML(&buf, "baseline.yaml"); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "scenarios", "baseline-optimized.yaml")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ps, err := scenarios.Load(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := scenarios.Run(context.Background(), ps, nil)
	if err != nil {
		t.Fatal(err)
	}
	simtest.Check(t, ps.City, r.Result)
	for _, y := range r.Stages[engine.Junior].Years {
		if y.Year <= 2031 && y.City.Unplaced != 0 {
			t.Errorf("%d: %d junior entrants unplaced", y.Year, y.City.Unplaced)
		}
	}
	t.Logf("%d changes, cost %v, %d solves, %v", len(pr.Changes), pr.Cost, len(pr.Solves), pr.Elapsed)
}

// The same sites as a CSV table, and as GeoJSON in Gauss–Krüger metres
// with a crs member, read as the GeoJSON sites are.
func TestReadCandidatesFile(t *testing.T) {
	s := loadTiny(t)
	want, err := plan.ReadCandidates(s.City, "sites.geojson", []byte(tinySites))
	if err != nil {
		t.Fatal(err)
	}
	gk, _ := geo.EPSG(4544)
	var feats []string
	for _, ll := range [][2]float64{{106.51, 29.515}, {106.535, 29.51}, {106.505, 29.505}} {
		p := gk.FromWGS84(orb.Point(ll))
		feats = append(feats, fmt.Sprintf(`{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[%.4f,%.4f]}}`, p[0], p[1]))
	}
	files := map[string]string{
		"sites.csv": "id,name,stage,streams,cost,lon,lat\n" +
			"W-SITE,\"West \"\"site\"\": #1\",,2,5000,106.51,29.515\n" +
			",East site,junior,,,106.535,29.51\n" +
			",,,1,,106.505,29.505\n",
		"sites-gk.geojson": `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4544"}},"features":[` + strings.Join(feats, ",") + `]}`,
	}
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := plan.ReadCandidatesFile(s.City, path)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d sites, want %d", name, len(got), len(want))
		}
		for i := range got {
			if got[i].District != want[i].District || geo.Distance(got[i].Point, want[i].Point) > 0.01 {
				t.Errorf("%s: site %d at %v in %d, want %v in %d", name, i, got[i].Point, got[i].District, want[i].Point, want[i].District)
			}
			if name == "sites.csv" && (got[i].ID != want[i].ID || got[i].Name != want[i].Name || got[i].Streams != want[i].Streams ||
				got[i].Cost != want[i].Cost || (got[i].Stage == nil) != (want[i].Stage == nil)) {
				t.Errorf("%s: site %d = %+v, want %+v", name, i, got[i], want[i])
			}
		}
	}
}
