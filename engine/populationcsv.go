package engine

import (
	"fmt"
	"io"
	"io/fs"
	"slices"
	"sort"
)

// PopulationFile is the optional base population of the cohort forecast.
const PopulationFile = "population.csv"

// Population is population.csv: residents by district, census year and
// single year of age — the base of the cohort projection. Five-year (or any)
// age groups are split evenly over their single ages on reading. Every
// district-year given covers the ages 0..its highest age exactly once.
type Population struct {
	Years []Year // census years, ascending
	// ByDistrict maps a district id to its counts by census year (same
	// order as Years; nil when the district has no rows that year), each
	// indexed by single year of age.
	ByDistrict map[string][][]float64
}

// Ages returns district's residents by single age in census year y, or nil.
func (p *Population) Ages(district string, y Year) []float64 {
	if p == nil {
		return nil
	}
	k, ok := slices.BinarySearch(p.Years, y)
	if !ok {
		return nil
	}
	rows := p.ByDistrict[district]
	if rows == nil {
		return nil
	}
	return rows[k]
}

// ReadPopulationCSV reads population.csv from fsys.
func ReadPopulationCSV(fsys fs.FS, file, name string, c *City) (*Population, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, &RowError{File: name, Line: 0, Err: err}
	}
	defer f.Close()
	return DecodePopulationCSV(f, name, c)
}

// populationHeader is the header population.csv may have.
var populationHeader = csvHeader{
	allowed:  []string{"district", "year", "age", "age_from", "age_to", "count"},
	required: []string{"district", "year", "count"},
}

// DecodePopulationCSV reads population.csv in long form: columns district,
// year, count and either age (a single year of age) or age_from and age_to
// (an age group, both included, split evenly over its ages); a file may have
// both forms, one per row. Ages are 0–120. District ids must name districts
// of c (any id when c is nil). name is used in errors.
func DecodePopulationCSV(r io.Reader, name string, c *City) (*Population, error) {
	f, err := newCSVReader(r, name, populationHeader)
	if err != nil {
		return nil, err
	}
	if err := checkAgeColumns(f); err != nil {
		return nil, err
	}
	spans, keys := readPopulationRows(f, newDistrictIDs(c))
	if err := f.err(); err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, f.noRows("population")
	}
	p := &Population{Years: populationYears(keys), ByDistrict: map[string][][]float64{}}
	for _, k := range keys {
		if ages, ok := singleAges(f, k, spans[k]); ok {
			p.set(k, ages)
		}
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	return p, nil
}

// populationKey is a district and census year of population.csv.
type populationKey struct {
	district string
	year     Year
}

// ageSpan is one row of population.csv: count residents aged from..to.
type ageSpan struct {
	from, to, line int
	count          float64
}

// checkAgeColumns checks that the header gives ages: an age column, or
// age_from and age_to.
func checkAgeColumns(f *csvReader) error {
	if !f.has("age") && !(f.has("age_from") && f.has("age_to")) {
		return f.headerError("age", ErrMissing, "need an age column, or age_from and age_to")
	}
	if f.has("age_from") != f.has("age_to") {
		return f.headerError("age_to", ErrMissing, "age_from and age_to go together")
	}
	return nil
}

// readPopulationRows reads the rows of population.csv, recording each bad
// one: the age spans of each district-year, and the district-years in order
// of first appearance.
func readPopulationRows(f *csvReader, ids districtIDs) (map[populationKey][]ageSpan, []populationKey) {
	spans := map[populationKey][]ageSpan{}
	var keys []populationKey
	for f.next() {
		k, s, ok := readPopulationRow(f, ids)
		if !ok {
			continue
		}
		if spans[k] == nil {
			keys = append(keys, k)
		}
		spans[k] = append(spans[k], s)
	}
	return spans, keys
}

// readPopulationRow reads the current row: its district, year, ages and
// count.
func readPopulationRow(f *csvReader, ids districtIDs) (populationKey, ageSpan, bool) {
	var k populationKey
	s := ageSpan{line: f.line}
	var ok bool
	if k.district, ok = f.district("district", ids); !ok {
		return k, s, false
	}
	if k.year, ok = f.year("year"); !ok {
		return k, s, false
	}
	if s.from, s.to, ok = rowAges(f); !ok {
		return k, s, false
	}
	s.count, ok = f.count("count")
	return k, s, ok
}

// rowAges reads the current row's ages: a single age, or an age group.
func rowAges(f *csvReader) (from, to int, ok bool) {
	age, af, at := f.get("age"), f.get("age_from"), f.get("age_to")
	switch {
	case age != "" && (af != "" || at != ""):
		f.failf("age", ErrInvalid, "give age or age_from and age_to, not both")
	case age != "":
		from, ok = f.intIn("age", 0, 120, "a whole age")
		return from, from, ok
	case af != "" && at != "":
		return ageGroup(f)
	default:
		field := "age"
		if !f.has("age") {
			field = "age_from"
		}
		f.failf(field, ErrMissing, "empty")
	}
	return 0, 0, false
}

// ageGroup reads the current row's age_from and age_to.
func ageGroup(f *csvReader) (from, to int, ok bool) {
	if from, ok = f.intIn("age_from", 0, 120, "a whole age"); !ok {
		return 0, 0, false
	}
	if to, ok = f.intIn("age_to", 0, 120, "a whole age"); !ok {
		return 0, 0, false
	}
	if to < from {
		f.failf("age_to", ErrInvalid, "%d is below age_from %d", to, from)
		return 0, 0, false
	}
	return from, to, true
}

// populationYears lists the census years of keys, ascending.
func populationYears(keys []populationKey) []Year {
	var years []Year
	for _, k := range keys {
		if !slices.Contains(years, k.year) {
			years = append(years, k.year)
		}
	}
	slices.Sort(years)
	return years
}

// singleAges spreads the spans of district-year k evenly over their single
// ages. The spans must cover the ages 0..the highest exactly once; the
// first that does not is recorded.
func singleAges(f *csvReader, k populationKey, ss []ageSpan) ([]float64, bool) {
	sort.SliceStable(ss, func(i, j int) bool { return ss[i].from < ss[j].from })
	next := 0
	for _, s := range ss {
		if s.from != next {
			what := "overlaps the ages before it"
			if s.from > next {
				what = fmt.Sprintf("leaves ages %d–%d without a row", next, s.from-1)
			}
			f.fail(s.line, "age", fmt.Errorf("%w: district %q year %d: ages %d–%d %s (each district-year must cover ages 0 to its highest age exactly once)", ErrInvalid, k.district, k.year, s.from, s.to, what))
			return nil, false
		}
		next = s.to + 1
	}
	ages := make([]float64, next)
	for _, s := range ss {
		per := s.count / float64(s.to-s.from+1)
		for a := s.from; a <= s.to; a++ {
			ages[a] = per
		}
	}
	return ages, true
}

// set stores the single-age counts of district-year k.
func (p *Population) set(k populationKey, ages []float64) {
	rows := p.ByDistrict[k.district]
	if rows == nil {
		rows = make([][]float64, len(p.Years))
		p.ByDistrict[k.district] = rows
	}
	yk, _ := slices.BinarySearch(p.Years, k.year)
	rows[yk] = ages
}
