package geo

import (
	"bytes"
	"fmt"
	"strings"
)

// GeoJSONCRSName returns the CRS name in the legacy top-level crs member of
// a GeoJSON document (GeoJSON 2008; RFC 7946 dropped it, but GDAL and
// ArcGIS still write it for projected data):
//
//	"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}
//
// gives "urn:ogc:def:crs:EPSG::4547". No crs member, or "crs": null, gives
// "". The linked form ({"type": "link", …}) and any other shape are errors
// wrapping ErrCRS, as is malformed JSON. The name is returned as written,
// not interpreted. Only top-level members are looked at; the rest of the
// document is skipped without building values, so the cost is one scan.
func GeoJSONCRSName(data []byte) (string, error) {
	s := scanner{data: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))}
	if s.next() != '{' {
		return "", fmt.Errorf("%w: the document is not a JSON object", ErrCRS)
	}
	s.push()
	s.pos++
	var (
		crs  any
		seen bool
	)
	for first := true; ; first = false {
		key, ok := s.member(first)
		if !ok {
			break
		}
		if string(key) != "crs" {
			s.skip()
			continue
		}
		if seen {
			return "", fmt.Errorf("%w: crs appears twice", ErrCRS)
		}
		seen = true
		crs = s.value()
	}
	s.end()
	if s.err != nil {
		return "", fmt.Errorf("%w: %s", ErrCRS, strings.TrimPrefix(s.err.Error(), "geo: "))
	}
	return crsMemberName(crs)
}

// crsMemberName reads the decoded value of a crs member.
func crsMemberName(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return "", fmt.Errorf("%w: crs must be an object, got %s", ErrCRS, kind(v))
	}
	switch typ := obj["type"]; typ {
	case "name":
	case "link":
		return "", fmt.Errorf("%w: a linked crs is not read; name the CRS instead, e.g. {\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4547\"}}", ErrCRS)
	default:
		return "", fmt.Errorf("%w: crs type must be \"name\", got %s", ErrCRS, kind(typ))
	}
	props, ok := obj["properties"].(map[string]any)
	if !ok {
		return "", fmt.Errorf("%w: a named crs needs a properties object", ErrCRS)
	}
	name, ok := props["name"].(string)
	if !ok || name == "" {
		return "", fmt.Errorf("%w: a named crs needs a non-empty properties.name string, got %s", ErrCRS, kind(props["name"]))
	}
	return name, nil
}
