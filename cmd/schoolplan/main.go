// Command schoolplan plans school seats: it loads a city, simulates
// scenarios year by year to 2035 and reports where children go without a
// seat.
//
//	schoolplan simulate                 # the built-in Chongqing demo
//	schoolplan simulate my.yaml --out results/
//	schoolplan validate city/
//	schoolplan demo ./start             # the demo city and scenarios as files
//	schoolplan forecast my.yaml --band all
//	schoolplan forecast backtest city/ --until 2020
//	schoolplan simulate my.yaml --bands --draws 200
//	schoolplan optimize my.yaml --target-year 2031 --allow-expand 2
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/report"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Exit codes.
const (
	exitOK      = 0
	exitError   = 1 // the run failed: bad input, I/O
	exitUsage   = 2 // bad flags or arguments
	exitInvalid = 3 // validate found problems
)

// errInvalid marks a validation failure (exit code 3).
var errInvalid = errors.New("validation failed")

// usageError marks a problem with the command line (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// globals are what every command's cobra wiring shares: the settings
// (flags bound to SCHOOLPLAN_ variables) and the output streams. The run
// functions take their options and streams, not globals.
type globals struct {
	v      *viper.Viper
	stdout io.Writer
	stderr io.Writer
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	g := &globals{v: viper.New(), stdout: stdout, stderr: stderr}
	g.v.SetEnvPrefix("SCHOOLPLAN")
	g.v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	g.v.AutomaticEnv()
	root := newRootCommand(g)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	printError(stderr, err)
	return exitCode(err)
}

// exitCode is the exit status of a failed command.
func exitCode(err error) int {
	var ue usageError
	switch {
	case errors.Is(err, errInvalid):
		return exitInvalid
	case errors.As(err, &ue), strings.HasPrefix(err.Error(), "unknown command"), strings.HasPrefix(err.Error(), "unknown flag"):
		return exitUsage
	}
	return exitError
}

// printError writes a failed command's error to stderr: a list of input
// problems grouped as validate groups them, anything else on one line, in
// a planner's words either way.
func printError(w io.Writer, err error) {
	var list geo.Errors
	if errors.As(err, &list) && !errors.Is(err, errInvalid) {
		sum := report.WriteProblems(w, list)
		fmt.Fprintln(w, "schoolplan:", sum)
		return
	}
	fmt.Fprintln(w, "schoolplan:", engine.Plain(err))
}

// bind binds the settings of the names to the flags of f of the same
// names, so that SCHOOLPLAN_NAME sets a flag not given.
func (g *globals) bind(f *pflag.FlagSet, names ...string) {
	for _, name := range names {
		_ = g.v.BindPFlag(name, f.Lookup(name))
	}
}

// checkFormat checks --format: table, csv or json.
func checkFormat(format string) error {
	switch format {
	case "table", "csv", "json":
		return nil
	}
	return usageError{fmt.Errorf("--format %q: want table, csv or json", format)}
}

// firstArg is args[0], or "" when there are none.
func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

func newRootCommand(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:           "schoolplan",
		Short:         "School-seat planning: will every child get a seat in a nearby school, each year to 2035?",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	addLangFlag(g, root)
	setHelpLang(g, root)
	root.AddCommand(newSimulateCommand(g), newValidateCommand(g), newDemoCommand(g), newCompareCommand(g), newReportCommand(g), newForecastCommand(g), newOptimizeCommand(g))
	return root
}
