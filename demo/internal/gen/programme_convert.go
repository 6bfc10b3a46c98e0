package gen

import (
	"bytes"
	"fmt"
	"math"
)

// The programme's conversions (改制): in a district short of junior seats in the bulge, a
// primary school whose catchment leaves whole streams empty for good becomes a nine-year
// school a year before the bulge, and its empty rooms teach junior classes.
const (
	// convertYear is the year of the conversions, a year before the bulge; its spare primary
	// streams are counted over the entry years from convertYear−1 (the grade 2 of convertYear).
	convertYear = bulgeFrom - 1
	// conversionStream is the assumed cost of each junior stream a conversion gains, 万元.
	conversionStream = 150
)

// convertPick is a primary school converted to a nine-year school from convertYear.
type convertPick struct {
	School  *school
	Spare   int // the catchment's fewest spare primary entry seats over convertYear−1–LastYear
	Streams int // junior streams gained: the whole spare primary streams, at most nineYearMax
	Before  int // the district's junior entrants without a seat at their nearest school, bulge years
	After   int // the same with the conversion
	junior  *school
}

// convertPick is d's conversion, if any: of the primary-only schools open throughout, neither
// skip (the district's stream reduction, the feeder primaries) nor planned, whose catchment
// leaves at least nineYearMin whole streams empty in every entry year convertYear−1–LastYear,
// the one whose junior stage (as many streams as it has spare, at most nineYearMax) leaves
// the fewest of the district's junior entrants without a seat at their nearest school in the
// bulge years (the first if tied; none if no candidate lowers that count).
func (d *district) convertPick(skip map[*school]bool) (convertPick, bool) {
	st := sizedStages[1]
	best := convertPick{Before: d.bulgeUnplaced(st)}
	best.After = best.Before
	cs := d.catchments(sizedStages[0])
	for i, s := range d.Schools {
		spare, n := d.spareStreams(cs, i)
		if skip[s] || n < nineYearMin {
			continue
		}
		j := &school{ID: s.ID, Name: s.Name, Stage: stageJunior, Streams: min(n, nineYearMax),
			District: d, Town: s.Town, Pt: s.Pt, Opens: convertYear, Planned: true, seq: s.seq}
		d.Schools = append(d.Schools, j)
		after := d.bulgeUnplaced(st)
		d.Schools = d.Schools[:len(d.Schools)-1]
		if after < best.After {
			best = convertPick{School: s, Spare: spare, Streams: j.Streams, Before: best.Before, After: after, junior: j}
		}
	}
	return best, best.School != nil
}

// spareStreams is the fewest spare entry seats of primary school i's catchment (cs) over the
// entry years convertYear−1–LastYear and the whole streams they make; 0 streams for a school
// that is not a primary-only school open throughout.
func (d *district) spareStreams(cs *catchments, i int) (spare, streams int) {
	s := d.Schools[i]
	if s.Stage != stagePrimary || s.Planned || s.Closes != 0 {
		return 0, 0
	}
	v := math.Inf(1)
	for y := convertYear - 1; y <= LastYear; y++ {
		v = min(v, float64(s.seatsFor(cs.st))-cs.demand[y-FirstYear][i])
	}
	spare = int(math.Floor(v))
	return spare, max(0, spare/cs.st.Class)
}

// bulgeUnplaced is d's entrants of stage st without a seat at their nearest school over the
// bulge years, rounded.
func (d *district) bulgeUnplaced(st stageSpec) int {
	cs := d.catchments(st)
	var u float64
	for y := bulgeFrom; y <= bulgeTo; y++ {
		u += cs.unplaced(d, y)
	}
	return iround(u)
}

// convertedJunior reports whether s is the junior stage of a conversion of the programme.
func (c *city) convertedJunior(s *school) bool {
	for _, cv := range c.programme.Converts {
		if cv.junior == s {
			return true
		}
	}
	return false
}

// renderConverts writes the conversions.
func (c *city) renderConverts(b *bytes.Buffer) {
	if len(c.programme.Converts) == 0 {
		return
	}
	fmt.Fprintf(b, "  # convert to nine_year (改制): from %d the school admits junior entrants too, in\n", convertYear)
	fmt.Fprintf(b, "  # junior_streams classes a grade, its own grade 6 first, in the rooms its primary stage\n")
	fmt.Fprintf(b, "  # leaves empty grade by grade (it keeps its primary streams). In each district short of\n")
	fmt.Fprintf(b, "  # junior seats in %d–%d: of the primary schools whose catchment leaves at least %d whole\n", bulgeFrom, bulgeTo, nineYearMin)
	fmt.Fprintf(b, "  # streams empty in every entry year %d–%d, the one whose junior stage (that many streams,\n", convertYear-1, LastYear)
	fmt.Fprintf(b, "  # at most %d) leaves the fewest junior entrants of the district without a seat at their\n", nineYearMax)
	fmt.Fprintf(b, "  # nearest school in %d–%d; the temporary classes above are sized with it open. Decided a\n", bulgeFrom, bulgeTo)
	fmt.Fprintf(b, "  # year ahead (lead_time 1: %d, 中期), priced by conversion_stream. The comment is the\n", convertYear-1)
	fmt.Fprintf(b, "  # school's primary streams, its catchment's fewest spare seats, and the district's junior\n")
	fmt.Fprintf(b, "  # entrants without a seat at their nearest school in %d–%d without and with it.\n", bulgeFrom, bulgeTo)
	for _, cv := range c.programme.Converts {
		fmt.Fprintf(b, "  - convert: {school: %s, to: nine_year, year: %d, junior_streams: %d}   # %s, %d streams, %d spare; %d → %d\n",
			cv.School.ID, convertYear, cv.Streams, cv.School.Name, cv.School.Streams, cv.Spare, cv.Before, cv.After)
		fmt.Fprintf(b, "    lead_time: 1\n")
	}
}
