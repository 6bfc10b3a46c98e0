// Command orlib runs engine/siteopt on the standard OR-Library location
// instances and on a synthetic city, and prints one line per instance:
//
//	go run ./benchmarks/cmd/orlib pmed testdata/orlib/pmed{1..20}.txt
//	go run ./benchmarks/cmd/orlib pmedcap testdata/orlib/pmedcap*.txt
//	go run ./benchmarks/cmd/orlib lorena SJC1.txt …   (Lorena–Senne format)
//	go run ./benchmarks/cmd/orlib synth -n 10000 -m 2000 -p 50 -gap 0.01
//	go run ./benchmarks/cmd/orlib standin DIR   (stand-ins for pmed21–40, pmedcap11–20)
//
// Columns: name, n (demand points), m (sites), p, objective, lower_bound
// (certified), gap_percent (objective over the bound), seconds, optimum (the
// known optimum: optimal.txt beside pmed files, the first line of a pmedcap
// file), over_opt_percent (objective over the optimum), status. Progress and
// errors go to stderr.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/internal/sitetest"
)

// options are the flags shared by the subcommands.
type options struct {
	timeLimit  time.Duration
	seed       uint64
	iterations int
	boundIter  int
	gap        float64
	neighbors  int
	prove      time.Duration
	maxNodes   int
	cpuProfile string
	// synth only
	n, m, p int
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "orlib:", err)
		var u usageError
		if errors.As(err, &u) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usage = `usage: orlib pmed|pmedcap|lorena FILE...   or   orlib synth [-n N -m M -p P]   or   orlib standin DIR
flags (after the subcommand): -time D -seed S -iters K -bound-iters K -gap G -neighbors K -prove D -nodes K -cpuprofile FILE`

func run(ctx context.Context, args []string, out, log io.Writer) error {
	if len(args) == 0 {
		return usageError{usage}
	}
	cmd := args[0]
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(log)
	var o options
	fs.DurationVar(&o.timeLimit, "time", 0, "time limit per instance (0: none)")
	fs.Uint64Var(&o.seed, "seed", 1, "random seed")
	fs.IntVar(&o.iterations, "iters", 0, "search rounds (siteopt.Options.MaxIterations; 0: default)")
	fs.IntVar(&o.boundIter, "bound-iters", 0, "subgradient steps (0: default)")
	fs.Float64Var(&o.gap, "gap", 0, "stop at this relative gap (0: prove optimality)")
	fs.IntVar(&o.neighbors, "neighbors", 0, "candidate list length (0: automatic)")
	fs.DurationVar(&o.prove, "prove", 0, "branch and bound after the search, up to this long per instance (0: none)")
	fs.IntVar(&o.maxNodes, "nodes", 0, "branch-and-bound node limit (0: default)")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file")
	fs.IntVar(&o.n, "n", 10000, "synth: demand points")
	fs.IntVar(&o.m, "m", 2000, "synth: candidate sites")
	fs.IntVar(&o.p, "p", 50, "synth: sites to open")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError{err.Error()}
	}
	files := fs.Args()
	if cmd == "standin" {
		return runStandin(o, files, log)
	}
	stop, err := startProfile(o.cpuProfile)
	if err != nil {
		return err
	}
	defer stop()
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "name\tn\tm\tp\tobjective\tlower_bound\tgap_percent\tseconds\toptimum\tover_opt_percent\tstatus\t")
	switch cmd {
	case "pmed":
		err = runFiles(ctx, o, files, tw, log, readPMed)
	case "pmedcap":
		err = runFiles(ctx, o, files, tw, log, readPMedCap)
	case "lorena":
		err = runFiles(ctx, o, files, tw, log, readLorena)
	case "synth":
		err = runSynth(ctx, o, tw, log)
	default:
		return usageError{fmt.Sprintf("unknown subcommand %q\n%s", cmd, usage)}
	}
	if ferr := tw.Flush(); err == nil {
		err = ferr
	}
	return err
}

// startProfile starts a CPU profile into path and returns its stop; with
// no path, nothing.
func startProfile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// reader reads one instance file and its known optimum (NaN: unknown).
type reader func(path string) (*siteopt.Problem, float64, error)

func readPMed(path string) (*siteopt.Problem, float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	p, err := siteopt.ReadPMed(f)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	opt := math.NaN()
	if of, err := os.Open(filepath.Join(filepath.Dir(path), "optimal.txt")); err == nil {
		defer of.Close()
		known, err := siteopt.ReadPMedOptima(of)
		if err != nil {
			return nil, 0, fmt.Errorf("%s: %w", filepath.Join(filepath.Dir(path), "optimal.txt"), err)
		}
		if v, ok := known[instanceName(path)]; ok {
			opt = v
		}
	}
	return p, opt, nil
}

func readPMedCap(path string) (*siteopt.Problem, float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	p, opt, err := siteopt.ReadPMedCap(f)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	return p, opt, nil
}

// readLorena reads a Lorena–Senne capacitated instance; the files carry
// no optimum.
func readLorena(path string) (*siteopt.Problem, float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	p, err := siteopt.ReadLorenaSenne(f)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", path, err)
	}
	return p, math.NaN(), nil
}

func instanceName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

func (o options) solverOptions() *siteopt.Options {
	return &siteopt.Options{TimeLimit: o.timeLimit, Seed: o.seed, MaxIterations: o.iterations,
		BoundIterations: o.boundIter, GapTolerance: o.gap, Neighbors: o.neighbors,
		Prove: o.prove, MaxNodes: o.maxNodes}
}

func runFiles(ctx context.Context, o options, files []string, out, log io.Writer, read reader) error {
	if len(files) == 0 {
		return usageError{"no instance files\n" + usage}
	}
	var total time.Duration
	for _, path := range files {
		p, known, err := read(path)
		if err != nil {
			return err
		}
		res, err := siteopt.Solve(ctx, p, o.solverOptions())
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		total += res.Elapsed
		row(out, instanceName(path), p, res, known)
		fmt.Fprintf(log, "%s: %v in %.2fs (%d moves, %d bound steps, %d nodes)\n", instanceName(path), res.Status,
			res.Elapsed.Seconds(), res.Iterations, res.BoundIterations, res.Nodes)
	}
	fmt.Fprintf(log, "total solve time %.2fs\n", total.Seconds())
	return nil
}

func row(out io.Writer, name string, p *siteopt.Problem, res *siteopt.Result, known float64) {
	optimum, over := "-", "-"
	if !math.IsNaN(known) {
		optimum = trim(known)
		over = fmt.Sprintf("%.3f", 100*(res.Objective-known)/known)
	}
	fmt.Fprintf(out, "%s\t%d\t%d\t%d\t%s\t%s\t%.3f\t%.3f\t%s\t%s\t%v\t\n", name, p.Demands(), p.Sites(), p.P,
		trim(res.Objective), trim(res.LowerBound), 100*res.Gap, res.Elapsed.Seconds(), optimum, over, res.Status)
}

// trim prints integers without decimals and other values with two.
func trim(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

// runSynth solves a p-median on a synthetic city: n demand points in
// Gaussian clusters over a 30 km square with lognormal weights (children),
// m candidate sites half near demand and half uniform.
func runSynth(ctx context.Context, o options, out, log io.Writer) error {
	t0 := time.Now()
	demand, weight, sites := sitetest.Clustered(o.n, o.m, o.seed)
	p, err := siteopt.NewEuclidean(demand, sites)
	if err != nil {
		return err
	}
	p.Weight, p.P = weight, o.p
	fmt.Fprintf(log, "generated %d points, %d sites in %.2fs\n", o.n, o.m, time.Since(t0).Seconds())
	res, err := siteopt.Solve(ctx, p, o.solverOptions())
	if err != nil {
		return err
	}
	row(out, fmt.Sprintf("synth-%d-%d", o.n, o.m), p, res, math.NaN())
	fmt.Fprintf(log, "synth: %v in %.2fs (%d moves, %d bound steps, %d nodes)\n", res.Status, res.Elapsed.Seconds(),
		res.Iterations, res.BoundIterations, res.Nodes)
	return nil
}
