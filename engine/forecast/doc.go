// Package forecast turns a city's forecast input into demand: resident
// children of a single year of age, per residential area, per year.
//
// Method "table" (forecast.csv). Area rows are used as they are. District
// rows are spread over the district's existing areas by population share:
//
//	children(a, y, age) = district(d, y, age) × pop(a) / Σ pop(existing areas of d)
//
// New housing (areas with a completion_year) is not part of the district
// forecast: from its completion year on it adds children at the district's
// per-resident rate, district(d, y, age) / Σ pop(existing areas of d) × pop(a);
// before it, it has none. An area with its own rows has none before its
// completion year either.
package forecast
