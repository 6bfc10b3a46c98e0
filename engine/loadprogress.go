package engine

import (
	"io/fs"
	"os"
	"path"
	"strings"

	"github.com/schoolplan/schoolplan/geo"
)

// LoadOptions tunes LoadCityWith and LoadCityFSWith. The zero value loads
// as LoadCity does.
type LoadOptions struct {
	// Progress, when set, is told how far the load is: done bytes of the
	// city's files read out of total, the size of every file the load
	// reads (city.yaml, each layer with a shapefile's .dbf, .cpg and .prj,
	// the roads file, the forecast and demography CSVs). total is the same
	// in every call, done never goes down, and the last call, made before
	// the load returns, has done == total, whether the load succeeds or
	// fails. Calls come from the loading goroutine, in order. Decoding
	// follows reading file by file, so the share of bytes read is ahead of
	// the work by at most the file being decoded.
	Progress func(done, total int64)
}

// LoadCityWith is LoadCity with options.
func LoadCityWith(dir string, opts LoadOptions) (*City, error) {
	return LoadCityFSWith(os.DirFS(dir), ".", dir, opts)
}

// LoadCityFSWith is LoadCityFS with options.
func LoadCityFSWith(fsys fs.FS, dir, display string, opts LoadOptions) (*City, error) {
	if display == "" {
		display = dir
	}
	l := loader{fsys: fsys, dir: dir, display: display}
	if opts.Progress != nil {
		l.meter = newMeter(fsys, opts.Progress)
		l.fsys = meteredFS{fsys, l.meter}
		l.meter.plan(path.Join(dir, CityFile))
	}
	c, err := l.load()
	l.meter.finish()
	if err != nil {
		return nil, err
	}
	return c, nil
}

// planFiles adds to the meter every file the load will read after
// city.yaml, now that city.yaml says which, and starts reporting.
func (l *loader) planFiles() {
	if l.meter == nil {
		return
	}
	for _, layer := range []string{DistrictsFile, SchoolsFile, AreasFile, CatchmentsFile} {
		layer = strings.TrimSuffix(layer, path.Ext(layer))
		if name, ok := l.layerFile(layer); ok {
			l.planLayer(name)
		}
	}
	if l.cfg.Roads != "" {
		l.planLayer(l.cfg.Roads)
	}
	for _, f := range []string{PopulationFile, BirthsFile, EnrolmentFile, SurvivalFile, ForecastFile} {
		l.meter.plan(path.Join(l.dir, f))
	}
	l.meter.start()
}

// layerFile is the file of layer in the folder, as findLayer finds it,
// without reporting anything (findLayer does when it reads the layer).
func (l *loader) layerFile(layer string) (string, bool) {
	if lc := l.cfg.Layers[layer]; lc != nil && lc.File != "" {
		return lc.File, true
	}
	found, err := geo.FindLayer(l.fsys, l.dir, layer)
	return path.Base(found), err == nil
}

// planLayer adds layer file name and, for a shapefile, the files read
// beside it.
func (l *loader) planLayer(name string) {
	l.meter.plan(path.Join(l.dir, name))
	ext := path.Ext(name)
	if !strings.EqualFold(ext, ".shp") {
		return
	}
	base := strings.TrimSuffix(name, ext)
	for _, side := range []string{"dbf", "cpg", "prj"} {
		l.meter.plan(path.Join(l.dir, base+"."+side))
		l.meter.plan(path.Join(l.dir, base+"."+strings.ToUpper(side)))
	}
}
