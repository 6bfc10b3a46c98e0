package report

import "strconv"

// jsonFloat rounds v to 4 decimals through its decimal text, so that JSON
// and CSV agree digit for digit.
func jsonFloat(v float64) (float64, error) {
	return strconv.ParseFloat(strconv.FormatFloat(v, 'f', 4, 64), 64)
}
