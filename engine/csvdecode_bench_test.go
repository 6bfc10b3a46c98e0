package engine

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"
)

// benchCSVCity is a city of n areas in 16 districts, enough for the ids the
// decoders check; no geometry.
func benchCSVCity(n int) *City {
	c := &City{}
	for d := range 16 {
		c.Districts = append(c.Districts, District{ID: fmt.Sprintf("D%d", d)})
	}
	c.Areas = make([]Area, n)
	for i := range c.Areas {
		c.Areas[i] = Area{ID: strconv.Itoa(i), District: i % 16, Share: 1}
	}
	return c
}

// BenchmarkDecodeForecastCSV decodes a forecast.csv of n areas × 5 years ×
// ages 5–10 (30 rows an area).
func BenchmarkDecodeForecastCSV(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("areas=%d", n), func(b *testing.B) {
			c := benchCSVCity(n)
			buf := []byte("area,year,age,count\n")
			for i := range n {
				for y := 2025; y < 2030; y++ {
					for a := 5; a <= 10; a++ {
						buf = fmt.Appendf(buf, "%d,%d,%d,%d.5\n", i, y, a, (i+a)%40)
					}
				}
			}
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := DecodeForecastCSV(bytes.NewReader(buf), "forecast.csv", c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecodePopulationCSV decodes a population.csv of n districts × 3
// census years × 5-year age groups 0–89 (54 rows a district).
func BenchmarkDecodePopulationCSV(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run(fmt.Sprintf("districts=%d", n), func(b *testing.B) {
			buf := []byte("district,year,age_from,age_to,count\n")
			for d := range n {
				for _, y := range []int{2010, 2015, 2020} {
					for a := 0; a < 90; a += 5 {
						buf = fmt.Appendf(buf, "D%d,%d,%d,%d,%d\n", d, y, a, a+4, 100+(d+a)%50)
					}
				}
			}
			b.SetBytes(int64(len(buf)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := DecodePopulationCSV(bytes.NewReader(buf), "population.csv", nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
