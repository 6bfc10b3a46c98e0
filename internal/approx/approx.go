// Package approx is the one home of floating-point tolerance in schoolplan:
// code and tests compare floats with these functions instead of writing
// their own.
package approx

import "math"

// Equal reports whether a and b differ by at most tol, or are both NaN, or
// are the same infinity.
func Equal(a, b, tol float64) bool {
	if a == b {
		return true
	}
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol
}

// Rel reports whether a and b differ by at most rel times the larger of
// their magnitudes, or by at most abs, whichever is looser. Rel(a, b, 1e-9,
// 0) asks for nine significant digits; the abs term lets values near zero
// compare equal.
func Rel(a, b, rel, abs float64) bool {
	if Equal(a, b, abs) {
		return true
	}
	return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))
}

// TB is the part of testing.TB that Check uses, so that the package does
// not import testing into non-test builds.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Check reports a test error when got differs from want by more than tol,
// naming what was compared. It returns whether they were equal.
func Check(tb TB, what string, got, want, tol float64) bool {
	tb.Helper()
	if Equal(got, want, tol) {
		return true
	}
	tb.Errorf("%s = %v, want %v (±%g)", what, got, want, tol)
	return false
}
