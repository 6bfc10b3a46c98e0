package report

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/scenarios"
)

// TilesCRS is the datum of a base map's tiles.
type TilesCRS int

// The datums of base map tiles: WGS 84 (OpenStreetMap, 天地图's _w
// layers) and GCJ-02 (AMap, Tencent), which is offset by a few hundred
// metres in China.
const (
	TilesWGS84 TilesCRS = iota
	TilesGCJ02
)

// ParseTilesCRS reads "wgs84" or "gcj02".
func ParseTilesCRS(s string) (TilesCRS, error) {
	switch s {
	case "wgs84":
		return TilesWGS84, nil
	case "gcj02":
		return TilesGCJ02, nil
	}
	return 0, fmt.Errorf("tile coordinate system %q: want wgs84 or gcj02", s)
}

func (t TilesCRS) String() string {
	if t == TilesGCJ02 {
		return "gcj02"
	}
	return "wgs84"
}

// htmlTiles is the base map the page draws under its layers.
type htmlTiles struct {
	URL string `json:"url"`
	CRS string `json:"crs"`
}

func (t *htmlTiles) crs() geo.CRS {
	if t.CRS == "gcj02" {
		return geo.GCJ02
	}
	return geo.WGS84
}

func (o *HTMLOptions) tiles() *htmlTiles {
	if o == nil || o.Tiles == "" {
		return nil
	}
	return &htmlTiles{URL: o.Tiles, CRS: o.TilesCRS.String()}
}

func (o *HTMLOptions) lang(results []*scenarios.Result) Lang {
	if o != nil && o.Lang != "" {
		return o.Lang
	}
	return DefaultLang(results[0].City)
}

// ErrTiles is wrapped by the errors of a tile URL the report cannot use.
var ErrTiles = errors.New("report: unusable tile URL")

// tileSource checks a tile URL template and returns the source the page's
// Content-Security-Policy allows images from: its scheme and host, with a
// host label holding {s} as a wildcard ("https://*.tianditu.gov.cn").
func tileSource(tmpl string) (string, error) {
	if err := checkTilePlaceholders(tmpl); err != nil {
		return "", err
	}
	u, err := url.Parse(strings.ReplaceAll(tmpl, "{s}", "s0"))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("%w: %q is not an http or https address", ErrTiles, tmpl)
	}
	host := wildcardHost(tmpl, u)
	if !validHost(host) {
		return "", fmt.Errorf("%w: %q: the host %q has a character a web address cannot have", ErrTiles, tmpl, host)
	}
	return u.Scheme + "://" + host, nil
}

// checkTilePlaceholders checks a tile URL names the zoom, column and row.
func checkTilePlaceholders(tmpl string) error {
	for _, k := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(tmpl, k) {
			return fmt.Errorf("%w: %q has no %s (a tile URL names the zoom, column and row as {z}, {x} and {y})", ErrTiles, tmpl, k)
		}
	}
	return nil
}

// wildcardHost is the host of u (parsed from tmpl with {s} filled in) with
// each label that holds {s} in tmpl as "*".
func wildcardHost(tmpl string, u *url.URL) string {
	labels := strings.Split(u.Host, ".")
	orig, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(tmpl, u.Scheme+"://"), "//"), "/")
	for i, l := range strings.Split(orig, ".") {
		if strings.Contains(l, "{s}") && i < len(labels) {
			labels[i] = "*"
		}
	}
	return strings.Join(labels, ".")
}

// validHost reports whether host has only letters, digits, '.', '-', ':'
// and '*'.
func validHost(host string) bool {
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-:*", r)) {
			return false
		}
	}
	return true
}
