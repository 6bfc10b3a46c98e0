package scenarios_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/scenarios"
)

// writeScenario writes files (name → text) into a new folder, makes it the
// working directory (so messages name s.yaml, not a temporary path) and
// returns the tiny city's absolute path.
func writeScenario(t *testing.T, files map[string]string) {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

// checkLoadError writes text as s.yaml in a new working folder and checks
// that loading it fails with want, an ErrScenario.
func checkLoadError(t *testing.T, text, want string) {
	t.Helper()
	writeScenario(t, map[string]string{"s.yaml": text})
	_, err := scenarios.Load("s.yaml")
	if err == nil {
		t.Fatal("loaded")
	}
	if !errors.Is(err, scenarios.ErrScenario) {
		t.Errorf("error %v does not wrap ErrScenario", err)
	}
	if err.Error() != want {
		t.Errorf("got  %q\nwant %q", err.Error(), want)
	}
}

func tinyAbs(t *testing.T) string {
	t.Helper()
	city, err := filepath.Abs(tinyCity)
	if err != nil {
		t.Fatal(err)
	}
	return city
}

// Each bad scenario gets exactly one message naming the file, the line,
// the key path, what is wrong and what is expected. The distances are by
// hand: 0.008° of longitude at 29.5°N is 0.008 × 111320 m × cos 29.5° ≈
// 775 m; 107.5° is 0.96° east of the city's eastern edge, ≈ 93 km.
func TestStrictScenarioMessages(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"float streams",
			"changes:\n  - expand: {school: P1, streams: 2.7, year: 2026}",
			"s.yaml:4: changes[0].expand.streams: 2.7 is not a whole number (streams are classes per grade)"},
		{"float class size",
			"policy: {class_size: {primary: 45.9}}",
			"s.yaml:3: policy.class_size.primary: 45.9 is not a whole number (pupils a class)"},
		{"decimal whole",
			"changes:\n  - expand: {school: P1, streams: 2.0, year: 2026}",
			"s.yaml:4: changes[0].expand.streams: 2.0 is written as a decimal, not a whole number: write 2 (streams are classes per grade)"},
		{"text for number",
			"changes:\n  - seat_swap: {schools: [P1, P2], seats: \"30\", year: 2026}",
			"s.yaml:4: changes[0].seat_swap.seats: \"30\" is in quotes: write a whole number without quotes (entry seats each school keeps for the other district)"},
		{"quoted 1 for bool",
			"policy: {split: \"1\"}",
			"s.yaml:3: policy.split: \"1\" is in quotes: write true or false without quotes"},
		{"yes for bool",
			"policy: {cross_district: yes}",
			"s.yaml:3: policy.cross_district: yes is not true or false (write true or false)"},
		{"negative seed",
			"policy: {seed: -1}",
			"s.yaml:3: policy.seed: -1 is negative: want a whole number >= 0 (the random seed of lotteries)"},
		{"seed beyond uint64",
			"policy: {seed: 99999999999999999999}",
			"s.yaml:3: policy.seed: 99999999999999999999 is too large (the random seed of lotteries)"},
		{"year beyond int",
			"changes:\n  - close: {school: P1, year: 9223372036854775808}",
			"s.yaml:4: changes[0].close.year: 9223372036854775808 is too large: want at most 9223372036854775807 (a calendar year)"},
		{"duplicate key",
			"policy: {seed: 1, seed: 2}",
			"s.yaml:3: policy.seed: given twice (first on line 3)"},
		{"keys equal up to case",
			"Policy: {seed: 1}\npolicy: {seed: 2}",
			"2 problems:\n\ts.yaml:3: Policy: unknown key: keys are lower case; did you mean policy?\n\ts.yaml:4: policy: given again as Policy on line 3 (keys differ only in case): give it once, in lower case"},
		{"unknown key hint",
			"polcy: {seed: 1}",
			"s.yaml:3: polcy: unknown key: did you mean policy?"},
		{"unknown nested key",
			"policy: {catchmnet: zones}",
			"s.yaml:3: policy.catchmnet: unknown key: did you mean catchment?"},
		{"list for mapping",
			"policy: [nearest]",
			"s.yaml:3: policy: want a mapping of catchment, class_size, cross_district, cv_limit, distance, huge_class, large_class, large_school, max_distance, max_temporary_classrooms, oversize_class_size, placement, placement_cross_district, retention, seed, service_radius, shared_seats, split, standard_class_size, takeup, unplaced_cost, walking_speed, found a list"},
		{"mapping for list",
			"changes: {expand: {school: P1}}",
			"s.yaml:3: changes: want a list ([a, b] or one \"- \" item per line), found a mapping (key: value lines)"},
		{"syntax error",
			"policy:\n  seed: 1\n\tsplit: true",
			"s.yaml:5: not valid YAML: a tab in the indentation: indent with spaces"},
		{"unknown enum",
			"policy: {catchment: ring}",
			"s.yaml:3: policy.catchment: unknown catchment mode \"ring\" (want zones, nearest or balanced)"},
		{"streams beyond limit",
			"changes:\n  - new_school: {id: X, at: [106.512, 29.505], stage: primary, streams: 1000000000, opens: 2027}",
			"s.yaml:4: changes[0].new_school.streams: 1000000000 is out of range: want 1 to 1000 streams (classes per grade)"},
		{"swap seats beyond limit",
			"changes:\n  - seat_swap: {schools: [P1, P2], seats: 1099511627776, year: 2026}",
			"s.yaml:4: changes[0].seat_swap.seats: 1099511627776 is out of range: want 1 to 100000 entry seats"},
		{"unknown school",
			"changes:\n  - close: {school: P99, year: 2027}",
			"s.yaml:4: changes[0].close.school: \"P99\": unknown school (not in the city nor opened by a new_school change)"},
		{"year outside the run",
			"changes:\n  - expand: {school: P1, streams: 1, year: 2040}",
			"s.yaml:4: changes[0].expand.year: 2040 is outside the run 2025–2030"},
		{"close before it opens",
			"changes:\n  - new_school: {id: P3, at: [106.512, 29.505], stage: primary, streams: 1, opens: 2027}\n  - close: {school: P3, year: 2026}",
			"s.yaml:5: changes[1].close.year: 2026: school \"P3\" opens only in 2027: close it after that"},
		{"merge into a closed school",
			"changes:\n  - close: {school: P1, year: 2027}\n  - close: {school: P2, year: 2028, merge_into: P1}",
			"s.yaml:5: changes[1].close.merge_into: \"P1\" is not open in 2028 (closes 2027)"},
		{"merge into another stage",
			"changes:\n  - close: {school: P1, year: 2027, merge_into: J1}",
			"s.yaml:4: changes[0].close.merge_into: \"J1\" (junior) does not teach the primary pupils of \"P1\""},
		{"swap within one district",
			"changes:\n  - seat_swap: {schools: [P2, N1], seats: 5, year: 2026}",
			"s.yaml:4: changes[0].seat_swap.schools: \"P2\" and \"N1\" are both in district D2: a swap is between districts"},
		{"swap without a common stage",
			"changes:\n  - seat_swap: {schools: [P2, J1], seats: 5, year: 2026}",
			"s.yaml:4: changes[0].seat_swap.schools: \"P2\" (primary) and \"J1\" (junior) teach no stage in common"},
		{"swap above entry seats",
			"changes:\n  - seat_swap: {schools: [P1, P2], seats: 50, year: 2026}",
			"s.yaml:4: changes[0].seat_swap.seats: \"P1\" has 45 primary entry seats in 2026: they cannot hold the 50 it swaps"},
		{"expansion below zero",
			"changes:\n  - expand: {school: P1, streams: -2, year: 2026}",
			"s.yaml:4: changes[0].expand.streams: takes \"P1\" to -1 primary streams in 2026: want 0 to 1000"},
		{"new school outside its district",
			"changes:\n  - new_school: {id: X, at: [106.512, 29.505], district: D2, stage: primary, streams: 1, opens: 2027}",
			"s.yaml:4: changes[0].new_school.at: lies 776 m outside district D2, which the school names"},
		{"new school outside every district",
			"changes:\n  - new_school: {id: X, at: [107.5, 29.5], stage: primary, streams: 1, opens: 2027}",
			"s.yaml:4: changes[0].new_school.at: lies outside every district of the city (93083 m from the nearest, D2)"},
		{"duplicate new-school ids",
			"changes:\n  - new_school: {id: X, at: [106.512, 29.505], stage: primary, streams: 1, opens: 2027}\n  - new_school: {id: X, at: [106.513, 29.505], stage: primary, streams: 1, opens: 2028}",
			"s.yaml:5: changes[1].new_school.id: \"X\": a school with this id exists (opened by an earlier new_school change)"},
		{"new school with a taken id",
			"changes:\n  - new_school: {id: P1, at: [106.512, 29.505], stage: primary, streams: 1, opens: 2027}",
			"s.yaml:4: changes[0].new_school.id: \"P1\": a school with this id exists (in the city's schools)"},
		{"two kinds in one change",
			"changes:\n  - expand: {school: P1, streams: 1, year: 2026}\n    close: {school: P1, year: 2027}",
			"s.yaml:4: changes[0]: a change is exactly one of new_school, expand, close, seat_swap, temporary, feeders, convert, housing"},
		{"close twice",
			"changes:\n  - close: {school: P1, year: 2027}\n  - close: {school: P1, year: 2028}",
			"s.yaml:5: changes[1].close.school: \"P1\" is closed already, in 2027, by an earlier change"},
		{"missing year",
			"changes:\n  - expand: {school: P1, streams: 1}",
			"s.yaml:4: changes[0].expand.year: missing"},
	}
	city := tinyAbs(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkLoadError(t, "city: "+city+"\nyears: [2025, 2030]\n"+tc.yaml+"\n", tc.want)
		})
	}
}

// Every problem of a file and of the files it extends is reported in one
// run, each at its own file and line; a bad change does not hide the next.
func TestStrictScenarioReportsEveryProblem(t *testing.T) {
	city := tinyAbs(t)
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"decoding, across an extends chain", map[string]string{
			"base.yaml": "city: " + city + "\nyears: [2025, 2030]\npolicy:\n  seed: -1\n  splt: true\n",
			"s.yaml":    "extends: base.yaml\npolicy:\n  cross_district: on\n  class_size: {primary: 45.9, junior: 2.0}\nchanges:\n  - expand: {school: P1, streams: 2.7, year: 2026}\n  - close: {school: P1, year: \"2027\"}\n",
		}, []string{
			"s.yaml:3: policy.cross_district: on is not true or false (write true or false)",
			"s.yaml:4: policy.class_size.primary: 45.9 is not a whole number (pupils a class)",
			"s.yaml:4: policy.class_size.junior: 2.0 is written as a decimal, not a whole number: write 2 (pupils a class)",
			"s.yaml:6: changes[0].expand.streams: 2.7 is not a whole number (streams are classes per grade)",
			"s.yaml:7: changes[1].close.year: \"2027\" is in quotes: write a whole number without quotes (a calendar year)",
			"base.yaml:4: policy.seed: -1 is negative: want a whole number >= 0 (the random seed of lotteries)",
			"base.yaml:5: policy.splt: unknown key: did you mean split?",
		}},
		{"changes against the city", map[string]string{
			"s.yaml": "city: " + city + "\nyears: [2025, 2030]\nchanges:\n" +
				"  - close: {school: P99, year: 2027}\n" +
				"  - expand: {school: P1, streams: 1, year: 2040}\n" +
				"  - seat_swap: {schools: [P2, N1], seats: 5, year: 2026}\n" +
				"  - new_school: {id: X, at: [107.5, 29.5], stage: primary, streams: 1, opens: 2027}\n",
		}, []string{
			"s.yaml:4: changes[0].close.school: \"P99\": unknown school (not in the city nor opened by a new_school change)",
			"s.yaml:5: changes[1].expand.year: 2040 is outside the run 2025–2030",
			"s.yaml:6: changes[2].seat_swap.schools: \"P2\" and \"N1\" are both in district D2: a swap is between districts",
			"s.yaml:7: changes[3].new_school.at: lies outside every district of the city (93083 m from the nearest, D2)",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			writeScenario(t, tc.files)
			_, err := scenarios.Load("s.yaml")
			var list geo.Errors
			if !errors.As(err, &list) {
				t.Fatalf("err %v, want a list", err)
			}
			if len(list) != len(tc.want) {
				t.Errorf("%d problems, want %d: %v", len(list), len(tc.want), err)
			}
			for i := range min(len(list), len(tc.want)) {
				if list[i].Error() != tc.want[i] {
					t.Errorf("problem %d:\ngot  %q\nwant %q", i, list[i], tc.want[i])
				}
			}
		})
	}
}

// What validation accepts, the simulation runs: a scenario that loads
// (scenarios.Load checks its changes with engine.CheckChanges, the check
// the simulation makes) runs without an error, including the admission
// round's seat check, for changes at the limits of what is allowed.
func TestValidateAgreesWithSimulate(t *testing.T) {
	city := tinyAbs(t)
	tests := []struct {
		name, changes string
	}{
		{"swap up to the entry seats", "  - seat_swap: {schools: [P1, P2], seats: 45, year: 2026}\n"},
		{"shrink to zero streams", "  - expand: {school: P1, streams: -1, year: 2026}\n"},
		{"close then merge into a school open then", "  - close: {school: P1, year: 2027, merge_into: N1}\n  - close: {school: N1, year: 2028}\n"},
		{"new school, then closed and merged", "  - new_school: {id: X, at: [106.512, 29.505], district: D1, stage: primary, streams: 60, opens: 2026}\n  - close: {school: P1, year: 2027, merge_into: X}\n"},
		{"expand a nine-year school's junior stage", "  - expand: {school: N1, streams: 2, year: 2026, stage: junior}\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			writeScenario(t, map[string]string{"s.yaml": "city: " + city + "\nyears: [2025, 2030]\nchanges:\n" + tc.changes})
			s, err := scenarios.Load("s.yaml")
			if err != nil {
				t.Fatalf("validation: %v", err)
			}
			if _, err := scenarios.Run(context.Background(), s, nil); err != nil {
				t.Fatalf("validation passed, simulation failed: %v", err)
			}
		})
	}
}

// TestExtendsUnreadable: a file that extends a folder or a missing file
// gets the problem on its own extends key, on disk and in an fs.FS alike.
func TestExtendsUnreadable(t *testing.T) {
	for _, tc := range []struct{ extends, why string }{
		{".", "a folder, not a scenario file"},
		{"none.yaml", "no such file"},
	} {
		text := "name: s\nextends: " + tc.extends + "\n"
		want := "s.yaml: extends: cannot read " + tc.extends + ": " + tc.why
		checkLoadError(t, text, want)
		fsys := fstest.MapFS{"s.yaml": &fstest.MapFile{Data: []byte(text)}}
		if _, err := scenarios.LoadFS(fsys, "s.yaml"); err == nil || err.Error() != want {
			t.Errorf("LoadFS: %v, want %q", err, want)
		}
	}
}
