package geo_test

import (
	"errors"
	"fmt"

	"github.com/paulmach/orb"
	"github.com/schoolplan/schoolplan/geo"
)

func ExampleDecode() {
	data := []byte(`{"type": "FeatureCollection", "features": [
	  {"type": "Feature", "properties": {"id": "A-1", "population": 1200},
	   "geometry": {"type": "Point", "coordinates": [106.55, 29.56]}},
	  {"type": "Feature", "properties": {"id": "A-2", "population": 800.5},
	   "geometry": {"type": "Point", "coordinates": [106.56, 29.57]}},
	  {"type": "Feature", "properties": {"id": "A-1"},
	   "geometry": {"type": "Point", "coordinates": [106.57, 29.58]}}
	]}`)
	spec := geo.Spec{Geometry: []orb.Geometry{orb.Point{}}, Required: []string{"population"}}

	_, err := geo.Decode("areas.geojson", data, spec)
	fmt.Println(err)
	fmt.Println("missing a property:", errors.Is(err, geo.ErrMissing))

	data = []byte(`{"type": "FeatureCollection", "features": [
	  {"type": "Feature", "properties": {"id": "A-2", "population": 800.5},
	   "geometry": {"type": "Point", "coordinates": [106.56, 29.57]}}]}`)
	feats, err := geo.Decode("areas.geojson", data, spec)
	if err != nil {
		panic(err)
	}
	_, _, err = feats[0].Int("population")
	fmt.Println(err)
	// Output:
	// 2 problems:
	// 	areas.geojson: feature 2 (id "A-1"): id: duplicate id: also feature 0
	// 	areas.geojson: feature 2 (id "A-1"): population: missing required property
	// missing a property: true
	// areas.geojson: feature 0 (id "A-2"): population: wrong type: want an integer, got 800.5
}

func ExampleNewPointIndex() {
	schools := []orb.Point{{0, 0}, {1000, 0}, {0, 2000}, {1000, 0}}
	ix := geo.NewPointIndex(schools)

	home := orb.Point{900, 100}
	i, d2 := ix.Nearest(home, nil)
	fmt.Println("nearest:", i, "squared metres:", d2)

	full := map[int]bool{1: true, 3: true}
	i, _ = ix.Nearest(home, func(i int) bool { return !full[i] })
	fmt.Println("nearest with seats:", i)

	fmt.Println("three nearest:", ix.KNearest(nil, home, 3, nil))
	// Output:
	// nearest: 1 squared metres: 20000
	// nearest with seats: 0
	// three nearest: [1 3 0]
}

func ExamplePolygonIndex_Locate() {
	square := func(x, y, s float64) orb.Ring {
		return orb.Ring{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}, {x, y}}
	}
	districts := []orb.MultiPolygon{
		{{square(0, 0, 10), square(4, 4, 2)}}, // a district with a hole
		{{square(4, 4, 2)}},                   // the enclave
	}
	ix := geo.NewPolygonIndex(districts)
	for _, p := range []orb.Point{{1, 1}, {5, 5}, {20, 20}} {
		fmt.Println(p, ix.Locate(p))
	}
	// Output:
	// [1 1] 0
	// [5 5] 1
	// [20 20] -1
}

func ExampleNewProjection() {
	crs, err := geo.ParseCRS("gcj02")
	if err != nil {
		panic(err)
	}
	// 解放碑 and 朝天门 in Chongqing, as AMap gives them (GCJ-02).
	jfb := crs.ToWGS84(orb.Point{106.577, 29.5574})
	ctm := crs.ToWGS84(orb.Point{106.5857, 29.5655})

	proj := geo.NewProjection(jfb)
	d := geo.Distance(proj.Forward(jfb), proj.Forward(ctm))
	fmt.Printf("%.0f m\n", d)
	// Output:
	// 1232 m
}

func ExampleGCJ02ToWGS84() {
	gcj := orb.Point{106.5516, 29.5630}
	wgs := geo.GCJ02ToWGS84(gcj)
	fmt.Printf("%.6f %.6f\n", wgs[0], wgs[1])
	back := geo.WGS84ToGCJ02(wgs)
	fmt.Printf("%.6f %.6f\n", back[0], back[1])
	// Output:
	// 106.547875 29.565840
	// 106.551600 29.563000
}

func ExampleInteriorPoint() {
	// A C open to the east: its centroid (3.4, 4) lies in the opening.
	c := orb.MultiPolygon{{{{0, 0}, {8, 0}, {8, 2}, {2, 2}, {2, 6}, {8, 6}, {8, 8}, {0, 8}, {0, 0}}}}
	fmt.Println(geo.MultiPolygonContains(c, geo.Centroid(c)))
	p := geo.InteriorPoint(c)
	fmt.Println(p, geo.MultiPolygonContains(c, p), geo.Area(c))
	// Output:
	// false
	// [1 4] true 40
}

func ExampleBoundaryIndex() {
	// Two zones side by side; class bits tell districts from zones of each stage.
	zones := []orb.MultiPolygon{
		{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}}},
		{{{{10, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 0}}}},
	}
	ix := geo.NewBoundaryIndex(zones, nil)
	inside := orb.MultiPolygon{{{{2, 2}, {4, 2}, {4, 4}, {2, 4}, {2, 2}}}}
	across := orb.MultiPolygon{{{{8, 2}, {12, 2}, {12, 4}, {8, 4}, {8, 2}}}}
	fmt.Println(ix.Touches(inside, 1), ix.Meets(nil, across, 1))
	// Output:
	// false [0 1]
}

func ExampleClipConvex() {
	// A grid cell and a C-shaped zone whose opening covers the cell's
	// upper right: the zone holds 12 of the cell's 16 m².
	cell, _ := geo.ConvexRing(orb.MultiPolygon{{{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}}}})
	zone := orb.MultiPolygon{{{{0, 0}, {8, 0}, {8, 2}, {2, 2}, {2, 6}, {8, 6}, {8, 8}, {0, 8}, {0, 0}}}}
	fmt.Println(geo.Area(geo.ClipConvex(zone, cell)))
	// Output:
	// 12
}
