package report_test

import (
	"fmt"
	"log"
	"os"

	"github.com/schoolplan/schoolplan/report"
)

// costsScenario prices its changes by phase.
const costsScenario = "../testdata/scenarios/tiny-programme.yaml"

// costs.csv of a scenario with a cost table and two phases: a row per
// phase, then the total. The new school (近期) costs 8600 for 270 seats,
// all used in 2030; J1's stream and P1's closure (中期) cost 1200 for 120
// seats, 59 used.
func ExampleWriteCostsCSV() {
	if err := report.WriteCostsCSV(os.Stdout, exampleRun(costsScenario)); err != nil {
		log.Fatal(err)
	}
	// Output:
	// scenario,phase,from,to,changes,unpriced_changes,cost,entry_seats_added,seats_added,cost_per_entry_seat,cost_per_seat,new_seats_used_last_year,new_seats_used_share
	// tiny-programme,近期,2021,2025,1,0,8600.00,45,270,191.11,31.85,270,1.0000
	// tiny-programme,中期,2026,2030,2,0,1200.00,40,120,30.00,10.00,59,0.4917
	// tiny-programme,total,,,3,0,9800.00,85,390,115.29,25.13,329,0.8436
}

// The printed costs by phase, in Chinese; a scenario without costs or
// phases (the baseline) prints nothing.
func ExampleWriteCostsTable() {
	if err := report.WriteCostsTable(os.Stdout, report.Chinese, exampleResult(), exampleRun(costsScenario)); err != nil {
		log.Fatal(err)
	}
	// Output:
	// tiny-programme — 分期投资（新增学位使用：2030年在用的新增学位）
	//   分期       年限  项目数  未估价项目  投资  新增起始年级学位  新增学位  每起始年级学位投资  每学位投资  新增学位在用
	//   近期  2021–2025       1           0  8600                45       270              191.11       31.85  270 (100.0%)
	//   中期  2026–2030       2           0  1200                40       120               30.00       10.00    59 (49.2%)
	//   合计          –       3           0  9800                85       390              115.29       25.13   329 (84.4%)
}

// costs.json holds each change with its cost and where it came from, then
// the rows of costs.csv; NewCostsJSON builds it for one run.
func ExampleNewCostsJSON() {
	c := report.NewCostsJSON(exampleRun(costsScenario))
	for _, ch := range c.Changes {
		fmt.Printf("%s %s decided %d: %v (%s)\n", ch.Kind, ch.School, ch.Decided, *ch.Cost, ch.Source)
	}
	fmt.Printf("total %v, %v a seat, %v of new seats used in %d\n", c.Total.Cost, *c.Total.CostPerSeat, *c.Total.UsedShare, c.LastYear)
	// Output:
	// new_school P3 decided 2025: 8600 (table)
	// expand J1 decided 2026: 1200 (given)
	// close P1 decided 2029: 0 (given)
	// total 9800, 25.13 a seat, 0.8436 of new seats used in 2030
}
