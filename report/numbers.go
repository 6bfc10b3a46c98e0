package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/scenarios"
)

// Number formatting of every writer: the text of CSV cells and table
// cells, and the rounding of JSON numbers, so that a figure reads the same
// in each output.

func itoa(n int) string { return strconv.Itoa(n) }

// ftoa writes v with prec decimals.
func ftoa(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }

// jsonFloat rounds v to 4 decimals through its decimal text, so that JSON
// and CSV agree digit for digit.
func jsonFloat(v float64) (float64, error) {
	return jsonFloatPrec(v, 4)
}

// jsonFloatPrec rounds v to prec decimals through its decimal text.
func jsonFloatPrec(v float64, prec int) (float64, error) {
	return strconv.ParseFloat(strconv.FormatFloat(v, 'f', prec, 64), 64)
}

// round1, round2 and round4 round v to 1, 2 and 4 decimals as ftoa writes
// them.
func round1(v float64) float64 {
	f, _ := jsonFloatPrec(v, 1)
	return f
}

func round2(v float64) float64 {
	f, _ := jsonFloatPrec(v, 2)
	return f
}

func round4(v float64) float64 {
	f, _ := jsonFloat(v)
	return f
}

// roundTenth rounds v half up to one decimal in binary (forecast figures:
// the decimal text is then ftoa(v, 1)).
func roundTenth(v float64) float64 { return float64(int64(v*10+0.5)) / 10 }

// presentInt is v, or "–" where the scenario has no such figures.
func presentInt(f scenarios.Figures, v int) string {
	if !f.Present {
		return "–"
	}
	return itoa(v)
}

// signedInt is v with its sign ("0" for zero), or "–" where the scenario
// has no such figures.
func signedInt(f scenarios.Figures, v int) string {
	if !f.Present {
		return "–"
	}
	if v == 0 {
		return "0"
	}
	return fmt.Sprintf("%+d", v)
}

// signedFloat formats v with a sign, and a plain 0 when it rounds to zero.
func signedFloat(v float64, prec int) string {
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.Trim(s, "-0.") == "" {
		return strconv.FormatFloat(0, 'f', prec, 64)
	}
	if v > 0 {
		return "+" + s
	}
	return s
}

// grouped writes n with thousands separators: 4,298.
func grouped(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ratioCell is part/whole with four decimals, or "" without a whole:
// a ratio of nothing is unknown, not zero.
func ratioCell(part, whole int) string {
	if whole == 0 {
		return ""
	}
	return ftoa(float64(part)/float64(whole), 4)
}

// ratioJSON is part/whole rounded to four decimals, or nil without a
// whole.
func ratioJSON(part, whole int) *float64 {
	if whole == 0 {
		return nil
	}
	v := round4(float64(part) / float64(whole))
	return &v
}

// ratioProp is part/whole rounded to four decimals as a map layer's
// property value: a float64, or nil (null) without a whole.
func ratioProp(part, whole int) any {
	if whole == 0 {
		return nil
	}
	return round4(float64(part) / float64(whole))
}

// percent is part/whole as a percentage with one decimal.
func percent(part, whole int) string {
	if whole == 0 {
		return "–"
	}
	return strconv.FormatFloat(100*float64(part)/float64(whole), 'f', 1, 64) + "%"
}

// count is "1 error", "2 errors".
func count(n int, word string) string {
	return fmt.Sprintf("%d %s", n, plural(n, word, word+"s"))
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
