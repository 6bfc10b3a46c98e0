package catchment_test

import (
	"context"
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/catchment"
	"github.com/schoolplan/schoolplan/internal/citytest"
)

// A simulation balances a stage's catchments every year with one
// Balancer, which keeps the solver's memory from one year to the next.
// Three areas lie on a line, at 0, 400 and 900 m, with schools at 100 and
// 800 m of 30 seats each. The middle area is nearer the first school; the
// year its children outgrow the seats left there, it goes to the second.
func ExampleBalancer() {
	b := citytest.New(2025, 2026)
	d := b.District("D", 0, -100, 1000, 100)
	b.School("West", engine.KindPrimary, d, 100, 0, 1)
	b.School("East", engine.KindPrimary, d, 800, 0, 1)
	for i, x := range []float64{0, 400, 900} {
		b.Area(fmt.Sprint("A", i), d, x, 0, 100)
	}
	c := b.City()
	opt := catchment.Options{Stage: engine.Primary, Open: []bool{true, true}}
	capacity := []int32{30, 30}
	var bal catchment.Balancer
	for y, supply := range [][]int32{{15, 10, 12}, {15, 20, 8}} {
		as, _, err := bal.Balance(context.Background(), c, opt, supply, capacity, nil)
		if err != nil {
			panic(err)
		}
		fmt.Print(2025+y, ":")
		for i, s := range as.School {
			fmt.Printf(" A%d→%s", i, c.Schools[s].ID)
		}
		fmt.Println()
	}
	// Output:
	// 2025: A0→West A1→West A2→East
	// 2026: A0→West A1→East A2→East
}
