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

// labelLang is the language asked for with --lang (flag), or city's
// default when flag is "".
func labelLang(flag string, city *engine.City) (report.Lang, error) {
	if flag == "" {
		return report.DefaultLang(city), nil
	}
	l, err := report.ParseLang(flag)
	if err != nil {
		return "", usageError{fmt.Errorf("--lang: %w", err)}
	}
	return l, nil
}
