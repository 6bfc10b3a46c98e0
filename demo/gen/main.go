// Command gen generates the schoolplan demo city from its source data.
//
// From the module root:
//
//	go run ./demo/gen -src demo/source -out demo
//
// or `go generate ./demo`. It writes <out>/city and <out>/scenarios and prints a per-district
// summary table to stderr. The output is deterministic: the same sources give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/schoolplan/schoolplan/demo/internal/gen"
)

func main() {
	src := flag.String("src", "demo/source", "folder with the source data")
	out := flag.String("out", "demo", "folder to write city/ and scenarios/ into")
	flag.Parse()
	if err := gen.Generate(*src, *out, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
