package scenarios_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/scenarios"
)

const tinyCity = "../testdata/tiny"

func TestLoadAndRun(t *testing.T) {
	s, err := scenarios.Load("../testdata/scenarios/tiny-changes.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "tiny-changes" || s.First != 2025 || s.Last != 2030 {
		t.Fatalf("scenario %q %d–%d", s.Name, s.First, s.Last)
	}
	// Policy keys merge over the base: seed from the base, retention here.
	if s.Policy.Seed != 7 || s.Policy.Retention[engine.Primary] != 0.98 || s.Policy.Catchment != engine.Nearest {
		t.Fatalf("policy %+v", s.Policy)
	}
	if len(s.Changes) != 3 {
		t.Fatalf("changes %+v", s.Changes)
	}
	ns, ok := s.Changes[0].(engine.NewSchool)
	if !ok || ns.School.ID != "P3" || s.City.Districts[ns.School.District].ID != "D1" || ns.School.Opens != 2027 {
		t.Fatalf("new school %+v", s.Changes[0])
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	simtest.Check(t, s.City, r.Result)
	if r.Stages[engine.Primary].Year(2029) == nil {
		t.Fatal("no 2029")
	}
	for _, row := range r.Stages[engine.Primary].Year(2029).Schools {
		if r.Schools[row.School].ID == "P1" {
			t.Fatalf("P1 open in 2029 after its closure")
		}
	}
}

func TestRunIsDeterministic(t *testing.T) {
	run := func() *scenarios.Result {
		s, err := scenarios.Load("../testdata/scenarios/tiny-changes.yaml")
		if err != nil {
			t.Fatal(err)
		}
		r, err := scenarios.Run(context.Background(), s, nil)
		if err != nil {
			t.Fatal(err)
		}
		simtest.Check(t, s.City, r.Result)
		return r
	}
	a, b := run(), run()
	for st := range a.Stages {
		for yi := range a.Stages[st].Years {
			ya, yb := &a.Stages[st].Years[yi], &b.Stages[st].Years[yi]
			if ya.City != yb.City {
				t.Fatalf("%d %d: %+v then %+v", st, ya.Year, ya.City, yb.City)
			}
		}
	}
}

func TestBadScenarios(t *testing.T) {
	city, err := filepath.Abs(tinyCity)
	if err != nil {
		t.Fatal(err)
	}
	head := "city: " + city + "\nyears: [2025, 2030]\n"
	tests := []struct {
		name    string
		yaml    string
		wantKey string // in the message
	}{
		{"unknown top key", head + "colour: blue\n", "colour"},
		{"unknown policy key", head + "policy: {catchmnet: zones}\n", "catchmnet"},
		{"unknown change key", head + "changes:\n  - expand: {school: P1, streams: 1, year: 2026, colour: red}\n", "colour"},
		{"unknown catchment mode", head + "policy: {catchment: ring}\n", "ring"},
		{"unknown school", head + "changes:\n  - close: {school: P99, year: 2027}\n", "P99"},
		{"unknown merge target", head + "changes:\n  - close: {school: P1, year: 2027, merge_into: P98}\n", "P98"},
		{"year outside the run", head + "changes:\n  - expand: {school: P1, streams: 1, year: 2040}\n", "2040"},
		{"new school outside every district", head + "changes:\n  - new_school: {id: X, at: [107.5, 29.5], stage: primary, streams: 2, opens: 2026}\n", "outside every district"},
		{"new school with a taken id", head + "changes:\n  - new_school: {id: P1, at: [106.51, 29.51], stage: primary, streams: 2, opens: 2026}\n", "P1"},
		{"two kinds in one change", head + "changes:\n  - expand: {school: P1, streams: 1, year: 2026}\n    close: {school: P1, year: 2027}\n", "exactly one"},
		{"no city", "years: [2025, 2030]\n", "city"},
		{"backwards years", head + "years: [2030, 2025]\n", "years"},
		{"bad ratio", head + "policy: {retention: {primary: -1}}\n", "retention"},
		{"extends itself", head + "extends: s.yaml\n", "extends"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "s.yaml")
			if err := os.WriteFile(file, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := scenarios.Load(file)
			if err == nil {
				t.Fatal("loaded")
			}
			if !errors.Is(err, scenarios.ErrScenario) {
				t.Errorf("error %v does not wrap ErrScenario", err)
			}
			if !strings.Contains(err.Error(), tc.wantKey) || !strings.Contains(err.Error(), "s.yaml") {
				t.Errorf("error %q should name %q and the file", err, tc.wantKey)
			}
		})
	}
}
