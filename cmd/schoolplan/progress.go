package main

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/schoolplan/schoolplan/engine"
)

// progress is a progress bar on stderr for a long run (years simulated,
// Monte-Carlo draws, optimize rounds). It shows only on a terminal and not
// under --quiet: in a pipe or a log file stderr carries errors and
// warnings only. The zero value shows nothing.
type progress struct {
	bar *progressbar.ProgressBar
}

// newProgress returns a bar of total steps (-1: a spinner, for work of
// unknown length) when on, else a silent one. Callers pass on =
// !quiet && isTerminal(w).
func newProgress(w io.Writer, on bool, total int, desc string) *progress {
	if !on {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// stageYears is a bar over the stage-years of a run.
func stageYears(w io.Writer, on bool, stages int, first, last engine.Year, desc string) *progress {
	return newProgress(w, on, stages*int(last-first+1), desc)
}

// step advances the bar by one and describes what is being done.
func (p *progress) step(desc string) {
	if p.bar == nil {
		return
	}
	p.bar.Describe(desc)
	_ = p.bar.Add(1)
}

// set shows n steps done.
func (p *progress) set(n int) {
	if p.bar != nil {
		_ = p.bar.Set(n)
	}
}

// done clears the bar.
func (p *progress) done() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

// loading runs load, which reads a city folder (and scenario files), and
// on a terminal (on) shows meanwhile a bar of the bytes read of the city's
// files against their total, with the percentage: load passes progress
// to the loader (engine.LoadOptions.Progress). Until the loader gives its
// total, and for a load that gives none, a spinner with desc and the time
// taken shows instead. The bar is cleared when load returns. Off, load
// gets a nil progress and nothing is written.
func loading(w io.Writer, on bool, desc string, load func(progress func(done, total int64)) error) error {
	if !on {
		return load(nil)
	}
	lb := newLoadBar(w, desc)
	stop := lb.tick()
	err := load(lb.report)
	stop()
	lb.done()
	return err
}

// loadBar is the bar of loading: a spinner until the loader reports its
// total, then a bar of bytes read against it. Its methods may be called
// from the loading goroutine and the ticker at once.
type loadBar struct {
	mu    sync.Mutex
	w     io.Writer
	desc  string
	bar   *progressbar.ProgressBar
	total int64 // -1 until the loader reports one
}

func newLoadBar(w io.Writer, desc string) *loadBar {
	return &loadBar{w: w, desc: desc, total: -1, bar: progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
}

// bytesBar is a bar of total bytes, with the percentage, the bytes read and
// the time taken and left.
func bytesBar(w io.Writer, desc string, total int64) *progressbar.ProgressBar {
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowBytes(true),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// report shows done bytes read of total; a new total (the spinner's end,
// or the next city folder of several) starts a new bar.
func (lb *loadBar) report(done, total int64) {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	if total != lb.total {
		_ = lb.bar.Finish()
		lb.total, lb.bar = total, bytesBar(lb.w, lb.desc, total)
	}
	_ = lb.bar.Set64(done)
}

// done clears the bar.
func (lb *loadBar) done() {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	_ = lb.bar.Finish()
}

// tick redraws the bar every 100 ms (turning the spinner while the total
// is unknown, else updating the time taken) until the returned stop is
// called.
func (lb *loadBar) tick() (stop func()) {
	quit := make(chan struct{})
	ticked := make(chan struct{})
	go func() {
		defer close(ticked)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			lb.redraw()
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(quit); <-ticked }
}

// redraw turns the spinner, or redraws the bar as it is.
func (lb *loadBar) redraw() {
	lb.mu.Lock()
	defer lb.mu.Unlock()
	step := int64(0)
	if lb.total < 0 {
		step = 1
	}
	_ = lb.bar.Add64(step)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
