package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// ForecastSpec says what a forecast's rows cover: the projections of a
// city, one per band, over years and ages.
type ForecastSpec struct {
	Name   string // the scenario's or city's name, in table titles
	City   *engine.City
	Method forecast.Method
	// Projections are one per band of Bands, in the same order: one band,
	// or low, mid and high.
	Projections []*forecast.Projection
	Bands       []forecast.Band
	First, Last engine.Year
	Ages        []int // ascending
	ByGrade     bool  // rows by grade (age − 5) instead of age
}

// Forecast is a forecast's rows: per district (then the city total), year
// and age or grade, year-major within a district.
type Forecast struct {
	ForecastSpec
	Rows []ForecastRow
}

// ForecastRow is one district (or the total), year and age or grade; the
// JSON form of forecast --format json.
type ForecastRow struct {
	District string      `json:"district"`
	Name     string      `json:"name,omitempty"`
	Year     engine.Year `json:"year"`
	Age      *int        `json:"age,omitempty"`
	Grade    *int        `json:"grade,omitempty"`
	// GradeName is the grade's name where it is not its number ("K").
	GradeName  string   `json:"grade_name,omitempty"`
	Children   *float64 `json:"children,omitempty"` // with one band
	Low        *float64 `json:"low,omitempty"`      // with three bands
	Mid        *float64 `json:"mid,omitempty"`
	High       *float64 `json:"high,omitempty"`
	NewHousing float64  `json:"new_housing"`

	// Key is the age, or the grade's name, as the CSV and table write it.
	Key string `json:"-"`
}

// NewForecast works out the rows of s, children rounded to one decimal.
func NewForecast(s ForecastSpec) (*Forecast, error) {
	f := &Forecast{ForecastSpec: s}
	nD := len(s.City.Districts)
	for di := 0; di <= nD; di++ {
		for y := s.First; y <= s.Last; y++ {
			for _, age := range s.Ages {
				row := f.newRow(di, y, age)
				if err := f.fillBands(&row, di, y, age); err != nil {
					return nil, err
				}
				f.Rows = append(f.Rows, row)
			}
		}
	}
	return f, nil
}

// By is the rows' key: "age" or "grade".
func (f *Forecast) By() string {
	if f.ByGrade {
		return "grade"
	}
	return "age"
}

// threeBands reports whether f holds the low, mid and high bands.
func (f *Forecast) threeBands() bool { return len(f.Bands) == 3 }

// newRow is the row of district di (nD: the total), year y and age, with
// its key but no figures.
func (f *Forecast) newRow(di int, y engine.Year, age int) ForecastRow {
	c := f.City
	row := ForecastRow{District: TotalDistrict, Year: y, Key: strconv.Itoa(age)}
	if di < len(c.Districts) {
		row.District, row.Name = c.Districts[di].ID, c.Districts[di].Name
	}
	if !f.ByGrade {
		row.Age = &age
		return row
	}
	g := age - engine.GradeAgeOffset
	row.Grade = &g
	row.Key = c.System.GradeName(g)
	if row.Key != strconv.Itoa(g) {
		row.GradeName = row.Key
	}
	return row
}

// fillBands sets the children of each band, and the new-housing part of
// the mid (or only) band, of district di (nD: the city) in year y at age.
func (f *Forecast) fillBands(row *ForecastRow, di int, y engine.Year, age int) error {
	for k, p := range f.Projections {
		all, housing, err := p.Districts(y, age)
		if err != nil {
			return err
		}
		v, h := districtOrTotal(all, di), districtOrTotal(housing, di)
		v = roundTenth(v)
		switch {
		case len(f.Projections) == 1:
			row.Children = &v
			row.NewHousing = roundTenth(h)
		case f.Bands[k] == forecast.Low:
			row.Low = &v
		case f.Bands[k] == forecast.High:
			row.High = &v
		default:
			row.Mid = &v
			row.NewHousing = roundTenth(h)
		}
	}
	return nil
}

// districtOrTotal is v[di], or the sum of v when di is past its end.
func districtOrTotal(v []float64, di int) float64 {
	if di < len(v) {
		return v[di]
	}
	var sum float64
	for _, x := range v {
		sum += x
	}
	return sum
}

// band is the row's figure in band b of bands.
func (r *ForecastRow) band(b forecast.Band, bands int) *float64 {
	switch {
	case bands == 1:
		return r.Children
	case b == forecast.Low:
		return r.Low
	case b == forecast.High:
		return r.High
	}
	return r.Mid
}

// WriteForecastCSV writes the rows of f as CSV: district, year, age (or
// grade), children (or low, mid, high) and new_housing.
func WriteForecastCSV(w io.Writer, f *Forecast) error {
	cw := csv.NewWriter(w)
	head := []string{"district", "year", f.By(), "children", "new_housing"}
	if f.threeBands() {
		head = []string{"district", "year", f.By(), "low", "mid", "high", "new_housing"}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, r := range f.Rows {
		rec := []string{r.District, itoa(int(r.Year)), r.Key}
		if f.threeBands() {
			rec = append(rec, ftoa(*r.Low, 1), ftoa(*r.Mid, 1), ftoa(*r.High, 1))
		} else {
			rec = append(rec, ftoa(*r.Children, 1))
		}
		rec = append(rec, ftoa(r.NewHousing, 1))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteForecastJSON writes the rows of f as an indented JSON array.
func WriteForecastJSON(w io.Writer, f *Forecast) error {
	return writeJSON(w, f.Rows)
}

// WriteForecastTable prints one block per district (and the total): a row
// per age or grade (three, low, mid and high, with three bands), a column
// per year.
func WriteForecastTable(w io.Writer, f *Forecast) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	years := int(f.Last-f.First) + 1
	for i := 0; i < len(f.Rows); {
		keys := f.keysAt(i)
		f.writeBlock(tw, i, keys, years)
		i += keys * years
	}
	return tw.Flush()
}

// keysAt is the number of ages or grades of the district whose rows start
// at i: the rows of one district come year-major, index (year, key).
func (f *Forecast) keysAt(i int) int {
	r := f.Rows[i]
	keys := 0
	for i+keys < len(f.Rows) && f.Rows[i+keys].District == r.District && f.Rows[i+keys].Year == r.Year {
		keys++
	}
	return keys
}

// writeBlock prints the block of the district whose rows start at i.
func (f *Forecast) writeBlock(tw io.Writer, i, keys, years int) {
	r := f.Rows[i]
	title := r.District
	if r.Name != "" {
		title += " " + r.Name
	}
	what := "children"
	if len(f.Bands) == 1 {
		what += " (" + f.Bands[0].String() + " band)"
	}
	fmt.Fprintf(tw, "%s — %s, %s forecast — %s by %s and year\n", f.Name, title, f.Method, what, f.By())
	fmt.Fprintln(tw, f.tableHead())
	for k := 0; k < keys; k++ {
		for _, b := range f.Bands {
			line := f.Rows[i+k].Key + "\t"
			if f.threeBands() {
				line += b.String() + "\t"
			}
			for yi := 0; yi < years; yi++ {
				line += ftoa(*f.Rows[i+yi*keys+k].band(b, len(f.Bands)), 1) + "\t"
			}
			fmt.Fprintln(tw, line)
		}
	}
	fmt.Fprintln(tw)
}

// tableHead is the header row of a district's block: the key, the band
// (with three bands), then the years.
func (f *Forecast) tableHead() string {
	head := f.By() + "\t"
	if f.threeBands() {
		head += "band\t"
	}
	for y := f.First; y <= f.Last; y++ {
		head += strconv.Itoa(int(y)) + "\t"
	}
	return head
}
