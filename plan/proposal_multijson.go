package plan

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/schoolplan/schoolplan/engine"
)

// The JSON and CSV of a multi-period proposal: the prices, cost, bound and
// gap, each change's years and discounted cost, and the choice of each
// district.

// multiPeriodJSON is MultiPeriod in JSON.
type multiPeriodJSON struct {
	DiscountRate  float64        `json:"discount_rate"`
	LeadTimes     map[string]int `json:"lead_times"`
	TemporaryCost float64        `json:"temporary_classroom_year"`
	ExpandCost    float64        `json:"expansion_stream"`
	MaxTemporary  map[string]int `json:"max_temporary_classrooms"`
	Cost          float64        `json:"discounted_cost"`
	Bound         float64        `json:"bound"`
	Gap           float64        `json:"gap"`
	Districts     []districtJSON `json:"districts"`
}

// districtJSON is a DistrictChoice in JSON.
type districtJSON struct {
	Stage            string  `json:"stage"`
	District         string  `json:"district"`
	Peak             int     `json:"peak_unplaced"`
	PeakYear         int     `json:"peak_year"`
	PeakClasses      int     `json:"peak_classes"`
	From             int     `json:"first_year_short"`
	To               int     `json:"last_year_short"`
	Choice           string  `json:"choice"`
	TemporaryClasses int     `json:"temporary_classes"`
	ClassroomYears   int     `json:"classroom_years"`
	ExpandStreams    int     `json:"streams_added"`
	NewSchools       int     `json:"new_schools"`
	NewStreams       int     `json:"new_school_streams"`
	Cost             float64 `json:"discounted_cost"`
	Temporary        float64 `json:"temporary_only"`
	Permanent        float64 `json:"build_for_peak"`
	Bound            float64 `json:"bound"`
}

// programmeJSON is what a change of a multi-period plan adds in JSON.
type programmeJSON struct {
	To             *int    `json:"to,omitempty"`
	Decided        int     `json:"decided"`
	LeadTime       int     `json:"lead_time"`
	ClassroomYears int     `json:"classroom_years,omitempty"`
	Discounted     float64 `json:"discounted_cost"`
}

// multiJSON is mp in JSON.
func (p *Proposal) multiJSON(mp *MultiPeriod) *multiPeriodJSON {
	out := &multiPeriodJSON{DiscountRate: mp.DiscountRate, TemporaryCost: mp.TemporaryCost, ExpandCost: mp.ExpandCost,
		LeadTimes:    map[string]int{"new_school": mp.Leads.NewSchool, "expand": mp.Leads.Expand, "temporary": mp.Leads.Temporary},
		MaxTemporary: map[string]int{}, Cost: round2(mp.Cost), Bound: round2(mp.Bound), Gap: mp.Gap, Districts: []districtJSON{}}
	for _, st := range p.Stages {
		out.MaxTemporary[st.String()] = mp.MaxTemporary[st]
	}
	for i := range mp.Districts {
		d := &mp.Districts[i]
		out.Districts = append(out.Districts, districtJSON{Stage: d.Stage.String(), District: p.districtID(d.District),
			Peak: d.Peak, PeakYear: int(d.PeakYear), PeakClasses: d.PeakClasses, From: int(d.From), To: int(d.To),
			Choice: d.Choice(), TemporaryClasses: d.TemporaryClasses, ClassroomYears: d.ClassroomYears,
			ExpandStreams: d.ExpandStreams, NewSchools: d.NewSchools, NewStreams: d.NewStreams, Cost: round2(d.Cost),
			Temporary: round2(d.Temporary), Permanent: round2(d.Permanent), Bound: round2(d.Bound)})
	}
	return out
}

// programmeOf is change ch's years and discounted cost in JSON.
func programmeOf(ch *ProposedChange) *programmeJSON {
	pj := &programmeJSON{Decided: int(ch.Year) - ch.LeadTime, LeadTime: ch.LeadTime, ClassroomYears: ch.ClassroomYears,
		Discounted: round2(ch.Discounted)}
	if ch.Temporary {
		to := int(ch.To)
		pj.To = &to
	}
	return pj
}

// round2 rounds a discounted cost to two decimals.
func round2(x float64) float64 {
	v, _ := strconv.ParseFloat(fmtCost2(x), 64)
	return v
}

// districtsCSVHeader is the header row of WriteDistrictsCSV.
var districtsCSVHeader = []string{"stage", "district", "peak_unplaced", "peak_year", "peak_classes", "first_year_short",
	"last_year_short", "choice", "temporary_classes", "classroom_years", "streams_added", "new_schools", "new_school_streams",
	"discounted_cost", "temporary_only", "build_for_peak", "bound"}

// WriteDistrictsCSV writes the choice of a multi-period plan in each
// district short of seats, a row per district and stage: its peak, its
// years short, what the plan does there and the discounted costs that
// decided it (the plan's, temporary classes alone, building for the peak,
// and the district's bound). A single-period proposal writes the header
// only.
func (p *Proposal) WriteDistrictsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(districtsCSVHeader); err != nil {
		return err
	}
	if p.MultiPeriod != nil {
		for i := range p.MultiPeriod.Districts {
			if err := cw.Write(p.districtRecord(&p.MultiPeriod.Districts[i])); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// districtRecord is district choice d as a row of WriteDistrictsCSV.
func (p *Proposal) districtRecord(d *DistrictChoice) []string {
	itoa := strconv.Itoa
	year := func(y engine.Year) string { return itoa(int(y)) }
	return []string{d.Stage.String(), p.districtID(d.District), itoa(d.Peak), year(d.PeakYear), itoa(d.PeakClasses),
		year(d.From), year(d.To), d.Choice(), itoa(d.TemporaryClasses), itoa(d.ClassroomYears), itoa(d.ExpandStreams),
		itoa(d.NewSchools), itoa(d.NewStreams), fmtCost2(d.Cost), fmtCost2(d.Temporary), fmtCost2(d.Permanent), fmtCost2(d.Bound)}
}
