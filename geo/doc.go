// Package geo reads and validates map layers (GeoJSON, shapefiles, CSV and
// XLSX point tables), converts datums, projects lon/lat
// to a local metric plane, and answers the spatial queries a planning engine
// asks millions of times: the nearest point and the polygon containing a
// point. It knows nothing of schools.
//
// # Coordinates and units
//
// Input coordinates are in a CRS: lon/lat in degrees (x = longitude,
// y = latitude, as in GeoJSON and orb.Point) or, for a projected CRS,
// easting (x) and northing (y) in its linear unit. ParseCRS reads a CRS by
// name or EPSG code, ParseWKT from a .prj file. Supported are WGS84 (RFC
// 7946), CGCS2000 and NAD83 lon/lat (read as WGS84: centimetres and about a
// metre apart), GCJ02 (the obfuscated datum of AMap and Tencent maps, a few
// hundred metres off inside China), and projected systems on those datums:
// Transverse Mercator (CGCS2000 Gauss–Krüger zones, UTM), Lambert Conformal
// Conic (US State Plane) and Mercator (Web Mercator), in metres or feet.
// CRS.ToWGS84 turns any of them into WGS84 lon/lat; each projection agrees
// with PROJ's cs2cs to within a micrometre.
//
// Everything downstream works on a local plane: a Projection maps WGS84
// lon/lat to metres east (x) and north (y) of an origin, typically the
// centre of a city. Projected coordinates and distances are Meters; indices
// take and return squared distances in square metres so that hot loops never
// take a root.
//
// # Reading
//
// Decode and ReadFile read a FeatureCollection and check it against a Spec
// (allowed geometry kinds, required properties, the id property). Every
// problem is reported, each a *FeatureError naming file, feature index, id
// and field, wrapped around one of the Err… sentinels; a file with any
// problem yields no features. Property values are read as encoding/json
// reads them into an interface (numbers are float64); the Feature accessors
// String, Float, Int and Strings check their types.
//
// # Other formats
//
// Bureaus hold layers as shapefiles and spreadsheets as often as GeoJSON.
// DecodeShapefile, DecodeCSV and DecodeXLSX give features of exactly the
// form Decode gives, checked against the same Spec with the same messages:
// numbers are float64, text is string, empty values are absent from Props,
// ids are strings (integers written as their digits). ReadLayer picks the
// reader by file extension and returns a Layer that also carries what a
// format says about coordinates (a GeoJSON file's legacy crs member, a
// shapefile's .prj text) for the caller to interpret; FindLayer finds a
// layer's one file in a folder. Text encodings (UTF-8, GBK, GB18030) are
// read only as a .cpg file, the dBase language driver or an option names
// them, never guessed. Rows of tables are named as the spreadsheet numbers
// them (FeatureError.Row, Feature.Row). Spec.Planar admits projected
// coordinates (metres), skipping the lon/lat range checks.
//
// # Queries
//
// PointIndex (nearest point, k nearest, with a filter) is a uniform grid;
// PolygonIndex (point in polygon) keeps prepared flat rings behind bound
// pre-filters. Both are exact, deterministic (ties go to the lowest index),
// allocation-free per query and safe for concurrent use once built.
// BoundaryIndex lists the polygons whose boundary meets a given polygon, so
// that a polygon met by none is known to lie wholly inside or outside each.
//
// # Polygons
//
// InteriorPoint gives a point guaranteed inside a polygon (its centroid
// when that is inside, else a point on its surface); Area its area;
// ConvexRing and ClipConvex cut any polygon by a convex one, the fast path
// of splitting areas over zones.
package geo
