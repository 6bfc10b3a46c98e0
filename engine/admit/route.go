package admit

import "fmt"

// Route is how a child got (or did not get) a seat.
type Route uint8

const (
	RouteBase     Route = iota // a base seat of the area's catchment school(s), or a swapped seat
	RouteNineYear              // a nine-year school's junior base seat, for its own primary leavers (九年一贯直升)
	RouteFeeder                // a junior base seat, for the leavers of a feeder primary (对口直升)
	RouteShared                // a shared seat of the sharing zone
	RoutePlaced                // placed by the bureau in a school with room
	RouteOversize              // squeezed into the base school as oversize classes
	RouteUnplaced              // no seat
)

// NumRoutes is the number of routes.
const NumRoutes = 7

var routeNames = [NumRoutes]string{"base", "nine_year", "feeder", "shared", "placed", "oversize", "unplaced"}

func (r Route) String() string {
	if int(r) < NumRoutes {
		return routeNames[r]
	}
	return fmt.Sprintf("Route(%d)", int(r))
}

// Admission is a number of children of one area admitted to one school by
// one route.
type Admission struct {
	Area     int32
	School   int32
	Route    Route
	Students int32
}
