package main

import (
	"io"
	"os"
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

// loading runs load, which reads something of unknown length (a city
// folder, scenario files), and on a terminal (on) shows meanwhile a
// spinner with desc and the time taken, cleared when load returns.
func loading(w io.Writer, on bool, desc string, load func() error) error {
	if !on {
		return load()
	}
	p := &progress{bar: progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(desc),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)}
	stop := make(chan struct{})
	ticked := make(chan struct{})
	go func() {
		defer close(ticked)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			p.step(desc)
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	err := load()
	close(stop)
	<-ticked
	p.done()
	return err
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
