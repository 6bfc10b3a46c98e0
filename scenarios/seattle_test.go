package scenarios_test

import (
	"context"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim/simtest"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Seattle Public Schools' own attendance areas and sites load through
// city.yaml's mapping alone (testdata/seattle: no file edited), and a
// K–5/6–8 run gives each elementary zone's children its own school — the
// concave Alki zone included, whose centroid lies in the Schmitz Park zone.
func TestSeattleAsPublished(t *testing.T) {
	sc, err := scenarios.Load("../testdata/seattle/zones.yaml")
	if err != nil {
		t.Fatal(err)
	}
	c := sc.City
	if c.System != engine.USSchoolSystem {
		t.Errorf("school system %v, want K–5/6–8", c.System)
	}
	kinds := map[engine.Kind]int{}
	for _, s := range c.Schools {
		kinds[s.Kind]++
	}
	if len(c.Districts) != 1 || len(c.Areas) < 57 || kinds[engine.KindPrimary] != 57 || kinds[engine.KindJunior] != 10 {
		t.Fatalf("%d districts, %d areas, schools by kind %v", len(c.Districts), len(c.Areas), kinds)
	}
	res, err := scenarios.Run(context.Background(), sc, nil)
	if err != nil {
		t.Fatal(err)
	}
	simtest.Check(t, c, res.Result)
	checkZoneSchools(t, c, res)
}

// zoneSchool is the school an elementary zone is named for: its name, or
// its interim site's.
func zoneSchool(zone string) string {
	switch zone {
	case "Arbor Heights":
		return "Arbor Heights (interim at Boren)"
	case "Olympic Hills":
		return "Olympic Hills (interim at Cedar Park)"
	}
	return zone
}

func checkZoneSchools(t *testing.T, c *engine.City, res *scenarios.Result) {
	t.Helper()
	first := res.Stages[engine.Primary].Years[0]
	for i, a := range c.Areas {
		s := first.Assign.School[i]
		if s < 0 {
			t.Errorf("area %s (%s) has no base school", a.ID, a.Name)
			continue
		}
		if got, want := res.Schools[s].ID, zoneSchool(a.Name); got != want {
			t.Errorf("area %s (%s): base school %q, want %q", a.ID, a.Name, got, want)
		}
	}
}
