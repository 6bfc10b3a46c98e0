// Package gen generates the schoolplan demo city (the 9 central districts of Chongqing) from the
// public source data in demo/source.
//
// The output is deterministic: the same inputs give byte-identical files. All randomness comes
// from PCG generators with fixed seeds (one stream per purpose and district, so that changing one
// district does not reshuffle the others), maps are never iterated unsorted, and every number is
// written with a fixed format.
//
// What is generated, and how, is described in demo/README.md. In short:
//
//   - districts: the source boundaries, simplified (Douglas–Peucker) with every ring kept valid;
//   - residential areas: 3–10 synthetic points around each 街道/乡镇 centre, carrying the 2020
//     census population of the district split over its towns (街道 weighted 3:1 over 镇/乡), plus
//     12 new-housing areas completing 2026–2030 in the growth districts;
//   - forecast: children by district, year 2025–2035 and single year of age 0–15, from the census
//     age shares, national births and a per-district net-migration factor; and the inputs to
//     make it with the engine's cohort method — the census by age group, district births
//     2016–2024 and the migration factors as survival ratios (demography.go);
//   - schools: primary, junior and nine-year schools near the areas, each sized to the peak demand
//     of its own nearest-school catchment times a per-district target ratio (see sizeSchools), a
//     few planned openings near new housing and two closures;
//   - sharing zones (大学区): the junior schools of 渝北 and 沙坪坝 grouped into zones of 5–8
//     neighbouring schools, each school's entry seats split into base and shared seats (zones.go);
//   - scenarios: a baseline, a "new junior school" scenario in the district with the worst
//     junior-seat shortfall, and one scenario for each admission key of the policy (shared seats
//     by lottery, oversize placement, no placement, a seat swap across the 渝北–江北 border,
//     cross-district catchments; scenarios.go).
package gen

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
)

// Years and ages covered by the generated forecast.
const (
	CensusYear = 2020
	FirstYear  = 2025
	LastYear   = 2035
	MaxAge     = 15
)

// Engine default class sizes (seats per class) used to turn streams into seats.
const (
	primaryClass = 45
	juniorClass  = 50
)

// simplifyTolerance is the Douglas–Peucker tolerance in degrees (≈30 m).
const simplifyTolerance = 0.0003

// Source file names inside the source folder.
const (
	srcDistricts = "districts_gcj02.geojson"
	srcTowns     = "towns_gcj02.csv"
	srcCensus    = "census2020_by_district.csv"
)

// districtSpec lists the 9 central districts with their annual net-migration factor for children
// (m) and whether their junior supply is deliberately sized short of the late-2020s peak.
var districtSpecs = []struct {
	Code        string
	M           float64
	ShortJunior bool
}{
	{"500103", 0.985, false}, // 渝中
	{"500104", 0.995, false}, // 大渡口
	{"500105", 1.000, false}, // 江北
	{"500106", 1.005, true},  // 沙坪坝
	{"500107", 1.005, true},  // 九龙坡
	{"500108", 1.000, false}, // 南岸
	{"500109", 1.000, false}, // 北碚
	{"500112", 1.015, true},  // 渝北
	{"500113", 1.010, false}, // 巴南
}

// births holds national births in millions. 2005–2024 are official NBS figures; 2025–2035 are
// an assumption of this demo.
var births = map[int]float64{
	2005: 16.17, 2006: 15.85, 2007: 15.94, 2008: 16.08, 2009: 15.91, 2010: 15.92,
	2011: 16.04, 2012: 16.35, 2013: 16.40, 2014: 16.87, 2015: 16.55, 2016: 17.86,
	2017: 17.23, 2018: 15.23, 2019: 14.65, 2020: 12.02, 2021: 10.62, 2022: 9.56,
	2023: 9.02, 2024: 9.54,
	// assumed
	2025: 9.20, 2026: 8.90, 2027: 8.70, 2028: 8.50, 2029: 8.30, 2030: 8.10,
	2031: 8.00, 2032: 7.90, 2033: 7.80, 2034: 7.70, 2035: 7.60,
}

// housingPlan places the new-housing areas: N areas around the centre of the named town.
var housingPlan = []struct {
	District, Town string
	N              int
}{
	{"500106", "西永街道", 1},
	{"500106", "虎溪街道", 1},
	{"500107", "含谷镇", 1},
	{"500107", "金凤镇", 1},
	{"500109", "蔡家岗镇", 2},
	{"500112", "悦来街道", 2},
	{"500112", "礼嘉街道", 1},
	{"500112", "龙兴镇", 1},
	{"500113", "龙洲湾街道办事处", 1},
	{"500113", "界石镇", 1},
}

// plannedSchools are schools planned to open near new housing (the k-th entry for a town sits
// by that town's k-th new-housing area and opens with it, clamped to 2026–2029). Their streams
// come from their catchments, like every school's.
var plannedSchools = []struct {
	District, Town, Stage string
}{
	{"500106", "西永街道", stagePrimary},
	{"500109", "蔡家岗镇", stageJunior},
	{"500112", "悦来街道", stagePrimary},
	{"500112", "悦来街道", stageJunior},
	{"500113", "龙洲湾街道办事处", stagePrimary},
}

// closures: the primary school of the district with the smallest catchment in a rural town
// that has another primary school and no new housing closes in that year.
var closures = []struct {
	District string
	Year     int
}{
	{"500109", 2028},
	{"500113", 2027},
}

// Generate reads the source data in srcDir and writes the demo city to outDir/city and its
// scenarios to outDir/scenarios. If log is not nil, a per-district summary table (Markdown) is
// written to it.
func Generate(srcDir, outDir string, log io.Writer) error {
	c, err := build(srcDir)
	if err != nil {
		return err
	}
	files, err := c.render()
	if err != nil {
		return err
	}
	for _, f := range files {
		path := filepath.Join(outDir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			return err
		}
	}
	if log != nil {
		var b bytes.Buffer
		c.summary(&b)
		if _, err := log.Write(b.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

// Files lists the files Generate writes, relative to outDir, slash-separated.
func Files() []string {
	return []string{
		"city/city.yaml",
		"city/districts.geojson",
		"city/areas.geojson",
		"city/schools.geojson",
		"city/forecast.csv",
		"city/population.csv",
		"city/births.csv",
		"city/survival.csv",
		"scenarios/baseline.yaml",
		"scenarios/new-school.yaml",
		"scenarios/shared-lottery.yaml",
		"scenarios/oversize.yaml",
		"scenarios/no-placement.yaml",
		"scenarios/seat-swap.yaml",
		"scenarios/cross-district.yaml",
		"scenarios/cohort.yaml",
		"scenarios/programme.yaml",
	}
}

// build reads the sources and constructs the whole city in memory, step by
// step; each step works on the whole city, district by district where it
// is per district.
func build(srcDir string) (*city, error) {
	c, err := readSources(srcDir)
	if err != nil {
		return nil, err
	}
	steps := []func() error{
		c.eachDistrict(c.simplifyDistrict),
		c.eachDistrict(c.placeAreas),
		c.placeHousing,
		c.eachDistrict(func(d *district) error { d.computeForecast(); return nil }),
		c.eachDistrict(c.placeSchools),
		c.planSchools,
		c.sizeSchools,
		c.eachDistrict(func(d *district) error { d.numberAndNameSchools(); return nil }),
		c.pickScenario,
		c.makeZones,
		c.pickSwap,
		c.pickProgramme,
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// eachDistrict returns a step that runs fn on every district in order,
// stopping at the first error.
func (c *city) eachDistrict(fn func(*district) error) func() error {
	return func() error {
		for _, d := range c.districts {
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}
}

// splitInt splits total into integer parts proportional to weights (largest remainder; ties go
// to the lower index). The parts sum to total exactly.
func splitInt(total int, weights []float64) []int {
	out := make([]int, len(weights))
	if len(weights) == 0 {
		return out
	}
	var sum float64
	for _, w := range weights {
		sum += w
	}
	type rem struct {
		i int
		f float64
	}
	rems := make([]rem, len(weights))
	given := 0
	for i, w := range weights {
		q := float64(total) * w / sum
		fl := math.Floor(q)
		out[i] = int(fl)
		given += out[i]
		rems[i] = rem{i, q - fl}
	}
	left := total - given
	for left > 0 {
		best := -1
		for j, r := range rems {
			if r.f < 0 {
				continue
			}
			if best < 0 || r.f > rems[best].f {
				best = j
			}
		}
		out[rems[best].i]++
		rems[best].f = -1
		left--
	}
	return out
}

// iround rounds half away from zero.
func iround(x float64) int { return int(math.Round(x)) }

// cnNumber writes 1..99 in Chinese numerals (一, 十二, 二十三).
func cnNumber(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return fmt.Sprint(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}
