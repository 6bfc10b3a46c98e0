package report

import (
	"github.com/schoolplan/schoolplan/scenarios"
)

// DistrictsHeader is the header of the workbook's districts sheet: per
// scenario, each district of its city with its parent, residential areas,
// population and schools.
var DistrictsHeader = []string{"scenario", "district", "district_name", "parent", "areas", "population", "schools"}

// districtRows calls emit for each district of each result.
func districtRows(results []*scenarios.Result, emit func([]string) error) error {
	for _, r := range results {
		c := r.City
		areas := make([]int, len(c.Districts))
		pop := make([]float64, len(c.Districts))
		schools := make([]int, len(c.Districts))
		for i := range c.Areas {
			areas[c.Areas[i].District]++
			pop[c.Areas[i].District] += c.Areas[i].Population
		}
		for i := range r.Schools {
			schools[r.Schools[i].District]++
		}
		for di := range c.Districts {
			d := &c.Districts[di]
			if err := emit([]string{r.Scenario.Name, d.ID, d.Name, d.Parent, itoa(areas[di]), ftoa(pop[di], 0), itoa(schools[di])}); err != nil {
				return err
			}
		}
	}
	return nil
}
