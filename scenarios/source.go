package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// source abstracts disk paths and fs.FS paths.
type source interface {
	read(name string) ([]byte, error)
	join(base, rel string) string // rel relative to the folder of base
	loadCity(dir string) (*engine.City, error)
}

// diskSource reads from disk; opts tune the loads of city folders.
type diskSource struct{ opts engine.LoadOptions }

func (diskSource) read(name string) ([]byte, error) { return os.ReadFile(name) }
func (diskSource) join(base, rel string) string {
	if filepath.IsAbs(rel) {
		return rel
	}
	return filepath.Join(filepath.Dir(base), rel)
}
func (s diskSource) loadCity(dir string) (*engine.City, error) {
	return engine.LoadCityWith(dir, s.opts)
}

// fsSource reads from fsys; opts tune the loads of city folders.
type fsSource struct {
	fsys fs.FS
	opts engine.LoadOptions
}

func (s fsSource) read(name string) ([]byte, error) { return fs.ReadFile(s.fsys, name) }
func (fsSource) join(base, rel string) string       { return path.Join(path.Dir(base), rel) }
func (s fsSource) loadCity(dir string) (*engine.City, error) {
	return engine.LoadCityFSWith(s.fsys, dir, dir, s.opts)
}

// loadCity loads the city folder dir from src, once per cache (nil: no
// cache).
func loadCity(src source, dir string, cache map[string]*engine.City) (*engine.City, error) {
	if city := cache[dir]; city != nil {
		return city, nil
	}
	city, err := src.loadCity(dir)
	if err != nil {
		return nil, err
	}
	if cache != nil {
		cache[dir] = city
	}
	return city, nil
}

// readFile decodes one scenario file strictly: every problem of the file
// is returned, each at its line.
func readFile(src source, file string) (fileConfig, error) {
	var cfg fileConfig
	data, err := src.read(file)
	if err != nil {
		return cfg, &Error{File: file, Err: err}
	}
	return cfg, decode(file, data, &cfg)
}

// decode decodes data, named file, into cfg.
func decode(file string, data []byte, cfg *fileConfig) error {
	err := strictyaml.Decode(file, data, cfg, decodeOptions)
	var list geo.Errors
	if !errors.As(err, &list) {
		return err
	}
	out := make(geo.Errors, len(list))
	for i, e := range list {
		p := e.(*strictyaml.Problem)
		out[i] = &Error{File: p.File, Line: p.Line, Key: p.Path, Err: errors.New(p.Msg)}
	}
	return out
}
