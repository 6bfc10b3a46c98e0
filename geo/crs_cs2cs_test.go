package geo

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

var updateFlag = flag.Bool("geo.update", false, "recompute testdata/crs_reference.tsv with cs2cs")

// crsCase is a CRS checked against PROJ's cs2cs over an area: a TM zone's
// full width (its edges are the worst case), a State Plane zone's extent.
type crsCase struct {
	family                 string
	code, base             int // the CRS and its geographic base CRS
	lon0, lon1, lat0, lat1 float64
}

var crsCases = []crsCase{
	{"CGCS2000 GK 6° zone-prefixed", 4491, 4490, 72, 78, 25, 50},
	{"CGCS2000 GK 6° zone-prefixed", 4495, 4490, 96, 102, 21, 43},
	{"CGCS2000 GK 6° zone-prefixed", 4501, 4490, 132, 138, 40, 53},
	{"CGCS2000 GK 6° CM", 4502, 4490, 72, 78, 25, 50},
	{"CGCS2000 GK 6° CM", 4507, 4490, 102, 108, 18, 42},
	{"CGCS2000 GK 6° CM", 4512, 4490, 132, 138, 40, 53},
	{"CGCS2000 GK 3° zone-prefixed", 4513, 4490, 73.5, 76.5, 35, 41},
	{"CGCS2000 GK 3° zone-prefixed", 4526, 4490, 112.5, 115.5, 22, 42},
	{"CGCS2000 GK 3° zone-prefixed", 4533, 4490, 133.5, 136.5, 42, 49},
	{"CGCS2000 GK 3° CM", 4534, 4490, 73.5, 76.5, 35, 41},
	{"CGCS2000 GK 3° CM", 4545, 4490, 106.5, 109.5, 28, 31},
	{"CGCS2000 GK 3° CM", 4547, 4490, 112.5, 115.5, 21, 42},
	{"CGCS2000 GK 3° CM", 4554, 4490, 133.5, 136.5, 42, 49},
	{"UTM WGS 84 north", 32601, 4326, -180, -174, 0, 84},
	{"UTM WGS 84 north", 32610, 4326, -126, -120, 0, 84},
	{"UTM WGS 84 north", 32650, 4326, 114, 120, 0, 84},
	{"UTM WGS 84 north", 32660, 4326, 174, 180, 0, 84},
	{"UTM WGS 84 south", 32701, 4326, -180, -174, -80, 0},
	{"UTM WGS 84 south", 32750, 4326, 114, 120, -80, 0},
	{"UTM NAD83", 26901, 4269, -180, -174, 50, 72},
	{"UTM NAD83", 26910, 4269, -126, -120, 30, 60},
	{"UTM NAD83", 26923, 4269, -48, -42, 40, 60},
	{"Web Mercator", 3857, 4326, -180, 180, -85, 85},
	{"World Mercator", 3395, 4326, -180, 180, -80, 84},
	{"State Plane LCC metres", 32148, 4269, -124.8, -117, 47, 49.1},
	{"State Plane LCC metres", 32149, 4269, -124.4, -116.9, 45.5, 47.6},
	{"State Plane LCC metres", 2855, 4152, -124.8, -117, 47, 49.1},
	{"State Plane LCC metres", 2856, 4152, -124.4, -116.9, 45.5, 47.6},
	{"State Plane LCC US feet", 2285, 4269, -124.8, -117, 47, 49.1},
	{"State Plane LCC US feet", 2286, 4269, -124.4, -116.9, 45.5, 47.6},
	{"State Plane LCC US feet", 2926, 4152, -124.8, -117, 47, 49.1},
	{"State Plane LCC US feet", 2927, 4152, -124.4, -116.9, 45.5, 47.6},
}

// grid returns n×n lon/lat points spread over the case's area, edges
// included.
func (c crsCase) grid(n int) []orb.Point {
	var ps []orb.Point
	for i := range n {
		for j := range n {
			lon := c.lon0 + (c.lon1-c.lon0)*float64(i)/float64(n-1)
			lat := c.lat0 + (c.lat1-c.lat0)*float64(j)/float64(n-1)
			ps = append(ps, orb.Point{lon, lat})
		}
	}
	return ps
}

// needTool skips the test when an external program is not installed.
func needTool(tb testing.TB, name string) {
	tb.Helper()
	if _, err := exec.LookPath(name); err != nil {
		tb.Skipf("%s is not on PATH (Debian: apt-get install proj-bin gdal-bin)", name)
	}
}

// northFirst reports whether EPSG lists code's axes northing first (then
// cs2cs reads and writes them in that order).
func northFirst(tb testing.TB, code int) bool {
	tb.Helper()
	out, err := exec.Command("projinfo", "-q", "-o", "WKT2_2019", fmt.Sprintf("EPSG:%d", code)).Output()
	if err != nil {
		tb.Fatalf("projinfo EPSG:%d: %v", code, err)
	}
	s := string(out)
	i := strings.Index(s, "AXIS[")
	if i < 0 {
		tb.Fatalf("projinfo EPSG:%d: no AXIS", code)
	}
	return strings.HasPrefix(strings.SplitN(s[i:], ",", 3)[1], "north")
}

// cs2cs runs `cs2cs -f %.9f EPSG:from EPSG:to` on pts, given and returned in
// x, y order (lon/lat, easting/northing); geographic EPSG CRSs are lat/lon in
// cs2cs, and swap says whether the projected one is northing first.
func cs2cs(tb testing.TB, from, to int, pts []orb.Point, swapIn, swapOut bool) []orb.Point {
	tb.Helper()
	return cs2csArgs(tb, []string{fmt.Sprintf("EPSG:%d", from), fmt.Sprintf("EPSG:%d", to)}, pts, swapIn, swapOut)
}

// cs2csArgs runs cs2cs -f %.9f with the CRS arguments args.
func cs2csArgs(tb testing.TB, args []string, pts []orb.Point, swapIn, swapOut bool) []orb.Point {
	tb.Helper()
	var in bytes.Buffer
	for _, p := range pts {
		if swapIn {
			p[0], p[1] = p[1], p[0]
		}
		fmt.Fprintf(&in, "%.12f %.12f\n", p[0], p[1])
	}
	cmd := exec.Command("cs2cs", append([]string{"-f", "%.9f"}, args...)...)
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("cs2cs %v: %v", args, err)
	}
	var res []orb.Point
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 {
			tb.Fatalf("cs2cs output %q", sc.Text())
		}
		a, err1 := strconv.ParseFloat(f[0], 64)
		b, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			tb.Fatalf("cs2cs output %q", sc.Text())
		}
		if swapOut {
			a, b = b, a
		}
		res = append(res, orb.Point{a, b})
	}
	if len(res) != len(pts) {
		tb.Fatalf("cs2cs gave %d points for %d", len(res), len(pts))
	}
	return res
}

// groundError returns the distance in metres between two lon/lat points a
// few metres apart or less.
func groundError(a, b orb.Point) float64 {
	const m = 6378137 * math.Pi / 180
	return math.Hypot(normLon(a[0]-b[0])*math.Cos(a[1]*deg), a[1]-b[1]) * m
}

// mapError returns the distance in metres between two projected points of c.
func mapError(c CRS, a, b orb.Point) float64 {
	return math.Hypot(a[0]-b[0], a[1]-b[1]) * float64(c.Unit().Length)
}

// crsTolerance is the accuracy asked of every projection against PROJ: 1 cm.
const crsTolerance = 0.01

// errStats keeps the largest error per family.
type errStats map[string]float64

func (s errStats) add(family string, e float64) { s[family] = max(s[family], e) }

func (s errStats) log(tb testing.TB, what string) {
	tb.Helper()
	for _, c := range crsCases {
		if e, ok := s[c.family]; ok {
			tb.Logf("%s: %-30s max error %.2e m", what, c.family, e)
			delete(s, c.family)
		}
	}
}

// TestCRSAgainstCS2CS checks a 9×9 grid per CRS, forward and inverse,
// against PROJ's cs2cs.
func TestCRSAgainstCS2CS(t *testing.T) {
	needTool(t, "cs2cs")
	needTool(t, "projinfo")
	fwd, inv := errStats{}, errStats{}
	for _, tc := range crsCases {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			c := mustEPSG(tc.code)
			swap := northFirst(t, tc.code)
			ll := tc.grid(9)
			want := cs2cs(t, tc.base, tc.code, ll, true, swap)
			for i, p := range ll {
				e := mapError(c, c.FromWGS84(p), want[i])
				fwd.add(tc.family, e)
				if e > crsTolerance {
					t.Errorf("FromWGS84(%v) = %.6f, cs2cs %.6f: %.3g m apart", p, c.FromWGS84(p), want[i], e)
				}
			}
			back := cs2cs(t, tc.code, tc.base, want, swap, true)
			for i, q := range want {
				e := groundError(c.ToWGS84(q), back[i])
				inv.add(tc.family, e)
				if e > crsTolerance {
					t.Errorf("ToWGS84(%.6f) = %.9f, cs2cs %.9f: %.3g m apart", q, c.ToWGS84(q), back[i], e)
				}
			}
		})
	}
	fwd.log(t, "forward")
	inv.log(t, "inverse")
}

// TestWKTAgainstCS2CS checks CRSs read from .prj text against cs2cs on the
// same definition: hand-written ones (wktCustom) against their PROJ
// strings, GDAL's .prj files of systems outside the EPSG table against their
// EPSG codes.
func TestWKTAgainstCS2CS(t *testing.T) {
	needTool(t, "cs2cs")
	check := func(t *testing.T, c CRS, ll, want []orb.Point) {
		t.Helper()
		for i, p := range ll {
			if e := mapError(c, c.FromWGS84(p), want[i]); e > crsTolerance {
				t.Errorf("FromWGS84(%v) = %.6f, cs2cs %.6f: %.3g m apart", p, c.FromWGS84(p), want[i], e)
			}
			if e := groundError(c.ToWGS84(want[i]), p); e > crsTolerance {
				t.Errorf("ToWGS84(%.6f) = %.9f, want %.9f: %.3g m apart", want[i], c.ToWGS84(want[i]), p, e)
			}
		}
	}
	for _, tc := range wktCustom {
		t.Run(tc.name, func(t *testing.T) {
			c, err := ParseWKT(tc.wkt)
			if err != nil {
				t.Fatal(err)
			}
			area := crsCase{lon0: tc.at[0] - 2, lon1: tc.at[0] + 2, lat0: tc.at[1] - 2, lat1: tc.at[1] + 2}
			ll := area.grid(5)
			args := append([]string{"+proj=longlat", "+datum=WGS84", "+to"}, strings.Fields(tc.proj)...)
			check(t, c, ll, cs2csArgs(t, args, ll, false, false))
		})
	}
	for _, tc := range []struct {
		file       string
		code, base int
	}{
		{"epsg3740.esri.prj", 3740, 4152},
		{"epsg6597.esri.prj", 6597, 6318},
	} {
		t.Run(tc.file, func(t *testing.T) {
			c, err := ParseWKT(readPrj(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			area := crsCase{lon0: -124.8, lon1: -117, lat0: 45.5, lat1: 49}
			ll := area.grid(5)
			check(t, c, ll, cs2cs(t, tc.base, tc.code, ll, true, false))
		})
	}
}

const referenceFile = "testdata/crs_reference.tsv"

const referenceHeader = `# Reference points for TestCRSReference, computed with PROJ's cs2cs, per CRS:
#   cs2cs -f %.9f EPSG:<base> EPSG:<code>
# (input lat lon; the output is swapped to easting northing where EPSG orders
# the axes northing first). Columns: code, lon, lat, x, y in the CRS's unit.
# Refresh with: go test ./geo -run TestCRSReference -geo.update
`

// TestCRSReference checks the committed cs2cs reference points, 3×3 per CRS
// over its area (zone edges included), forward and inverse.
func TestCRSReference(t *testing.T) {
	if *updateFlag {
		writeReference(t)
	}
	data, err := os.ReadFile(referenceFile)
	if err != nil {
		t.Fatal(err)
	}
	fwd, inv := errStats{}, errStats{}
	family := map[int]string{}
	for _, c := range crsCases {
		family[c.code] = c.family
	}
	n := 0
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		var code int
		var lon, lat, x, y float64
		if _, err := fmt.Sscan(line, &code, &lon, &lat, &x, &y); err != nil {
			t.Fatalf("%s: %q: %v", referenceFile, line, err)
		}
		n++
		c := mustEPSG(code)
		ll, xy := orb.Point{lon, lat}, orb.Point{x, y}
		e := mapError(c, c.FromWGS84(ll), xy)
		fwd.add(family[code], e)
		if e > crsTolerance {
			t.Errorf("EPSG:%d FromWGS84(%v) = %.6f, want %.6f: %.3g m apart", code, ll, c.FromWGS84(ll), xy, e)
		}
		e = groundError(c.ToWGS84(xy), ll)
		inv.add(family[code], e)
		if e > crsTolerance {
			t.Errorf("EPSG:%d ToWGS84(%v) = %.9f, want %.9f: %.3g m apart", code, xy, c.ToWGS84(xy), ll, e)
		}
	}
	if want := 9 * len(crsCases); n != want {
		t.Errorf("%s has %d points, want %d (refresh with -geo.update)", referenceFile, n, want)
	}
	fwd.log(t, "forward")
	inv.log(t, "inverse")
}

func writeReference(t *testing.T) {
	needTool(t, "cs2cs")
	needTool(t, "projinfo")
	var b strings.Builder
	b.WriteString(referenceHeader)
	for _, tc := range crsCases {
		ll := tc.grid(3)
		xy := cs2cs(t, tc.base, tc.code, ll, true, northFirst(t, tc.code))
		for i, p := range ll {
			fmt.Fprintf(&b, "%d\t%g\t%g\t%.9f\t%.9f\n", tc.code, p[0], p[1], xy[i][0], xy[i][1])
		}
	}
	if err := os.MkdirAll(filepath.Dir(referenceFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(referenceFile, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
