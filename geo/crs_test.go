package geo

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/internal/approx"
)

func TestParseCRS(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    CRS
		wantErr bool
	}{
		{"empty is WGS84", "", WGS84, false},
		{"wgs84", "wgs84", WGS84, false},
		{"upper case", "WGS84", WGS84, false},
		{"cgcs2000", "cgcs2000", mustEPSG(4490), false},
		{"CGCS2000", "CGCS2000", mustEPSG(4490), false},
		{"epsg 4490", "EPSG:4490", mustEPSG(4490), false},
		{"gcj02", "gcj02", GCJ02, false},
		{"gcj-02", "gcj-02", GCJ02, false},
		{"GCJ-02 with spaces", " GCJ-02 ", GCJ02, false},
		{"EPSG:4326", "EPSG:4326", WGS84, false},
		{"CRS84 urn", "urn:ogc:def:crs:OGC:1.3:CRS84", WGS84, false},
		{"CRS84", "CRS84", WGS84, false},
		{"GK CM 114E", "EPSG:4547", mustEPSG(4547), false},
		{"lower-case epsg", "epsg:4547", mustEPSG(4547), false},
		{"urn without version", "urn:ogc:def:crs:EPSG::4547", mustEPSG(4547), false},
		{"urn with version", "urn:ogc:def:crs:EPSG:9.8.1:2926", mustEPSG(2926), false},
		{"opengis http", "http://www.opengis.net/def/crs/EPSG/0/32610", mustEPSG(32610), false},
		{"old Web Mercator code", "EPSG:900913", mustEPSG(3857), false},
		{"NAD83", "EPSG:4269", mustEPSG(4269), false},
		{"bd09 unknown", "bd09", WGS84, true},
		{"nonsense", "mars", WGS84, true},
		{"unsupported code", "EPSG:9999", WGS84, true},
		{"Beijing 1954", "EPSG:4214", WGS84, true},
		{"no code", "EPSG:", WGS84, true},
		{"negative code", "EPSG:-4547", WGS84, true},
		{"urn without code", "urn:ogc:def:crs:EPSG", WGS84, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCRS(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseCRS(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if err != nil {
				if !errors.Is(err, ErrCRS) || !strings.Contains(err.Error(), "supported are wgs84, cgcs2000, gcj02") {
					t.Errorf("error %v is not ErrCRS or does not say what is supported", err)
				}
				return
			}
			if got != tt.want {
				t.Errorf("ParseCRS(%q) = %v, want %v", tt.in, got, tt.want)
			}
			back, err := ParseCRS(got.String())
			if err != nil || back != got {
				t.Errorf("ParseCRS(%v.String()) = %v, %v", got, back, err)
			}
		})
	}
}

func TestCRSDescription(t *testing.T) {
	tests := []struct {
		name       string
		crs        CRS
		code       int
		str, human string
		geographic bool
		unit       LinearUnit
	}{
		{"zero value", CRS{}, 4326, "wgs84", "WGS 84", true, LinearUnit{}},
		{"GCJ-02", GCJ02, 0, "gcj02", "GCJ-02", true, LinearUnit{}},
		{"CGCS2000", mustEPSG(4490), 4490, "EPSG:4490", "China Geodetic Coordinate System 2000", true, LinearUnit{}},
		{"GK 6° zone", mustEPSG(4491), 4491, "EPSG:4491", "CGCS2000 / Gauss-Kruger zone 13", false, Metre},
		{"GK 6° CM", mustEPSG(4512), 4512, "EPSG:4512", "CGCS2000 / Gauss-Kruger CM 135E", false, Metre},
		{"GK 3° zone", mustEPSG(4533), 4533, "EPSG:4533", "CGCS2000 / 3-degree Gauss-Kruger zone 45", false, Metre},
		{"GK 3° CM", mustEPSG(4547), 4547, "EPSG:4547", "CGCS2000 / 3-degree Gauss-Kruger CM 114E", false, Metre},
		{"UTM south", mustEPSG(32750), 32750, "EPSG:32750", "WGS 84 / UTM zone 50S", false, Metre},
		{"NAD83 UTM", mustEPSG(26923), 26923, "EPSG:26923", "NAD83 / UTM zone 23N", false, Metre},
		{"Web Mercator", mustEPSG(102100), 3857, "EPSG:3857", "WGS 84 / Pseudo-Mercator", false, Metre},
		{"State Plane ftUS", mustEPSG(2926), 2926, "EPSG:2926", "NAD83(HARN) / Washington North (ftUS)", false, USSurveyFoot},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.crs
			if c.Code() != tt.code || c.String() != tt.str || c.Name() != tt.human || c.Geographic() != tt.geographic || c.Unit() != tt.unit {
				t.Errorf("got code %d, %q, %q, geographic %v, unit %v; want %d, %q, %q, %v, %v",
					c.Code(), c.String(), c.Name(), c.Geographic(), c.Unit(), tt.code, tt.str, tt.human, tt.geographic, tt.unit)
			}
		})
	}
	if WGS84 != (CRS{}) {
		t.Error("WGS84 is not the zero CRS")
	}
	approx.Check(t, "US survey foot", float64(USSurveyFoot.Length), 0.3048006096012192, 1e-16)
}

// TestCRSHandComputed checks points whose coordinates follow from the
// definitions alone: the false origin, the central meridian, the equator.
func TestCRSHandComputed(t *testing.T) {
	const quarter = 10001965.729 // WGS 84 meridian quadrant, metres (Karney 2011, table 2)
	tests := []struct {
		name string
		code int
		ll   orb.Point
		want orb.Point
		tol  float64
	}{
		{"GK 3° CM 114E: origin", 4547, orb.Point{114, 0}, orb.Point{500000, 0}, 1e-9},
		{"GK 3° zone 38: origin", 4526, orb.Point{114, 0}, orb.Point{38500000, 0}, 1e-9},
		{"GK 6° zone 20: origin", 4498, orb.Point{117, 0}, orb.Point{20500000, 0}, 1e-9},
		{"UTM 10N: origin", 32610, orb.Point{-123, 0}, orb.Point{500000, 0}, 1e-9},
		{"UTM 50S: origin", 32750, orb.Point{117, 0}, orb.Point{500000, 10000000}, 1e-9},
		{"UTM 31N: pole", 32631, orb.Point{3, 90}, orb.Point{500000, 0.9996 * quarter}, 1e-3},
		{"Web Mercator: x of 135°", 3857, orb.Point{135, 0}, orb.Point{0.75 * math.Pi * 6378137, 0}, 1e-6},
		{"Web Mercator: y of 45°", 3857, orb.Point{0, 45}, orb.Point{0, 6378137 * math.Log(math.Tan(math.Pi*3/8))}, 1e-6},
		{"WA North: false origin", 2926, orb.Point{dms(-120, 50), 47}, orb.Point{1640416.667, 0}, 1e-6},
		{"WA North metres: false origin", 32148, orb.Point{dms(-120, 50), 47}, orb.Point{500000, 0}, 1e-9},
		{"WA South: false origin", 2927, orb.Point{-120.5, dms(45, 20)}, orb.Point{1640416.667, 0}, 1e-6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustEPSG(tt.code)
			nearPoint(t, c.FromWGS84(tt.ll), tt.want, tt.tol, "FromWGS84")
			if tt.ll[1] != 90 {
				nearPoint(t, c.ToWGS84(tt.want), tt.ll, 1e-12, "ToWGS84")
			}
		})
	}
}

// TestCRSRoundTrip sends random points of every checked CRS's area through
// FromWGS84 and back.
func TestCRSRoundTrip(t *testing.T) {
	rng := newRand(t)
	for _, tc := range crsCases {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			c := mustEPSG(tc.code)
			for range 2000 {
				p := orb.Point{tc.lon0 + rng.Float64()*(tc.lon1-tc.lon0), tc.lat0 + rng.Float64()*(tc.lat1-tc.lat0)}
				xy := c.FromWGS84(p)
				if e := groundError(c.ToWGS84(xy), p); e > 1e-6 {
					t.Fatalf("%v → %.6f → %.10f: %.3g m off", p, xy, c.ToWGS84(xy), e)
				}
			}
		})
	}
	for _, c := range []CRS{WGS84, mustEPSG(4490), mustEPSG(4269), mustEPSG(4152)} {
		p := orb.Point{114.3, 30.6}
		if c.ToWGS84(p) != p || c.FromWGS84(p) != p {
			t.Errorf("%v moves %v: datums are read as WGS 84", c, p)
		}
	}
}

// Reference values from the eviltransform test suite (googollee/eviltransform).
func TestWGS84ToGCJ02Reference(t *testing.T) {
	tests := []struct {
		name     string
		wgs, gcj orb.Point
	}{
		{"shanghai", orb.Point{121.5272106, 31.1774276}, orb.Point{121.531541859215, 31.17530398364597}},
		{"shenzhen", orb.Point{113.912316, 22.543847}, orb.Point{113.9171764808363, 22.540796131694766}},
		{"beijing", orb.Point{116.377817, 39.911954}, orb.Point{116.38404722455657, 39.91334545536069}},
		{"outside china", orb.Point{-122.3, 47.6}, orb.Point{-122.3, 47.6}},
		{"south of the box", orb.Point{106.5, 0.5}, orb.Point{106.5, 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nearPoint(t, WGS84ToGCJ02(tt.wgs), tt.gcj, 1e-6, "WGS84ToGCJ02")
			nearPoint(t, GCJ02ToWGS84(tt.gcj), tt.wgs, 1e-6, "GCJ02ToWGS84")
			nearPoint(t, GCJ02.ToWGS84(tt.gcj), tt.wgs, 1e-6, "GCJ02.ToWGS84")
			nearPoint(t, WGS84.ToWGS84(tt.wgs), tt.wgs, 0, "WGS84.ToWGS84")
		})
	}
}

func TestGCJ02RoundTrip(t *testing.T) {
	rng := newRand(t)
	regions := []struct {
		name                   string
		lon0, lat0, dlon, dlat float64
	}{
		{"chongqing", 106.5, 29.5, 1.5, 1.5},
		{"mianyang", 104.7, 31.5, 1, 1},
		{"china", 73, 18, 62, 35},
	}
	for _, r := range regions {
		t.Run(r.name, func(t *testing.T) {
			for range 5000 {
				w := orb.Point{r.lon0 + rng.Float64()*r.dlon, r.lat0 + rng.Float64()*r.dlat}
				g := WGS84ToGCJ02(w)
				if shift := Distance(g, w); shift < 1e-5 {
					t.Fatalf("GCJ-02 shift at %v is only %v°", w, shift)
				}
				if !nearPoint(t, GCJ02ToWGS84(g), w, 1e-7, "round trip") {
					t.Fatalf("at %v", w)
				}
				if !nearPoint(t, WGS84ToGCJ02(GCJ02ToWGS84(g)), g, 1e-9, "inverse then forward") {
					t.Fatalf("at %v", g)
				}
			}
		})
	}
}
