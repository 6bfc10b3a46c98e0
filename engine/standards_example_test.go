package engine_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
)

// PerPupil looks up the standard of a school's kind and size: the
// national floor area (建标102-2002), and land where the city sets it.
func ExampleStandards_PerPupil() {
	city := &engine.Standards{Primary: []engine.StandardRow{{Classes: 12, SiteArea: 20}}}
	for _, classes := range []int{12, 20, 30} {
		floor, _ := city.PerPupil(engine.FloorArea, engine.KindPrimary, classes)
		land, _ := city.PerPupil(engine.SiteArea, engine.KindPrimary, classes)
		fmt.Printf("%d classes: %g m² of building, %g m² of land a pupil\n", classes, floor, land)
	}
	_, ok := city.PerPupil(engine.SiteArea, engine.KindJunior, 18)
	fmt.Println("junior land set:", ok)
	// Output:
	// 12 classes: 6.6 m² of building, 20 m² of land a pupil
	// 20 classes: 5.8 m² of building, 20 m² of land a pupil
	// 30 classes: 5.2 m² of building, 20 m² of land a pupil
	// junior land set: false
}

// FullSize is the size a school's land and floor area are checked at.
func ExampleFullSize() {
	s := engine.School{ID: "P1", Kind: engine.KindPrimary}
	streams := [engine.NumStages]int{engine.Primary: 3}
	fmt.Printf("%+v\n", engine.FullSize(&s, streams, nil, engine.DefaultSchoolSystem))
	// Output:
	// {Classes:18 Pupils:810}
}

// Under enforce: warn, a school short of land is a warning, not an error.
func ExampleChangeWarnings() {
	c, err := engine.LoadCity("../testdata/tiny")
	if err != nil {
		panic(err)
	}
	c.Standards = &engine.Standards{Enforce: engine.EnforceWarn, Primary: []engine.StandardRow{{Classes: 12, SiteArea: 20}}}
	c.Schools[c.SchoolIndex("P1")].Resources = map[string]float64{"site_area": 9000}
	changes := []engine.Change{engine.Expand{School: "P1", Streams: 1, Year: 2026}}
	fmt.Println(engine.CheckChanges(c, nil, 2025, 2030, changes))
	fmt.Println(engine.ChangeWarnings(c, nil, 2025, 2030, changes))
	// Output:
	// <nil>
	// change 1 (expand): site_area: school "P1" needs 10800 m² of land from 2026 (540 pupils in 12 classes at full capacity × 20 m² per pupil) but has 9000 m² (site_area 1800 m² short)
}

// FormClasses spreads a grade over the fewest classes of the class size,
// at most the school's streams.
func ExampleFormClasses() {
	for _, n := range []int{100, 140} {
		g := engine.FormClasses(n, 2, 45)
		fmt.Printf("%d pupils: %d classes, largest %d, %d over 55\n", n, g.N, g.Max(), g.Over(55))
	}
	// Output:
	// 100 pupils: 2 classes, largest 50, 0 over 55
	// 140 pupils: 2 classes, largest 70, 2 over 55
}
