package report

import (
	"fmt"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/admit"
	"github.com/schoolplan/schoolplan/geo"
)

// Lang is the language of the labels of the printed tables, the headline
// and the HTML report: English or Chinese. Data (names, ids) stay as given;
// only labels change.
type Lang string

// The languages of the labels.
const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// ParseLang reads "en" or "zh".
func ParseLang(s string) (Lang, error) {
	switch Lang(s) {
	case English, Chinese:
		return Lang(s), nil
	}
	return "", fmt.Errorf("language %q: want zh (中文) or en (English)", s)
}

// DefaultLang is the language of a city's labels when none is asked for:
// the city's own (city.yaml lang), else Chinese for a city whose files are
// in GCJ-02 or CGCS2000 (lon/lat EPSG:4490 or a Gauss–Krüger zone,
// EPSG:4491–4554), else English.
func DefaultLang(c *engine.City) Lang {
	if c.Lang != "" {
		return Lang(c.Lang)
	}
	if c.CRS == geo.GCJ02 {
		return Chinese
	}
	if code := c.CRS.Code(); code >= 4490 && code <= 4554 {
		return Chinese
	}
	return English
}

// Label is the text of a label key in l (English for a key without a
// Chinese text, the key itself for an unknown key).
func (l Lang) Label(key string) string {
	t, ok := labels[key]
	if !ok {
		return key
	}
	if l == Chinese && t[1] != "" {
		return t[1]
	}
	return t[0]
}

// Labels returns every label key with its text in l.
func (l Lang) Labels() map[string]string {
	out := make(map[string]string, len(labels))
	for k := range labels {
		out[k] = l.Label(k)
	}
	return out
}

// Route is an admission route's name in l: 对口直升 for a feeder
// primary's leavers, 九年一贯直升 for a nine-year school's own. The HTML
// report's year summary lists the admitted by route under these names;
// files keep the route codes (admissions.csv: base, nine_year, feeder, …).
func (l Lang) Route(r admit.Route) string { return l.Label("route_" + r.String()) }

// stage is a stage's name in l.
func (l Lang) stage(st engine.Stage) string { return l.Label("stage_" + st.String()) }

// labels is the message catalogue: key → English, Chinese. The Chinese
// terms are the bureaus' own: 学位缺口 (seats short), 基础学位 (base seats),
// 共享学位 (shared seats), 统筹安置 (placed by the bureau), 起始年级 (entry
// grade), 利用率 (utilisation), 班额 (class size).
var labels = map[string][2]string{
	// Stages.
	"stage_primary": {"primary", "小学"},
	"stage_junior":  {"junior", "初中"},

	// Admission routes (Lang.Route).
	"route_base":      {"base seats", "基础学位"},
	"route_nine_year": {"nine-year progression", "九年一贯直升"},
	"route_feeder":    {"feeder primary", "对口直升"},
	"route_shared":    {"shared seats", "共享学位"},
	"route_placed":    {"placed by the bureau", "统筹安置"},
	"route_oversize":  {"oversize classes", "超额编班"},
	"route_unplaced":  {"unplaced", "学位缺口"},

	// Printed table columns.
	"year":                   {"year", "年份"},
	"district":               {"district", "区县"},
	"code":                   {"code", "代码"},
	"scenario":               {"scenario", "方案"},
	"entrants":               {"entrants", "起始年级新生"},
	"entry_seats":            {"entry seats", "起始年级学位"},
	"admitted":               {"admitted", "已入学"},
	"unplaced":               {"unplaced", "学位缺口"},
	"entry_utilisation":      {"entry utilisation", "起始年级利用率"},
	"utilisation_all_grades": {"utilisation all grades", "全学段利用率"},
	"base":                   {"base seats", "基础学位"},
	"shared":                 {"shared seats", "共享学位"},
	"placed":                 {"placed", "统筹安置"},
	"class_size":             {"class size", "班额"},
	"mean_distance":          {"mean dist. m", "平均距离 米"},
	"delta":                  {"Δ", "Δ"},
	"distance_kind":          {"distance", "距离"},
	"distance_straight":      {"straight-line", "直线距离"},
	"distance_network":       {"walking, along the roads", "步行（沿道路）"},
	"walk_min_unit":          {"min", "分钟"},
	"total":                  {"total", "合计"},

	// Reporting units: groups (集团化) and sharing zones (大学区).
	"unit_group": {"group", "集团"},
	"unit_zone":  {"zone", "大学区"},
	"unit_kind":  {"unit", "类型"},
	"unit":       {"name", "名称"},
	"units_title": {"%s — %s (%s) by group (集团) and sharing zone (大学区), %d–%d: entrants of the unit's catchments, admitted by its schools",
		"%s — %s（%s）各集团、大学区，%d–%d年：起始年级新生按本单位学校的学区统计，已入学按本单位学校统计"},

	// Table titles.
	"table_title":       {"%s — %s (%s), %d–%d", "%s — %s（%s），%d–%d年"},
	"compare_unplaced":  {"%s — unplaced children by year and scenario (Δ: difference to %s)", "%s — 各年各方案学位缺口（Δ：与%s之差）"},
	"compare_districts": {"%s — by district and scenario", "%s — 各区县各方案"},

	// Indicator table (compare).
	"indicators_title":   {"%s — indicators (city; classes over %d / %d / %d pupils, schools over %d pupils, entrants within %.0f m, 差异系数 limit %.2f)", "%s — 优质均衡指标（全市；班额超过%d / %d / %d人的班级，在校生超过%d人的学校，%.0f米服务半径内入学的新生，差异系数上限%.2f）"},
	"ind_classes_needed": {"classes needed", "所需班数"},
	"ind_available":      {"available", "现有班数"},
	"ind_mean_class":     {"mean class", "平均班额"},
	"ind_max_class":      {"max class", "最大班额"},
	"ind_over_std":       {">std", "超标准班额"},
	"ind_over_55":        {">large", "大班额"},
	"ind_over_65":        {">huge", "超大班额"},
	"ind_large_schools":  {"large schools", "超规模学校"},
	"ind_within_radius":  {"within radius", "服务半径内"},

	"cv_seats_per_pupil":         {"CV seats per pupil", "差异系数 生均学位"},
	"cv_floor_area_per_pupil":    {"CV floor area per pupil", "差异系数 生均校舍面积"},
	"cv_sports_area_per_pupil":   {"CV sports area per pupil", "差异系数 生均体育场馆面积"},
	"cv_teachers_per_100_pupils": {"CV teachers per 100 pupils", "差异系数 每百名学生教师数"},
	"cv_site_area_per_pupil":     {"CV site area per pupil", "差异系数 生均用地面积"},

	// Land and floor area against the building standards.
	"site_area_per_pupil":        {"site area per pupil (m²)", "生均用地面积(m²)"},
	"site_area_schools_checked":  {"schools checked for site area", "用地面积核定学校数"},
	"site_area_schools_meeting":  {"schools meeting the site-area standard", "用地面积达标学校数"},
	"site_area_share_meeting":    {"share meeting the site-area standard", "用地面积校校达标率"},
	"floor_area_per_pupil":       {"floor area per pupil (m²)", "生均校舍建筑面积(m²)"},
	"floor_area_schools_checked": {"schools checked for floor area", "校舍面积核定学校数"},
	"floor_area_schools_meeting": {"schools meeting the floor-area standard", "校舍面积达标学校数"},
	"floor_area_share_meeting":   {"share meeting the floor-area standard", "校舍面积校校达标率"},

	// Costs of the programme (costs.go).
	"costs_title":         {"%s — costs by phase (seats used: new seats filled in %d)", "%s — 分期投资（新增学位使用：%d年在用的新增学位）"},
	"cost_phase":          {"phase", "分期"},
	"cost_years":          {"years", "年限"},
	"cost_changes":        {"changes", "项目数"},
	"cost_unpriced":       {"unpriced", "未估价项目"},
	"cost":                {"cost", "投资"},
	"cost_entry_seats":    {"entry seats added", "新增起始年级学位"},
	"cost_seats":          {"seats added", "新增学位"},
	"cost_per_entry_seat": {"cost per entry seat", "每起始年级学位投资"},
	"cost_per_seat":       {"cost per seat", "每学位投资"},
	"cost_used_last_year": {"new seats used", "新增学位在用"},
	"cost_outside":        {"outside phases", "分期以外"},
	"cost_total":          {"total", "合计"},

	// Optional columns of the costs outputs (costs_columns.go).
	"cost_classroom_years": {"temporary classroom-years", "临时教室·年"},
	"cost_temporary_seats": {"temporary entry seats", "临时起始年级学位"},
	"cost_budget":          {"budget", "预算"},
	"cost_over_budget":     {"over budget by", "超出预算"},

	// Changes and their costs (HTML report).
	"change_new_school":   {"new school", "新建学校"},
	"change_expand":       {"expansion", "扩建"},
	"change_close":        {"closure", "撤并"},
	"change_seat_swap":    {"seat swap", "学位调剂"},
	"change_temporary":    {"temporary classrooms", "临时校舍"},
	"change_convert":      {"conversion", "改制"},
	"change_feeders":      {"feeder primaries", "对口直升"},
	"cost_source_given":   {"given", "方案给定"},
	"cost_source_table":   {"cost table", "按造价标准"},
	"cost_source_unknown": {"unknown", "未知"},
	"html_costs":          {"Costs by phase", "分期投资"},
	"html_costs_note":     {"Costs are in the unit of the scenario's cost table and changes (e.g. 万元). A change falls in the phase of the year it is decided (the year it takes effect less its lead time). Seats added are the permanent seats of new schools and expansions, in the entry grade and in every grade; a cost per seat is unknown when a change of the row has no cost.", "投资单位与方案造价标准及各项目一致（如万元）。项目按决策年份（生效年份减建设周期）归入分期。新增学位为新建、扩建的永久学位（起始年级及全学段）；行内有未估价项目时，每学位投资未知。"},
	"html_costs_used":     {"%s of the %s permanent seats the changes add are used in %d (%s).", "新增永久学位%[2]s个，%[3]d年在用%[1]s个（%[4]s）。"},
	"html_changes":        {"Changes", "项目"},
	"html_change":         {"#", "序号"},
	"html_change_kind":    {"change", "类型"},
	"html_decided":        {"decided", "决策年份"},
	"html_effective":      {"takes effect", "生效年份"},
	"html_lead_time":      {"lead time (years)", "建设周期（年）"},
	"html_cost_source":    {"cost from", "投资来源"},
	"html_unknown":        {"unknown", "未知"},

	// Headline.
	"headline_title":    {"%s — %s, %d–%d", "%s — %s，%d–%d年"},
	"headline_none":     {"%s: every entrant has a seat, %s.", "%s：%s年每名起始年级新生均有学位，无学位缺口。"},
	"headline_peak":     {"%s: seats short in %s; peak %s unplaced in %d (%s of %s entrants).", "%[1]s：%[2]s年存在学位缺口；峰值为%[4]d年，缺口%[3]s个（占%[6]s名起始年级新生的%[5]s）。"},
	"headline_district": {"districts short: %s.", "缺口所在区县：%s。"},
	"headline_schools":  {"schools shortest in %d: %s.", "%d年缺口最大的学校：%s。"},
	"headline_change":   {"against %s: %s.", "与%s相比：%s。"},
	"headline_removed":  {"%s fewer unplaced in all", "共减少学位缺口%s个"},
	"headline_added":    {"%s more unplaced in all", "共增加学位缺口%s个"},
	"headline_same":     {"the same unplaced every year", "各年学位缺口不变"},
	"name_id":           {"%s (%s)", "%s（%s）"},
	"district_peak":     {"%s %s, %s in %d", "%[1]s %[2]s年，%[4]d年缺口%[3]s个"},
	"district_short":    {"%s %s", "%s %s年"},
	"year_sep":          {", ", "、"},
	"paren":             {" (%s)", "（%s）"},
	"list_sep":          {"; ", "；"},
	"in_year":           {"%d: %s", "%d年%s"},

	// HTML report.
	"html_title":         {"schoolplan report", "schoolplan 学位报告"},
	"html_scenario":      {"Scenario", "方案"},
	"html_stage":         {"Stage", "学段"},
	"html_year":          {"Year", "年份"},
	"html_over":          {"short of seats", "学位不足"},
	"html_unplaced_by":   {"Unplaced by year", "各年学位缺口"},
	"html_axis_year":     {"year", "年份"},
	"html_axis_unplaced": {"unplaced children", "学位缺口（人）"},
	"html_no_shortfall":  {"no shortfall", "无学位缺口"},
	"html_schools":       {"Schools", "学校"},
	"html_areas":         {"Areas", "居住小区"},
	"html_tiles_gcj02":   {"base map tiles in GCJ-02; layers shifted to match", "底图瓦片为GCJ-02坐标，图层已相应偏移"},
	"html_tiles_wgs84":   {"base map tiles in WGS 84", "底图瓦片为WGS 84坐标"},
	"html_no_tiles":      {"no base map (offline)", "无底图（离线）"},
	"html_utilisation":   {"utilisation all grades", "全学段利用率"},

	// HTML report, page and script.
	"html_noscript":      {"This report draws its map, tables and controls with JavaScript: allow scripts for this file to see them. The charts below work without.", "本报告的地图、表格和控件需要JavaScript：请允许此文件运行脚本。下方图表无需脚本。"},
	"html_layers":        {"Layers", "图层"},
	"html_l_districts":   {"districts", "区县"},
	"html_l_catchments":  {"catchments", "学区"},
	"html_l_areas":       {"areas", "居住小区"},
	"html_l_schools":     {"schools", "学校"},
	"html_map":           {"Map of districts, catchments, residential areas and schools", "区县、学区、居住小区和学校地图"},
	"html_schools_key":   {"(size: seats; colour: entrants of the catchment against entry seats)", "（大小：学位数；颜色：学区起始年级新生与起始年级学位之比）"},
	"html_areas_key":     {"(size: entrants; colour: unplaced children)", "（大小：起始年级新生；颜色：学位缺口）"},
	"html_dashed":        {"dashed outlines", "虚线轮廓"},
	"html_year_summary":  {"Year summary", "年度概况"},
	"html_largest":       {"Largest shortfalls", "缺口最大的学校"},
	"html_school":        {"School", "学校"},
	"html_demand_short":  {"Demand / seats", "需求 / 学位"},
	"html_indicators":    {"Indicators (优质均衡)", "优质均衡指标"},
	"html_tiles_from":    {"base map tiles from", "底图瓦片来自"},
	"html_cap_all":       {"seats, all grades", "全学段学位"},
	"html_classes":       {"classes needed / available", "所需班数 / 现有班数"},
	"html_entrants":      {"Entrants", "起始年级新生"},
	"html_entry_seats":   {"Entry-grade seats", "起始年级学位"},
	"html_admitted":      {"Admitted", "已入学"},
	"html_unplaced":      {"Unplaced", "学位缺口"},
	"html_seats_all":     {"Seats, all grades", "全学段学位"},
	"html_pupils":        {"Pupils", "在校生"},
	"html_open_schools":  {"Open schools", "开办学校"},
	"html_vs":            {"Unplaced vs", "学位缺口对比"},
	"html_not_run":       {"this scenario does not run in", "本方案未模拟年份"},
	"html_indnote":       {"%s, %s: classes over %s (standard), %s (大班额) and %s (超大班额) pupils; schools over %s pupils; entrants admitted within %s m (服务半径); enrolment-weighted coefficient of variation across schools (差异系数), limit %s (教督〔2017〕6号). ✓ within the limit, ✗ over it or data missing.", "%s，%s年：班额超过%s人（标准班额）、%s人（大班额）和%s人（超大班额）的班级；在校生超过%s人的学校；在%s米服务半径内入学的新生；按在校生加权的校际差异系数，上限%s（教督〔2017〕6号）。✓ 达标，✗ 超标或数据缺失。"},
	"html_no_indicators": {"No indicators: this scenario does not run in", "无指标：本方案未模拟年份"},
	"html_units_group":   {"Groups (集团化办学)", "集团化办学"},
	"html_units_zone":    {"Sharing zones (大学区)", "大学区"},
	"html_units_note":    {"Each unit's schools open this year: entrants are the children of their catchments, admitted the entrants they admitted (from anywhere), unplaced those of their own entrants without a seat; the indicators are over the unit's schools, with the limits above.", "本单位当年开办的学校：起始年级新生按其学区统计，已入学为其录取的新生（不限学区），学位缺口为其学区内未获学位的新生；指标按本单位学校计算，标准同上。"},
	"html_units_none":    {"No school of this stage belongs to one in", "本学段无学校属于此类单位："},
	"html_none_short":    {"No catchment has unplaced children in", "无学区存在学位缺口："},
}
