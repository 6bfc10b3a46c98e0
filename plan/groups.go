package plan

import "slices"

// The groups of a round's model: districts that share no children are
// solved apart.

// crossDistrict reports whether the policy lets children be seated outside
// their district (by catchment or by placement).
func (pl *planner) crossDistrict() bool {
	return pl.s.Policy.CrossDistrict || pl.s.Policy.PlacementCrossDistrict
}

// groupModel splits the model into groups of districts that share no
// children, and keeps in each the sites some of its children can use.
func (pl *planner) groupModel(m *model) {
	if pl.crossDistrict() {
		m.groups = []group{pl.wholeCity(m)}
	} else {
		m.groups = pl.groupsByDistrict(m)
	}
	for gi := range m.groups {
		pl.keepReachable(m, &m.groups[gi])
	}
}

// wholeCity is one group of every district and chunk.
func (pl *planner) wholeCity(m *model) group {
	g := group{evals: map[int]*groupEval{}}
	for i, ch := range m.chunks {
		g.chunks = append(g.chunks, i)
		g.demand += ch.children
	}
	for d := range pl.s.City.Districts {
		g.districts = append(g.districts, d)
	}
	return g
}

// groupsByDistrict is a group per district with demand, in the order of
// their first chunk.
func (pl *planner) groupsByDistrict(m *model) []group {
	var groups []group
	at := map[int]int{}
	for i, ch := range m.chunks {
		d := pl.s.City.Areas[ch.area].District
		k, ok := at[d]
		if !ok {
			k = len(groups)
			at[d] = k
			groups = append(groups, group{districts: []int{d}, evals: map[int]*groupEval{}})
		}
		groups[k].chunks = append(groups[k].chunks, i)
		groups[k].demand += ch.children
	}
	return groups
}

// keepReachable sets g's sites: those some chunk of the group can use.
func (pl *planner) keepReachable(m *model, g *group) {
	for j := range m.sites {
		for _, i := range g.chunks {
			if _, ok := pl.reachable(m, i, j); ok {
				g.sites = append(g.sites, j)
				break
			}
		}
	}
}

// pNeeded is the fewest new schools that could hold the group's demand
// besides the fixed sites' room.
func (pl *planner) pNeeded(m *model, g *group) int {
	room := 0
	var caps []int
	for _, j := range g.sites {
		if s := &m.sites[j]; s.kind == siteCandidate {
			caps = append(caps, s.capacity())
		} else {
			room += s.capacity()
		}
	}
	slices.Sort(caps)
	p := 0
	for k := len(caps) - 1; k >= 0 && room < g.demand; k-- {
		room += caps[k]
		p++
	}
	return p
}

// districtIDs is the ids of districts ds for progress messages, the first
// five and an ellipsis.
func (pl *planner) districtIDs(ds []int) []string {
	out := make([]string, 0, len(ds))
	for _, d := range ds {
		out = append(out, pl.s.City.Districts[d].ID)
	}
	if len(out) > 5 {
		out = append(out[:5], "…")
	}
	return out
}
