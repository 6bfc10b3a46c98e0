package network

import "errors"

// Sentinel errors, wrapped in *geo.FeatureError values that name the file,
// feature and field. Their text carries no package prefix because it is
// printed after the location, in a planner's words.
var (
	ErrRoad       = errors.New("unusable road")
	ErrProperty   = errors.New("bad road property")
	ErrZeroLength = errors.New("zero-length way: it is left out")
	ErrSelfLoop   = errors.New("the way repeats a position; the repeat is left out")
	ErrPBF        = errors.New("broken OpenStreetMap file")
	ErrNoRoads    = errors.New("no walkable road")
	ErrFarSnap    = errors.New("far from any walkable road")
	ErrQuery      = errors.New("bad distance query")
)
