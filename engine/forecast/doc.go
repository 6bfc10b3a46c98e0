// Package forecast turns a city's forecast inputs into demand: resident
// children of a single year of age, per residential area, per year. Counts
// are float64 children; years are engine.Year.
//
// New (the city's forecast.csv) and Project (any method, band or
// Monte-Carlo draw, chosen by Options) both answer Children and Check, the
// questions the simulation asks (sim.Demand).
//
// Method "table" (forecast.csv, the default). Area rows are used as they
// are. District rows are spread over the district's existing areas by
// population share:
//
//	children(a, y, age) = district(d, y, age) × pop(a) / Σ pop(existing areas of d)
//
// New housing (areas with a completion_year) is not part of the district
// forecast: from its completion year on it adds children at the district's
// per-resident rate, district(d, y, age) / Σ pop(existing areas of d) × pop(a);
// before it, it has none. An area with its own rows has none before its
// completion year either.
//
// Method "cohort" (population.csv, births.csv, survival.csv). Each
// district's latest census P(·, B) is moved forward a year at a time,
//
//	P(0, y) = births(y) × r(0),   P(a, y) = P(a−1, y−1) × r(a),
//
// so a child of age a in year y born in b = y − a is P(B−b, B) × r(B−b+1) ⋯
// r(a) when counted in the census, else births(b) × r(0) ⋯ r(a). Births
// after the last observed year come from births.csv's forecast rows, else a
// rate (per 1000 women aged 15–49) on its women_15_49, else the mean of the
// last Window observed years × (1 + Trend)^h. The ratios r (survival and net
// migration) come from survival.csv, else two censuses h years apart
// (r(a) = (P₂(a)/P₁(a−h))^(1/h); for cohorts born between them
// (P₂(a)/births)^(1/(a+1))), else enrolment.csv's district grade progression
// (ages 7–14), else 1. The district table is then spread like forecast.csv.
//
// Method "grade_progression" (enrolment.csv, births.csv optional): each
// school's or district's pupils are projected by the cohort-survival method
// over the grades it has (the lowest to the highest grade of its history,
// K = grade 0 included; the school system must hold them, and no other
// grade is projected):
//
//	E(g, y) = E(g−1, y−1) × GPR(g),   GPR(g) = mean over the window's t of E(g, t)/E(g−1, t−1)
//	E(entry, y) = births(y − entry age) × BER,   BER = mean of E(entry, t)/births(t − entry age)
//
// (the entry grade is carried forward as the window's mean without
// births). A unit with no pair of years for a grade takes the pooled ratio
// of its district (or of all units). Pupils of grade g are children of age
// g + 5 of their district, spread like forecast.csv. RunBacktest fits it
// on the years up to a given year and scores the rest against a naive
// last-year-carried-forward baseline.
//
// The robust fit (Options.Progression with a rule other than RatioMean)
// combines the window's (Progression.Window, 8 years) yearly ratios by the
// rule: pooled, GPR(g) = Σ E(g, t) / Σ E(g−1, t−1), median, or trimmed
// mean; BER likewise over births. Shock years (Progression.Exclude) enter
// no ratio. A yearly ratio whose log lies more than
//
//	min(max(4 × 1.4826 × MAD, log 1.2), log 1.5)
//
// from the median of the unit's logged ratios of that grade over the last
// ten years (half a pupil added to both counts; MAD their median absolute
// deviation) and moves five pupils or more is an outlier: left out and
// named (Outlier). A unit with fewer than three years of a ratio is judged
// against the median of its parent's yearly ratios, with the log 1.5 limit. A cell of the fit's last year flagged against its cohort
// and more than 50% off its grade's previous year is replaced by its
// expected value before projecting. A unit's progression ratio is shrunk
// toward its parent's pooled ratio (a school's district when it has two or
// more schools, else all units):
//
//	GPR = (D · GPR_unit + K · GPR_parent) / (D + K),
//
// D the unit's pupils at risk over the window's years used, K =
// Progression.Shrink (60 pupils).
//
// CompareMethods back-tests the classic and robust progressions, the
// cohort method where CompareOptions.City has population.csv (children
// by age projected from what was known at the origin, turned into pupils
// by each grade's enrolment/children ratio at the origin O:
// E(u, g, y) = C(d, g+5, y) × E(u, g, O) / C(d, g+5, O)), a
// least-squares trend of the last five totals, naive, and blend (the mean
// of robust progression and naive) from several origins, choosing per
// origin the method that scored best over the five origins before it
// (MethodChosen), and checks its 80% bands (quantiles of log(actual /
// projected) over the eight latest earlier origins) against the actuals.
// Options.Select makes Project use that choice.
//
// Housing (any method): with Options.Housing, new housing's children are
// yield(age) × residents/1000 (千人指标) or × households, times the phase-in
// share of the years since completion; ages without a yield keep the
// district's per-resident rate, phased in.
//
// Bands and draws. The low and high bands scale births after the last
// observed year by (1 ∓ Spread.Births)^h, every ratio applied by (1 ∓
// Spread.Ratios) and yields by (1 ∓ Spread.Yield); for forecast.csv the
// same factors apply as if it were a cohort projection made the year before
// its first year. Every projection is monotone in these inputs, so low ≤ mid
// ≤ high for every area, year and age. A Monte-Carlo draw (Options.Draw,
// Seed) takes one log-normal births trend error and one yield factor whose
// 95th percentiles are the high band's one-year values.
package forecast
