package plan

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
)

// WriteYAML writes the proposal as a scenario file that extends the
// scenario at extends (a path relative to the file written, as the
// extends: key reads it) with the proposed changes, commented with what each
// does and how the plan was found. Loaded with scenarios.Load, it simulates as
// Proposal.After.
func (p *Proposal) WriteYAML(w io.Writer, extends string) error {
	if extends == "" {
		return fmt.Errorf("%w: a proposal must extend its scenario's file", ErrOptimize)
	}
	b := bufio.NewWriter(w)
	p.writeYAMLHeader(b)
	stages := strings.Join(p.stageNames(), ", ")
	fmt.Fprintf(b, "\nname: %s\n", yamlString(p.Name))
	fmt.Fprintf(b, "description: %s\n", yamlString(fmt.Sprintf("%s with the placement plan of schoolplan optimize (%s, target %d)", p.Base.Name, stages, p.Target)))
	fmt.Fprintf(b, "extends: %s\n", yamlString(extends))
	if len(p.Changes) == 0 {
		fmt.Fprintf(b, "changes: []\n")
		return b.Flush()
	}
	fmt.Fprintf(b, "changes:\n")
	for i := range p.Changes {
		p.writeYAMLChange(b, &p.Changes[i])
	}
	return b.Flush()
}

// stageNames is the names of the planned stages.
func (p *Proposal) stageNames() []string {
	stages := make([]string, len(p.Stages))
	for i, st := range p.Stages {
		stages[i] = st.String()
	}
	return stages
}

// writeYAMLHeader writes the comments that open the proposal file: what
// it plans, at what cost, the unplaced entrants before and after, and how
// the solver did.
func (p *Proposal) writeYAMLHeader(b io.Writer) {
	fmt.Fprintf(b, "# Placement plan proposed by `schoolplan optimize` for scenario %s: %s seats,\n", p.Base.Name, strings.Join(p.stageNames(), " and "))
	fmt.Fprintf(b, "# every entrant seated from %d to %d. Generated; edit it like any scenario.\n", p.Base.First, p.Target)
	if p.MultiPeriod != nil {
		fmt.Fprintf(b, "#\n# Objective: least discounted cost. Cost %s (temporary classrooms, added streams and new schools).\n", fmtCost(p.Cost))
	} else {
		fmt.Fprintf(b, "#\n# Objective: least %s. Building cost %s (new schools and added streams).\n", objectiveNoun(p.Objective), fmtCost(p.Cost))
	}
	for _, st := range p.Stages {
		before, after := p.unplacedSums(st)
		fmt.Fprintf(b, "# %s entrants left unplaced %d–%d (summed over the years): %d before, %d after.\n", st, p.Base.First, p.Target, before, after)
	}
	if mp := p.MultiPeriod; mp != nil {
		p.writeYAMLMultiHeader(b, mp)
		return
	}
	chosen, worst := p.chosenSolves()
	fmt.Fprintf(b, "# Solver: capacitated p-median (engine/siteopt), %d %s solved, %d %s used,\n",
		len(p.Solves), plural(len(p.Solves), "problem", "problems"), chosen, plural(chosen, "solution", "solutions"))
	fmt.Fprintf(b, "# largest certified gap of those %.2f%%; then checked and repaired by simulation.\n", 100*worst)
	if p.Residual > 0 {
		fmt.Fprintf(b, "# WARNING: the plan still leaves %d entrants unplaced (summed over the years up to %d).\n", p.Residual, p.Target)
	}
}

// unplacedSums is the unplaced entrants of stage st summed over the years
// up to the target, before and after the plan.
func (p *Proposal) unplacedSums(st engine.Stage) (before, after int) {
	for _, u := range p.Unplaced {
		if u.Stage == st && u.Year <= p.Target {
			before += u.Before
			after += u.After
		}
	}
	return before, after
}

// chosenSolves is the number of solves whose solution entered the plan
// and the largest certified gap among them.
func (p *Proposal) chosenSolves() (n int, worstGap float64) {
	for _, s := range p.Solves {
		if s.Chosen {
			n++
			worstGap = max(worstGap, s.Gap)
		}
	}
	return n, worstGap
}

// writeYAMLChange writes one change of the list, after a comment saying
// what it does.
func (p *Proposal) writeYAMLChange(b io.Writer, ch *ProposedChange) {
	dist := p.Base.City.Districts[ch.District]
	what := fmt.Sprintf("adds %d %s", ch.Streams, plural(ch.Streams, "stream", "streams"))
	switch {
	case ch.Temporary:
		what = fmt.Sprintf("%d temporary %s a year to %d", ch.Streams, plural(ch.Streams, "class", "classes"), ch.To)
	case ch.New:
		what = fmt.Sprintf("new %d-stream school", ch.Streams)
	}
	fmt.Fprintf(b, "  # %s %s, %s: %s (%d entry seats) from %d, cost %s; removes %d unplaced, mean distance %+d m\n",
		ch.Stage, ch.School, cmp.Or(dist.Name, dist.ID), what, ch.Seats, ch.Year, fmtCost(ch.Cost), ch.Removed, int(math.Round(float64(ch.DistanceChange))))
	if p.MultiPeriod != nil {
		p.writeYAMLMulti(b, ch)
		return
	}
	if ch.New {
		fmt.Fprintf(b, "  - new_school: {id: %s, name: %s, at: [%s, %s], district: %s, stage: %s, streams: %d, opens: %d}\n",
			yamlString(ch.School), yamlString(ch.Name), fmtCoord(ch.At[0]), fmtCoord(ch.At[1]), yamlString(dist.ID), ch.Stage, ch.Streams, ch.Year)
		return
	}
	e := ch.Change.(engine.Expand)
	fmt.Fprintf(b, "  - expand: {school: %s, streams: %d, year: %d", yamlString(ch.School), ch.Streams, ch.Year)
	if len(e.Stages) == 1 {
		fmt.Fprintf(b, ", stage: %s", e.Stages[0])
	}
	fmt.Fprintf(b, "}\n")
}

func objectiveNoun(o Objective) string {
	if o == MinDistance {
		return "distance (up to the new schools allowed)"
	}
	return "cost"
}

// yamlString quotes s as a YAML double-quoted scalar (JSON's string syntax
// is a subset of it), leaving plain ids that cannot be misread unquoted.
func yamlString(s string) string {
	if plainYAML(s) {
		return s
	}
	q, _ := json.Marshal(s)
	return string(q)
}

// plainChars are the characters a plain id may hold besides digits.
const plainChars = "-_./abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// plainYAML reports whether s reads as the same string unquoted: ASCII
// letters, digits (not first) and "-_./", not starting with "-" or ".",
// and not a word YAML reads as a boolean or null.
func plainYAML(s string) bool {
	if s == "" || s[0] == '-' || s[0] == '.' {
		return false
	}
	for i, r := range s {
		digit := r >= '0' && r <= '9'
		if !strings.ContainsRune(plainChars, r) && !(digit && i > 0) {
			return false
		}
	}
	return !yamlWords[strings.ToLower(s)]
}

// yamlWords are the plain words YAML may read as a boolean or null.
var yamlWords = map[string]bool{"true": true, "false": true, "yes": true, "no": true, "on": true, "off": true,
	"null": true, "y": true, "n": true, "~": true}

func fmtCoord(x float64) string { return strconv.FormatFloat(round6(x), 'f', -1, 64) }

// fmtCost formats a cost without needless decimals.
func fmtCost(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
