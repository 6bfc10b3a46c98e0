package gen

import (
	"testing"

	"github.com/paulmach/orb"
)

// convertDistrict is a district of two areas of 500 residents about 10 km apart, A and B,
// with 200 six-year-olds and 400 twelve-year-olds every year (100 and 200 an area), a
// primary school at each area (primary streams at A and at B) and one junior school of 2
// streams (100 seats) at A. Under nearest catchments the junior school takes both areas and
// leaves 300 entrants a year without a seat: 1200 over the four bulge years.
func convertDistrict(atA, atB int) *district {
	a, b := orb.Point{106.50, 29.50}, orb.Point{106.60, 29.50}
	d := &district{Code: "test", Pop: 1000}
	d.Areas = []*area{{ID: "A", Pt: a, Pop: 500, District: d}, {ID: "B", Pt: b, Pop: 500, District: d}}
	d.Schools = []*school{
		{ID: "P-A", Stage: stagePrimary, Streams: atA, Pt: a, District: d},
		{ID: "P-B", Stage: stagePrimary, Streams: atB, Pt: b, District: d},
		{ID: "J-A", Stage: stageJunior, Streams: 2, Pt: a, District: d},
	}
	for y := range d.Forecast {
		d.Forecast[y][6], d.Forecast[y][12] = 200, 400
	}
	return d
}

func TestConvertPick(t *testing.T) {
	for _, c := range []struct {
		name          string
		atA, atB      int
		skip          string
		want          string // the school converted, "" for none
		spare         int
		streams       int
		before, after int
	}{
		// 5 streams at B: 225 seats for 100 children, 125 spare: 2 whole streams. The junior
		// stage at B takes area B (200 a year for 100 seats): 100 + 100 unplaced a year.
		{"the school away from the junior school", 5, 5, "", "P-B", 125, 2, 1200, 800},
		// At A the junior stage ties with J-A, which wins the tie: nothing gained.
		{"none where it gains nothing", 5, 5, "P-B", "", 0, 0, 1200, 1200},
		// 4 streams: 180 seats, 80 spare: 1 stream, under the nine-year minimum of 2.
		{"too few spare streams", 5, 4, "", "", 0, 0, 1200, 1200},
		// 12 streams: 540 seats, 440 spare: 9 streams, at most 8; 8 streams (400 seats) at B
		// take area B whole, leaving J-A 100 short a year.
		{"at most the nine-year maximum", 5, 12, "", "P-B", 440, 8, 1200, 400},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := convertDistrict(c.atA, c.atB)
			skip := map[*school]bool{}
			for _, s := range d.Schools {
				skip[s] = s.ID == c.skip
			}
			got, ok := d.convertPick(skip)
			id := ""
			if ok {
				id = got.School.ID
			}
			if id != c.want || got.Spare != c.spare || got.Streams != c.streams || got.Before != c.before || got.After != c.after {
				t.Errorf("convertPick = %q, spare %d, %d streams, %d → %d; want %q, spare %d, %d streams, %d → %d",
					id, got.Spare, got.Streams, got.Before, got.After, c.want, c.spare, c.streams, c.before, c.after)
			}
			if len(d.Schools) != 3 {
				t.Errorf("%d schools left in the district, want the 3 it had", len(d.Schools))
			}
		})
	}
}
