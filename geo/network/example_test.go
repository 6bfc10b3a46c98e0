package network_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/geo/network"
)

// Two banks of a river with one bridge: area A is nearer school S in a
// straight line, but nearer school N on foot.
func ExampleGraph_Distances() {
	roads := &network.Roads{Roads: []network.Road{
		{ID: "north", Line: orb.LineString{{0, 100}, {2000, 100}}},
		{ID: "south", Line: orb.LineString{{0, -100}, {2000, -100}}},
		{ID: "bridge", Bridge: true, Line: orb.LineString{{1000, 100}, {1000, -100}}},
	}}
	g, _, err := network.Build(roads)
	if err != nil {
		log.Fatal(err)
	}
	areas, _ := g.Snap([]orb.Point{{100, 110}}, []string{"A"}, nil)
	schools, _ := g.Snap([]orb.Point{{100, -110}, {700, 110}}, []string{"S", "N"}, nil)
	tab, err := g.Distances(context.Background(), areas, schools, network.Query{K: 2})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range tab.Of(0) {
		m := h.Dist.Meters()
		fmt.Printf("school %d: %v m, %.1f min at 4.5 km/h\n", h.Target, m, network.WalkMinutes(m, 4.5))
	}
	// Output:
	// school 1: 620 m, 8.3 min at 4.5 km/h
	// school 0: 2020 m, 26.9 min at 4.5 km/h
}

// Read a roads layer in lon/lat; the motorway is left out by walk: false.
func ExampleFromLayer() {
	const src = `{"type":"FeatureCollection","features":[
 {"type":"Feature","id":"r1","properties":{"speed_kmh":30},"geometry":{"type":"LineString","coordinates":[[7.42,43.73],[7.43,43.73]]}},
 {"type":"Feature","id":"m1","properties":{"walk":false},"geometry":{"type":"LineString","coordinates":[[7.42,43.74],[7.43,43.74]]}}]}`
	feats, err := geo.Decode("roads.geojson", []byte(src), network.LayerSpec)
	if err != nil {
		log.Fatal(err)
	}
	proj := geo.NewProjection(orb.Point{7.42, 43.73})
	rs, err := network.FromLayer(&geo.Layer{Features: feats}, "roads.geojson", proj.Forward)
	if err != nil {
		log.Fatal(err)
	}
	g, _, err := network.Build(rs)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(rs.Roads), "walkable,", rs.NotWalkable, "not walkable;", g.Segments(), "segment")
	s := g.SnapPoint(proj.Forward(orb.Point{7.425, 43.7301}))
	fmt.Printf("snapped %.0f m from the road\n", s.Offset)
	// Output:
	// 1 walkable, 1 not walkable; 1 segment
	// snapped 11 m from the road
}

// A point far from every road is snapped, with a warning naming it.
func ExampleGraph_Snap() {
	g, _, err := network.Build(&network.Roads{Roads: []network.Road{{Line: orb.LineString{{0, 0}, {100, 0}}}}})
	if err != nil {
		log.Fatal(err)
	}
	_, warns := g.Snap([]orb.Point{{50, 10}, {50, 900}}, []string{"S-1", "S-2"}, &network.SnapOptions{File: "schools.geojson"})
	for _, w := range warns {
		fmt.Println(strings.TrimSpace(w.Error()))
	}
	// Output:
	// schools.geojson: feature 1 (id "S-2"): geometry: far from any walkable road: the nearest is 900 m away (more than 300 m); check the position or add the road
}

// Read an OpenStreetMap extract with the walking rules.
func ExampleReadFile() {
	proj := geo.NewProjection(orb.Point{7.42, 43.735})
	rs, err := network.ReadFile(os.DirFS("testdata"), "monaco-latest.osm.pbf", "roads.osm.pbf", proj.Forward)
	if err != nil {
		log.Fatal(err)
	}
	g, _, err := network.Build(rs)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(rs.Roads) > 1000, rs.NotWalkable > 0, g.Nodes() > 5000)
	// Output:
	// true true true
}

// Build joins ways where they cross on one level and warns of pieces it
// leaves out; a bridge meets the streets only at its ends.
func ExampleBuild() {
	roads := &network.Roads{File: "roads.geojson", Roads: []network.Road{
		{Index: 0, ID: "high street", Line: orb.LineString{{0, 0}, {200, 0}}},
		{Index: 1, ID: "church lane", Line: orb.LineString{{100, -100}, {100, 100}}},
		{Index: 2, ID: "flyover", Bridge: true, Level: 1, Line: orb.LineString{{150, -100}, {150, 100}}},
		{Index: 3, ID: "stub", Line: orb.LineString{{300, 300}, {300, 300}}},
	}}
	g, warns, err := network.Build(roads)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(g.Nodes(), "nodes,", g.Segments(), "segments,", g.Arcs(), "arcs")
	for _, w := range warns {
		fmt.Println(w)
	}
	// Output:
	// 8 nodes, 5 segments, 10 arcs
	// roads.geojson: feature 3 (id "stub"): geometry: zero-length way: it is left out
}

// A Walker answers one point at a time, with a filter: here the nearest
// school other than N.
func ExampleGraph_NewWalker() {
	roads := &network.Roads{Roads: []network.Road{
		{ID: "north", Line: orb.LineString{{0, 100}, {2000, 100}}},
		{ID: "south", Line: orb.LineString{{0, -100}, {2000, -100}}},
		{ID: "bridge", Bridge: true, Line: orb.LineString{{1000, 100}, {1000, -100}}},
	}}
	g, _, err := network.Build(roads)
	if err != nil {
		log.Fatal(err)
	}
	schools, _ := g.Snap([]orb.Point{{100, -110}, {700, 110}}, []string{"S", "N"}, nil)
	w := g.NewWalker(schools)
	notN := func(t int32) bool { return t != 1 }
	for _, h := range w.From(nil, g.SnapPoint(orb.Point{100, 110}), 1, 0, notN) {
		fmt.Printf("school %d: %v m\n", h.Target, h.Dist.Meters())
	}
	// Output:
	// school 0: 2020 m
}
