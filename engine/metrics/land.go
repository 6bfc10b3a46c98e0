package metrics

import (
	"github.com/schoolplan/schoolplan/engine"
)

// AreaStandard is a set's land (生均用地) or floor area (生均建筑面积) per
// pupil, and its schools held to the city's standard (校校达标, see
// engine.Standards).
type AreaStandard struct {
	Field    string  // site_area or floor_area
	Schools  int     // schools with pupils that give the area
	Area     float64 // their area, m²
	Pupils   int     // their pupils over every stage they serve
	PerPupil float64 // Area / Pupils; 0 without pupils
	Checked  int     // schools the standard sets a value for (by kind and classes)
	Meeting  int     // of those, the schools with at least the standard per pupil
	Share    float64 // Meeting / Checked; 0 when none is checked
}

// schoolArea is one school's area of a measure against its standard.
type schoolArea struct {
	given, checked, meets bool
	area                  float64
}

// schoolAreas holds school sc, with pupils and classes (available, over
// every stage it serves), to the standards: its area of each measure and
// whether it meets the per-pupil standard of its kind (that year: kind)
// and classes.
func schoolAreas(sc *engine.School, kind engine.Kind, pupils, classes int, std *engine.Standards) [len(engine.Measures)]schoolArea {
	var out [len(engine.Measures)]schoolArea
	for i, m := range engine.Measures {
		v, ok := sc.Resources[m.Field()]
		if !ok || pupils <= 0 {
			continue
		}
		out[i] = schoolArea{given: true, area: v}
		if per, ok := std.PerPupil(m, kind, classes); ok {
			out[i].checked, out[i].meets = true, v >= per*float64(pupils)
		}
	}
	return out
}

// addAreas adds a school's areas to the set.
func (a *acc) addAreas(areas *[len(engine.Measures)]schoolArea, pupils int) {
	for i, sa := range areas {
		if !sa.given {
			continue
		}
		as := &a.areas[i]
		as.Schools++
		as.Area += sa.area
		as.Pupils += pupils
		if sa.checked {
			as.Checked++
		}
		if sa.meets {
			as.Meeting++
		}
	}
}

// finishAreas is the set's area standards of the measures some school of
// the stage gives (fields), in the order of engine.Measures.
func (a *acc) finishAreas(fields []string) []AreaStandard {
	var out []AreaStandard
	for i, m := range engine.Measures {
		if !contains(fields, m.Field()) {
			continue
		}
		as := a.areas[i]
		as.Field = m.Field()
		if as.Pupils > 0 {
			as.PerPupil = as.Area / float64(as.Pupils)
		}
		if as.Checked > 0 {
			as.Share = float64(as.Meeting) / float64(as.Checked)
		}
		out = append(out, as)
	}
	return out
}

// contains is whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
