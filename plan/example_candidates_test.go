package plan_test

import (
	"fmt"
	"log"

	"github.com/schoolplan/schoolplan/plan"
	"github.com/schoolplan/schoolplan/scenarios"
)

// Read candidate sites for new schools of the tiny test city from a
// GeoJSON FeatureCollection of points in the city's CRS. Each site gets
// the district it lies in; the properties are optional.
func ExampleReadCandidates() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		log.Fatal(err)
	}
	sites := []byte(`{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "W-SITE", "streams": 2, "cost": 5000},
 "geometry": {"type": "Point", "coordinates": [106.51, 29.515]}},
{"type": "Feature", "properties": {"name": "East site", "stage": "junior"},
 "geometry": {"type": "Point", "coordinates": [106.535, 29.51]}}]}`)
	cands, err := plan.ReadCandidates(s.City, "sites.geojson", sites)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range cands {
		stage := "either stage"
		if c.Stage != nil {
			stage = c.Stage.String()
		}
		fmt.Printf("%q %q in %s: %s, %d streams, cost %v\n", c.ID, c.Name, s.City.Districts[c.District].Name, stage, c.Streams, c.Cost)
	}
	// A point outside the city is an error naming the file, the feature and
	// the field.
	_, err = plan.ReadCandidates(s.City, "far.geojson", []byte(`{"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [100, 20]}}]}`))
	fmt.Println(err)
	// Output:
	// "W-SITE" "" in West: either stage, 2 streams, cost 5000
	// "" "East site" in East: junior, 0 streams, cost 0
	// far.geojson: feature 0: geometry: plan: bad candidate site: [100 20] lies outside every district of the city (coordinates in wgs84)
}

// Read candidate sites from a CSV table with lon and lat columns (a
// GeoJSON file, a Shapefile or an XLSX sheet read the same way).
func ExampleReadCandidatesFile() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		log.Fatal(err)
	}
	cands, err := plan.ReadCandidatesFile(s.City, "testdata/sites.csv")
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range cands {
		fmt.Printf("%q %q in %s, %d streams, cost %v\n", c.ID, c.Name, s.City.Districts[c.District].Name, c.Streams, c.Cost)
	}
	// Output:
	// "W-SITE" "West site" in West, 2 streams, cost 5000
	// "" "East site" in East, 0 streams, cost 0
}

// Without a file of sites, Optimize lays a grid over the districts: here
// the points of a 1 km grid that lie in each district of the tiny city.
func ExampleGridCandidates() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		log.Fatal(err)
	}
	cands := plan.GridCandidates(s.City, 1000)
	per := make([]int, len(s.City.Districts))
	for _, c := range cands {
		per[c.District]++
	}
	for d, n := range per {
		fmt.Printf("%s: %d sites\n", s.City.Districts[d].Name, n)
	}
	// Output:
	// West: 3 sites
	// East: 6 sites
}
