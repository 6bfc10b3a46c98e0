// Package benchmarks measures schoolplan end to end on synthetic cities of
// 10k, 100k and 1M residential areas (see package synth): loading a city
// folder, joining areas to districts, finding each area's nearest school
// and simulating 2025–2035.
//
// The Go benchmarks live in bench_test.go, each with a naive baseline
// beside the fast path where one makes sense; cmd/benchtable runs each
// workload once per size and prints a markdown table. The workloads
// themselves are the exported functions of this package, so that both
// measure the same thing. See README.md for how to run them and for the
// numbers measured.
package benchmarks
