package main

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var dir = filepath.Join("..", "..", "..", "testdata", "orlib")

func TestRun(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string // substrings of the output
	}{
		{"pmed", []string{"pmed", filepath.Join(dir, "pmed1.txt")},
			[]string{"pmed1", "5819", "optimal"}},
		{"pmed-prove", []string{"pmed", "-prove", "1m", filepath.Join(dir, "pmed2.txt")},
			[]string{"pmed2", "4093", "optimal"}},
		{"pmedcap", []string{"pmedcap", "-iters", "20", filepath.Join(dir, "pmedcap02.txt")},
			[]string{"pmedcap02", "740"}},
		{"lorena", []string{"lorena", filepath.Join("..", "..", "..", "engine", "siteopt", "testdata", "lorena-sample.txt")},
			[]string{"lorena-sample", "8", "3", "optimal"}},
		{"synth", []string{"synth", "-n", "500", "-m", "80", "-p", "5", "-gap", "0.01"},
			[]string{"synth-500-80"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out, log bytes.Buffer
			if err := run(context.Background(), c.args, &out, &log); err != nil {
				t.Fatalf("%v\n%s", err, log.String())
			}
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			if len(lines) != 2 || !strings.Contains(lines[0], "lower_bound") {
				t.Fatalf("want a header and one row, got\n%s", out.String())
			}
			for _, w := range c.want {
				if !strings.Contains(lines[1], w) {
					t.Errorf("row %q lacks %q", lines[1], w)
				}
			}
		})
	}
	var out, log bytes.Buffer
	var u usageError
	if err := run(context.Background(), []string{"nope"}, &out, &log); !errors.As(err, &u) {
		t.Fatalf("unknown subcommand: err = %v", err)
	}
	if err := run(context.Background(), []string{"pmed", filepath.Join(dir, "missing.txt")}, &out, &log); err == nil {
		t.Fatal("missing file: no error")
	}
}

// TestStandin checks the stand-in files: one per held-back instance, of
// the published sizes, readable by the solver's readers, and the same
// bytes for the same seed.
func TestStandin(t *testing.T) {
	dirA, dirB := t.TempDir(), t.TempDir()
	var log bytes.Buffer
	for _, d := range []string{dirA, dirB} {
		if err := run(context.Background(), []string{"standin", "-seed", "7", d}, &log, &log); err != nil {
			t.Fatalf("standin: %v", err)
		}
	}
	cases := []struct {
		file        string
		n, p        int
		capacitated bool
	}{
		{"standin-pmed21.txt", 500, 5, false},
		{"standin-pmed30.txt", 600, 200, false},
		{"standin-pmed40.txt", 900, 90, false},
		{"standin-pmedcap11.txt", 100, 10, true},
		{"standin-pmedcap20.txt", 100, 10, true},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			a, errA := os.ReadFile(filepath.Join(dirA, c.file))
			b, errB := os.ReadFile(filepath.Join(dirB, c.file))
			if errA != nil || errB != nil {
				t.Fatalf("read: %v %v", errA, errB)
			}
			if !bytes.Equal(a, b) {
				t.Error("two runs with one seed wrote different files")
			}
			read := readPMed
			if c.capacitated {
				read = readPMedCap
			}
			p, known, err := read(filepath.Join(dirA, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if p.Demands() != c.n || p.P != c.p || !math.IsNaN(known) {
				t.Errorf("n = %d, p = %d, optimum %v; want %d, %d, NaN", p.Demands(), p.P, known, c.n, c.p)
			}
		})
	}
	if err := run(context.Background(), []string{"standin"}, &log, &log); err == nil {
		t.Error("standin without a directory: no error")
	}
}
