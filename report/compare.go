package report

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// CompareHeader is the header of comparison.csv. The d_ columns are the
// difference to the first scenario (empty on its own rows).
var CompareHeader = []string{"scenario", "stage", "year", "district_name", "district",
	"entrants", "admitted", "unplaced", "entry_seats", "capacity", "enrolled", "utilisation_all_grades", "mean_distance_m",
	"d_unplaced", "d_entry_seats", "d_capacity", "d_utilisation_all_grades", "d_mean_distance_m"}

// compareRows calls emit for each stage, year, district (then the city
// total) and scenario present.
func compareRows(c *scenarios.Comparison, emit func(st engine.Stage, y engine.Year, district, name string, k int, f, delta scenarios.Figures) error) error {
	for st := range c.Stages {
		sc := &c.Stages[st]
		for yi := range sc.Years {
			yc := &sc.Years[yi]
			one := func(district, name string, figs []scenarios.Figures) error {
				for k, f := range figs {
					if !f.Present {
						continue
					}
					var d scenarios.Figures
					if k > 0 {
						d = f.Delta(figs[0])
					}
					if err := emit(sc.Stage, yc.Year, district, name, k, f, d); err != nil {
						return err
					}
				}
				return nil
			}
			for j := range yc.Districts {
				if err := one(c.Districts[j].ID, c.Districts[j].Name, yc.Districts[j]); err != nil {
					return err
				}
			}
			if err := one(TotalDistrict, "", yc.City); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteCompareCSV writes comparison.csv: one row per stage, year, district
// (and the city "total") and scenario; when a scenario walked the roads,
// with the column "distance" (network or straight: what mean_distance_m
// measures).
func WriteCompareCSV(w io.Writer, c *scenarios.Comparison) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	cw := csv.NewWriter(bw)
	if err := cw.Write(compareHeader(c)); err != nil {
		return err
	}
	if err := compareRecords(c, cw.Write); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// compareRecords calls emit with each row of comparison.csv after the
// header.
func compareRecords(c *scenarios.Comparison, emit func([]string) error) error {
	walk := comparisonWalks(c)
	return compareRows(c, func(st engine.Stage, y engine.Year, district, name string, k int, f, d scenarios.Figures) error {
		rec := []string{c.Scenarios[k], st.String(), itoa(int(y)), name, district,
			itoa(f.Entrants), itoa(f.Admitted), itoa(f.Unplaced), itoa(f.EntrySeats), itoa(f.Capacity),
			itoa(f.Enrolled), ftoa(f.Utilisation, 4), ftoa(float64(f.MeanDistance), 0), "", "", "", "", ""}
		if d.Present {
			copy(rec[13:], []string{itoa(d.Unplaced), itoa(d.EntrySeats), itoa(d.Capacity),
				ftoa(d.Utilisation, 4), ftoa(float64(d.MeanDistance), 0)})
		}
		if walk {
			rec = append(rec, c.Distance[k].String())
		}
		return emit(rec)
	})
}

// ComparisonJSON is the JSON form of a comparison (comparison.json).
type ComparisonJSON struct {
	Scenarios  []string                 `json:"scenarios"`
	First      int                      `json:"first_year"`
	Last       int                      `json:"last_year"`
	Districts  []DistrictRef            `json:"districts"`
	Stages     []StageComparisonJSON    `json:"stages"`
	Indicators []ScenarioIndicatorsJSON `json:"indicators"`
	// Distances says, per scenario, what its distances measure (network
	// or straight); only when a scenario walked the roads.
	Distances []string `json:"distances,omitempty"`
}

// DistrictRef names a district.
type DistrictRef struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
}

// StageComparisonJSON is one stage's years.
type StageComparisonJSON struct {
	Stage string               `json:"stage"`
	Years []YearComparisonJSON `json:"years"`
}

// YearComparisonJSON holds, per scenario, the city's figures and each
// district's; null where a scenario has no such year or district.
type YearComparisonJSON struct {
	Year      int                      `json:"year"`
	City      []*FiguresJSON           `json:"city"`
	Districts []DistrictComparisonJSON `json:"districts"`
}

// DistrictComparisonJSON is one district's figures per scenario.
type DistrictComparisonJSON struct {
	ID        string         `json:"id"`
	Scenarios []*FiguresJSON `json:"scenarios"`
}

// FiguresJSON is scenarios.Figures with the difference to the first
// scenario (absent on the first).
type FiguresJSON struct {
	Entrants     int          `json:"entrants"`
	Admitted     int          `json:"admitted"`
	Unplaced     int          `json:"unplaced"`
	EntrySeats   int          `json:"entry_seats"`
	Capacity     int          `json:"capacity"`
	Enrolled     int          `json:"enrolled"`
	Utilisation  float64      `json:"utilisation_all_grades"`
	MeanDistance float64      `json:"mean_distance_m"`
	Delta        *FiguresJSON `json:"delta,omitempty"`
}

func figuresJSON(f scenarios.Figures) *FiguresJSON {
	if !f.Present {
		return nil
	}
	return &FiguresJSON{Entrants: f.Entrants, Admitted: f.Admitted, Unplaced: f.Unplaced, EntrySeats: f.EntrySeats,
		Capacity: f.Capacity, Enrolled: f.Enrolled, Utilisation: round4(f.Utilisation), MeanDistance: round1(float64(f.MeanDistance))}
}

func figuresWithDelta(figs []scenarios.Figures) []*FiguresJSON {
	out := make([]*FiguresJSON, len(figs))
	for k, f := range figs {
		out[k] = figuresJSON(f)
		if k > 0 && out[k] != nil {
			out[k].Delta = figuresJSON(f.Delta(figs[0]))
		}
	}
	return out
}

// NewComparisonJSON builds the JSON form of c.
func NewComparisonJSON(c *scenarios.Comparison, results []*scenarios.Result) *ComparisonJSON {
	out := &ComparisonJSON{Scenarios: c.Scenarios, First: int(c.First), Last: int(c.Last), Distances: compareDistances(c)}
	for _, d := range c.Districts {
		out.Districts = append(out.Districts, DistrictRef{ID: d.ID, Name: d.Name})
	}
	for st := range c.Stages {
		sc := &c.Stages[st]
		if len(sc.Years) == 0 {
			continue // a stage not run
		}
		sj := StageComparisonJSON{Stage: sc.Stage.String()}
		for yi := range sc.Years {
			yc := &sc.Years[yi]
			yj := YearComparisonJSON{Year: int(yc.Year), City: figuresWithDelta(yc.City)}
			for j := range yc.Districts {
				yj.Districts = append(yj.Districts, DistrictComparisonJSON{ID: c.Districts[j].ID, Scenarios: figuresWithDelta(yc.Districts[j])})
			}
			sj.Years = append(sj.Years, yj)
		}
		out.Stages = append(out.Stages, sj)
	}
	for k, ind := range c.Indicators {
		out.Indicators = append(out.Indicators, newScenarioIndicators(c.Scenarios[k], results[k], ind))
	}
	return out
}

// WriteCompareJSON writes the comparison as indented JSON. results are the
// runs compared, in the same order (for district ids and names).
func WriteCompareJSON(w io.Writer, c *scenarios.Comparison, results []*scenarios.Result) error {
	if len(results) != len(c.Scenarios) {
		return fmt.Errorf("report: %d results for a comparison of %d scenarios", len(results), len(c.Scenarios))
	}
	return writeJSON(w, NewComparisonJSON(c, results))
}

// WriteCompareTable is WriteCompareTableLang in English.
func WriteCompareTable(w io.Writer, c *scenarios.Comparison) error {
	return WriteCompareTableLang(w, c, English)
}

// WriteCompareTableLang prints, per stage: unplaced children by year and
// scenario; then entrants, entry seats, unplaced, utilisation of all
// grades and mean distance by year, district (name, then code) and
// scenario, with the difference to the first scenario; then the city's
// indicators by year and scenario. Labels are in lang.
func WriteCompareTableLang(w io.Writer, c *scenarios.Comparison, lang Lang) error {
	tw := newGridWriter(w, 2)
	for st := range c.Stages {
		sc := &c.Stages[st]
		if len(sc.Years) == 0 {
			continue // a stage not run
		}
		writeCompareUnplaced(tw, c, sc, lang)
		fmt.Fprintln(tw)
		if err := writeCompareDistricts(tw, c, sc, lang); err != nil {
			return err
		}
		fmt.Fprintln(tw)
		writeIndicatorTable(tw, c, engine.Stage(st), lang)
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// writeCompareUnplaced prints the city's unplaced children by year and
// scenario, with the difference to the first.
func writeCompareUnplaced(tw io.Writer, c *scenarios.Comparison, sc *scenarios.StageComparison, lang Lang) {
	fmt.Fprintf(tw, lang.Label("compare_unplaced")+"\n", lang.stage(sc.Stage), c.Scenarios[0])
	fmt.Fprint(tw, lang.Label("year"))
	for _, name := range c.Scenarios {
		fmt.Fprintf(tw, "\t%s", name)
	}
	for _, name := range c.Scenarios[1:] {
		fmt.Fprintf(tw, "\tΔ %s", name)
	}
	fmt.Fprintln(tw, "\t")
	for yi := range sc.Years {
		yc := &sc.Years[yi]
		fmt.Fprintf(tw, "%d", yc.Year)
		for _, f := range yc.City {
			fmt.Fprintf(tw, "\t%s", presentInt(f, f.Unplaced))
		}
		for _, f := range yc.City[1:] {
			d := f.Delta(yc.City[0])
			fmt.Fprintf(tw, "\t%s", signedInt(d, d.Unplaced))
		}
		fmt.Fprintln(tw, "\t")
	}
}

// writeCompareDistricts prints the figures by year, district and scenario.
func writeCompareDistricts(tw io.Writer, c *scenarios.Comparison, sc *scenarios.StageComparison, lang Lang) error {
	fmt.Fprintf(tw, lang.Label("compare_districts")+"\n", lang.stage(sc.Stage))
	delta := func(key string) string { return lang.Label("delta") + " " + lang.Label(key) }
	walk := comparisonWalks(c)
	fmt.Fprint(tw, strings.Join(walkLabel([]string{lang.Label("year"), lang.Label("district"), lang.Label("code"), lang.Label("scenario"),
		lang.Label("entrants"), lang.Label("entry_seats"), lang.Label("unplaced"), delta("unplaced"),
		lang.Label("utilisation_all_grades"), delta("utilisation_all_grades"), lang.Label("mean_distance"), delta("mean_distance")}, walk, lang.Label("distance_kind")), "\t")+"\t\n")
	return compareRows(c, func(s engine.Stage, y engine.Year, district, name string, k int, f, d scenarios.Figures) error {
		if s != sc.Stage {
			return nil
		}
		du, dut, dd := "", "", ""
		if d.Present {
			du = signedInt(d, d.Unplaced)
			dut = signedFloat(100*d.Utilisation, 1) + "%"
			dd = signedFloat(float64(d.MeanDistance), 0)
		}
		if district == TotalDistrict {
			name, district = lang.Label("total"), ""
		}
		_, err := fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%d\t%d\t%s\t%.1f%%\t%s\t%.0f\t%s\t%s\n", y, name, district, c.Scenarios[k],
			f.Entrants, f.EntrySeats, f.Unplaced, du, 100*f.Utilisation, dut, float64(f.MeanDistance), dd,
			walkCell(walk, lang.distanceKind(c.Distance, k)))
		return err
	})
}

// WriteCompareHeadlines prints compare's table: each scenario's headline
// (the later ones against the first), then WriteCompareTableLang's
// comparison.
func WriteCompareHeadlines(w io.Writer, results []*scenarios.Result, c *scenarios.Comparison, lang Lang) error {
	for k, r := range results {
		var base *scenarios.Result
		if k > 0 {
			base = results[0]
		}
		if err := WriteHeadline(w, NewHeadline(r, base), lang); err != nil {
			return err
		}
	}
	return WriteCompareTableLang(w, c, lang)
}
