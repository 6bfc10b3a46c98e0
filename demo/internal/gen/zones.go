package gen

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// Sharing zones (大学区), modelled on Mianyang's: the junior schools of a district are grouped
// into zones of neighbouring schools, and each school's admission plan (streams × class size) is
// split into base seats (基础学位) for its own catchment and shared seats (共享学位) for the
// children of the whole zone still without a seat.
const (
	zoneMin, zoneMax     = 5, 8 // schools per zone
	zoneMean             = 6.5  // aimed-at schools per zone: the number of zones is n / zoneMean, rounded
	sharedMin, sharedMax = 0.10, 0.20
)

// sharingDistricts are the districts whose junior schools are grouped into sharing zones.
var sharingDistricts = []string{"500112", "500106"} // 渝北, 沙坪坝

// zone is one sharing zone.
type zone struct {
	Name     string
	District *district
	Schools  []*school // in the district's school order
	Share    float64   // share of each school's entry seats that is shared
}

// zoned reports whether s belongs in a sharing zone: a junior school (not a nine-year school,
// whose admission plan the engine cannot split per stage) of a sharing district.
func zoned(s *school) bool {
	if s.Stage != stageJunior {
		return false
	}
	for _, code := range sharingDistricts {
		if s.District.Code == code {
			return true
		}
	}
	return false
}

// makeZones groups the junior schools of each sharing district (planned openings included) into
// zones of zoneMin–zoneMax neighbouring schools and splits their entry seats.
//
// The zones are a size-bounded k-means of the schools' positions (on a local metric plane),
// without randomness. The number of zones is n / 6.5, rounded (within what 5–8 allows). The
// first zones come from recursive bisection: the schools are sorted along their principal axis
// and cut in two, with as many zones on each side as its share of the schools allows (every part
// must still split into zones of 5–8), until every part is one zone. Then schools are moved or
// swapped between zones while that lowers the sum of squared distances from the schools to their
// zone's centroid (see refine). Zones are numbered in the order of their first school's id
// (第一, 第二, …) and named after the district: 渝北第一大学区.
//
// Each zone draws its shared share, 10–20%, and every school of the zone gets
// shared_seats = that share × streams × class size, rounded, and base_seats = the rest, so that
// base_seats + shared_seats = streams × class size: the sizing is not changed.
func (c *city) makeZones() error {
	for _, code := range sharingDistricts {
		d := c.byCode[code]
		var members []*school
		for _, s := range d.Schools {
			if zoned(s) {
				members = append(members, s)
			}
		}
		n := len(members)
		lo, hi := (n+zoneMax-1)/zoneMax, n/zoneMin
		if lo > hi || n == 0 {
			return fmt.Errorf("sharing zones of %s: %d junior schools cannot form zones of %d–%d", d.Code, n, zoneMin, zoneMax)
		}
		k := min(hi, max(lo, iround(float64(n)/zoneMean)))

		// a local plane (km) around the schools' mean position
		var lon0, lat0 float64
		for _, s := range members {
			lon0 += s.Pt[0] / float64(n)
			lat0 += s.Pt[1] / float64(n)
		}
		ref := metricWGS(wgs84(orb.Point{lon0, lat0}))
		xy := make([][2]float64, n)
		idx := make([]int, n)
		for i, s := range members {
			w := wgs84(s.Pt)
			xy[i] = [2]float64{(w[0] - ref.lon) * ref.kx, (w[1] - ref.lat) * ref.ky}
			idx[i] = i
		}
		groups := bisect(xy, idx, k)
		refine(xy, groups)
		sort.SliceStable(groups, func(a, b int) bool { return groups[a][0] < groups[b][0] })

		short := strings.TrimSuffix(d.Name, "区")
		for z, g := range groups {
			zn := &zone{Name: short + "第" + cnNumber(z+1) + "大学区", District: d}
			zn.Share = newRNG("sharing", d.Code, strconv.Itoa(z+1)).uniform(sharedMin, sharedMax)
			for _, i := range g {
				s := members[i]
				seats := s.Streams * juniorClass
				s.Zone = zn
				s.SharedSeats = iround(zn.Share * float64(seats))
				s.BaseSeats = seats - s.SharedSeats
				zn.Schools = append(zn.Schools, s)
			}
			c.zones = append(c.zones, zn)
		}
	}
	return nil
}

// bisect splits the points idx (indices into xy) into k groups of zoneMin–zoneMax points: it
// sorts them along their principal axis (ties by index) and cuts them where the share of
// points matches the share of groups on each side, as far as the bounds allow; then it splits
// each side the same way. Each group comes back sorted by index.
func bisect(xy [][2]float64, idx []int, k int) [][]int {
	if k <= 1 {
		g := append([]int(nil), idx...)
		sort.Ints(g)
		return [][]int{g}
	}
	n := len(idx)
	var mx, my float64
	for _, i := range idx {
		mx += xy[i][0] / float64(n)
		my += xy[i][1] / float64(n)
	}
	var sxx, syy, sxy float64
	for _, i := range idx {
		dx, dy := xy[i][0]-mx, xy[i][1]-my
		sxx += dx * dx
		syy += dy * dy
		sxy += dx * dy
	}
	theta := 0.5 * math.Atan2(2*sxy, sxx-syy)
	ux, uy := math.Cos(theta), math.Sin(theta)
	proj := func(i int) float64 { return xy[i][0]*ux + xy[i][1]*uy }
	sorted := append([]int(nil), idx...)
	sort.SliceStable(sorted, func(a, b int) bool {
		pa, pb := proj(sorted[a]), proj(sorted[b])
		if pa != pb {
			return pa < pb
		}
		return sorted[a] < sorted[b]
	})
	k1 := k / 2
	k2 := k - k1
	n1 := iround(float64(n) * float64(k1) / float64(k))
	n1 = max(n1, zoneMin*k1, n-zoneMax*k2)
	n1 = min(n1, zoneMax*k1, n-zoneMin*k2)
	return append(bisect(xy, sorted[:n1], k1), bisect(xy, sorted[n1:], k2)...)
}

// refine improves the zones: in a fixed order, it moves a school to another zone, or swaps two
// schools between zones, whenever that lowers the sum of squared distances from the schools to
// their zone's centroid and keeps every zone within zoneMin–zoneMax schools, until no move or
// swap does. Each group comes back sorted by index.
func refine(xy [][2]float64, groups [][]int) {
	sse := func(g []int) float64 {
		var mx, my float64
		for _, i := range g {
			mx += xy[i][0]
			my += xy[i][1]
		}
		mx /= float64(len(g))
		my /= float64(len(g))
		var v float64
		for _, i := range g {
			dx, dy := xy[i][0]-mx, xy[i][1]-my
			v += dx*dx + dy*dy
		}
		return v
	}
	const eps = 1e-9 // km²: a step must gain more than this
	for improved := true; improved; {
		improved = false
		for a := range groups {
			for b := range groups {
				if a == b {
					continue
				}
				for ia := 0; ia < len(groups[a]); ia++ {
					i := groups[a][ia]
					now := sse(groups[a]) + sse(groups[b])
					if len(groups[a]) > zoneMin && len(groups[b]) < zoneMax {
						na := append(append([]int(nil), groups[a][:ia]...), groups[a][ia+1:]...)
						nb := append(append([]int(nil), groups[b]...), i)
						if sse(na)+sse(nb) < now-eps {
							groups[a], groups[b] = na, nb
							improved = true
							ia--
							continue
						}
					}
					for jb, j := range groups[b] {
						na := append([]int(nil), groups[a]...)
						nb := append([]int(nil), groups[b]...)
						na[ia], nb[jb] = j, i
						if sse(na)+sse(nb) < now-eps {
							groups[a], groups[b] = na, nb
							improved = true
							break
						}
					}
				}
			}
		}
	}
	for _, g := range groups {
		sort.Ints(g)
	}
}

// Seat swap (学位置换) of the seat-swap scenario: a junior school of 渝北 (short of junior
// seats) and one of 江北 (with seats to spare) across their common border.
const (
	swapShort, swapSurplus = "500112", "500105" // 渝北, 江北
	swapYear               = 2027
	swapMaxSeats           = 50 // at most one class
)

type swapPick struct {
	Short, Surplus *school
	Km             float64 // distance between them
	Gap            int     // the short school's largest shortfall, swapYear–LastYear
	Spare          int     // the surplus school's smallest spare seats, swapYear–LastYear
	Seats          int
}

// pickSwap picks the seat swap: of the junior schools of 渝北 open from swapYear on that are
// short of seats for their catchment in some year from swapYear, and those of 江北 open from
// swapYear on with seats to spare in every year from swapYear, the closest pair (the first by
// school order if tied). Each reserves seats = the 江北 school's smallest spare, less a margin of
// 5 for the engine's rounding of entrants, in whole tens, at most one class (swapMaxSeats), for
// the other district.
func (c *city) pickSwap() error {
	st := sizedStages[1]
	ds, dj := c.byCode[swapShort], c.byCode[swapSurplus]
	csS, csJ := ds.catchments(st), dj.catchments(st)
	eligible := func(s *school) bool {
		return s.Stage == stageJunior && s.open(swapYear) && s.Closes == 0
	}
	gap := func(d *district, cs *catchments, i int) (short, spare int) {
		s := d.Schools[i]
		spareF := math.Inf(1)
		var shortF float64
		for y := swapYear; y <= LastYear; y++ {
			v := float64(s.seatsFor(st)) - cs.demand[y-FirstYear][i]
			shortF = max(shortF, -v)
			spareF = min(spareF, v)
		}
		return int(math.Floor(shortF)), int(math.Floor(spareF))
	}
	p := &c.swap
	best := math.Inf(1)
	for i, a := range ds.Schools {
		if !eligible(a) {
			continue
		}
		g, _ := gap(ds, csS, i)
		if g <= 0 {
			continue
		}
		ma := metric(a.Pt)
		for j, b := range dj.Schools {
			if !eligible(b) {
				continue
			}
			_, sp := gap(dj, csJ, j)
			if sp < 15 {
				continue
			}
			if d2 := dist2(ma, metric(b.Pt)); d2 < best {
				best = d2
				*p = swapPick{Short: a, Surplus: b, Km: math.Sqrt(d2), Gap: g, Spare: sp}
			}
		}
	}
	if p.Short == nil {
		return fmt.Errorf("seat swap: no short junior school in %s and junior school with seats to spare in %s", swapShort, swapSurplus)
	}
	p.Seats = min(swapMaxSeats, (p.Spare-5)/10*10)
	return nil
}
