package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/metrics"
	"github.com/schoolplan/schoolplan/scenarios"
)

// cvIndicators are the coefficient-of-variation columns of indicators.csv,
// in order: seats per pupil, then every resource field.
func cvIndicators() []string {
	out := []string{metrics.SeatsPerPupil}
	for _, f := range engine.ResourceFields {
		out = append(out, metrics.ResourceIndicator(f))
	}
	return out
}

// IndicatorsHeader is the header of indicators.csv. Each coefficient of
// variation has its value and a pass column (true/false against the
// 优质均衡 threshold); both are empty when no school gives the resource.
var IndicatorsHeader = func() []string {
	h := []string{"scenario", "stage", "year", "district_name", "district",
		"schools", "enrolled", "capacity", "utilisation_all_grades", "classes_needed", "classes_available",
		"classes", "mean_class_size", "max_class_size", "classes_over_standard", "classes_over_55", "classes_over_65",
		"large_schools", "entrants", "within_radius", "radius_share", "radius_m", "cv_limit"}
	for _, name := range cvIndicators() {
		h = append(h, "cv_"+name, "cv_"+name+"_pass")
	}
	for _, m := range engine.Measures {
		f := m.Field()
		h = append(h, f+"_per_pupil", f+"_schools_checked", f+"_schools_meeting", f+"_share_meeting")
	}
	return h
}()

// areaCells are the land or floor-area columns of s for the measure m:
// area per pupil, the schools the standard checks, those meeting it and
// their share; empty when no school with pupils gives the area, the last
// three also when the standard checks none.
func areaCells(s *metrics.Set, m engine.Measure) []string {
	cells := make([]string, 4)
	for _, a := range s.Areas {
		if a.Field != m.Field() || a.Schools == 0 {
			continue
		}
		cells[0] = ftoa(a.PerPupil, 2)
		if a.Checked > 0 {
			cells[1], cells[2], cells[3] = itoa(a.Checked), itoa(a.Meeting), ftoa(a.Share, 4)
		}
	}
	return cells
}

// Indicators works out the indicators of a run with the thresholds of its
// scenario's policy (default ones where it sets none).
func Indicators(r *scenarios.Result) *metrics.Indicators {
	return r.Indicators(nil)
}

// WriteIndicatorsCSV writes indicators.csv: per scenario, stage, year and
// district, then the city ("total"), the indicators of engine/metrics with the
// thresholds of its scenario (Indicators).
func WriteIndicatorsCSV(w io.Writer, results ...*scenarios.Result) error {
	walk := anyWalks(results)
	return writeCSV(w, distanceHeader(IndicatorsHeader, walk), results, distanceRows(walk, indicatorRows))
}

// indicatorRows calls emit for each stage, year and district of r, then
// the city, with the indicators of engine/metrics (Indicators).
func indicatorRows(r *scenarios.Result, emit func([]string) error) error {
	names := cvIndicators()
	ind := Indicators(r)
	for st := range ind.Stages {
		si := &ind.Stages[st]
		for yi := range si.Years { // none for a stage not run
			y := &si.Years[yi]
			row := func(district, name string, s *metrics.Set) error {
				head := []string{r.Scenario.Name, si.Stage.String(), itoa(int(y.Year)), name, district}
				return emit(append(head, setCells(si, s, names)...))
			}
			for di := range y.Districts {
				d := &r.City.Districts[di]
				if err := row(d.ID, d.Name, &y.Districts[di]); err != nil {
					return err
				}
			}
			if err := row(TotalDistrict, "", &y.City); err != nil {
				return err
			}
		}
	}
	return nil
}

// setCells are the cells of indicators.csv from schools on of the set s
// of stage si; names are the coefficients of variation (cvIndicators).
func setCells(si *metrics.StageIndicators, s *metrics.Set, names []string) []string {
	rec := []string{itoa(s.Schools), itoa(s.Enrolled), itoa(s.Capacity), ftoa(s.Utilisation, 4),
		itoa(s.ClassesNeeded), itoa(s.ClassesAvailable), itoa(s.Classes), ftoa(s.MeanClassSize, 2),
		itoa(s.MaxClassSize), itoa(s.OverStandard), itoa(s.Oversize), itoa(s.HugeClasses),
		itoa(s.LargeSchools), itoa(s.Entrants), itoa(s.WithinRadius), ftoa(s.RadiusShare, 4),
		ftoa(float64(si.ServiceRadius), 0), ftoa(si.CVLimit, 2)}
	for _, n := range names {
		v, pass := "", ""
		for _, cv := range s.CV {
			if cv.Indicator == n {
				v, pass = ftoa(cv.Value, 4), strconv.FormatBool(cv.Pass)
			}
		}
		rec = append(rec, v, pass)
	}
	for _, m := range engine.Measures {
		rec = append(rec, areaCells(s, m)...)
	}
	return rec
}

// ScenarioIndicatorsJSON is one scenario's indicators in JSON.
type ScenarioIndicatorsJSON struct {
	Scenario string                `json:"scenario"`
	Stages   []StageIndicatorsJSON `json:"stages"`
}

// StageIndicatorsJSON is one stage's thresholds and years.
type StageIndicatorsJSON struct {
	Stage             string               `json:"stage"`
	ServiceRadius     float64              `json:"service_radius_m"`
	StandardClassSize int                  `json:"standard_class_size"`
	LargeClass        int                  `json:"large_class"`
	HugeClass         int                  `json:"huge_class"`
	LargeSchool       int                  `json:"large_school"`
	CVLimit           float64              `json:"cv_limit"`
	Years             []YearIndicatorsJSON `json:"years"`
}

// YearIndicatorsJSON is a year's indicators for the city and each
// district, and for each group (集团化) and sharing zone (大学区) when
// schools belong to some (as in indicators_units.csv).
type YearIndicatorsJSON struct {
	Year      int                `json:"year"`
	City      IndicatorSetJSON   `json:"city"`
	Districts []IndicatorSetJSON `json:"districts"`
	Groups    []IndicatorSetJSON `json:"groups,omitempty"`
	Zones     []IndicatorSetJSON `json:"zones,omitempty"`
}

// IndicatorSetJSON mirrors metrics.Set, rounded.
type IndicatorSetJSON struct {
	ID               string   `json:"id,omitempty"`
	Name             string   `json:"name,omitempty"`
	Schools          int      `json:"schools"`
	Enrolled         int      `json:"enrolled"`
	Capacity         int      `json:"capacity"`
	Utilisation      float64  `json:"utilisation_all_grades"`
	ClassesNeeded    int      `json:"classes_needed"`
	ClassesAvailable int      `json:"classes_available"`
	Classes          int      `json:"classes"`
	MeanClassSize    float64  `json:"mean_class_size"`
	MaxClassSize     int      `json:"max_class_size"`
	OverStandard     int      `json:"classes_over_standard"`
	Oversize         int      `json:"classes_over_55"`
	HugeClasses      int      `json:"classes_over_65"`
	LargeSchools     int      `json:"large_schools"`
	Entrants         int      `json:"entrants"`
	WithinRadius     int      `json:"within_radius"`
	RadiusShare      float64  `json:"radius_share"`
	CV               []CVJSON `json:"cv"`
	// Areas is land and floor area per pupil against the building
	// standards (生均用地, 生均建筑面积, 校校达标), for each area some
	// school gives.
	Areas []AreaJSON `json:"areas"`
}

// AreaJSON mirrors metrics.AreaStandard, rounded.
type AreaJSON struct {
	Field    string  `json:"field"`
	Schools  int     `json:"schools"`
	PerPupil float64 `json:"per_pupil"`
	Checked  int     `json:"schools_checked"`
	Meeting  int     `json:"schools_meeting"`
	Share    float64 `json:"share_meeting"`
}

// CVJSON mirrors metrics.CV, rounded.
type CVJSON struct {
	Indicator string  `json:"indicator"`
	Schools   int     `json:"schools"`
	Missing   int     `json:"missing"`
	Mean      float64 `json:"mean"`
	Value     float64 `json:"value"`
	Limit     float64 `json:"limit"`
	Pass      bool    `json:"pass"`
}

func indicatorSetJSON(id, name string, s *metrics.Set) IndicatorSetJSON {
	out := IndicatorSetJSON{ID: id, Name: name, Schools: s.Schools, Enrolled: s.Enrolled, Capacity: s.Capacity,
		Utilisation: round4(s.Utilisation), ClassesNeeded: s.ClassesNeeded, ClassesAvailable: s.ClassesAvailable,
		Classes: s.Classes, MeanClassSize: round2(s.MeanClassSize), MaxClassSize: s.MaxClassSize,
		OverStandard: s.OverStandard, Oversize: s.Oversize, HugeClasses: s.HugeClasses, LargeSchools: s.LargeSchools,
		Entrants: s.Entrants, WithinRadius: s.WithinRadius, RadiusShare: round4(s.RadiusShare), CV: []CVJSON{}}
	for _, cv := range s.CV {
		out.CV = append(out.CV, CVJSON{Indicator: cv.Indicator, Schools: cv.Schools, Missing: cv.Missing,
			Mean: round4(cv.Mean), Value: round4(cv.Value), Limit: cv.Limit, Pass: cv.Pass})
	}
	out.Areas = []AreaJSON{}
	for _, a := range s.Areas {
		if a.Schools > 0 {
			out.Areas = append(out.Areas, AreaJSON{Field: a.Field, Schools: a.Schools, PerPupil: round2(a.PerPupil),
				Checked: a.Checked, Meeting: a.Meeting, Share: round4(a.Share)})
		}
	}
	return out
}

// newScenarioIndicators is run r's indicators ind, named name.
func newScenarioIndicators(name string, r *scenarios.Result, ind *metrics.Indicators) ScenarioIndicatorsJSON {
	c := r.City
	opts := optionsOf(ind)
	out := ScenarioIndicatorsJSON{Scenario: name}
	for st := range ind.Stages {
		si := &ind.Stages[st]
		if !c.Runs(si.Stage) {
			continue
		}
		sj := StageIndicatorsJSON{Stage: si.Stage.String(), ServiceRadius: float64(si.ServiceRadius),
			StandardClassSize: si.StandardClassSize, LargeClass: si.LargeClass, HugeClass: si.HugeClass,
			LargeSchool: si.LargeSchool, CVLimit: si.CVLimit}
		for yi := range si.Years {
			y := &si.Years[yi]
			yj := YearIndicatorsJSON{Year: int(y.Year), City: indicatorSetJSON("", "", &y.City)}
			for di := range y.Districts {
				d := &c.Districts[di]
				yj.Districts = append(yj.Districts, indicatorSetJSON(d.ID, d.Name, &y.Districts[di]))
			}
			yj.Groups, yj.Zones = unitSetsJSON(r, si.Stage, y.Year, opts)
			sj.Years = append(sj.Years, yj)
		}
		out.Stages = append(out.Stages, sj)
	}
	return out
}

// optionsOf are the thresholds ind was worked out with, for the
// indicators of its units.
func optionsOf(ind *metrics.Indicators) *metrics.Options {
	var o metrics.Options
	for st := range ind.Stages {
		si := &ind.Stages[st]
		o.ServiceRadius[st], o.StandardClassSize[st] = si.ServiceRadius, si.StandardClassSize
		o.LargeSchool[st], o.CVLimit[st] = si.LargeSchool, si.CVLimit
		o.LargeClass[st], o.HugeClass[st] = si.LargeClass, si.HugeClass
	}
	return &o
}

// unitSetsJSON are the indicators of the groups and the sharing zones of
// stage st in year y under opts, each in name order; nil when no school
// belongs to one.
func unitSetsJSON(r *scenarios.Result, st engine.Stage, y engine.Year, opts *metrics.Options) (groups, zones []IndicatorSetJSON) {
	if !AnyUnits(r) {
		return nil, nil
	}
	for _, u := range unitKinds {
		sets := metrics.SetsBy(r.City, r.Result, st, y, opts, u.key)
		var out []IndicatorSetJSON
		for _, id := range slices.Sorted(maps.Keys(sets)) {
			s := sets[id]
			out = append(out, indicatorSetJSON(id, "", &s))
		}
		if u.kind == UnitGroup {
			groups = out
		} else {
			zones = out
		}
	}
	return groups, zones
}

// WriteIndicatorsJSON writes each run's indicators as an indented JSON
// array.
func WriteIndicatorsJSON(w io.Writer, results ...*scenarios.Result) error {
	out := make([]ScenarioIndicatorsJSON, 0, len(results))
	for _, r := range results {
		out = append(out, newScenarioIndicators(r.Scenario.Name, r, Indicators(r)))
	}
	return writeJSON(w, out)
}

// writeIndicatorTable prints the city's indicators of one stage by year and
// scenario.
func writeIndicatorTable(tw io.Writer, c *scenarios.Comparison, st engine.Stage, lang Lang) {
	if len(c.Indicators) == 0 {
		return
	}
	si0 := &c.Indicators[0].Stages[st]
	fmt.Fprintf(tw, lang.Label("indicators_title")+"\n",
		lang.stage(st), si0.StandardClassSize, si0.LargeClass, si0.HugeClass, si0.LargeSchool, float64(si0.ServiceRadius), si0.CVLimit)
	shown := shownCVs(c, st)
	fmt.Fprint(tw, strings.TrimSuffix(tableHeader(lang, "year", "scenario", "utilisation_all_grades", "ind_classes_needed",
		"ind_available", "ind_mean_class", "ind_max_class", "ind_over_std", "ind_over_55", "ind_over_65",
		"ind_large_schools", "ind_within_radius"), "\t\n"))
	for _, n := range shown {
		fmt.Fprintf(tw, "\t%s", cvLabel(lang, n))
	}
	walk := comparisonWalks(c)
	fmt.Fprintln(tw, "\t"+walkCell(walk, lang.Label("distance_kind")))
	for y := c.First; y <= c.Last; y++ {
		for k, ind := range c.Indicators {
			if s := cityIndicators(&ind.Stages[st], y); s != nil {
				writeIndicatorRow(tw, y, c.Scenarios[k], s, shown, walkCell(walk, lang.distanceKind(c.Distance, k)))
			}
		}
	}
}

// shownCVs are the coefficients of variation some scenario has in stage
// st, in cvIndicators' order.
func shownCVs(c *scenarios.Comparison, st engine.Stage) []string {
	var shown []string
	for _, n := range cvIndicators() {
		for _, ind := range c.Indicators {
			if len(ind.Stages[st].Years) > 0 && hasCV(&ind.Stages[st].Years[0].City, n) {
				shown = append(shown, n)
				break
			}
		}
	}
	return shown
}

// cityIndicators are the city's indicators of year y, or nil when the
// scenario does not run that year.
func cityIndicators(si *metrics.StageIndicators, y engine.Year) *metrics.Set {
	var s *metrics.Set
	for yi := range si.Years {
		if si.Years[yi].Year == y {
			s = &si.Years[yi].City
		}
	}
	return s
}

// writeIndicatorRow prints one year's indicators of scenario name, then
// its shown coefficients of variation with ✓ (within the limit) or ✗,
// then last (a tab-ended cell, or "").
func writeIndicatorRow(tw io.Writer, y engine.Year, name string, s *metrics.Set, shown []string, last string) {
	fmt.Fprintf(tw, "%d\t%s\t%.1f%%\t%d\t%d\t%.1f\t%d\t%d\t%d\t%d\t%d\t%.1f%%", y, name,
		100*s.Utilisation, s.ClassesNeeded, s.ClassesAvailable, s.MeanClassSize, s.MaxClassSize,
		s.OverStandard, s.Oversize, s.HugeClasses, s.LargeSchools, 100*s.RadiusShare)
	for _, n := range shown {
		fmt.Fprintf(tw, "\t%s", cvCell(s, n))
	}
	fmt.Fprintln(tw, "\t"+last)
}

// cvCell is the coefficient of variation n of s with its mark, or "–".
func cvCell(s *metrics.Set, n string) string {
	cell := "–"
	for _, cv := range s.CV {
		if cv.Indicator == n {
			mark := "✗"
			if cv.Pass {
				mark = "✓"
			}
			cell = fmt.Sprintf("%.3f %s", cv.Value, mark)
		}
	}
	return cell
}

func hasCV(s *metrics.Set, name string) bool {
	for _, cv := range s.CV {
		if cv.Indicator == name {
			return true
		}
	}
	return false
}

// cvLabel is the column title of the coefficient of variation of
// indicator n: "CV seats per pupil", "差异系数 生均学位".
func cvLabel(lang Lang, n string) string {
	if l := lang.Label("cv_" + n); l != "cv_"+n {
		return l
	}
	return "CV " + strings.ReplaceAll(n, "_", " ")
}
