package report_test

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
	"github.com/schoolplan/schoolplan/scenarios"
)

var (
	costsSectionRE = regexp.MustCompile(`(?s)<section id="costs">.*?</section>`)
	rowRE          = regexp.MustCompile(`(?s)<tr[^>]*>(.*?)</tr>`)
	cellRE         = regexp.MustCompile(`(?s)<t[dh]([^>]*)>(.*?)</t[dh]>`)
)

// costRows are the rows of the page's costs section, each row's cells
// joined by "|", a cell of class unknown or fail marked with a "!".
func costRows(page []byte) []string {
	sec := costsSectionRE.Find(page)
	var out []string
	for _, m := range rowRE.FindAllSubmatch(sec, -1) {
		var cells []string
		for _, c := range cellRE.FindAllSubmatch(m[1], -1) {
			mark := ""
			if bytes.Contains(c[1], []byte("unknown")) || bytes.Contains(c[1], []byte("fail")) {
				mark = "!"
			}
			cells = append(cells, mark+html.UnescapeString(string(c[2])))
		}
		out = append(out, strings.Join(cells, "|"))
	}
	return out
}

// The HTML report's costs section: only with a programme; the rows are
// costs.csv's (ExampleWriteCostsCSV: the new school, 近期, 8600 for 270
// seats all used in 2030; J1's stream and P1's closure, 中期, 1200 for
// 120 seats, 59 used), then each change. Without a cost table the new
// school's cost is unknown: its cell and every cost per seat of its phase
// and of the total say so, and the phase's cost is the priced part plus
// unknown, never 0.
func TestHTMLCosts(t *testing.T) {
	noTable := func(rs []*scenarios.Result) {
		sc := *rs[len(rs)-1].Scenario
		sc.Costs = nil
		rs[len(rs)-1].Scenario = &sc
	}
	tests := []struct {
		name   string
		files  []string
		lang   report.Lang
		change func([]*scenarios.Result)
		want   []string // rows, in order, of the section
		text   []string
	}{
		{name: "no programme", files: []string{tinyBaseline, tinyChanges}, lang: report.English},
		{name: "programme in English", files: []string{tinyBaseline, costsScenario}, lang: report.English,
			want: []string{
				"phase|years|changes|unpriced|cost|entry seats added|seats added|cost per entry seat|cost per seat|new seats used",
				"近期|2021–2025|1|0|8,600|45|270|191.11|31.85|270 (100.0%)",
				"中期|2026–2030|2|0|1,200|40|120|30.00|10.00|59 (49.2%)",
				"total|–|3|0|9,800|85|390|115.29|25.13|329 (84.4%)",
				"#|change|School|decided|takes effect|lead time (years)|phase|cost|cost from|entry seats added|seats added|new seats used",
				"1|new school|New West Primary (P3)|2025|2027|2|近期|8,600|cost table|45|270|270",
				"2|expansion|West Junior (J1)|2026|2026|0|中期|1,200|given|40|120|59",
				"3|closure|West Primary (P1)|2029|2029|0|中期|0|given|0|0|0",
			},
			text: []string{"<h2>Costs by phase</h2>", `<h3 class="scenario">tiny-programme</h3>`,
				"329 of the 390 permanent seats the changes add are used in 2030 (84.4%)."}},
		{name: "an unknown cost in Chinese", files: []string{costsScenario}, lang: report.Chinese, change: noTable,
			want: []string{
				"分期|年限|项目数|未估价项目|投资|新增起始年级学位|新增学位|每起始年级学位投资|每学位投资|新增学位在用",
				"近期|2021–2025|1|!1|!未知|45|270|!未知|!未知|270 (100.0%)",
				"中期|2026–2030|2|0|1,200|40|120|30.00|10.00|59 (49.2%)",
				"合计|–|3|!1|!1,200 + 未知|85|390|!未知|!未知|329 (84.4%)",
				"序号|类型|学校|决策年份|生效年份|建设周期（年）|分期|投资|投资来源|新增起始年级学位|新增学位|新增学位在用",
				"1|新建学校|New West Primary（P3）|2025|2027|2|近期|!未知|未知|45|270|270",
				"2|扩建|West Junior（J1）|2026|2026|0|中期|1,200|方案给定|40|120|59",
				"3|撤并|West Primary（P1）|2029|2029|0|中期|0|方案给定|0|0|0",
			},
			text: []string{"<h2>分期投资</h2>", "新增永久学位390个，2030年在用329个（84.4%）。"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs := runScenarios(t, tc.files...)
			if tc.change != nil {
				tc.change(rs)
			}
			var buf bytes.Buffer
			if err := report.WriteHTML(&buf, &report.HTMLOptions{Lang: tc.lang}, rs...); err != nil {
				t.Fatal(err)
			}
			got := costRows(buf.Bytes())
			if tc.want == nil && costsSectionRE.Match(buf.Bytes()) {
				t.Fatalf("a costs section without a programme")
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for _, w := range tc.text {
				if !bytes.Contains(buf.Bytes(), []byte(w)) {
					t.Errorf("the page lacks %q", w)
				}
			}
		})
	}
}
