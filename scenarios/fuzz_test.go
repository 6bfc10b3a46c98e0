package scenarios_test

import (
	"context"
	"errors"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/schoolplan/schoolplan/engine/sim"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/scenarios"
)

// fuzzFS holds the tiny and forecast test cities and the tiny scenarios.
func fuzzFS(f testing.TB) fstest.MapFS {
	f.Helper()
	fsys := fstest.MapFS{}
	for _, dir := range []string{"tiny", "forecast", "scenarios"} {
		entries, err := os.ReadDir(path.Join("../testdata", dir))
		if err != nil {
			f.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(path.Join("../testdata", dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			fsys[dir+"/"+e.Name()] = &fstest.MapFile{Data: data}
		}
	}
	return fsys
}

// fuzzSeeds are valid scenarios of the fuzz file system (TestFuzzSeeds).
var fuzzSeeds = []string{
	"city: ../tiny\nyears: [2025, 2030]\npolicy: {catchment: nearest, class_size: {primary: 40}, seed: 3, shared_seats: {priority: lottery}}\n" +
		"changes:\n  - seat_swap: {schools: [P1, P2], seats: 40, year: 2026}\n  - expand: {school: N1, streams: 2, year: 2027, stage: junior}\n",
	"city: ../forecast\nyears: [2025, 2030]\nforecast: {method: cohort, band: high, window: 3, births: {rate: 40, trend: -0.01}, spread: {births: 0.1, ratios: 0.05, yield: 0.2}, housing: {per_1000: {\"0-5\": 20, \"6\": 10}, phase_in: [0.5, 1]}}\n" +
		"changes:\n  - housing: {id: H1, at: [106.505, 29.505], population: 3000, households: 1000, year: 2027}\n",
	"city: ../forecast\nyears: [2025, 2030]\nforecast: {method: grade_progression, select: true, progression: {ratios: pooled, window: 6, exclude_years: [2020], shrink: 40}}\n",
	"extends: tiny-baseline.yaml\nchanges:\n  - close: {school: P1, year: 2027, merge_into: P2}\n  - new_school: {id: X, at: [106.512, 29.505], district: D1, stage: nine_year, streams: 2, junior_streams: 1, class_size: 40, opens: 2026}\n",
	// Policy and forecast keys laid over those of the file extended.
	"extends: tiny-baseline.yaml\npolicy: {seed: 7, class_size: {junior: 50}, retention: {primary: 0.95}, shared_seats: {release_unused_base: true, seed: 7}, max_distance: {junior: 5000}}\n",
	// A programme: costs, phases, lead times.
	"extends: tiny-baseline.yaml\ncosts: {new_school: 8000, per_stream: 600, expansion_stream: 500, land_m2: 0.5}\nphases: [{name: 近期, from: 2021, to: 2025}, {name: 中期, from: 2026, to: 2030}]\n" +
		"changes:\n  - expand: {school: J1, streams: 1, year: 2027}\n    cost: 900\n    decided: 2025\n    phase: 近期\n  - new_school: {id: X, at: [106.512, 29.505], stage: primary, streams: 1, opens: 2028}\n    lead_time: 2\n",
	// Temporary classrooms, a reduction to 0 streams and a feeder list.
	"extends: tiny-baseline.yaml\ncosts: {temporary_classroom_year: 6}\npolicy: {max_temporary_classrooms: {junior: 6}}\n" +
		"changes:\n  - temporary: {school: N1, stage: junior, streams: 1, from: 2026, to: 2027}\n    lead_time: 1\n" +
		"  - expand: {school: P2, streams: -2, year: 2027}\n    cost: 0\n  - feeders: {school: J1, primaries: [P1, N1], year: 2027}\n",
	// Conversions, with an expansion of the stage gained.
	"extends: tiny-baseline.yaml\ncosts: {conversion_stream: 300}\nchanges:\n  - convert: {school: P1, to: nine_year, year: 2027, junior_streams: 2}\n" +
		"  - convert: {school: N1, to: junior, year: 2026}\n  - expand: {school: P1, streams: 1, year: 2028, stage: junior}\n",
	"extends: forecast-cohort.yaml\nyears: [2025, 2030]\npolicy: {placement: oversize}\nforecast: {band: low, births: {rate: 40}, housing: {per_1000: {junior: 20}, phase_in: [1]}, spread: {yield: 0.1}}\n",
}

// The seeds load and run: the fuzz target starts from valid scenarios.
func TestFuzzSeeds(t *testing.T) {
	fsys := fuzzFS(t)
	for i, seed := range fuzzSeeds {
		fsys["scenarios/s.yaml"] = &fstest.MapFile{Data: []byte(seed)}
		s, err := scenarios.LoadFS(fsys, "scenarios/s.yaml")
		if err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
		if _, err := scenarios.Run(context.Background(), s, nil); err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
	}
}

// FuzzScenarioYAML loads any scenario file: the scenarios of the test data
// are beside it, so an extends: lays it over one of them. It loads, or fails with
// problems that each name a file (the scenario's, or its city's); never a
// panic. What loads, runs:
// the simulation meets no change or seat problem that validation missed.
func FuzzScenarioYAML(f *testing.F) {
	fsys := fuzzFS(f)
	for _, name := range []string{"tiny-baseline.yaml", "tiny-changes.yaml", "forecast-cohort.yaml", "forecast-grade.yaml"} {
		f.Add(fsys["scenarios/"+name].Data)
	}
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fs := fstest.MapFS{"scenarios/s.yaml": &fstest.MapFile{Data: data}}
		for k, v := range fsys {
			fs[k] = v
		}
		s, err := scenarios.LoadFS(fs, "scenarios/s.yaml")
		if err != nil {
			var list geo.Errors
			if !errors.As(err, &list) {
				list = geo.Errors{err}
			}
			for _, e := range list {
				if file, _, ok := strings.Cut(e.Error(), ": "); !ok || (!strings.HasPrefix(file, "scenarios/") && !strings.Contains(file, ".")) {
					t.Fatalf("problem %q names no file", e)
				}
			}
			return
		}
		if s.Last-s.First > 40 {
			return // a long run is slow, not wrong
		}
		if _, err := scenarios.Run(context.Background(), s, nil); errors.Is(err, sim.ErrChange) || (err != nil && strings.Contains(err.Error(), "entry seats cannot hold")) {
			t.Fatalf("validation passed, simulation failed: %v", err)
		}
	})
}
