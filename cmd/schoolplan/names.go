package main

import (
	"fmt"
	"io"
	"strconv"

	"github.com/schoolplan/schoolplan/scenarios"
)

// distinctNames renames scenarios that repeat an earlier one's name, so
// that a comparison's columns can be told apart: the second "plan" becomes
// "plan #2" (or "plan #3", … while that too is taken). It says on w which
// file got which name.
func distinctNames(w io.Writer, scs []*scenarios.Scenario) {
	taken := make(map[string]bool, len(scs))
	for _, s := range scs {
		taken[s.Name] = true
	}
	seen := make(map[string]bool, len(scs))
	for _, s := range scs {
		if !seen[s.Name] {
			seen[s.Name] = true
			continue
		}
		name := s.Name
		for n := 2; ; n++ {
			name = s.Name + " #" + strconv.Itoa(n)
			if !taken[name] {
				break
			}
		}
		fmt.Fprintf(w, "%s: another scenario compared is named %q too; this one is shown as %q\n", s.File, s.Name, name)
		taken[name], seen[name] = true, true
		s.Name = name
	}
}
