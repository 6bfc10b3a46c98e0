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

// DecodePopulationCSV reads population.csv in long form: columns district,
// year, count and either age (a single year of age) or age_from and age_to
// (an age group, both included, split evenly over its ages); a file may have
// both forms, one per row. Ages are 0–120. District ids must name districts
// of c (any id when c is nil). name is used in errors.
func DecodePopulationCSV(r io.Reader, name string, c *City) (*Population, error) {
	f, err := newCSVRows(r, name, []string{"district", "year", "age", "age_from", "age_to", "count"}, []string{"district", "year", "count"})
	if err != nil {
		return nil, err
	}
	single, group := f.has("age"), f.has("age_from") && f.has("age_to")
	if !single && !group {
		return nil, &RowError{File: name, Line: 1, Field: "age", Err: fmt.Errorf("%w: need an age column, or age_from and age_to", ErrMissing)}
	}
	if f.has("age_from") != f.has("age_to") {
		return nil, &RowError{File: name, Line: 1, Field: "age_to", Err: fmt.Errorf("%w: age_from and age_to go together", ErrMissing)}
	}
	ids := newDistrictIDs(c)
	type key struct {
		district string
		year     Year
	}
	type span struct {
		from, to, line int
		count          float64
	}
	spans := map[key][]span{}
	var keys []key
	for f.next() {
		did := f.get("district")
		if did == "" {
			f.failf("district", ErrMissing, "empty")
			continue
		}
		if !ids.check(did) {
			f.fail(f.line, "district", fmt.Errorf("%q: %w in the districts layer", did, ErrUnknownID))
			continue
		}
		y, ok := f.year("year")
		if !ok {
			continue
		}
		var from, to int
		age, af, at := f.get("age"), f.get("age_from"), f.get("age_to")
		switch {
		case age != "" && (af != "" || at != ""):
			f.failf("age", ErrInvalid, "give age or age_from and age_to, not both")
			continue
		case age != "":
			if from, ok = f.intIn("age", 0, 120, "a whole age"); !ok {
				continue
			}
			to = from
		case af != "" && at != "":
			if from, ok = f.intIn("age_from", 0, 120, "a whole age"); !ok {
				continue
			}
			if to, ok = f.intIn("age_to", 0, 120, "a whole age"); !ok {
				continue
			}
			if to < from {
				f.failf("age_to", ErrInvalid, "%d is below age_from %d", to, from)
				continue
			}
		default:
			field := "age"
			if !single {
				field = "age_from"
			}
			f.failf(field, ErrMissing, "empty")
			continue
		}
		n, ok := f.count("count")
		if !ok {
			continue
		}
		k := key{did, y}
		if spans[k] == nil {
			keys = append(keys, k)
		}
		spans[k] = append(spans[k], span{from, to, f.line, n})
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, &RowError{File: name, Line: 2, Err: fmt.Errorf("%w: no population rows", ErrMissing)}
	}
	p := &Population{ByDistrict: map[string][][]float64{}}
	for _, k := range keys {
		if !slices.Contains(p.Years, k.year) {
			p.Years = append(p.Years, k.year)
		}
	}
	slices.Sort(p.Years)
	for _, k := range keys {
		ss := spans[k]
		sort.SliceStable(ss, func(i, j int) bool { return ss[i].from < ss[j].from })
		next := 0
		ok := true
		for _, s := range ss {
			if s.from != next {
				what := "overlaps the ages before it"
				if s.from > next {
					what = fmt.Sprintf("leaves ages %d–%d without a row", next, s.from-1)
				}
				f.fail(s.line, "age", fmt.Errorf("%w: district %q year %d: ages %d–%d %s (each district-year must cover ages 0 to its highest age exactly once)", ErrInvalid, k.district, k.year, s.from, s.to, what))
				ok = false
				break
			}
			next = s.to + 1
		}
		if !ok {
			continue
		}
		ages := make([]float64, next)
		for _, s := range ss {
			per := s.count / float64(s.to-s.from+1)
			for a := s.from; a <= s.to; a++ {
				ages[a] = per
			}
		}
		rows := p.ByDistrict[k.district]
		if rows == nil {
			rows = make([][]float64, len(p.Years))
			p.ByDistrict[k.district] = rows
		}
		yk, _ := slices.BinarySearch(p.Years, k.year)
		rows[yk] = ages
	}
	if err := f.err(); err != nil {
		return nil, err
	}
	return p, nil
}
