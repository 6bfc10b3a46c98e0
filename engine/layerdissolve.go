package engine

import (
	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/geo"
)

// dissolve merges the features as the layer's dissolve block says: all into
// one, or one per value of a source column, in the order values first
// appear. The merged features keep only their id and name.
func (m *layerMap) dissolve(feats []geo.Feature) ([]geo.Feature, geo.Errors) {
	d := m.cfg.Dissolve
	var keys []string
	groups := map[string][]orb.Geometry{}
	first := map[string]*geo.Feature{}
	var errs geo.Errors
	for i := range feats {
		f := &feats[i]
		key := d.ID
		if d.By != "" {
			v, ok := scalarText(f.Props[d.By])
			if !ok || v == "" {
				errs = append(errs, f.Errorf(d.By, "%w: the column the layer is dissolved by has no value", ErrMissing))
				continue
			}
			key = v
		}
		if _, seen := groups[key]; !seen {
			keys = append(keys, key)
			first[key] = f
		}
		groups[key] = append(groups[key], f.Geometry)
	}
	out := make([]geo.Feature, 0, len(keys))
	for _, key := range keys {
		f := first[key]
		mp, err := geo.Dissolve(groups[key])
		if err != nil {
			errs = append(errs, f.Errorf("geometry", "dissolving the features of %q: %w", key, err))
			continue
		}
		name := key
		if d.By == "" {
			name = d.Name
		}
		out = append(out, geo.Feature{File: f.File, Index: f.Index, ID: key, Geometry: mp,
			Props: map[string]any{"id": key, "name": name}})
	}
	return out, errs
}

// checkDissolve checks a layer's dissolve block.
func (d *DissolveConfig) check(layer string, bad func(key, format string, args ...any)) {
	if d.By == "" && d.ID == "" {
		bad(layer+".dissolve", "give by (a column: one feature per value) or id (one feature of them all)")
	}
	if d.By != "" && (d.ID != "" || d.Name != "") {
		bad(layer+".dissolve", "by names each feature by its value: give by, or id and name, not both")
	}
}
