package report

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// gridWriter aligns tab-terminated cells like text/tabwriter with
// AlignRight, but measures text as a terminal shows it: a Chinese
// character takes two columns, so 区县 names line up with their numbers.
// A block is a run of lines holding a tab; every cell of a column of the
// block is right-aligned to the widest plus padding. Text after a line's
// last tab is written as is. Lines without a tab (titles, blank lines) end
// a block.
type gridWriter struct {
	w       io.Writer
	padding int
	buf     bytes.Buffer
}

func newGridWriter(w io.Writer, padding int) *gridWriter {
	return &gridWriter{w: w, padding: padding}
}

// Write buffers p; Flush writes the aligned text.
func (g *gridWriter) Write(p []byte) (int, error) { return g.buf.Write(p) }

// Flush writes everything buffered.
func (g *gridWriter) Flush() error {
	text := g.buf.String()
	g.buf.Reset()
	lines := strings.SplitAfter(text, "\n")
	var out strings.Builder
	for i := 0; i < len(lines); {
		if !strings.Contains(lines[i], "\t") {
			out.WriteString(lines[i])
			i++
			continue
		}
		j := i
		for j < len(lines) && strings.Contains(lines[j], "\t") {
			j++
		}
		g.block(&out, lines[i:j])
		i = j
	}
	_, err := io.WriteString(g.w, out.String())
	return err
}

// block aligns the cells of lines, each holding a tab.
func (g *gridWriter) block(out *strings.Builder, lines []string) {
	var widths []int
	rows := make([][]string, len(lines))
	for k, l := range lines {
		rows[k] = strings.Split(l, "\t")
		for c, cell := range rows[k][:len(rows[k])-1] {
			if c == len(widths) {
				widths = append(widths, 0)
			}
			widths[c] = max(widths[c], displayWidth(cell))
		}
	}
	var line strings.Builder
	for _, cells := range rows {
		line.Reset()
		last := len(cells) - 1
		for c, cell := range cells[:last] {
			line.WriteString(strings.Repeat(" ", widths[c]+g.padding-displayWidth(cell)))
			line.WriteString(cell)
		}
		// Empty cells at the end of a line leave no trailing blanks.
		rest := strings.TrimSuffix(cells[last], "\n")
		out.WriteString(strings.TrimRight(line.String()+rest, " "))
		if len(rest) < len(cells[last]) {
			out.WriteByte('\n')
		}
	}
}

// displayWidth is the columns s takes on a terminal: two for East Asian
// wide and full-width characters, one for others.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}
