// Package network measures distances as children walk: along a street
// network on the local metric plane, in metres.
//
// # Roads
//
// Roads come from a layer (roads.geojson, roads.shp: LineStrings, read
// with FromLayer or ReadFile) or from an OpenStreetMap extract
// (roads.osm.pbf, ReadOSM). A layer's optional properties are speed_kmh,
// oneway (walked only in the line's direction), walk (false leaves a way
// out, e.g. a motorway), bridge, tunnel and layer. Layer ways are joined
// where they share a position exactly and where they cross on one level;
// an end of a way that comes within a centimetre of the middle of another
// joins it there (a T junction). Overlapping collinear pieces are not
// joined.
//
// Bridges and tunnels do not connect to what they pass over or under: a
// way with bridge or tunnel set, or on another layer, is joined at
// crossings only to ways on its own level that are neither; its ends join
// everything at their position (a bridge meets the streets at its ends).
// OpenStreetMap ways join only where they share a node, as OSM maps them.
//
// # Walking rules (OpenStreetMap)
//
// A way is walked when its highway tag is footway, path, pedestrian, steps,
// corridor, living_street, residential, service, unclassified, road,
// track, cycleway, bridleway, tertiary, secondary or primary (and their
// _link roads). Motorways and trunk roads (and their links) are walked
// only with foot=yes, designated, permissive or official. foot=no, private
// or use_sidepath, and access=no or private without a foot tag that
// allows walking, leave the way out. The oneway tag binds vehicles, not
// walkers; oneway:foot=yes (or -1) makes a way one-way on foot. Ways left
// out are counted (Roads.NotWalkable). A way whose nodes are missing from
// the extract is cut where they are missing, with a warning.
//
// # Graph
//
// Build nodes the roads and lays them out as a compressed sparse row
// graph: each straight piece of a road (a segment) gives an arc each way,
// or one for a one-way road. Lengths are whole decimetres (Decimetres),
// rounded up: integer sums are exact and independent of the order of
// addition, and a walk is never shorter than its geometry nor than the
// straight line; a walk of 100 segments is at most 10 m long by the
// rounding. int32 holds walks up to 214,748 km (2³¹ dm). A repeated position (a
// zero-length self-loop) and a zero-length way are left out with a
// warning naming the feature.
//
// # Snapping
//
// Snap joins each point (an area's representative point, a school) to the
// nearest segment, found in a uniform grid over the segments, and splits
// that segment virtually at the foot of the perpendicular. The snap
// distance (Snap.Offset) is added to every walk from or to the point.
// Beyond a limit (DefaultSnapLimit, 300 m) a point gets a warning naming
// its feature; it is snapped all the same.
//
// # Distances
//
// Graph.Distances walks from every source to the targets that matter:
// the K nearest by network and all within MaxDist. Each source runs a
// Dijkstra search, stopped once it has found K targets and passed
// MaxDist, on one worker per core with buffers reused from source to
// source. The result (Table) is a compact list per source, nearest first.
// A source on a part of the network with no target reaches none and says
// so (Table.Unreached); it is never dropped. A Walker (Graph.NewWalker)
// walks from one point at a time, with a filter on the targets, for the few
// pairs a table leaves out. WalkMinutes turns metres into minutes at a
// walking speed.
//
// Results are deterministic: the same roads and points give the same
// graph, snaps and tables on every run, whatever the number of workers.
//
// # Limits
//
//   - Walks longer than 214,748 km are not followed (Decimetres is an int32).
//   - K is meant small (the few nearest schools): the labels take K × 8
//     bytes per node. MaxDist bounds the search from each target.
//   - Layer ways are joined where positions are equal to the bit, or where
//     an end comes within a centimetre of another way; collinear
//     overlapping ways are not joined. A layer must be in lon/lat for
//     ReadFile; a projected layer is read with geo.ReadLayer (Spec.Planar)
//     and FromLayer with the caller's conversion to the plane.
//   - Points (and ways) with coordinates that are not finite are warned of
//     and reach nothing; they are never dropped from the table.
//   - Speed: on a synthetic city of 1M areas, 2M street segments and 5,000
//     schools (BenchmarkNetwork of the benchmarks folder, -network1m), Build takes
//     about 4 s of CPU, snapping every area 2.4 s, and the distances to the
//     3 nearest schools and all within 1 km 4.8 s; searching from each
//     area instead (Query.PerSource) is 9 times slower at 10k areas.
package network
