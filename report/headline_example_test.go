package report_test

import (
	"context"
	"fmt"
	"os"

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
