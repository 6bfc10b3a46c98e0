package report_test

import (
	"encoding/json"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

// The HTML report's year summary lists the admitted by route, named by
// Lang.Route: the data carries the route names in the page's language and
// the city's entrants by route each year, which add up to the admitted
// and the unplaced.
func TestHTMLRoutes(t *testing.T) {
	page := renderHTML(t, &report.HTMLOptions{Lang: report.Chinese}, tinyBaseline)
	m := reportDataRE.FindSubmatch(page)
	if m == nil {
		t.Fatal("no report data")
	}
	var data struct {
		Routes    []string `json:"routes"`
		Scenarios []struct {
			Stages []struct {
				City []*struct {
					Adm, Un int
					R       []int `json:"r"`
				} `json:"city"`
			} `json:"stages"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal(m[1], &data); err != nil {
		t.Fatal(err)
	}
	want := []string{"基础学位", "九年一贯直升", "对口直升", "共享学位", "统筹安置", "超额编班", "学位缺口"}
	if len(data.Routes) != len(want) {
		t.Fatalf("routes %v, want %v", data.Routes, want)
	}
	for i := range want {
		if data.Routes[i] != want[i] {
			t.Errorf("route %d: %q, want %q", i, data.Routes[i], want[i])
		}
	}
	for st, s := range data.Scenarios[0].Stages {
		for y, c := range s.City {
			if c == nil {
				continue
			}
			sum := 0
			for _, n := range c.R[:len(c.R)-1] {
				sum += n
			}
			if sum != c.Adm || c.R[len(c.R)-1] != c.Un {
				t.Errorf("stage %d year %d: routes %v add up to %d admitted and %d unplaced, want %d and %d",
					st, y, c.R, sum, c.R[len(c.R)-1], c.Adm, c.Un)
			}
		}
	}
	// Primary 2025 (the printed table): 80 admitted, all to base seats,
	// and 10 unplaced.
	if got := data.Scenarios[0].Stages[0].City[0].R; len(got) != 7 || got[0] != 80 || got[6] != 10 {
		t.Errorf("primary 2025 by route %v, want 80 base and 10 unplaced", got)
	}
}
