package engine

// Forecast holds forecast.csv: resident children by single year of age, per
// year, either per area or per district. Tables cover the years
// FirstYear..LastYear and ages 0..MaxAge; a cell not given in the file is
// absent (Has false), never zero by default.
type Forecast struct {
	FirstYear, LastYear Year
	MaxAge              int

	// ByDistrict and ByArea map a district or area index to its table.
	ByDistrict map[int]*AgeTable
	ByArea     map[int]*AgeTable
}

// AgeTable is a dense year × age table of children.
type AgeTable struct {
	Count []float64 // index (year-FirstYear)*(MaxAge+1) + age
	Has   []bool
}

// Years is the number of years a table of f covers.
func (f *Forecast) Years() int { return int(f.LastYear-f.FirstYear) + 1 }

// Index returns the cell of (year, age) in a table of f, or -1 when outside.
func (f *Forecast) Index(y Year, age int) int {
	if y < f.FirstYear || y > f.LastYear || age < 0 || age > f.MaxAge {
		return -1
	}
	return int(y-f.FirstYear)*(f.MaxAge+1) + age
}

// Lookup returns the count of a table at (year, age) and whether it was given.
func (f *Forecast) Lookup(t *AgeTable, y Year, age int) (float64, bool) {
	i := f.Index(y, age)
	if t == nil || i < 0 || !t.Has[i] {
		return 0, false
	}
	return t.Count[i], true
}
