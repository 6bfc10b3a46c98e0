// Package demo is schoolplan's built-in demo city: the 9 central districts (主城九区) of
// Chongqing — 渝中, 大渡口, 江北, 沙坪坝, 九龙坡, 南岸, 北碚, 渝北 and 巴南 — with about ten
// million residents, 800 residential areas, about 740 schools sized to their catchments (the
// junior schools of 渝北 and 沙坪坝 grouped into sharing zones, 大学区), a children's forecast to
// 2035 (and the census, births and ratios of the cohort method) and nine scenarios: the
// baseline, a new school, one for each admission key (shared seats by lottery, oversize classes,
// no placement, a seat swap, cross-district catchments), the cohort forecast and a phased,
// priced programme (temporary classrooms, stream reductions, feeders).
//
// The district boundaries, town centres and 2020 census population are real public data (see
// source/NOTICE.md); the residential areas, schools, new housing and forecast are synthetic,
// generated from them by demo/gen. The city is written in the GeoJSON/CSV/YAML folder format
// the engine loads (coordinates GCJ-02, declared by crs: gcj02 in city.yaml).
//
// The files are embedded: FS holds city/ and scenarios/, and WriteTo copies them to disk so that
// a planner can open them in QGIS or edit a scenario.
//
// Regenerate with `go generate ./demo` (or `go run ./demo/gen` from the module root); the test
// fails if the committed files differ from what the generator produces.
//
// Attribution: district boundaries and town centres © Vonng/adcode (from AMap, snapshot
// 2016-07), CC BY 4.0; 2020 census population © thebamboogrove/tudigong (NBS county tables),
// MIT. The generated demo city is derived from them and carries the same attribution.
package demo

//go:generate go run ./gen -src source -out .

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FS holds the demo city (CityDir) and its scenarios (scenarios/).
//
//go:embed city scenarios
var FS embed.FS

const (
	// CityDir is the city folder inside FS.
	CityDir = "city"
	// Baseline is the baseline scenario inside FS; its city key points to ../city.
	Baseline = "scenarios/baseline.yaml"
	// NewSchool is a scenario that extends the baseline with a new junior school and an
	// expansion in the district with the worst junior-seat shortfall.
	NewSchool = "scenarios/new-school.yaml"
	// SharedLottery gives the sharing zones' shared seats out by lottery and releases unused
	// base seats to the zones.
	SharedLottery = "scenarios/shared-lottery.yaml"
	// Oversize squeezes the children still without a seat into their own school's classes
	// (up to 55) instead of placing them in another school.
	Oversize = "scenarios/oversize.yaml"
	// NoPlacement leaves the children still without a seat unplaced: the raw shortfall.
	NoPlacement = "scenarios/no-placement.yaml"
	// SeatSwap adds a seat swap between a junior school of 渝北 and one of 江北 across their
	// border, with bureau placement kept inside each district.
	SeatSwap = "scenarios/seat-swap.yaml"
	// CrossDistrict lets catchments and bureau placement cross district lines, with shorter
	// placement distances.
	CrossDistrict = "scenarios/cross-district.yaml"
	// Cohort forecasts the children with the cohort method from the 2020 census
	// (city/population.csv), births (city/births.csv) and survival/migration ratios
	// (city/survival.csv), with the new housing's children by yield, phased in.
	Cohort = "scenarios/cohort.yaml"
	// Programme meets the junior bulge of 2028–2031 with temporary classrooms (临时/周转校舍)
	// and primary schools converted to nine-year schools (改制) from 2027, reduces primary
	// streams where demand has fallen for good, gives a junior school of 渝北
	// its feeder primaries (对口直升), and prices and phases it all.
	Programme = "scenarios/programme.yaml"
)

// WriteTo copies the embedded city and scenarios to dir/city and dir/scenarios, creating the
// folders as needed. It refuses to overwrite: if any of the files already exists, it writes
// nothing and returns an error naming that file.
func WriteTo(dir string) error {
	files, err := embeddedFiles()
	if err != nil {
		return err
	}
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(f))
		if _, err := os.Lstat(target); err == nil {
			return fmt.Errorf("demo: %s already exists; not overwriting", target)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("demo: %w", err)
		}
	}
	for _, f := range files {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(f)), f); err != nil {
			return err
		}
	}
	return nil
}

// embeddedFiles lists the files of FS, in lexical order.
func embeddedFiles() ([]string, error) {
	var files []string
	err := fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return err
	})
	return files, err
}

// writeNew writes the embedded file f to target, which must not exist.
func writeNew(target, f string) error {
	data, err := FS.ReadFile(f)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	w, err := os.OpenFile(target, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("demo: %s already exists; not overwriting", target)
		}
		return fmt.Errorf("demo: %w", err)
	}
	_, err = w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("demo: writing %s: %w", target, err)
	}
	return nil
}
