package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The bad-input corpus (testdata/bad): each case is a folder of files laid
// over a copy of the tiny city (testdata/tiny) in a folder named city. A
// file named "remove" lists city files to delete first, one per line; a
// file named "args" holds the command line (default: validate city), with
// paths relative to the folder holding city. want.txt is what the command
// prints, stdout then stderr, with its exit code; refresh with -update.
// Every case also runs simulate, which must fail (or pass with warnings
// only) and never panic.
func TestBadInputCorpus(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "..", "testdata", "bad", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) == 0 {
		t.Fatal("no cases in testdata/bad")
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			root := layCase(t, dir)
			args := caseArgs(t, dir, root)
			got := runCase(t, root, args...)
			golden(t, filepath.Join("..", "bad", filepath.Base(dir), "want.txt"), []byte(got))
			sim := append([]string{"simulate", "--quiet"}, scenarioArg(args, root)...)
			if code, _, stderr := schoolplan(t, sim...); (code == 0) != strings.Contains(got, "--- exit 0\n") {
				t.Errorf("simulate exit %d disagrees with validate: %s", code, stderr)
			}
		})
	}
}

// layCase copies the tiny city into a temporary folder and lays the case's
// files over it; it returns the folder holding city.
func layCase(t *testing.T, dir string) string {
	t.Helper()
	root := t.TempDir()
	city := filepath.Join(root, "city")
	copyDir(t, filepath.Join("..", "..", "testdata", "tiny"), city)
	if data, err := os.ReadFile(filepath.Join(dir, "remove")); err == nil {
		for _, name := range strings.Fields(string(data)) {
			if err := os.Remove(filepath.Join(city, name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		switch e.Name() {
		case "want.txt", "args", "remove":
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(city, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// caseArgs reads the case's command line, with paths made absolute.
func caseArgs(t *testing.T, dir, root string) []string {
	t.Helper()
	line := "validate city"
	if data, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
		line = strings.TrimSpace(string(data))
	}
	args := strings.Fields(line)
	for i, a := range args {
		if a == "city" || strings.HasPrefix(a, "city/") {
			args[i] = filepath.Join(root, a)
		}
	}
	return args
}

// scenarioArg is what simulate runs: the scenario validate was given, or a
// scenario of the city folder.
func scenarioArg(args []string, root string) []string {
	last := args[len(args)-1]
	if strings.HasSuffix(last, ".yaml") && !strings.HasSuffix(last, "city.yaml") {
		return []string{last}
	}
	s := filepath.Join(root, "run.yaml")
	os.WriteFile(s, []byte("city: city\nyears: [2025, 2029]\n"), 0o644)
	return []string{s}
}

// runCase runs the command and returns what it printed, with the temporary
// folder left out of paths.
func runCase(t *testing.T, root string, args ...string) string {
	t.Helper()
	code, out, stderr := schoolplan(t, args...)
	var b bytes.Buffer
	b.WriteString(out)
	b.WriteString("--- stderr\n")
	b.WriteString(stderr)
	b.WriteString("--- exit " + string(rune('0'+code)) + "\n")
	return strings.ReplaceAll(b.String(), root+string(filepath.Separator), "")
}
