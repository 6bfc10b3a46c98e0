package engine

import (
	"errors"
	"regexp"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/geo/network"
)

// Warning marks a problem that does not stop a load: something a city can
// have but that is more often a mistake, such as a school a little outside
// the district it names. A loaded City lists its warnings in
// City.Warnings; `schoolplan validate --strict` treats them as errors.
type Warning struct{ Err error }

func (w *Warning) Error() string { return w.Err.Error() }
func (w *Warning) Unwrap() error { return w.Err }

// IsWarning reports whether err is a Warning.
func IsWarning(err error) bool {
	var w *Warning
	return errors.As(err, &w)
}

// A problem's kind groups the lines of `schoolplan validate`. Kinds are
// found from the sentinel errors a problem wraps, first match wins.
var problemKinds = []struct {
	err  error
	kind string
}{
	{geo.ErrSyntax, "file syntax"},
	{geo.ErrNotCollection, "file syntax"},
	{geo.ErrCRS, "coordinate systems"},
	{geo.ErrWKT, "coordinate systems"},
	{geo.ErrEncoding, "text encodings"},
	{geo.ErrLayerAmbiguous, "layer files"},
	{geo.ErrFormat, "layer files"},
	{geo.ErrSHP, "file syntax"},
	{geo.ErrDBF, "file syntax"},
	{geo.ErrTable, "file syntax"},
	{ErrWrongCRS, "coordinate systems"},
	{geo.ErrNoGeometry, "geometry"},
	{ErrRepeatedPosition, "geometry"},
	{geo.ErrGeometryType, "geometry"},
	{geo.ErrGeometry, "geometry"},
	{ErrOutside, "places outside their district"},
	{ErrNotInDistrict, "places outside their district"},
	{ErrOverlap, "district overlaps and gaps"},
	{ErrGap, "district overlaps and gaps"},
	{ErrNotInCatchment, "schools outside their catchment"},
	{geo.ErrDuplicateID, "duplicate ids"},
	{geo.ErrID, "ids"},
	{ErrUnknownID, "unknown ids"},
	{geo.ErrMissing, "missing values"},
	{ErrMissing, "missing values"},
	{geo.ErrType, "wrong types"},
	{geo.ErrRange, "values out of range"},
	{ErrInvalid, "invalid values"},
	{network.ErrProperty, "invalid values"},
	{network.ErrRoad, "geometry"},
	{network.ErrZeroLength, "roads left out"},
	{network.ErrSelfLoop, "roads left out"},
	{network.ErrPBF, "file syntax"},
	{network.ErrNoRoads, "missing values"},
	{network.ErrFarSnap, "far from the roads"},
}

// ProblemKind names the kind of a load or validation problem, for grouping
// ("geometry", "unknown ids", …); "other" when no kind is known.
func ProblemKind(err error) string {
	for _, k := range problemKinds {
		if errors.Is(err, k.err) {
			return k.kind
		}
	}
	return "other"
}

// packagePrefix matches the package names Go errors start with ("engine: ",
// "geo: "), at the start of a message or after a colon.
var packagePrefix = regexp.MustCompile(`(^|: )(engine|geo|forecast|scenarios|plan|catchment|admit|sim|metrics|siteopt|report): `)

// Plain is err's message in a planner's words: the Go package names that
// library errors carry are left out, the rest is as Error() reads.
func Plain(err error) string {
	return packagePrefix.ReplaceAllString(err.Error(), "$1")
}
