package metrics

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/sim"
)

// SetsBy works out the indicators of the schools of stage st open in year
// y grouped by key, as reporting units: e.g. the school's Group (集团化)
// or SharingZone (大学区), with the thresholds of opt (nil: defaults).
// Schools whose key is "" are left out; nil when the run has no such
// year.
//
// A unit has no areas of its own, so its Entrants are the entrants its
// schools admitted (by every route), and WithinRadius those of them
// living within the service radius of the school that admitted them;
// every school figure (enrolment, classes, large schools, the
// coefficients of variation, land and floor area) is as for a district.
func SetsBy(c *engine.City, r *sim.Result, st engine.Stage, y engine.Year, opt *Options, key func(*engine.School) string) map[string]Set {
	yr := r.Stages[st].Year(y)
	if yr == nil {
		return nil
	}
	o := opt.resolve()
	fields := resourceFields(r, st)
	pupils, classes := schoolTotals(r, y)
	accs := map[string]*acc{}
	for j := range yr.Schools {
		row := &yr.Schools[j]
		sc := &r.Schools[row.School]
		k := key(sc)
		if k == "" {
			continue
		}
		if accs[k] == nil {
			accs[k] = newAcc(1 + len(fields))
		}
		kind := r.KindIn(row.School, y)
		f := newSchoolFacts(row, kind, st, pupils[row.School], &o)
		f.areas = schoolAreas(sc, kind, pupils[row.School], classes[row.School], c.Standards)
		accs[k].addSchool(row, sc, &f, fields)
		accs[k].Entrants += row.Admitted
	}
	EachAdmission(c, r.Schools, yr, func(_, school int, d engine.Meters, n int) {
		if a := accs[key(&r.Schools[school])]; a != nil && d <= o.radius[st] {
			a.WithinRadius += n
		}
	})
	out := make(map[string]Set, len(accs))
	for k, a := range accs {
		out[k] = a.finish(fields, o.cvLimit[st])
	}
	return out
}
