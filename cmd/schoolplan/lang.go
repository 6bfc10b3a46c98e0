package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/report"
)

// addLangFlag adds --lang (SCHOOLPLAN_LANG) to every command.
func addLangFlag(g *globals, root *cobra.Command) {
	f := root.PersistentFlags()
	f.String("lang", "", "language of the labels of tables and reports: zh (中文) or en (default: city.yaml's lang, else zh for a city in GCJ-02 or CGCS2000, else en)")
	_ = g.v.BindPFlag("lang", f.Lookup("lang"))
}

// labelLang is the language asked for with --lang, or city's default.
func labelLang(g *globals, city *engine.City) (report.Lang, error) {
	s := g.v.GetString("lang")
	if s == "" {
		return report.DefaultLang(city), nil
	}
	l, err := report.ParseLang(s)
	if err != nil {
		return "", usageError{fmt.Errorf("--lang: %w", err)}
	}
	return l, nil
}
