package benchmarks_test

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/schoolplan/schoolplan/benchmarks"
)

// root is the temporary directory of the city folders, made on first use
// and removed by TestMain.
var (
	rootOnce sync.Once
	root     string
	rootErr  error
)

// fixtures holds one Fixture per size, so that a city is generated and
// written once however many benchmarks use it.
var fixtures sync.Map // size name → *benchmarks.Fixture

func TestMain(m *testing.M) {
	code := m.Run()
	if root != "" {
		if err := os.RemoveAll(root); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
	os.Exit(code)
}

// fixture returns the fixture of s, skipping 1M-area cities under -short.
func fixture(tb testing.TB, s benchmarks.Size) *benchmarks.Fixture {
	tb.Helper()
	if testing.Short() && s.Areas >= 1_000_000 {
		tb.Skipf("areas=%s: skipped in -short mode", s.Name)
	}
	rootOnce.Do(func() { root, rootErr = os.MkdirTemp("", "schoolplan-bench-") })
	if rootErr != nil {
		tb.Fatal(rootErr)
	}
	f, _ := fixtures.LoadOrStore(s.Name, benchmarks.NewFixture(s, root))
	return f.(*benchmarks.Fixture)
}

// folder returns the fixture's written city folder.
func folder(tb testing.TB, f *benchmarks.Fixture) string {
	tb.Helper()
	dir, err := f.Folder()
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}
