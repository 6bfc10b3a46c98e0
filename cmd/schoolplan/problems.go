package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// problemSummary counts what printProblems printed.
type problemSummary struct {
	errors, warnings int
	files            int
}

func (s problemSummary) String() string {
	parts := []string{count(s.errors, "error")}
	if s.warnings > 0 {
		parts = append(parts, count(s.warnings, "warning"))
	}
	text := strings.Join(parts, ", ")
	if s.files > 0 {
		text += " in " + count(s.files, "file")
	}
	return text
}

// warningText is ", 2 warnings" after an "ok", or "".
func (s problemSummary) warningText() string {
	if s.warnings == 0 {
		return ""
	}
	return " with " + count(s.warnings, "warning")
}

// count is "1 error", "2 errors".
func count(n int, word string) string {
	return fmt.Sprintf("%d %s", n, plural(n, word, word+"s"))
}

// printProblems writes every problem, errors before warnings, grouped by
// kind (groups in the order their first problem came), each group headed
// by its kind and count, in a planner's words.
func printProblems(w io.Writer, problems geo.Errors) problemSummary {
	var sum problemSummary
	files := map[string]bool{}
	for _, warn := range []bool{false, true} {
		var order []string
		groups := map[string][]string{}
		for _, p := range problems {
			if engine.IsWarning(p) != warn {
				continue
			}
			k := problemKind(p)
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], engine.Plain(p))
			if f := problemFile(p); f != "" {
				files[f] = true
			}
			if warn {
				sum.warnings++
			} else {
				sum.errors++
			}
		}
		head := "error"
		if warn {
			head = "warning"
		}
		for _, k := range order {
			n := len(groups[k])
			fmt.Fprintf(w, "%s (%s)\n", k, count(n, head))
			for _, line := range groups[k] {
				fmt.Fprintln(w, "  "+line)
			}
		}
	}
	sum.files = len(files)
	return sum
}

// problemFile is the file a problem names, or "".
func problemFile(err error) string {
	switch e := err.(type) {
	case *engine.Warning:
		return problemFile(e.Err)
	case *geo.FeatureError:
		return e.File
	case *engine.RowError:
		return e.File
	}
	return ""
}

// printError writes a failed command's error to stderr: a list of input
// problems grouped as validate groups them, anything else on one line, in
// a planner's words either way.
func printError(w io.Writer, err error) {
	var list geo.Errors
	if errors.As(err, &list) && !errors.Is(err, errInvalid) {
		sum := printProblems(w, list)
		fmt.Fprintln(w, "schoolplan:", sum)
		return
	}
	fmt.Fprintln(w, "schoolplan:", engine.Plain(err))
}

// noteWarnings says on stderr that the input has warnings, and how to list
// them; arg is the scenario as given ("" for the built-in demo).
func noteWarnings(w io.Writer, sc *scenarios.Scenario, arg string, lang report.Lang) {
	n := len(sc.City.Warnings)
	if n == 0 {
		return
	}
	how := "schoolplan validate " + arg
	if arg == "" {
		how = "schoolplan demo DIR; schoolplan validate DIR/city"
	}
	if lang == report.Chinese {
		fmt.Fprintf(w, "%s：输入数据有%d条警告（逐条列出：%s）\n", sc.Name, n, how)
		return
	}
	fmt.Fprintf(w, "%s: the input has %s (to list them: %s)\n", sc.Name, count(n, "warning"), how)
}

// problemKind groups a problem: YAML files (city.yaml, scenarios) and
// missing files by their own kinds, the rest by engine.ProblemKind.
func problemKind(err error) string {
	var yp *strictyaml.Problem
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "missing files"
	case errors.As(err, &yp):
		return "settings (YAML)"
	}
	if k := engine.ProblemKind(err); k != "other" || !errors.Is(err, scenarios.ErrScenario) {
		return k
	}
	return "scenario settings"
}
