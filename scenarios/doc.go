// Package scenarios loads, extends and runs scenarios: the API to embed
// schoolplan in other Go programs. Placement optimisation (which new
// schools to open where) is in package plan, which builds on this one.
//
// A scenario is a YAML file naming a city folder, a year range, a policy and
// a list of changes, and it may extend another scenario:
//
//	name: new-school-2027
//	extends: baseline.yaml        # policy keys and changes of the base come first
//	city: ../city                 # relative to this file
//	years: [2025, 2035]
//	stages: [primary]             # default: the city's stages
//	policy:
//	  catchment: nearest          # zones | nearest | balanced
//	  split: false                # balanced only: may one area's children go to several schools
//	  unplaced_cost: 6000         # balanced only: metres per child weighed against leaving it without a base seat (default: the stage's max_distance)
//	  cross_district: false
//	  class_size: {primary: 45, junior: 50}
//	  retention: {primary: 1.0, junior: 1.0}
//	  takeup: {primary: 1.0, junior: 1.0}
//	  seed: 42
//	  shared_seats: {priority: distance, release_unused_base: false}   # or priority: lottery
//	  placement: nearest          # nearest (统筹 within max_distance) | oversize | none
//	  max_distance: {primary: 3000, junior: 6000}
//	  placement_cross_district: false
//	  oversize_class_size: {primary: 55, junior: 55}
//	  max_temporary_classrooms: {junior: 12}         # temporary classrooms one school uses at once (none: no limit)
//	  cv_limit: {primary: 0.50, junior: 0.45}          # the limits the indicators judge the run by
//	  standard_class_size: {primary: 45, junior: 50}
//	  large_school: {primary: 2000, junior: 2500}
//	  service_radius: {primary: 500, junior: 1000}
//	  large_class: {primary: 55, junior: 55}           # 大班额: a class over it
//	  huge_class: {primary: 65, junior: 65}            # 超大班额: a class over it
//	  distance: straight          # straight | network (walks along city.yaml's roads)
//	  walking_speed: 4.5          # km/h: the walking minutes of network distances
//	changes:
//	  - new_school: {id: P-NEW-1, name: 新城小学, at: [106.45, 29.55], stage: primary, streams: 6, opens: 2027}
//	  - expand: {school: P-003, streams: 2, year: 2026}
//	  - close: {school: P-010, year: 2028, merge_into: P-011}
//	  - seat_swap: {schools: [J-001, J-107], seats: 50, year: 2027}
//	  - temporary: {school: J-001, stage: junior, streams: 2, from: 2028, to: 2031}   # leased or modular classrooms
//	  - feeders: {school: J-001, primaries: [P-003, P-010], year: 2027}             # 对口直升 from 2027
//	  - convert: {school: P-004, to: junior, year: 2028, streams: 8}   # 改制: grade by grade (engine.Convert)
//	  - housing: {id: H-1, at: [106.45, 29.55], population: 12000, households: 4600, year: 2028}
//	forecast:                     # none: the city's forecast.csv
//	  method: cohort              # table | cohort | grade_progression
//	  band: mid                   # low | mid | high
//	  births: {trend: -0.02}
//	  housing: {per_1000: {primary: 70, junior: 35}, phase_in: [0.3, 0.6, 1.0]}
//	  # grade_progression only (like forecast --select, --ratios, --exclude-years):
//	  # select: true
//	  # progression: {ratios: pooled, window: 8, exclude_years: [2020], shrink: 60}
//
// A housing change adds a new-housing area to the scenario's own copy of the
// city; the forecast: block chooses how children are projected (package
// forecast; RunBands and RunMonteCarlo run its bands and random draws).
//
// Load reads and checks a scenario and its city; Run simulates it;
// Compare lines up several runs.
//
// The files, in the order a scenario goes through them:
//
//   - load.go: Scenario, Load, LoadFS, LoadAll and the steps of a load;
//     load_options.go: LoadWith, LoadFSWith and LoadAllWith (the city's
//     load progress);
//     source.go: reading files from disk or an fs.FS; errors.go: Error.
//   - extends.go: the extends: chain, laid over its base by one generic
//     merge (overlay): a key a file gives wins, a block such as
//     class_size or shared_seats is merged key by key (but an extending
//     file's housing yields replace the base's whole: forecast_config.go).
//   - config.go: the YAML shape of a file; checks.go: the checks made as
//     it is decoded; convert.go: the steps that turn a key into an option.
//   - policy.go: the policy: block; changes.go and change_kinds.go: the
//     kinds of change (change_temporary.go: temporary classrooms;
//     change_feeders.go: feeder primaries);
//     change_convert.go: conversions, and their cost and seats);
//     stages.go: the stages: key.
//   - run.go, compare.go: running and comparing.
//   - programme.go: the costs: and phases: blocks and each change's cost,
//     lead_time, decided and phase; costs.go: ProgrammeCosts, the cost
//     by phase, per seat added and the new seats used in the last year.
//   - forecast_*.go: the forecast: block (forecast_config.go, its
//     conversion in forecast_options.go, forecast_load.go), housing
//     changes (forecast_housing.go), and runs over the forecast bands and
//     random draws (forecast_bands.go).
//
// To add a policy key: a field of engine.Policy whose zero value is the
// default (engine/policy.go), a field of policyConfig (its YAML name and
// decode check) and a row of policyKeys, both in policy.go. To add a kind
// of change: its engine.Change and check in package engine, then a field
// of changeConfig (changes.go) and its block type with the changeBlock
// methods (change_kinds.go), and its default cost, if the cost table
// gives one, in costs.go (changeCost). Neither needs anything for
// extends:.
//
// Scenario files are read strictly (internal/strictyaml): a whole number
// is written as one (2.7 and 2.0 are errors where streams or seats are
// meant), true and false are the only booleans, a value in quotes is text,
// numbers must fit (no negative seed), keys are given once, in lower case,
// and an unknown key is an error with a "did you mean" hint. Values are
// checked against the limits of engine/limits.go (streams, class sizes,
// seats). The changes are then checked against the city by
// engine.CheckChanges, the check the simulation makes itself, so a
// scenario that loads also runs. Every problem of the file and of the files
// it extends is reported at once (as geo.Errors of *Error), each as
// "file:line: key path: what is wrong and what is expected".
package scenarios
