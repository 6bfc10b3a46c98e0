package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/demo"
)

func newDemoCommand(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "demo DIR",
		Short: "Write the built-in demo city and its scenarios to DIR, to start from",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(cmd.Context(), args, g.stdout)
		},
	}
}

// runDemo writes the demo city and its scenarios to the folder args[0],
// which must not exist, and says on stdout how to run it.
func runDemo(_ context.Context, args []string, stdout io.Writer) error {
	dir := args[0]
	if err := demo.WriteTo(dir); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the demo city to %s\nrun it: schoolplan simulate %s\n",
		filepath.Join(dir, "city"), filepath.Join(dir, demo.Baseline))
	return nil
}
