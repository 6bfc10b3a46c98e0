package geo

import (
	"math"
	"testing"
)

// TestScanNum checks the number reader's values, literals, positions and
// messages on hand-written numbers, each followed by a comma so that the
// end of the literal is seen.
func TestScanNum(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     float64
		wantLit  string
		overflow bool
		wantErr  string
	}{
		{"zero", "0,", 0, "0", false, ""},
		{"negative coordinate", "-122.3456789,", -122.3456789, "-122.3456789", false, ""},
		{"leading zeros of the fraction", "0.000125,", 0.000125, "0.000125", false, ""},
		{"exponent", "2.5e3,", 2500, "2.5e3", false, ""},
		{"negative exponent with sign", "25E-1,", 2.5, "25E-1", false, ""},
		{"beyond the fast path", "1e23,", 1e23, "1e23", false, ""},
		{"twenty digits", "12345678901234567890,", 12345678901234567890, "12345678901234567890", false, ""},
		{"beyond float64", "1e400,", math.Inf(1), "1e400", true, ""},
		{"a lone minus", "-", 0, "", false, "geo: malformed JSON at line 1, column 2: unexpected end of input"},
		{"a minus before a letter", "-x", 0, "", false, "geo: malformed JSON at line 1, column 2: invalid number"},
		{"no digits after the point", "1.,", 0, "", false, "geo: malformed JSON at line 1, column 3: invalid number: no digits after decimal point"},
		{"no digits in the exponent", "1e+,", 0, "", false, "geo: malformed JSON at line 1, column 4: invalid number: no digits in exponent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := scanner{data: []byte(tt.in)}
			got, lit := s.num()
			switch {
			case tt.wantErr != "":
				if s.err == nil || s.err.Error() != tt.wantErr {
					t.Errorf("error = %v, want %q", s.err, tt.wantErr)
				}
			case s.err != nil:
				t.Errorf("error = %v", s.err)
			case got != tt.want || string(lit) != tt.wantLit || s.overflow != tt.overflow:
				t.Errorf("num = %v, %q, overflow %v; want %v, %q, overflow %v", got, lit, s.overflow, tt.want, tt.wantLit, tt.overflow)
			}
		})
	}
}

// BenchmarkScanNum reads numbers as GeoJSON writes them: coordinates go
// the fast path, long and exponent numbers to strconv.
func BenchmarkScanNum(b *testing.B) {
	for _, bc := range []struct{ name, num string }{
		{"coordinate", "-122.345678"},
		{"integer", "4821"},
		{"exponent", "1.5e300"},
		{"long", "0.12345678901234567890123"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			data := []byte(bc.num + ",")
			b.ReportAllocs()
			b.SetBytes(int64(len(bc.num)))
			for b.Loop() {
				s := scanner{data: data}
				if _, lit := s.num(); len(lit) != len(bc.num) {
					b.Fatal(s.err)
				}
			}
		})
	}
}
