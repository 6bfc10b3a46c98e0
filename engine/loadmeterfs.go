package engine

import (
	"io/fs"
)

// meteredFS is a file system whose planned files count the bytes read of
// them on a meter.
type meteredFS struct {
	fs.FS
	m *meter
}

// maxChunk bounds one read of a metered file, so that a big file reports
// as it is read rather than at once.
const maxChunk = 1 << 20

// Open opens name, metered when the meter plans it.
func (f meteredFS) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil || f.m.size[name] == 0 {
		return file, err
	}
	return &meteredFile{File: file, name: name, m: f.m}, nil
}

// Stat and ReadDir keep what the file system beneath does.
func (f meteredFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(f.FS, name) }

// ReadDir lists folder name.
func (f meteredFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.FS, name) }

// meteredFile counts what is read of it.
type meteredFile struct {
	fs.File
	name string
	m    *meter
}

// Read reads at most maxChunk bytes and counts them.
func (f *meteredFile) Read(p []byte) (int, error) {
	if len(p) > maxChunk {
		p = p[:maxChunk]
	}
	n, err := f.File.Read(p)
	f.m.add(f.name, n)
	return n, err
}
