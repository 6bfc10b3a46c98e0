// Package synth generates synthetic cities of any size for benchmarks and
// load tests, deterministically from a seed.
//
// A synthetic city is laid out on the local metric plane (metres east and
// north of the city centre) and has:
//
//   - a square bound of side 40 km × √(areas/100,000) (about 12.6 km for
//     10k areas, 40 km for 100k, 126 km for 1M), so that the density of
//     areas is the same at every size;
//   - districts that partition the bound exactly: rows of districts whose
//     borders are smooth wiggly polylines (about 64 vertices per side, so a
//     district ring has some 250 vertices), smaller near the centre and
//     larger at the edge, as in a real city;
//   - residential areas as points, clustered like a real city: a dense core,
//     five to eight satellite centres (Gaussian clusters of varying spread)
//     and a thin uniform background; populations are lognormal, clamped to
//     200–5000 residents, somewhat larger in the core;
//   - a few new-housing areas with a completion year after the first year,
//     placed around the satellite centres;
//   - schools, about 60% primary, 35% junior and 5% nine-year, each district
//     getting schools in proportion to its population (at least one of each
//     stage when it has two or more), placed at population-weighted random
//     areas with a few hundred metres of jitter; streams are sized against
//     the first year's entrants of the areas nearest to each school, times a
//     per-district supply factor of 0.8–1.2 (so some districts are short of
//     seats and others have a surplus) and a per-school factor of 0.85–1.15;
//   - a district-level forecast for years First..Last and ages 0..15:
//     children of age a in year y = 1% of the district's existing population
//     × the national birth trend of birth year y−a (China's registered
//     births relative to 2016, rounded NBS figures: 1.00 in 2016 falling to
//     about 0.5 from 2023; 0.93 before 2016; −2% a year after 2024)
//     × a district factor of 0.85–1.15 × a district migration drift of ±2% a
//     year, rounded to whole children.
//
// With the default density each school serves about 200 areas of some
// thousand residents, so schools have tens of streams: a synthetic city is a
// load test, not a realistic city. Give more Schools for realistic sizes.
//
// City returns the city in memory, its Projection centred within metres of
// Options.Origin so that City.FromPlane works; WriteFolder writes the same
// city as a city folder of the data contract (WGS84 lon/lat with 7
// decimals, about 1 cm), which engine.LoadCity reads back to the same
// coordinates bit for bit (see plane.go for how). Every random choice comes
// from its own PCG stream of the seed, and files are written in a fixed
// format, so the same Options give the same city and byte-identical files
// (on one platform: floating-point results may differ across
// architectures).
package synth
