package engine_test

import (
	"context"
	"fmt"
	"log"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo/network"
)

// A city on two banks of a river with one bridge: area A is 220 m from
// school S across the river in a straight line, and walks 620 m to
// school N on its own bank.
func ExampleNewNetworkDistances() {
	c := &engine.City{
		Areas: []engine.Area{{ID: "A", Point: orb.Point{100, 110}}},
		Schools: []engine.School{
			{ID: "S", Kind: engine.KindPrimary, Point: orb.Point{100, -110}},
			{ID: "N", Kind: engine.KindPrimary, Point: orb.Point{700, 110}},
		},
	}
	g, _, err := network.Build(&network.Roads{Roads: []network.Road{
		{ID: "north", Line: orb.LineString{{0, 100}, {2000, 100}}},
		{ID: "south", Line: orb.LineString{{0, -100}, {2000, -100}}},
		{ID: "bridge", Bridge: true, Line: orb.LineString{{1000, 100}, {1000, -100}}},
	}})
	if err != nil {
		log.Fatal(err)
	}
	c.Roads = engine.NewRoads("roads.geojson", g, c)
	snaps, _ := c.Roads.SnapSchools(c.Schools, engine.SchoolsFile)
	walks, err := engine.NewNetworkDistances(context.Background(), c, snaps, engine.NetworkOptions{Stage: engine.Primary, Bound: 3000})
	if err != nil {
		log.Fatal(err)
	}
	var line engine.Distances = engine.NewStraightDistances(c)
	for _, d := range []engine.Distances{line, walks} {
		s, m := d.Nearest(0, nil)
		fmt.Printf("%s: nearest %s at %.0f m\n", d.Kind(), c.Schools[s].ID, m)
	}
	// Output:
	// straight: nearest S at 220 m
	// network: nearest N at 620 m
}

func ExampleParseDistanceKind() {
	k, err := engine.ParseDistanceKind("network")
	fmt.Println(k, err)
	_, err = engine.ParseDistanceKind("walking")
	fmt.Println(err)
	// Output:
	// network <nil>
	// engine: unknown distance "walking" (want straight or network)
}
