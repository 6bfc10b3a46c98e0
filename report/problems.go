package report

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
	"github.com/schoolplan/schoolplan/scenarios"
)

// ProblemSummary counts what WriteProblems wrote.
type ProblemSummary struct {
	Errors, Warnings int
	Files            int // files named by the problems
}

// String is "2 errors, 1 warning in 3 files".
func (s ProblemSummary) String() string {
	parts := []string{count(s.Errors, "error")}
	if s.Warnings > 0 {
		parts = append(parts, count(s.Warnings, "warning"))
	}
	text := strings.Join(parts, ", ")
	if s.Files > 0 {
		text += " in " + count(s.Files, "file")
	}
	return text
}

// warningText is " with 2 warnings" after an "ok", or "".
func (s ProblemSummary) warningText() string {
	if s.Warnings == 0 {
		return ""
	}
	return " with " + count(s.Warnings, "warning")
}

// problemGroups are the problems of one severity grouped by kind, the
// groups in the order their first problem came.
type problemGroups struct {
	order []string
	lines map[string][]string // kind: the problems in a planner's words
}

// WriteProblems writes every problem, errors before warnings, grouped by
// kind (groups in the order their first problem came), each group headed
// by its kind and count, in a planner's words.
func WriteProblems(w io.Writer, problems geo.Errors) ProblemSummary {
	var sum ProblemSummary
	files := map[string]bool{}
	for _, warn := range []bool{false, true} {
		g := groupProblems(problems, warn, files)
		n := g.write(w, warn)
		if warn {
			sum.Warnings = n
		} else {
			sum.Errors = n
		}
	}
	sum.Files = len(files)
	return sum
}

// groupProblems groups the warnings (warn) or the errors of problems by
// kind, adding the files they name to files.
func groupProblems(problems geo.Errors, warn bool, files map[string]bool) *problemGroups {
	g := &problemGroups{lines: map[string][]string{}}
	for _, p := range problems {
		if engine.IsWarning(p) != warn {
			continue
		}
		k := problemKind(p)
		if g.lines[k] == nil {
			g.order = append(g.order, k)
		}
		g.lines[k] = append(g.lines[k], engine.Plain(p))
		if f := problemFile(p); f != "" {
			files[f] = true
		}
	}
	return g
}

// write writes the groups, each headed by its kind and count, and returns
// the number of problems.
func (g *problemGroups) write(w io.Writer, warn bool) int {
	head := "error"
	if warn {
		head = "warning"
	}
	total := 0
	for _, k := range g.order {
		n := len(g.lines[k])
		total += n
		fmt.Fprintf(w, "%s (%s)\n", k, count(n, head))
		for _, line := range g.lines[k] {
			fmt.Fprintln(w, "  "+line)
		}
	}
	return total
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

// WriteWarningNote says that scenario's input has warnings (none: it
// writes nothing), and how to list them: the command how.
func WriteWarningNote(w io.Writer, scenario string, warnings int, how string, lang Lang) {
	if warnings == 0 {
		return
	}
	if lang == Chinese {
		fmt.Fprintf(w, "%s：输入数据有%d条警告（逐条列出：%s）\n", scenario, warnings, how)
		return
	}
	fmt.Fprintf(w, "%s: the input has %s (to list them: %s)\n", scenario, count(warnings, "warning"), how)
}

// WriteRunWarnings writes what a run found worth a planner's attention
// that the input alone could not show: merges that fill the receiving
// school's classes beyond the standard sizes (sim.Result.MergeWarnings).
// One line each, after the scenario's name; nothing when there are none.
func WriteRunWarnings(w io.Writer, scenario string, warnings []string, lang Lang) {
	for _, m := range warnings {
		if lang == Chinese {
			fmt.Fprintf(w, "%s：警告：%s\n", scenario, m)
		} else {
			fmt.Fprintf(w, "%s: warning: %s\n", scenario, m)
		}
	}
}

// WriteCityOK writes the line of a city (at path) that validates: ok, its
// warnings, its districts, areas and schools by kind, the years its
// forecast covers and, when not the default, its school system and stages.
func WriteCityOK(w io.Writer, path string, sum ProblemSummary, c *engine.City, forecast string) {
	n := [3]int{}
	for i := range c.Schools {
		n[c.Schools[i].Kind]++
	}
	fmt.Fprintf(w, "%s: ok%s: %s, %s, %s (%d primary, %d junior, %d nine-year), forecast %s%s\n",
		path, sum.warningText(), count(len(c.Districts), "district"), count(len(c.Areas), "area"),
		count(len(c.Schools), "school"), n[0], n[1], n[2], forecast, systemNote(c))
}

// systemNote names the city's school system and stages when they are not
// the default (6+3, every stage), e.g. ", grades K–5/6–8, stages primary".
func systemNote(c *engine.City) string {
	var b strings.Builder
	if c.System != (engine.SchoolSystem{}) && c.System != engine.DefaultSchoolSystem {
		b.WriteString(", grades " + c.System.String())
	}
	if len(c.RunStages) > 0 {
		b.WriteString(", stages")
		for _, st := range c.Stages() {
			b.WriteString(" " + st.String())
		}
	}
	return b.String()
}
