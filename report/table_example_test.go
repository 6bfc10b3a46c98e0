package report_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

// The printed table in Chinese: district names before codes, the entry
// grade's utilisation beside that of all grades.
func ExampleWriteTableLang() {
	s, err := scenarios.Load("../testdata/scenarios/tiny-baseline.yaml")
	if err != nil {
		log.Fatal(err)
	}
	r, err := scenarios.Run(context.Background(), s, nil)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.WriteTableLang(&buf, report.Chinese, r); err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	fmt.Println(strings.Join(lines[:5], "\n"))
	// Output:
	// tiny-baseline — 小学（tiny），2025–2030年
	//   年份  区县  代码  起始年级新生  起始年级学位  已入学  学位缺口  起始年级利用率  全学段利用率
	//   2025  West    D1            55            45      45        10          100.0%        100.0%
	//   2025  East    D2            35           135      35         0           25.9%         53.2%
	//   2025  合计                  90           180      80        10           44.4%         64.9%
}

// A base map's datum, as --tiles-crs takes it.
func ExampleParseTilesCRS() {
	for _, s := range []string{"wgs84", "gcj02", "bd09"} {
		c, err := report.ParseTilesCRS(s)
		fmt.Println(c, err)
	}
	// Output:
	// wgs84 <nil>
	// gcj02 <nil>
	// wgs84 tile coordinate system "bd09": want wgs84 or gcj02
}

// Each admission route's name, in Chinese: admissions.csv writes the codes.
func ExampleLang_Route() {
	for r := admit.RouteBase; r < admit.NumRoutes; r++ {
		fmt.Println(r, report.Chinese.Route(r))
	}
	// Output:
	// base 基础学位
	// nine_year 九年一贯直升
	// feeder 对口直升
	// shared 共享学位
	// placed 统筹安置
	// oversize 超额编班
	// unplaced 学位缺口
}
