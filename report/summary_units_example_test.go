package report_test

import (
	"bytes"
	"fmt"
	"log"
	"strings"

	"github.com/schoolplan/schoolplan/report"
)

// summary_units.csv of the tiny city with its primary schools P1 and P2
// in the sharing zone Z (大学区): the zone's entrants are the children of
// P1's and P2's catchments, 55 + 35 = 90 in 2025, of whom 10 have no seat.
func ExampleWriteUnitSummaryCSV() {
	r := exampleResult()
	for _, id := range []string{"P1", "P2"} {
		r.Schools[r.City.SchoolIndex(id)].SharingZone = "Z" // the run's copy of the schools
	}
	var buf bytes.Buffer
	if err := report.WriteUnitSummaryCSV(&buf, r); err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	fmt.Println(strings.Join(strings.Split(lines[0], ",")[:9], ","))
	fmt.Println(strings.Join(strings.Split(lines[1], ",")[:9], ","))
	// Output:
	// scenario,stage,year,unit,unit_id,entrants,admitted,unplaced,base
	// tiny-baseline,primary,2025,zone,Z,90,80,10,80
}
