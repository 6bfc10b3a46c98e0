package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// A scenario's headline, against the scenario it extends.
func ExampleNewHeadline() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-changes.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	bs, err := s.LoadBase() // tiny-baseline.yaml
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	base, err := scenarios.Run(context.Background(), bs, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	h := report.NewHeadline(r, base)
	fmt.Println(h.Stages[0].Stage, h.Stages[0].PeakYear, h.Stages[0].PeakUnplaced, h.Stages[0].Change.Removed())
	if err := report.WriteHeadline(os.Stdout, h, report.Chinese); err != nil {
		fmt.Println(err)
	}
	// Output:
	// primary 2029 15 37
	// tiny-changes — tiny，2025–2030年
	//   小学：2025–2026、2029–2030年存在学位缺口；峰值为2029年，缺口15个（占87名起始年级新生的17.2%）。
	//     缺口所在区县：West（D1） 2025–2026、2029–2030年，2029年缺口15个。
	//     2029年缺口最大的学校：New West Primary（P3） 15。
	//     与tiny-baseline相比：共减少学位缺口37个（2027年20 → 0；2028年17 → 0）。
	//   初中：2025年存在学位缺口；峰值为2025年，缺口15个（占90名起始年级新生的16.7%）。
	//     缺口所在区县：West（D1） 2025年，2025年缺口15个。
	//     2025年缺口最大的学校：West Junior（J1） 15。
	//     与tiny-baseline相比：共减少学位缺口97个（2026年13 → 0；2027年25 → 0；2028年22 → 0；2029年20 → 0；2030年17 → 0）。
}

// A city in GCJ-02 gets Chinese labels unless its city.yaml says lang: en.
func ExampleDefaultLang() {
	fmt.Println(report.DefaultLang(&engine.City{CRS: geo.GCJ02}))
	fmt.Println(report.DefaultLang(&engine.City{CRS: geo.GCJ02, Lang: "en"}))
	fmt.Println(report.Chinese.Label("unplaced"))
	// Output:
	// zh
	// en
	// 学位缺口
}

// simulate's table: the headline (here against no base), then the table
// by district.
func ExampleWriteHeadlineTable() {
	var buf bytes.Buffer
	if err := report.WriteHeadlineTable(&buf, exampleResult(), nil, report.English); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(buf.String(), "\n")
	fmt.Println(strings.Join(lines[:12], "\n"))
	// Output:
	// tiny-baseline — tiny, 2025–2030
	//   primary: seats short in 2025–2030; peak 20 unplaced in 2027 (20.8% of 96 entrants).
	//     districts short: West (D1) 2025–2030, 20 in 2027.
	//     schools shortest in 2027: West Primary (P1) 20.
	//   junior: seats short in 2025–2030; peak 25 unplaced in 2027 (26.0% of 96 entrants).
	//     districts short: West (D1) 2025–2030, 25 in 2027.
	//     schools shortest in 2027: West Junior (J1) 25.
	//
	// tiny-baseline — primary (tiny), 2025–2030
	//   year  district  code  entrants  entry seats  admitted  unplaced  entry utilisation  utilisation all grades
	//   2025      West    D1        55           45        45        10             100.0%                  100.0%
	//   2025      East    D2        35          135        35         0              25.9%                   53.2%
}

// compare's table: each scenario's headline, the later ones against the
// first, then the comparison.
func ExampleWriteCompareHeadlines() {
	results := []*scenarios.Result{exampleRun(tinyBaseline), exampleRun(tinyChanges)}
	cmp, err := scenarios.Compare(results, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	var buf bytes.Buffer
	if err := report.WriteCompareHeadlines(&buf, results, cmp, report.English); err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(buf.String(), "\n")
	fmt.Println(strings.Join(lines[:20], "\n"))
	// Output:
	// tiny-baseline — tiny, 2025–2030
	//   primary: seats short in 2025–2030; peak 20 unplaced in 2027 (20.8% of 96 entrants).
	//     districts short: West (D1) 2025–2030, 20 in 2027.
	//     schools shortest in 2027: West Primary (P1) 20.
	//   junior: seats short in 2025–2030; peak 25 unplaced in 2027 (26.0% of 96 entrants).
	//     districts short: West (D1) 2025–2030, 25 in 2027.
	//     schools shortest in 2027: West Junior (J1) 25.
	//
	// tiny-changes — tiny, 2025–2030
	//   primary: seats short in 2025–2026, 2029–2030; peak 15 unplaced in 2029 (17.2% of 87 entrants).
	//     districts short: West (D1) 2025–2026, 2029–2030, 15 in 2029.
	//     schools shortest in 2029: New West Primary (P3) 15.
	//     against tiny-baseline: 37 fewer unplaced in all (2027: 20 → 0; 2028: 17 → 0).
	//   junior: seats short in 2025; peak 15 unplaced in 2025 (16.7% of 90 entrants).
	//     districts short: West (D1) 2025, 15 in 2025.
	//     schools shortest in 2025: West Junior (J1) 15.
	//     against tiny-baseline: 97 fewer unplaced in all (2026: 13 → 0; 2027: 25 → 0; 2028: 22 → 0; 2029: 20 → 0; 2030: 17 → 0).
	//
	// primary — unplaced children by year and scenario (Δ: difference to tiny-baseline)
	//   year  tiny-baseline  tiny-changes  Δ tiny-changes
}
