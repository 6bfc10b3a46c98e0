package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"testing"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/scenarios"
)

// mapAreas writes the areas layer's features the general way: a property
// map per area through json.Marshal, as every other layer is written.
func mapAreas(tb testing.TB, l *layers, st engine.Stage) []byte {
	tb.Helper()
	var buf bytes.Buffer
	n := 0
	err := l.areas(st, func(f *feature) error {
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		buf.WriteByte('\n')
		data, err := json.Marshal(f)
		buf.Write(data)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// tinyBaselineFile is the tiny test city's baseline scenario.
const tinyBaselineFile = "../testdata/scenarios/tiny-baseline.yaml"

// TestAreasGeoJSONMatchesMarshal checks the hand encoder of the areas
// layer against json.Marshal of the property maps, byte for byte, on the
// test city, on Monaco walked along the roads, and on the test city with
// names and ids that need escaping, new housing, and numbers in exponent
// form.
func TestAreasGeoJSONMatchesMarshal(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		modify func(c *engine.City)
	}{
		{"as loaded", tinyBaselineFile, func(*engine.City) {}},
		{"walking (walk_min by year, distance)", "../testdata/scenarios/monaco-network.yaml", func(*engine.City) {}},
		{"escapes and odd numbers", tinyBaselineFile, func(c *engine.City) {
			c.Areas[0].Name = `学校 <a&b> "q" \ ` + "\n\t\u2028\x01"
			c.Areas[0].CompletionYear = 2027
			c.Areas[1].ID = "A<1>"
			c.Areas[1].Population = 1e-7
			c.Areas[2].Population = 2.5e21
			c.Areas[3].Population = 1234.5678
			c.Areas[3].Name = "plain"
			c.Districts[0].ID = "D&1"
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc, err := scenarios.LoadAll(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := scenarios.Run(t.Context(), sc[0], nil)
			if err != nil {
				t.Fatal(err)
			}
			tc.modify(res.City)
			l := newLayers(res, nil, nil)
			for _, st := range res.City.Stages() {
				var got bytes.Buffer
				bw := bufio.NewWriter(&got)
				if err := l.areasGeoJSON(bw, st); err != nil {
					t.Fatal(err)
				}
				bw.Flush()
				want := mapAreas(t, l, st)
				if !bytes.Equal(got.Bytes(), want) || len(want) == 0 {
					t.Errorf("%s:\n got %s\nwant %s", st, got.Bytes(), want)
				}
			}
		})
	}
}
