package siteopt_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine/siteopt"
)

// orlibDir holds copies of the OR-Library instances (see its NOTICE.md).
var orlibDir = filepath.Join("..", "..", "testdata", "orlib")

func readPMedFile(tb testing.TB, name string) *siteopt.Problem {
	tb.Helper()
	f, err := os.Open(filepath.Join(orlibDir, name+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	p, err := siteopt.ReadPMed(f)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func readPMedCapFile(tb testing.TB, name string) (*siteopt.Problem, float64) {
	tb.Helper()
	f, err := os.Open(filepath.Join(orlibDir, name+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	p, opt, err := siteopt.ReadPMedCap(f)
	if err != nil {
		tb.Fatal(err)
	}
	return p, opt
}

func pmedOptima(tb testing.TB) map[string]float64 {
	tb.Helper()
	f, err := os.Open(filepath.Join(orlibDir, "optimal.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	known, err := siteopt.ReadPMedOptima(f)
	if err != nil {
		tb.Fatal(err)
	}
	if len(known) != 20 {
		tb.Fatalf("optimal.txt: %d entries, want 20", len(known))
	}
	return known
}

// TestPMedOptimum solves small OR-Library instances to their published
// optima (and checks the bound stays below).
func TestPMedOptimum(t *testing.T) {
	known := pmedOptima(t)
	for _, name := range []string{"pmed1", "pmed2", "pmed6"} {
		t.Run(name, func(t *testing.T) {
			p := readPMedFile(t, name)
			res, err := siteopt.Solve(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, p, res)
			if res.Objective != known[name] || res.LowerBound > known[name] {
				t.Fatalf("objective %v, bound %v; optimum %v", res.Objective, res.LowerBound, known[name])
			}
			t.Logf("%s: %v, bound %v, %v, %v", name, res.Objective, res.LowerBound, res.Status, res.Elapsed)
		})
	}
}

// TestPMedCapWithin solves Osman–Christofides instances to within 1% of
// their optima.
func TestPMedCapWithin(t *testing.T) {
	for _, name := range []string{"pmedcap01", "pmedcap02", "pmedcap03"} {
		t.Run(name, func(t *testing.T) {
			p, opt := readPMedCapFile(t, name)
			res, err := siteopt.Solve(context.Background(), p, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkResult(t, p, res)
			if res.Objective > opt*1.01 || res.LowerBound > opt {
				t.Fatalf("objective %v, bound %v; optimum %v", res.Objective, res.LowerBound, opt)
			}
			t.Logf("%s: %v, bound %v, %v, %v", name, res.Objective, res.LowerBound, res.Status, res.Elapsed)
		})
	}
}

func TestReadPMed(t *testing.T) {
	p := readPMedFile(t, "pmed1")
	if p.Demands() != 100 || p.Sites() != 100 || p.P != 5 || p.Model != siteopt.PMedian {
		t.Fatalf("pmed1: n %d, m %d, p %d, %v", p.Demands(), p.Sites(), p.P, p.Model)
	}
	// The later of two lines for the same edge wins; costs are shortest paths.
	p, err := siteopt.ReadPMed(strings.NewReader("3 3 1\r\n1 2 5\r\n2 3 1\r\n2 1 9\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		i, j int
		want float64
	}{{0, 1, 9}, {1, 0, 9}, {1, 2, 1}, {0, 2, 10}, {2, 2, 0}} {
		if got := p.Cost(c.i, c.j); got != c.want {
			t.Errorf("cost(%d, %d) = %v, want %v", c.i, c.j, got, c.want)
		}
	}
	bad := []struct{ name, text string }{
		{"empty", ""},
		{"short header", "3 2\n"},
		{"missing edge", "3 2 1\n1 2 5\n"},
		{"vertex out of range", "3 2 1\n1 4 5\n2 3 1\n"},
		{"negative cost", "3 2 1\n1 2 -5\n2 3 1\n"},
		{"not a number", "3 2 1\n1 2 x\n2 3 1\n"},
		{"trailing data", "3 2 1\n1 2 5\n2 3 1\n3 1 1\n"},
		{"disconnected", "3 1 1\n1 2 5\n"},
		{"p above n", "3 2 4\n1 2 5\n2 3 1\n"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			if _, err := siteopt.ReadPMed(strings.NewReader(c.text)); !errors.Is(err, siteopt.ErrFormat) {
				t.Fatalf("err = %v, want ErrFormat", err)
			}
		})
	}
}

func TestReadPMedCap(t *testing.T) {
	p, opt := readPMedCapFile(t, "pmedcap01")
	total := 0.0
	for _, d := range p.Demand {
		total += d
	}
	if p.Demands() != 50 || p.P != 5 || opt != 713 || p.Capacity[7] != 120 || total != 490 || p.Weight != nil {
		t.Fatalf("pmedcap01: n %d, p %d, optimum %v, capacity %v, demand %v", p.Demands(), p.P, opt, p.Capacity[7], total)
	}
	// floor of the Euclidean distance: (2,62) to (80,25) is 86.33…
	if got := p.Cost(0, 1); got != 86 {
		t.Fatalf("cost(0, 1) = %v, want 86", got)
	}
	bad := []struct{ name, text string }{
		{"empty", ""},
		{"bad optimum", "1 x\n1 1 5\n1 0 0 1\n"},
		{"short", "1 7\n2 1 5\n1 0 0 1\n"},
		{"wrong id", "1 7\n1 1 5\n2 0 0 1\n"},
		{"negative demand", "1 7\n1 1 5\n1 0 0 -1\n"},
		{"trailing", "1 7\n1 1 5\n1 0 0 1\n2 0 0 1\n"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			if _, _, err := siteopt.ReadPMedCap(strings.NewReader(c.text)); !errors.Is(err, siteopt.ErrFormat) {
				t.Fatalf("err = %v, want ErrFormat", err)
			}
		})
	}
}

func FuzzReadPMed(f *testing.F) {
	f.Add("3 3 1\n1 2 5\n2 3 1\n2 1 9\n")
	f.Add("2 1 1\n1 2 0\n")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := siteopt.ReadPMed(strings.NewReader(text))
		if err != nil {
			return
		}
		if p.Demands() != p.Sites() || p.P < 1 || p.P > p.Demands() {
			t.Fatalf("accepted n %d, m %d, p %d", p.Demands(), p.Sites(), p.P)
		}
		for i := 0; i < p.Demands(); i++ {
			if p.Cost(i, i) != 0 {
				t.Fatalf("cost(%d, %d) = %v", i, i, p.Cost(i, i))
			}
		}
	})
}

func FuzzReadPMedCap(f *testing.F) {
	f.Add("1 7\n2 1 5\n1 0 0 1\n2 3 4 2\n")
	f.Fuzz(func(t *testing.T, text string) {
		p, _, err := siteopt.ReadPMedCap(strings.NewReader(text))
		if err != nil {
			return
		}
		if len(p.Demand) != p.Demands() || len(p.Capacity) != p.Sites() {
			t.Fatalf("accepted %d demands, %d capacities for n %d", len(p.Demand), len(p.Capacity), p.Demands())
		}
	})
}
