package scenarios_test

import "testing"

// The checks made when the policy, forecast and changes are converted
// (after decoding) report the file, the key and what is expected, as
// before the keys were declared in tables.
func TestConversionMessages(t *testing.T) {
	city, fcity := tinyAbs(t), forecastCityAbs(t)
	head := "city: " + city + "\nyears: [2025, 2030]\n"
	fhead := "city: " + fcity + "\nyears: [2025, 2030]\n"
	tests := []struct {
		name, yaml, want string
	}{
		{"unplaced cost", head + "policy: {unplaced_cost: -5}",
			"s.yaml: policy: unplaced_cost: -5: want metres per child in (0, 1e7]"},
		{"max distance", head + "policy: {max_distance: {junior: 2000000}}",
			"s.yaml: policy: max_distance.junior: 2e+06: want metres in (0, 1e6]"},
		{"first policy problem only", head + "policy: {unplaced_cost: 0, max_distance: {primary: 0}}",
			"s.yaml: policy: unplaced_cost: 0: want metres per child in (0, 1e7]"},
		{"two seeds", head + "policy: {seed: 7, shared_seats: {seed: 9}}",
			"s.yaml: policy: shared_seats.seed 9 and seed 7 differ: give one seed"},
		{"no city and a bad policy", "years: [2025, 2030]\npolicy: {unplaced_cost: 2e7}",
			"2 problems:\n\ts.yaml: city: no city folder named (here or in what it extends)\n\ts.yaml: policy: unplaced_cost: 2e+07: want metres per child in (0, 1e7]"},
		{"fit window", fhead + "forecast: {method: cohort, window: 0}",
			"s.yaml: forecast: window: 0: want 1–50 years"},
		{"max age", fhead + "forecast: {method: cohort, max_age: 10}",
			"s.yaml: forecast: max_age: 10: want 14–120 (the simulation needs ages up to 14)"},
		{"birth rate", fhead + "forecast: {method: cohort, births: {rate: 0}}",
			"s.yaml: forecast: births.rate: 0: want births per 1000 women aged 15–49, in (0, 1000]"},
		{"births trend", fhead + "forecast: {method: cohort, births: {trend: -1}}",
			"s.yaml: forecast: births.trend: -1: want an annual change in (−1, 1], e.g. -0.02"},
		{"two kinds of yield", fhead + "forecast: {method: cohort, housing: {per_1000: {primary: 1}, per_household: {primary: 1}}}",
			"s.yaml: forecast: housing: give per_1000 or per_household, not both"},
		{"yield age span", fhead + "forecast: {method: cohort, housing: {per_1000: {\"6-x\": 1}}}",
			"s.yaml: forecast: housing.per_1000: \"6-x\": want primary, junior, an age (6) or an age range (0-5)"},
		{"phase-in share", fhead + "forecast: {method: cohort, housing: {per_1000: {primary: 1}, phase_in: [0.5, 2]}}",
			"s.yaml: forecast: housing.phase_in[1]: 2: want a share in [0, 1]"},
		{"spread", fhead + "forecast: {method: cohort, spread: {yield: 1}}",
			"s.yaml: forecast: spread.yield: 1: want a relative change in [0, 1)"},
		{"select without grade progression", fhead + "forecast: {method: cohort, select: true}",
			"s.yaml: forecast: select and progression tune grade_progression, not the cohort method: leave them out or set method: grade_progression"},
		{"robust keys with the classic fit", fhead + "forecast: {method: grade_progression, progression: {window: 5}}",
			"s.yaml: forecast: progression: window and shrink tune the robust fit: give ratios pooled, median or trimmed (the classic fit takes forecast.window)"},
		{"expand without a year", head + "changes:\n  - expand: {school: P1, streams: 1}",
			"s.yaml:4: changes[0].expand.year: missing"},
		{"swap of one school", head + "changes:\n  - seat_swap: {schools: [P1], seats: 5, year: 2026}",
			"s.yaml:4: changes[0].seat_swap.schools: 1 given: want two school ids"},
		{"close without a year", head + "changes:\n  - close: {school: P1}",
			"s.yaml:4: changes[0].close.year: missing"},
		{"new school without a stage", head + "changes:\n  - new_school: {id: X, at: [106.512, 29.505], streams: 1, opens: 2027}",
			"s.yaml:4: changes[0].new_school.stage: missing (primary, junior or nine_year)"},
		{"junior streams of a primary school", head + "changes:\n  - new_school: {id: X, at: [106.512, 29.505], stage: primary, streams: 1, junior_streams: 1, opens: 2027}",
			"s.yaml:4: changes[0].new_school.junior_streams: only a nine_year school takes junior_streams"},
		{"new school in an unknown district", head + "changes:\n  - new_school: {id: X, at: [106.512, 29.505], stage: primary, streams: 1, opens: 2027, district: D9}",
			"s.yaml:4: changes[0].new_school.district: \"D9\": unknown district"},
		{"no kind", head + "changes:\n  - {}",
			"s.yaml:4: changes[0]: a change is exactly one of new_school, expand, close, seat_swap, temporary, feeders, convert, housing"},
		{"two kinds, the second on its line", head + "changes:\n  - close: {school: P1, year: 2027}\n    expand: {school: P1, streams: 1, year: 2026}",
			"s.yaml:5: changes[0]: a change is exactly one of new_school, expand, close, seat_swap, temporary, feeders, convert, housing"},
		{"housing and another kind", head + "changes:\n  - expand: {school: P1, streams: 1, year: 2026}\n    housing: {id: H, at: [106.512, 29.505], population: 100, year: 2027}",
			"s.yaml:5: changes[0]: a change is exactly one of new_school, expand, close, seat_swap, temporary, feeders, convert, housing"},
		{"housing without an id", head + "changes:\n  - housing: {at: [106.512, 29.505], population: 100, year: 2027}",
			"s.yaml:4: changes[0].housing.id: missing"},
		{"housing households", head + "changes:\n  - housing: {id: H, at: [106.512, 29.505], population: 100, households: 200, year: 2027}",
			"s.yaml:4: changes[0].housing.households: 200: want 0 (unknown) to the population"},
		{"housing after the run", head + "changes:\n  - housing: {id: H, at: [106.512, 29.505], population: 100, year: 2031}",
			"s.yaml:4: changes[0].housing.year: 2031: want a completion year up to the scenario's last year 2030"},
		{"housing outside the city", head + "changes:\n  - housing: {id: H, at: [107.5, 29.5], population: 100, year: 2027}",
			"s.yaml:4: changes[0].housing.at: [107.5 29.5] lies outside every district of the city"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkLoadError(t, tc.yaml, tc.want)
		})
	}
}
