package admit_test

import (
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// A nine-year school N with 50 junior seats: its 30 primary leavers, who
// live in area A, go up first (九年一贯直升); area C, nearer, takes the
// 20 seats left.
func ExampleProgression() {
	b := citytest.New(2026, 2026)
	d := b.District("D", -1000, -1000, 3000, 1000)
	b.Area("A", d, 0, 0, 1)
	b.Area("C", d, 1500, 0, 1)
	b.School("N", engine.KindNineYear, d, 1000, 0, 1)
	c := b.City()
	assign := catchment.Nearest(c, catchment.Options{Stage: engine.Junior, Open: []bool{true}})
	in := &admit.Input{City: c, Stage: engine.Junior, Year: 2026, Policy: &engine.Policy{Placement: engine.PlaceNone},
		Entrants: []int32{30, 40}, Assign: assign,
		Seats: []int32{50}, Shared: []int32{0}, Zone: []int32{-1}, Oversize: []int32{0},
		Progressions: []admit.Progression{{School: 0, Primary: 0, Route: admit.RouteNineYear, Areas: []int32{0}, Leavers: 30}}}
	var out admit.Result
	if err := admit.Admit(in, &out); err != nil {
		log.Fatal(err)
	}
	fmt.Println("nine_year", out.Taken[admit.RouteNineYear][0], "base", out.Taken[admit.RouteBase][0], "unplaced", out.Taken[admit.RouteUnplaced][0])
	// Output:
	// nine_year 30 base 20 unplaced 20
}
