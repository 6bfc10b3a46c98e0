package report

import (
	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// htmlView is a view of the page: a stage (index into the page's stages)
// and a year (index from the page's first year).
type htmlView struct {
	Stage int `json:"stage"`
	Year  int `json:"year"`
}

// worstView is the stage and year of r with the most unplaced children
// (the first stage, then the first year, of equal ones); the first stage
// and year when none is short.
func worstView(r *scenarios.Result, stages []engine.Stage, first engine.Year) htmlView {
	var v htmlView
	most := 0
	for i, st := range stages {
		if !r.City.Runs(st) {
			continue
		}
		sr := &r.Stages[st]
		for yi := range sr.Years {
			if u := sr.Years[yi].City.Unplaced; u > most {
				most = u
				v = htmlView{Stage: i, Year: int(sr.Years[yi].Year - first)}
			}
		}
	}
	return v
}
