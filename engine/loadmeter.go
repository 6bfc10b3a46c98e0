package engine

import (
	"io/fs"
)

// meter counts the bytes read of the files a load reads against their
// total size, for LoadOptions.Progress.
type meter struct {
	fsys    fs.FS // unmetered, to size files
	report  func(done, total int64)
	size    map[string]int64 // planned files by path in fsys
	read    map[string]int64 // bytes read of each, at most its size
	done    int64
	total   int64
	started bool // reports go out once every file is planned
}

func newMeter(fsys fs.FS, report func(done, total int64)) *meter {
	return &meter{fsys: fsys, report: report, size: map[string]int64{}, read: map[string]int64{}}
}

// plan adds file name of fsys, when it is a regular file not yet planned.
func (m *meter) plan(name string) {
	if _, ok := m.size[name]; ok {
		return
	}
	st, err := fs.Stat(m.fsys, name)
	if err != nil || !st.Mode().IsRegular() {
		return
	}
	m.size[name] = st.Size()
	m.total += st.Size()
}

// start reports the bytes read so far; from now on every read is reported.
func (m *meter) start() {
	m.started = true
	m.report(m.done, m.total)
}

// add counts n bytes read of file name. A file read again, or one that
// grew since it was sized, counts up to its planned size only, so that
// done stays within total.
func (m *meter) add(name string, n int) {
	size, ok := m.size[name]
	if !ok || n <= 0 {
		return
	}
	k := min(int64(n), size-m.read[name])
	if k <= 0 {
		return
	}
	m.read[name] += k
	m.done += k
	if m.started {
		m.report(m.done, m.total)
	}
}

// finish reports the load complete: a file left unread (a load that
// failed early, an optional file never needed) counts as done. A nil
// meter does nothing.
func (m *meter) finish() {
	if m == nil {
		return
	}
	if !m.started || m.done < m.total {
		m.started = true
		m.done = m.total
		m.report(m.done, m.total)
	}
}
