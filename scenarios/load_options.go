package scenarios

import (
	"io/fs"

	"github.com/schoolplan/schoolplan/engine"
)

// LoadOptions tunes LoadWith, LoadFSWith and LoadAllWith. The zero value
// loads as Load, LoadFS and LoadAll do.
type LoadOptions struct {
	// City tunes the load of each city folder (engine.LoadOptions): its
	// Progress follows the bytes read of the city's files. Each city
	// folder loaded reports from 0 to its own total; a folder loaded
	// once for several scenarios (LoadAllWith) reports once. The
	// scenario files themselves, a few lines each, are not counted.
	City engine.LoadOptions
}

// LoadWith is Load with options.
func LoadWith(name string, opts LoadOptions) (*Scenario, error) {
	return load(diskSource{opts: opts.City}, name, nil)
}

// LoadFSWith is LoadFS with options.
func LoadFSWith(fsys fs.FS, name string, opts LoadOptions) (*Scenario, error) {
	return load(fsSource{fsys: fsys, opts: opts.City}, name, nil)
}

// LoadAllWith is LoadAll with options.
func LoadAllWith(opts LoadOptions, names ...string) ([]*Scenario, error) {
	cache := map[string]*engine.City{}
	out := make([]*Scenario, 0, len(names))
	for _, n := range names {
		s, err := load(diskSource{opts: opts.City}, n, cache)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}
