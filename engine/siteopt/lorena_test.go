package siteopt_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/engine/siteopt"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestReadLorenaSenne reads the sample instance (written for this test in
// the Lorena–Senne format), checks the fields and a distance by hand, and
// solves it to the optimum found by enumeration.
func TestReadLorenaSenne(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "lorena-sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p, err := siteopt.ReadLorenaSenne(f)
	if err != nil {
		t.Fatal(err)
	}
	if p.Demands() != 8 || p.Sites() != 8 || p.P != 3 || p.Model != siteopt.CapacitatedPMedian || p.Weight != nil {
		t.Fatalf("n %d, m %d, p %d, model %v, weight %v", p.Demands(), p.Sites(), p.P, p.Model, p.Weight)
	}
	if p.Capacity[4] != 8 || p.Demand[6] != 5 || p.Cost(0, 1) != 5 || p.Cost(1, 0) != 5 || p.Cost(2, 3) != 8 {
		t.Fatalf("capacity[4] %v, demand[6] %v, cost(0,1) %v, cost(2,3) %v; want 8, 5, 5, 8", p.Capacity[4], p.Demand[6], p.Cost(0, 1), p.Cost(2, 3))
	}
	res, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	checkResult(t, p, res)
	if want := bruteCapacitated(p); !approx.Rel(res.Objective, want, tol, tol) {
		t.Fatalf("objective %v, optimum %v", res.Objective, want)
	}
}

// TestReadLorenaSenneBad: every bad point line is reported with its line
// number; a bad head or a short file stops the reading.
func TestReadLorenaSenneBad(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"empty", "", []string{"end of file"}},
		{"bad head", "2 x\n0 0 1 1\n1 1 1 1\n", []string{"line 1", `want "n p"`}},
		{"p above n", "2 3\n0 0 1 1\n1 1 1 1\n", []string{"line 1"}},
		{"short", "2 1\n0 0 1 1\n", []string{"end of file after line 2"}},
		{"two bad lines", "3 1\n0 0 -1 1\n1 x 1 1\n2 2 1 -3\n",
			[]string{"line 2 (point 1): capacity -1", "line 3 (point 2): want", "line 4 (point 3): demand -3"}},
		{"field count", "2 1\n0 0 1\n1 1 1 1\n", []string{"line 2", "want 4 fields"}},
		{"trailing", "1 1\n0 0 1 1\n5 5 5 5\n", []string{"line 3", "after the last record"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := siteopt.ReadLorenaSenne(strings.NewReader(c.text))
			if !errors.Is(err, siteopt.ErrFormat) {
				t.Fatalf("err = %v, want ErrFormat", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

// A Lorena–Senne instance: four points, two sites to open, each point a
// candidate with its capacity (here room for two points' demand);
// opening 0 or 1, and 2 or 3, costs the same 13.
func ExampleReadLorenaSenne() {
	const instance = `4 2
0 0 8 4
3 4 8 4
10 0 8 4
10 8 8 4
`
	p, err := siteopt.ReadLorenaSenne(strings.NewReader(instance))
	if err != nil {
		panic(err)
	}
	res, err := siteopt.Solve(context.Background(), p, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Cost(0, 1), res.Open, res.Objective, res.Status)
	// Output:
	// 5 [1 2] 13 optimal
}
