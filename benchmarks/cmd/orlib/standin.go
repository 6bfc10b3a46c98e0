package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// Stand-ins for the OR-Library instances that are not in the repository:
// pmed21–40 and pmedcap11–20 are checked on held-back files, so the runner
// can write instances of the same sizes from the published generators'
// parameters to measure on. They are not the OR-Library files: their
// optima are unknown (the pmedcap files say NaN), and their names say
// "standin".

// pmedSize is the published size of one Beasley p-median instance.
type pmedSize struct{ name, n, p int }

// pmedStandins are the sizes of pmed21–40 (Beasley 1985, OR-Library
// pmedinfo): n vertices, n²/50 edges, p medians.
var pmedStandins = []pmedSize{
	{21, 500, 5}, {22, 500, 10}, {23, 500, 50}, {24, 500, 100}, {25, 500, 167},
	{26, 600, 5}, {27, 600, 10}, {28, 600, 60}, {29, 600, 120}, {30, 600, 200},
	{31, 700, 5}, {32, 700, 10}, {33, 700, 70}, {34, 700, 140},
	{35, 800, 5}, {36, 800, 10}, {37, 800, 80},
	{38, 900, 5}, {39, 900, 10}, {40, 900, 90},
}

// runStandin writes the stand-in files into the directory named by the
// one argument, seeded by o.seed.
func runStandin(o options, args []string, log io.Writer) error {
	if len(args) != 1 {
		return usageError{"standin wants one output directory\n" + usage}
	}
	dir := args[0]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, s := range pmedStandins {
		path := filepath.Join(dir, fmt.Sprintf("standin-pmed%d.txt", s.name))
		if err := writeFile(path, func(w io.Writer) { writePMedStandin(w, s.n, s.p, o.seed*1000+uint64(s.name)) }); err != nil {
			return err
		}
	}
	for k := 11; k <= 20; k++ {
		path := filepath.Join(dir, fmt.Sprintf("standin-pmedcap%d.txt", k))
		if err := writeFile(path, func(w io.Writer) { writeCapStandin(w, k, o.seed*1000+uint64(k)) }); err != nil {
			return err
		}
	}
	fmt.Fprintf(log, "wrote %d pmed and 10 pmedcap stand-ins to %s\n", len(pmedStandins), dir)
	return nil
}

// writeFile creates path and writes it with fill.
func writeFile(path string, fill func(io.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fill(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writePMedStandin writes a graph as Beasley generated pmed1–40: the
// cycle 1–2–…–n–1, then random edges between distinct vertices up to
// n²/50 in all, each of an integer length uniform in 1..100 (an edge drawn
// twice keeps the later length, as the reader does).
func writePMedStandin(w io.Writer, n, p int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 1985))
	edges := n * n / 50
	fmt.Fprintf(w, " %d %d %d\n", n, edges, p)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(w, " %d %d %d\n", i, i%n+1, 1+rng.IntN(100))
	}
	for e := n; e < edges; e++ {
		i := 1 + rng.IntN(n)
		j := 1 + rng.IntN(n-1)
		if j >= i {
			j++
		}
		fmt.Fprintf(w, " %d %d %d\n", i, j, 1+rng.IntN(100))
	}
}

// writeCapStandin writes an instance as Osman and Christofides generated
// pmedcap11–20: n = 100 points uniform on the integer grid 1..100, demands
// uniform in 1..20, p = 10, and the capacity set from the total demand D
// and a tightness τ uniform in [0.82, 0.96] (the range of pmedcap01–10):
// Q = ⌈D / (p·τ)⌉. The optimum is unknown (NaN).
func writeCapStandin(w io.Writer, k int, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 1994))
	const n, p = 100, 10
	xs, ys, dem := make([]int, n), make([]int, n), make([]int, n)
	total := 0
	for i := range xs {
		xs[i], ys[i], dem[i] = 1+rng.IntN(100), 1+rng.IntN(100), 1+rng.IntN(20)
		total += dem[i]
	}
	tight := 0.82 + 0.14*rng.Float64()
	capacity := int(math.Ceil(float64(total) / (p * tight)))
	fmt.Fprintf(w, " %d NaN\n %d %d %d\n", k, n, p, capacity)
	for i := range xs {
		fmt.Fprintf(w, " %d %d %d %d\n", i+1, xs[i], ys[i], dem[i])
	}
}
