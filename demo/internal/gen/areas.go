package gen

import (
	"fmt"
	"strconv"
)

// Weights of a town's share of the district population before random variation.
const (
	urbanWeight = 3.0 // 街道
	ruralWeight = 1.0 // 镇/乡
)

// placeAreas splits the district's census population over its towns with coordinates (towns
// without coordinates are skipped, so their population goes to the others) and places 3–10
// residential areas around each town centre.
func (c *city) placeAreas(d *district) error {
	r := newRNG("areas", d.Code)
	var towns []*town
	var weights []float64
	for _, t := range d.Towns {
		if !t.HasXY {
			continue
		}
		w := ruralWeight
		if t.Urban {
			w = urbanWeight
		}
		towns = append(towns, t)
		weights = append(weights, w*r.uniform(0.6, 1.4))
	}
	for i, pop := range splitInt(d.Pop, weights) {
		t := towns[i]
		t.Pop = pop
		n := min(10, max(3, 3+iround(float64(pop)/25000)+r.between(-1, 1)))
		sub := make([]float64, n)
		for k := range sub {
			sub[k] = r.uniform(0.5, 1.5)
		}
		maxKm := 1.5
		if !t.Urban {
			maxKm = 2.0
		}
		for k, p := range splitInt(pop, sub) {
			a := &area{
				ID:       fmt.Sprintf("A-%s-%s-%02d", d.Code, t.Code[6:9], k+1),
				Name:     t.Display + "片区" + strconv.Itoa(k+1),
				Pop:      p,
				District: d,
				Town:     t,
			}
			a.Households = iround(float64(p) / 2.6)
			pt, err := c.place(r, d, t.Pt, 0.3, maxKm, "area "+a.ID)
			if err != nil {
				return err
			}
			a.Pt = pt
			t.Areas = append(t.Areas, a)
			d.Areas = append(d.Areas, a)
		}
	}
	return nil
}

// placeHousing adds the new-housing areas of housingPlan: 8,000–25,000 residents each,
// completing 2026–2030, 0.5–2.5 km from the town centre. They come on top of the census
// population.
func (c *city) placeHousing() error {
	for _, h := range housingPlan {
		d, t, err := c.town(h.District, h.Town)
		if err != nil {
			return fmt.Errorf("housing plan: %w", err)
		}
		r := newRNG("housing", t.Code)
		for range h.N {
			k := len(t.Housing) + 1
			a := &area{
				ID:         fmt.Sprintf("A-%s-%s-N%d", d.Code, t.Code[6:9], k),
				Name:       t.Display + "新建住区" + strconv.Itoa(k),
				Pop:        100 * r.between(80, 250),
				Completion: r.between(2026, 2030),
				District:   d,
				Town:       t,
			}
			a.Households = iround(float64(a.Pop) / 2.6)
			if a.Pt, err = c.place(r, d, t.Pt, 0.5, 2.5, "area "+a.ID); err != nil {
				return err
			}
			t.Housing = append(t.Housing, a)
			d.Areas = append(d.Areas, a)
		}
	}
	return nil
}

// housingPop returns the new-housing residents of d whose housing is complete in year y.
func (d *district) housingPop(y int) int {
	n := 0
	for _, a := range d.Areas {
		if a.Completion != 0 && a.Completion <= y {
			n += a.Pop
		}
	}
	return n
}
