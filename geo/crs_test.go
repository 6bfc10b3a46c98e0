package geo

import (
	"errors"
	"testing"

	"github.com/paulmach/orb"
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
		{"bd09 unknown", "bd09", WGS84, true},
		{"nonsense", "mars", WGS84, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseCRS(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ParseCRS(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			}
			if err != nil {
				if !errors.Is(err, ErrCRS) {
					t.Errorf("error %v is not ErrCRS", err)
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
