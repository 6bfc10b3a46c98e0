// Package scenarios reads scenario files and runs them: the API to embed
// schoolplan in other Go programs.
//
// A scenario is a YAML file naming a city folder, a year range, a policy and
// a list of changes, and it may extend another scenario:
//
//	name: new-school-2027
//	extends: baseline.yaml        # policy keys and changes of the base come first
//	city: ../city                 # relative to this file
//	years: [2025, 2035]
//	policy:
//	  catchment: nearest          # zones | nearest
//	  cross_district: false
//	  class_size: {primary: 45, junior: 50}
//	  retention: {primary: 1.0, junior: 1.0}
//	  takeup: {primary: 1.0, junior: 1.0}
//	  seed: 42
//	changes:
//	  - new_school: {id: P-NEW-1, name: 新城小学, at: [106.45, 29.55], stage: primary, streams: 6, opens: 2027}
//	  - expand: {school: P-003, streams: 2, year: 2026}
//	  - close: {school: P-010, year: 2028, merge_into: P-011}
//
// Load reads and checks a scenario and its city; Run simulates it.
// Unknown keys, unknown school ids, years outside the run and new schools
// outside every district are errors naming the file and the key.
package scenarios
