package approx_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/schoolplan/schoolplan/internal/approx"
)

func TestEqual(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		a, b, tol float64
		want      bool
	}{
		{1, 1, 0, true},
		{1, 1.1, 0.05, false},
		{1, 1.04, 0.05, true},
		{nan, nan, 0, true},
		{nan, 1, 1e9, false},
		{inf, inf, 0, true},
		{inf, -inf, 1e300, false},
	} {
		if got := approx.Equal(c.a, c.b, c.tol); got != c.want {
			t.Errorf("Equal(%v, %v, %v) = %v, want %v", c.a, c.b, c.tol, got, c.want)
		}
	}
}

func TestRel(t *testing.T) {
	if !approx.Rel(1e9, 1e9+1, 1e-8, 0) {
		t.Error("1e9 and 1e9+1 differ by 1e-9 relative")
	}
	if approx.Rel(1, 1.001, 1e-6, 0) {
		t.Error("1 and 1.001 differ by 1e-3 relative")
	}
	if !approx.Rel(0, 1e-12, 1e-9, 1e-9) {
		t.Error("abs term must admit values near zero")
	}
}

type recorder struct{ msgs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(f string, a ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(f, a...))
}

func TestCheck(t *testing.T) {
	var r recorder
	if !approx.Check(&r, "x", 1, 1.0005, 1e-3) || len(r.msgs) != 0 {
		t.Fatalf("within tolerance: %v", r.msgs)
	}
	if approx.Check(&r, "x", 1, 2, 1e-3) || len(r.msgs) != 1 || r.msgs[0] != "x = 1, want 2 (±0.001)" {
		t.Fatalf("outside tolerance: %q", r.msgs)
	}
}

func ExampleEqual() {
	fmt.Println(approx.Equal(0.1+0.2, 0.3, 1e-12))
	fmt.Println(approx.Rel(1000, 1001, 1e-2, 0))
	// Output:
	// true
	// true
}
