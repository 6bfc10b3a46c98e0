// Command benchtable runs schoolplan's end-to-end workloads once at each
// size and prints a markdown table to stdout (progress goes to stderr):
//
//	go run ./benchmarks/cmd/benchtable
//	go run ./benchmarks/cmd/benchtable -sizes 10k,100k
//
// Each workload runs once after a garbage collection; "MB alloc" is the
// memory the four workloads (load, join, nearest, simulate) allocated in
// all. Generating and writing the cities are timed too (writing generates
// the city again) but are not part of the engine. For ns/op and allocations per workload, use the Go benchmarks
// (go test -bench . ./benchmarks/).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/schoolplan/schoolplan/benchmarks"
	"github.com/schoolplan/schoolplan/engine"
)

func main() {
	sizes := flag.String("sizes", "10k,100k,1M", "comma-separated sizes among 10k, 100k, 1M")
	flag.Parse()
	if err := run(context.Background(), os.Stdout, os.Stderr, strings.Split(*sizes, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

// row is one size's measurements.
type row struct {
	size                          benchmarks.Size
	districts, schools            int
	gen, write                    time.Duration // write generates the city again
	load, join, nearest, simulate time.Duration
	allocated                     uint64
}

func run(ctx context.Context, out, log io.Writer, names []string) error {
	var sizes []benchmarks.Size
	for _, n := range names {
		found := false
		for _, s := range benchmarks.Sizes {
			if s.Name == strings.TrimSpace(n) {
				sizes, found = append(sizes, s), true
			}
		}
		if !found {
			return fmt.Errorf("unknown size %q (want 10k, 100k or 1M)", n)
		}
	}
	root, err := os.MkdirTemp("", "schoolplan-benchtable-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)

	var rows []row
	for _, s := range sizes {
		r, err := measure(ctx, log, s, root)
		if err != nil {
			return fmt.Errorf("areas=%s: %w", s.Name, err)
		}
		rows = append(rows, r)
	}
	fmt.Fprintf(out, "| areas | districts | schools | generate s | generate+write s | load s | join s | nearest s | simulate s | MB alloc |\n")
	fmt.Fprintf(out, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(out, "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %d |\n",
			r.size.Name, r.districts, r.schools, secs(r.gen), secs(r.write),
			secs(r.load), secs(r.join), secs(r.nearest), secs(r.simulate), r.allocated>>20)
	}
	return nil
}

func measure(ctx context.Context, log io.Writer, s benchmarks.Size, root string) (row, error) {
	r := row{size: s}
	var alloc uint64
	timed := func(name string, fn func() error) (time.Duration, error) {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		t0 := time.Now()
		err := fn()
		d := time.Since(t0)
		runtime.ReadMemStats(&after)
		alloc = after.TotalAlloc - before.TotalAlloc
		fmt.Fprintf(log, "areas=%s %s: %s s, %d MB allocated\n", s.Name, name, secs(d), alloc>>20)
		return d, err
	}
	var err error
	f := benchmarks.NewFixture(s, root)
	var c *engine.City
	if r.gen, err = timed("generate", func() error { c = f.City(); return nil }); err != nil {
		return r, err
	}
	r.districts, r.schools = len(c.Districts), len(c.Schools)
	var dir string
	if r.write, err = timed("generate+write", func() error { dir, err = f.Folder(); return err }); err != nil {
		return r, err
	}
	var loaded *engine.City
	if r.load, err = timed("load", func() error { loaded, err = benchmarks.Load(dir); return err }); err != nil {
		return r, err
	}
	r.allocated += alloc
	if len(loaded.Areas) != s.Areas {
		return r, fmt.Errorf("loaded %d areas, want %d", len(loaded.Areas), s.Areas)
	}
	loaded = nil
	r.join, _ = timed("join", func() error { benchmarks.Join(c, nil); return nil })
	r.allocated += alloc
	open := benchmarks.AllOpen(len(c.Schools))
	r.nearest, _ = timed("nearest", func() error { benchmarks.Nearest(c, engine.Primary, false, open); return nil })
	r.allocated += alloc
	if r.simulate, err = timed("simulate", func() error { _, err := benchmarks.Simulate(ctx, c); return err }); err != nil {
		return r, err
	}
	r.allocated += alloc
	return r, nil
}

func secs(d time.Duration) string { return fmt.Sprintf("%.3f", d.Seconds()) }
