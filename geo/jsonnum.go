package geo

import "strconv"

// pow10 holds the powers of ten that float64 represents exactly.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// maxMantDigits is how many decimal digits a uint64 mantissa always holds.
const maxMantDigits = 19

// num reads a number at pos and returns its value and literal text. A value
// beyond float64 range becomes ±Inf and sets overflow.
//
// Coordinates usually have at most 15 significant digits, so the mantissa
// and the power of ten are both exact in float64 and one multiplication or
// division rounds correctly (Clinger's fast path, as in strconv); other
// numbers go to strconv.ParseFloat. The steps are called from here, not
// from a method of decimal, to keep a call off the path of every number.
func (s *scanner) num() (float64, []byte) {
	d, start := s.data, s.pos
	var n decimal
	i, problem := n.integer(d, start)
	if problem == "" && i < len(d) && d[i] == '.' {
		i, problem = n.fraction(d, i+1)
	}
	if problem == "" && i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i, problem = n.exponent(d, i+1)
	}
	s.pos = i
	if problem != "" {
		s.fail(problem)
		return 0, nil
	}
	lit := d[start:i]
	if f, ok := n.float(); ok {
		return f, lit
	}
	return s.parseFloat(lit), lit
}

// parseFloat converts a literal that the fast path cannot, noting a value
// beyond float64 range.
func (s *scanner) parseFloat(lit []byte) float64 {
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		s.overflow = true
	}
	return f
}

// decimal is a JSON number taken apart as it is read: mant × 10^exp,
// negated when neg. inexact says that mant could not hold every digit.
type decimal struct {
	mant    uint64
	nd      int // digits in mant
	exp     int
	neg     bool
	inexact bool
}

// integer reads the sign and the integer part at d[i]: 0, or digits that
// do not start with 0. It returns where they end or, on a syntax error,
// where it goes wrong and what the problem is; so do fraction and exponent.
func (n *decimal) integer(d []byte, i int) (int, string) {
	if i < len(d) && d[i] == '-' {
		n.neg = true
		i++
	}
	switch {
	case i >= len(d):
		return i, "unexpected end of input"
	case d[i] == '0':
		return i + 1, ""
	case !isDigit(d[i]):
		return i, "invalid number"
	}
	// Locals, not fields, in the loop: they stay in registers.
	mant, nd := n.mant, n.nd
	for ; i < len(d) && isDigit(d[i]); i++ {
		if nd < maxMantDigits {
			mant = mant*10 + uint64(d[i]-'0')
			nd++
		} else {
			n.inexact = true
		}
	}
	n.mant, n.nd = mant, nd
	return i, ""
}

// fraction reads the digits after the decimal point, from d[i]; zeros
// before the first significant digit only move the exponent.
func (n *decimal) fraction(d []byte, i int) (int, string) {
	if i >= len(d) || !isDigit(d[i]) {
		return i, "invalid number: no digits after decimal point"
	}
	mant, nd, exp := n.mant, n.nd, n.exp
	for ; i < len(d) && isDigit(d[i]); i++ {
		switch {
		case mant == 0 && d[i] == '0':
			exp--
		case nd < maxMantDigits:
			mant = mant*10 + uint64(d[i]-'0')
			nd++
			exp--
		default:
			n.inexact = true
		}
	}
	n.mant, n.nd, n.exp = mant, nd, exp
	return i, ""
}

// exponent reads the exponent after 'e' or 'E', from d[i], and adds it to
// exp. Exponents past 100000 are cut there: strconv gives such numbers 0 or
// ±Inf all the same.
func (n *decimal) exponent(d []byte, i int) (int, string) {
	neg := false
	if i < len(d) && (d[i] == '+' || d[i] == '-') {
		neg = d[i] == '-'
		i++
	}
	if i >= len(d) || !isDigit(d[i]) {
		return i, "invalid number: no digits in exponent"
	}
	e := 0
	for ; i < len(d) && isDigit(d[i]); i++ {
		if e < 100000 {
			e = e*10 + int(d[i]-'0')
		}
	}
	if neg {
		e = -e
	}
	n.exp += e
	return i, ""
}

// float returns the number when the mantissa and the power of ten are
// both exact in float64 (Clinger's fast path); ok is false otherwise.
func (n *decimal) float() (f float64, ok bool) {
	if n.inexact || n.mant >= 1<<53 || n.exp < -22 || n.exp > 22 {
		return 0, false
	}
	f = float64(n.mant)
	if n.exp < 0 {
		f /= pow10[-n.exp]
	} else {
		f *= pow10[n.exp]
	}
	if n.neg {
		f = -f
	}
	return f, true
}
