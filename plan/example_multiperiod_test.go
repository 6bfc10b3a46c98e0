package plan_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Meet a shortfall of one entry class in 2028–2031 and a second in 2030
// only: a temporary classroom costs 40 a year (a junior class 120 over its
// three years), a permanent stream 600 decided a year before it opens.
// Four years leased (480) beat a stream; so does one year.
func ExampleCoverShortfall() {
	p := &plan.Prices{First: 2025, Grades: 3, ClassroomYear: 40, Stream: 600, Lead: 1}
	classes := []int{0, 0, 0, 1, 1, 2, 1, 0} // 2025–2032
	for _, c := range plan.CoverShortfall(classes, p, 1, 0) {
		fmt.Printf("layer %d %v: open %d, temporary %v, cost %v (temporary %v, permanent %v)\n",
			c.Layer, c.Years, c.Open, c.Temporary, c.Cost, c.TemporaryCost, c.PermanentCost)
	}
	// Output:
	// layer 1 [2028 2029 2030 2031]: open 0, temporary [2028 2029 2030 2031], cost 480 (temporary 480, permanent 600)
	// layer 2 [2030]: open 0, temporary [2030], cost 120 (temporary 120, permanent 600)
}

// The layers of a shortfall profile: the years each class is missing.
func ExampleLayers() {
	fmt.Println(plan.Layers(2028, []int{1, 2, 3, 1}))
	// Output:
	// [[2028 2029 2030 2031] [2029 2030] [2030]]
}

// Discounted prices at 3% a year from 2025: a temporary junior class
// admitted in 2028 uses its classroom in 2028, 2029 and 2030; a stream
// opening in 2028 with a three-year lead is paid in 2025.
func ExamplePrices() {
	p := &plan.Prices{First: 2025, DiscountRate: 0.03, Grades: 3, ClassroomYear: 40, Stream: 600, Lead: 3}
	fmt.Printf("temporary class 2028: %.2f\n", p.TemporaryClass(2028))
	fmt.Printf("stream opening 2028: %.2f, 2027: %v\n", p.PermanentStream(2028), p.PermanentStream(2027))
	// Output:
	// temporary class 2028: 106.65
	// stream opening 2028: 600.00, 2027: +Inf
}

// Plan the tiny test city's junior seats over time: its west district's
// junior school is 13 to 25 entrants short every year 2025–2030. At 30 a
// classroom-year, a temporary class costs 90 over its three years, and
// leasing one a year for six years (discounted at 3%) costs less than a
// stream (600) decided in 2025 and open from 2026 with a class leased in
// 2025.
func ExampleOptimize_multiPeriod() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		log.Fatal(err)
	}
	pr, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{
		Stages: []engine.Stage{engine.Junior}, AllowExpand: 1, MultiPeriod: true})
	if err != nil {
		log.Fatal(err)
	}
	for _, ch := range pr.Changes {
		fmt.Printf("%s %s: %d class a year %d–%d, cost %v (discounted %.2f)\n", ch.School, ch.Change.(engine.Temporary).Stage,
			ch.Streams, ch.Year, ch.To, ch.Cost, ch.Discounted)
	}
	mp := pr.MultiPeriod
	for _, d := range mp.Districts {
		fmt.Printf("%s: peak %d in %d; %s at %.2f (temporary only %.2f, building for the peak %.2f)\n",
			s.City.Districts[d.District].Name, d.Peak, d.PeakYear, d.Choice(), d.Cost, d.Temporary, d.Permanent)
	}
	fmt.Printf("cost %.2f, bound %.2f, gap %.1f%%; %d unplaced\n", mp.Cost, mp.Bound, 100*mp.Gap, pr.Residual)
	// Output:
	// J1 junior: 1 class a year 2025–2030, cost 540 (discounted 487.69)
	// West: peak 25 in 2027; temporary at 487.69 (temporary only 487.69, building for the peak 8854.65)
	// cost 487.69, bound 487.69, gap 0.0%; 0 unplaced
}

// The choice of a multi-period plan in each district, as CSV.
func ExampleProposal_WriteDistrictsCSV() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		log.Fatal(err)
	}
	pr, err := plan.Optimize(context.Background(), s, &plan.OptimizeOptions{
		Stages: []engine.Stage{engine.Junior}, MultiPeriod: true})
	if err != nil {
		log.Fatal(err)
	}
	if err := pr.WriteDistrictsCSV(os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// stage,district,peak_unplaced,peak_year,peak_classes,first_year_short,last_year_short,choice,temporary_classes,classroom_years,streams_added,new_schools,new_school_streams,discounted_cost,temporary_only,build_for_peak,bound
	// junior,D1,25,2027,1,2025,2030,temporary,6,18,0,0,0,487.69,487.69,8854.65,487.69
}
