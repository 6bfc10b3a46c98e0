package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/report"
)

func TestOutputPlan(t *testing.T) {
	all := strings.Join(report.TableNames, ",")
	tests := []struct {
		name       string
		opts       outputOptions
		areas      int
		wantTables []string // "name.format"
		wantLayers []string // "name.format"
		wantNote   bool
		wantErr    string
	}{
		{name: "small city, defaults", areas: 10_000,
			wantTables: []string{"summary.csv", "schools.csv", "areas.csv", "admissions.csv", "indicators.csv"},
			wantLayers: []string{"districts.geojson", "schools.geojson", "areas.geojson", "catchments.geojson"}},
		{name: "at the limit, defaults", areas: largeCity,
			wantTables: []string{"summary.csv", "schools.csv", "areas.csv", "admissions.csv", "indicators.csv"},
			wantLayers: []string{"districts.geojson", "schools.geojson", "areas.geojson", "catchments.geojson"}},
		{name: "large city, defaults", areas: largeCity + 1,
			wantTables: []string{"summary.csv", "schools.csv", "indicators.csv"},
			wantLayers: []string{"districts.geojson", "schools.geojson", "areas.fgb", "catchments.geojson"}, wantNote: true},
		{name: "large city, all tables", areas: 1_000_000, opts: outputOptions{Tables: "all"},
			wantTables: []string{"summary.csv", "schools.csv", "areas.parquet", "admissions.parquet", "indicators.csv"},
			wantLayers: []string{"districts.geojson", "schools.geojson", "areas.fgb", "catchments.geojson"}},
		{name: "large city, tables named, csv.gz", areas: 1_000_000, opts: outputOptions{Tables: all, TableFormat: "csv.gz"},
			wantTables: []string{"summary.csv", "schools.csv", "areas.csv.gz", "admissions.csv.gz", "indicators.csv"},
			wantLayers: []string{"districts.geojson", "schools.geojson", "areas.fgb", "catchments.geojson"}},
		{name: "large city, csv and geojson asked for", areas: 1_000_000,
			opts:       outputOptions{Tables: "areas", Layers: "areas", TableFormat: "csv", LayerFormat: "geojson"},
			wantTables: []string{"areas.csv"}, wantLayers: []string{"areas.geojson"}},
		{name: "small city, fgb and parquet", areas: 10, opts: outputOptions{Tables: "admissions,schools,summary", Layers: "schools",
			TableFormat: "parquet", LayerFormat: "fgb"},
			wantTables: []string{"summary.csv", "schools.csv", "admissions.parquet"}, wantLayers: []string{"schools.fgb"}},
		{name: "none", areas: 10, opts: outputOptions{Tables: "none", Layers: "none"}},
		{name: "all problems named", opts: outputOptions{Tables: "areas,pupils", Layers: "roads", TableFormat: "xlsx", LayerFormat: "shp"},
			wantErr: `--tables: unknown "pupils" (want some of summary,schools,areas,admissions,indicators, or all, none); ` +
				`--layers: unknown "roads" (want some of districts,schools,areas,catchments, or all, none); ` +
				`--table-format "xlsx": want csv, csv.gz or parquet; --layer-format "shp": want geojson or fgb`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.opts.planFor(tc.areas)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v,\nwant %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var tables, layers []string
			for _, n := range p.files.Tables {
				tables = append(tables, n+"."+p.files.TableFormats[n])
			}
			for _, n := range p.files.Layers.Layers {
				f := p.files.Layers.Formats[n]
				if f == "" {
					f = report.GeoJSON
				}
				layers = append(layers, n+f.Ext())
			}
			if !slices.Equal(tables, tc.wantTables) {
				t.Errorf("tables %v, want %v", tables, tc.wantTables)
			}
			if !slices.Equal(layers, tc.wantLayers) {
				t.Errorf("layers %v, want %v", layers, tc.wantLayers)
			}
			if (len(p.notes) > 0) != tc.wantNote {
				t.Errorf("notes %v, want a note: %v", p.notes, tc.wantNote)
			}
		})
	}
}

// TestSimulateOutFormats runs simulate with the binary formats and checks
// that the compressed table decompresses (with gzip(1)) to the CSV of a
// plain run, and that the workbook and FlatGeobuf layers are written.
func TestSimulateOutFormats(t *testing.T) {
	plain, packed := t.TempDir(), t.TempDir()
	xlsx := filepath.Join(packed, "book", "results.xlsx")
	if code, _, stderr := schoolplan(t, "simulate", tinyBaselineYAML, "-q", "--out", plain); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	code, _, stderr := schoolplan(t, "simulate", tinyBaselineYAML, "-q", "--out", packed, "--tables", "areas,admissions",
		"--table-format", "csv.gz", "--layers", "areas,schools", "--layer-format", "fgb", "--xlsx", xlsx)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, tc := range []struct{ name, want string }{
		{"summary.json", "present"}, {"areas.csv.gz", "present"}, {"admissions.csv.gz", "present"},
		{"areas_primary.fgb", "present"}, {"schools_junior.fgb", "present"}, {"book/results.xlsx", "present"},
		{"summary.csv", "absent"}, {"areas_primary.geojson", "absent"}, {"districts_primary.fgb", "absent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := os.Stat(filepath.Join(packed, tc.name))
			if got := map[bool]string{true: "present", false: "absent"}[err == nil]; got != tc.want {
				t.Errorf("%s, want %s", got, tc.want)
			}
		})
	}
	if _, err := exec.LookPath("gzip"); err != nil {
		t.Skip("gzip is not installed")
	}
	for _, name := range []string{"areas", "admissions"} {
		got, err := exec.Command("gzip", "-dc", filepath.Join(packed, name+".csv.gz")).Output()
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(plain, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s.csv.gz does not decompress to %s.csv", name, name)
		}
	}
}

func TestOutputFlagErrors(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		wants []string // in stderr
	}{
		{"bad names and formats", []string{"--out", t.TempDir(), "--tables", "pupils", "--layer-format", "shp"},
			[]string{`--tables: unknown "pupils"`, `--layer-format "shp": want geojson or fgb`}},
		{"no --out", []string{"--tables", "areas", "--layers", "none"},
			[]string{"--tables, --layers: choose what --out DIR writes; give --out too"}},
	}
	for _, tc := range tests {
		for _, cmd := range []string{"simulate", "compare"} {
			t.Run(tc.name+"/"+cmd, func(t *testing.T) {
				code, _, stderr := schoolplan(t, append([]string{cmd, tinyBaselineYAML}, tc.args...)...)
				if code != exitUsage {
					t.Errorf("exit %d, want %d", code, exitUsage)
				}
				for _, w := range tc.wants {
					if !strings.Contains(stderr, w) {
						t.Errorf("stderr lacks %q:\n%s", w, stderr)
					}
				}
			})
		}
	}
}

// TestCompareWorkbook: compare --xlsx has a comparison sheet, read by
// GDAL's XLSX driver.
func TestCompareWorkbook(t *testing.T) {
	if _, err := exec.LookPath("ogrinfo"); err != nil {
		t.Skip("ogrinfo is not installed (Debian: gdal-bin)")
	}
	xlsx := filepath.Join(t.TempDir(), "compare.xlsx")
	if code, _, stderr := schoolplan(t, "compare", tinyBaselineYAML, tinyChangesYAML, "-q", "--xlsx", xlsx); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out, err := exec.Command("ogrinfo", "-q", "-so", xlsx).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, sheet := range []string{"1: overview", "2: summary", "6: comparison", "7: areas"} {
		if !strings.Contains(string(out), sheet) {
			t.Errorf("no sheet %q in:\n%s", sheet, out)
		}
	}
}

// TestBandsOutputs: --bands writes the mid band's outputs as simulate
// does, the workbook and the chosen layers included.
func TestBandsOutputs(t *testing.T) {
	dir := t.TempDir()
	xlsx := filepath.Join(dir, "mid.xlsx")
	code, _, stderr := schoolplan(t, "simulate", tinyBaselineYAML, "--bands", "-q", "--out", dir, "--xlsx", xlsx,
		"--tables", "summary", "--layers", "areas", "--layer-format", "fgb")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, tc := range []struct{ name, want string }{
		{"bands.csv", "present"}, {"mid.xlsx", "present"}, {"summary.csv", "present"}, {"areas_primary.fgb", "present"},
		{"schools.csv", "absent"}, {"areas_primary.geojson", "absent"},
	} {
		_, err := os.Stat(filepath.Join(dir, tc.name))
		if got := map[bool]string{true: "present", false: "absent"}[err == nil]; got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

// TestSimulateOutParquet: --table-format parquet writes the area tables
// as Parquet (their content is checked with DuckDB in package report).
func TestSimulateOutParquet(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := schoolplan(t, "simulate", tinyBaselineYAML, "-q", "--out", dir, "--tables", "areas,admissions,summary",
		"--table-format", "parquet", "--layers", "none")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"areas.parquet", "admissions.parquet", "summary.csv"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".parquet") && (!bytes.HasPrefix(data, []byte("PAR1")) || !bytes.HasSuffix(data, []byte("PAR1"))) {
			t.Errorf("%s: not a Parquet file", name)
		}
	}
}
