package engine_test

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/approx"
)

// TestCityPlaneCRS: ToPlane takes the city's own coordinates, FromPlane
// gives lon/lat (WGS84 for a projected city, the city's datum for a
// geographic one) and LonLatToPlane inverts FromPlane.
func TestCityPlaneCRS(t *testing.T) {
	// 江汉路 in Wuhan: WGS84 lon/lat, and the same place in CGCS2000 / 3° GK
	// CM 114E (cs2cs -f %.3f EPSG:4490 EPSG:4547 gives northing, easting).
	wgs := orb.Point{114.2831, 30.5794}
	gk := orb.Point{527155.250, 3384378.273}
	tests := []struct {
		crs     string
		native  orb.Point // the place in the city's CRS
		lonlat  orb.Point // what FromPlane gives back
		wantOut string    // LonLatCRS
	}{
		{"wgs84", wgs, wgs, "wgs84"},
		{"cgcs2000", wgs, wgs, "EPSG:4490"},
		{"gcj02", geo.WGS84ToGCJ02(wgs), geo.WGS84ToGCJ02(wgs), "gcj02"},
		{"EPSG:4547", gk, wgs, "wgs84"},
	}
	for _, tt := range tests {
		t.Run(tt.crs, func(t *testing.T) {
			crs, err := geo.ParseCRS(tt.crs)
			if err != nil {
				t.Fatal(err)
			}
			c := &engine.City{CRS: crs, Projection: geo.NewProjection(orb.Point{114.3, 30.6})}
			if got := c.LonLatCRS().String(); got != tt.wantOut {
				t.Errorf("LonLatCRS = %s, want %s", got, tt.wantOut)
			}
			p := c.ToPlane(tt.native)
			want := c.Projection.Forward(wgs)
			if d := geo.Distance(p, want); d > 0.001 {
				t.Errorf("ToPlane(%v) = %v, %.4f m from %v", tt.native, p, d, want)
			}
			back := c.FromPlane(p)
			if !approx.Equal(back[0], tt.lonlat[0], 1e-8) || !approx.Equal(back[1], tt.lonlat[1], 1e-8) {
				t.Errorf("FromPlane = %.9f, want %.9f", back, tt.lonlat)
			}
			if d := geo.Distance(c.LonLatToPlane(back), p); d > 0.001 {
				t.Errorf("LonLatToPlane(FromPlane(p)) is %.4f m from p", d)
			}
		})
	}
}

func ExampleCity_FromPlane() {
	gk, err := geo.ParseCRS("EPSG:4547") // CGCS2000 / 3-degree Gauss-Kruger CM 114E
	if err != nil {
		panic(err)
	}
	c := &engine.City{CRS: gk, Projection: geo.NewProjection(orb.Point{114.3, 30.6})}
	p := c.ToPlane(orb.Point{527155.250, 3384378.273}) // as the city's files give it
	ll := c.FromPlane(p)                               // as map layers are written
	fmt.Printf("%s: %.5f %.5f\n", c.LonLatCRS(), ll[0], ll[1])
	q := c.LonLatToPlane(ll) // a scenario's "at"
	fmt.Printf("%.1f m apart\n", geo.Distance(p, q))
	// Output:
	// wgs84: 114.28310 30.57940
	// 0.0 m apart
}
