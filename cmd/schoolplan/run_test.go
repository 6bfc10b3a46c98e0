package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

const tinyCity = "../../testdata/tiny"

// runFunc is a command's run function with its options filled in.
type runFunc func(ctx context.Context, args []string, stdout, stderr *bytes.Buffer) error

// TestRunFunctions calls each command's run function directly, as the
// cobra wiring does, and checks its output against hand-worked figures and
// against the same command given as argv: the wiring only passes the
// options on.
func TestRunFunctions(t *testing.T) {
	tests := []struct {
		name   string
		run    runFunc
		args   []string
		argv   []string // the same command line ("": no argv check)
		stdout string   // exact stdout, or "" to check wants only
		wants  []string // in stdout
	}{
		{name: "forecast csv of one age",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runForecast(ctx, forecastOptions{By: "age", Format: "csv", Ages: "6", Years: "2025-2026", Quiet: true}, args, o, e)
			},
			args: []string{tinyCity},
			argv: []string{"forecast", tinyCity, "--format", "csv", "--ages", "6", "--years", "2025-2026", "-q"},
			// testdata/tiny/forecast.csv: D1 55, 53; D2 35, 33; the total
			// their sums.
			stdout: "district,year,age,children,new_housing\n" +
				"D1,2025,6,55.0,0.0\nD1,2026,6,53.0,0.0\nD2,2025,6,35.0,0.0\nD2,2026,6,33.0,0.0\n" +
				"total,2025,6,90.0,0.0\ntotal,2026,6,86.0,0.0\n"},
		{name: "forecast table by grade",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runForecast(ctx, forecastOptions{By: "grade", Format: "table", Ages: "6", Years: "2025", Quiet: true}, args, o, e)
			},
			args:  []string{tinyCity},
			argv:  []string{"forecast", tinyCity, "--by", "grade", "--ages", "6", "--years", "2025", "-q"},
			wants: []string{"tiny — total, table forecast — children (mid band) by grade and year\n  grade  2025\n      1  90.0\n"}},
		{name: "validate a city",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runValidate(ctx, validateOptions{}, args, o, e)
			},
			args:   []string{tinyCity},
			argv:   []string{"validate", tinyCity},
			stdout: filepath.Clean(tinyCity) + ": ok: 2 districts, 5 areas, 4 schools (2 primary, 1 junior, 1 nine-year), forecast 2025–2030\n"},
		{name: "simulate csv",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runSimulate(ctx, simulateOptions{Format: "csv", Quiet: true}, args, o, e)
			},
			args:  []string{tinyBaselineYAML},
			argv:  []string{"simulate", tinyBaselineYAML, "--format", "csv", "-q"},
			wants: []string{"tiny-baseline,primary,2025,West,D1,55,45,10,"}},
		{name: "simulate table in English",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runSimulate(ctx, simulateOptions{Format: "table", Quiet: true, Lang: "en"}, args, o, e)
			},
			args:  []string{tinyBaselineYAML},
			argv:  []string{"simulate", tinyBaselineYAML, "-q", "--lang", "en"},
			wants: []string{"tiny-baseline — primary (tiny), 2025–2030"}},
		{name: "simulate bands json",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runSimulate(ctx, simulateOptions{Format: "json", Quiet: true, Bands: true}, args, o, e)
			},
			args:  []string{tinyBaselineYAML},
			argv:  []string{"simulate", tinyBaselineYAML, "--bands", "--format", "json", "-q"},
			wants: []string{`"scenario": "tiny-baseline"`, `"method": "table"`}},
		{name: "compare csv",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runCompare(ctx, compareOptions{Format: "csv", Quiet: true}, args, o, e)
			},
			args:  []string{tinyBaselineYAML, tinyChangesYAML},
			argv:  []string{"compare", tinyBaselineYAML, tinyChangesYAML, "--format", "csv", "-q"},
			wants: []string{"tiny-changes,primary,2027,,total,"}},
		{name: "backtest csv",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runBacktest(ctx, backtestOptions{Until: 2020, Origins: 1, Horizon: 5, Window: 3, Ratios: "pooled", Format: "csv"}, args, o, e)
			},
			args:  []string{forecastCity},
			argv:  []string{"forecast", "backtest", forecastCity, "--until", "2020", "--format", "csv"},
			wants: []string{"unit,kind,district,years,mape,naive_mape,bias\n", "\noverall,,,"}},
		{name: "report to stdout",
			run: func(ctx context.Context, args []string, o, e *bytes.Buffer) error {
				return runReport(ctx, reportOptions{Output: "-", Quiet: true, TilesCRS: "wgs84"}, args, o, e)
			},
			args:  []string{tinyBaselineYAML},
			argv:  []string{"report", tinyBaselineYAML, "-o", "-", "-q"},
			wants: []string{"<!DOCTYPE html>", "tiny-baseline"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if err := tc.run(context.Background(), tc.args, &stdout, &stderr); err != nil {
				t.Fatalf("%v\n%s", err, stderr.String())
			}
			got := stdout.String()
			if tc.stdout != "" && got != tc.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", got, tc.stdout)
			}
			for _, w := range tc.wants {
				if !strings.Contains(got, w) {
					t.Errorf("stdout lacks %q:\n%s", w, got)
				}
			}
			code, out, errs := schoolplan(t, tc.argv...)
			if code != 0 || out != got {
				t.Errorf("argv %v: exit %d, stdout differs from the run function's:\n%s%s", tc.argv, code, out, errs)
			}
		})
	}
}

// TestRunUsageErrors: a run function reports bad options as a usage error
// (exit code 2), every problem at once where there are several.
func TestRunUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		run  func(stdout, stderr *bytes.Buffer) error
		want string
	}{
		{"simulate format", func(o, e *bytes.Buffer) error {
			return runSimulate(context.Background(), simulateOptions{Format: "xml"}, nil, o, e)
		}, `--format "xml": want table, csv or json`},
		{"simulate draws without bands", func(o, e *bytes.Buffer) error {
			return runSimulate(context.Background(), simulateOptions{Format: "csv", Draws: 5}, []string{tinyBaselineYAML}, o, e)
		}, "--draws 5: want a number of draws >= 1, with --bands"},
		{"compare output flags without --out", func(o, e *bytes.Buffer) error {
			return runCompare(context.Background(), compareOptions{Format: "table", Output: outputOptions{Given: []string{"--tables"}}}, nil, o, e)
		}, "--tables: choose what --out DIR writes; give --out too"},
		{"forecast by", func(o, e *bytes.Buffer) error {
			return runForecast(context.Background(), forecastOptions{Format: "table", By: "week"}, nil, o, e)
		}, `--by "week": want age or grade`},
		{"backtest, every bad flag", func(o, e *bytes.Buffer) error {
			return runBacktest(context.Background(), backtestOptions{Format: "xml", Window: 0, Origins: 51, Horizon: 5, Ratios: "mean"}, nil, o, e)
		}, `--format "xml": want table, csv or json; --until YEAR is required; --window 0: want 1–50; ` +
			`--origins 51: want 1–50; --ratios "mean": want pooled, median or trimmed`},
		{"report without a file", func(o, e *bytes.Buffer) error {
			return runReport(context.Background(), reportOptions{}, nil, o, e)
		}, "--output: want a file name (or - for stdout)"},
		{"report lang", func(o, e *bytes.Buffer) error {
			return runReport(context.Background(), reportOptions{Output: "-", Quiet: true, Lang: "fr", TilesCRS: "wgs84"}, []string{tinyBaselineYAML}, o, e)
		}, "--lang: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := tc.run(&stdout, &stderr)
			var ue usageError
			if !errors.As(err, &ue) {
				t.Fatalf("error %v, want a usage error", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want %q", err, tc.want)
			}
			if stdout.Len() > 0 {
				t.Errorf("stdout %q, want nothing", stdout.String())
			}
		})
	}
}

// TestRunDemo writes the demo and says how to run it.
func TestRunDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "start")
	var stdout bytes.Buffer
	if err := runDemo(context.Background(), []string{dir}, &stdout); err != nil {
		t.Fatal(err)
	}
	want := "wrote the demo city to " + filepath.Join(dir, "city") + "\nrun it: schoolplan simulate " +
		filepath.Join(dir, "scenarios", "baseline.yaml") + "\n"
	if stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
	if err := runDemo(context.Background(), []string{dir}, &stdout); err == nil {
		t.Error("a second demo into the same folder did not fail")
	}
}

// TestRunWarnings: tiny-changes merges P1 (one stream, full) into P3 (one
// stream) in 2029; the receiver's classes then pass 45, 50 and 55, which
// the run says on stderr, in the language asked for.
func TestRunWarnings(t *testing.T) {
	for _, tc := range []struct{ lang, want string }{
		{"en", `tiny-changes: warning: closing "P1" into "P3" in 2029 moves`},
		{"zh", `tiny-changes：警告：closing "P1" into "P3" in 2029 moves`},
	} {
		var stdout, stderr bytes.Buffer
		opts := simulateOptions{Format: "csv", Quiet: true, Lang: tc.lang}
		if err := runSimulate(context.Background(), opts, []string{tinyChangesYAML}, &stdout, &stderr); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stderr.String(), tc.want) {
			t.Errorf("--lang %s: stderr lacks %q:\n%s", tc.lang, tc.want, stderr.String())
		}
	}
}
