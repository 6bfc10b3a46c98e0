package admit_test

import (
	"fmt"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
)

// One district with two areas in the catchment of school P0 (40 entry
// seats): 30 children in A0, 500 m from it, and 20 in A1, 1500 m from it.
// P0 fills its base seats nearest first: all of A0 and 10 of A1. Under the
// default policy the bureau places the other 10 of A1 in the nearest
// school with seats left within 3000 m: P1, which has no catchment.
func ExampleAdmit() {
	c := &engine.City{
		Districts: []engine.District{{ID: "D"}},
		Areas: []engine.Area{
			{ID: "A0", Point: orb.Point{500, 0}},
			{ID: "A1", Point: orb.Point{1500, 0}},
		},
		Schools: []engine.School{
			{ID: "P0", Kind: engine.KindPrimary, Point: orb.Point{0, 0}},
			{ID: "P1", Kind: engine.KindPrimary, Point: orb.Point{2000, 0}},
		},
	}
	assign := &engine.Assignment{School: []int32{0, 0}, Dist: []engine.Meters{500, 1500}}
	assign.Group(len(c.Schools))
	in := &admit.Input{
		City: c, Stage: engine.Primary, Year: 2025, Policy: &engine.Policy{},
		Entrants: []int32{30, 20},
		Assign:   assign,
		Seats:    []int32{40, 45},
		Shared:   []int32{0, 0},
		Zone:     []int32{-1, -1},
		Oversize: []int32{0, 0},
	}
	var out admit.Result
	if err := admit.Admit(in, &out); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("admitted by area:", out.Admitted, "at their base school:", out.Base)
	for _, ad := range out.Other {
		fmt.Printf("%s: %d %s at %s\n", c.Areas[ad.Area].ID, ad.Students, ad.Route, c.Schools[ad.School].ID)
	}
	for s := range c.Schools {
		fmt.Printf("%s: %d admitted\n", c.Schools[s].ID, out.Total(s))
	}
	// Output:
	// admitted by area: [30 20] at their base school: [30 10]
	// A1: 10 placed at P1
	// P0: 40 admitted
	// P1: 10 admitted
}
