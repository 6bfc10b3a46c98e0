package main

import (
	"context"
	"fmt"
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
			return runDemo(cmd.Context(), g, args[0])
		},
	}
}

func runDemo(_ context.Context, g *globals, dir string) error {
	if err := demo.WriteTo(dir); err != nil {
		return err
	}
	fmt.Fprintf(g.stdout, "wrote the demo city to %s\nrun it: schoolplan simulate %s\n",
		filepath.Join(dir, "city"), filepath.Join(dir, demo.Baseline))
	return nil
}
