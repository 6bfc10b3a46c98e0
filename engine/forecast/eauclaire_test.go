package forecast_test

import (
	"os"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/engine/forecast"
)

// eauClaire reads testdata/eau-claire (MIT; see its NOTICE.md): 12 K–5
// schools' enrolment 1998–2024 and district births 1995–2019.
func eauClaire(tb testing.TB) (*engine.Enrolment, *engine.Births) {
	tb.Helper()
	dir := os.DirFS("../../testdata/eau-claire")
	e, err := engine.ReadEnrolmentCSV(dir, "enrolment.csv", "enrolment.csv", nil)
	if err != nil {
		tb.Fatal(err)
	}
	b, err := engine.ReadBirthsCSV(dir, "births.csv", "births.csv", nil)
	if err != nil {
		tb.Fatal(err)
	}
	return e, b
}

// The committed back-test on Eau Claire: fitted up to 2014, the chosen
// method's city total is within ±3% in every year 2015–2019, its school
// MAPE is at or below naive's at one and two years and below it at three
// to five; over the origins 2010–2014 the 80% bands hold 70–90%.
func TestEauClaireBacktest(t *testing.T) {
	e, b := eauClaire(t)
	o := &forecast.Options{System: engine.USSchoolSystem}
	c, err := forecast.CompareMethods(e, b, o, forecast.CompareOptions{Origins: []engine.Year{2014}})
	if err != nil {
		t.Fatal(err)
	}
	rows := rowsByMethod(c)
	for k, ch := range rows[forecast.MethodChosen] {
		nv := rows[forecast.MethodNaive][k]
		if ch.CityMaxError > 3 {
			t.Errorf("%d years ahead: city total off by %.2f%%", k+1, ch.CityMaxError)
		}
		if ch.MAPE > nv.MAPE || (k >= 2 && ch.MAPE >= nv.MAPE) {
			t.Errorf("%d years ahead: school MAPE %.2f%%, naive %.2f%%", k+1, ch.MAPE, nv.MAPE)
		}
	}
	c, err = forecast.CompareMethods(e, b, o, forecast.CompareOptions{Origins: []engine.Year{2010, 2011, 2012, 2013, 2014}})
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range rowsByMethod(c)[forecast.MethodChosen] {
		if ch.Coverage == nil || *ch.Coverage < 70 || *ch.Coverage > 90 {
			t.Errorf("%d years ahead: 80%% band coverage %v over 2010–2014", ch.Ahead, ch.Coverage)
		}
	}
}
