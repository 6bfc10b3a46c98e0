package strictyaml_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// FuzzDecode: any input decodes or gives problems that each name the file
// and a line within the input; never a panic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"text: a\nint: 1\nflag: true\ninner: {name: a, count: 2}\nlist: [{name: b}]\nmap: {a: 1}\ncoords: [1, 2]\n",
		"int: 2.7\nflag: yes\n", "a: &x [1]\ncoords: *x\n", "- 1\n", "int: \"1\"\n---\nint: 2\n", "inner:\n\tname: x\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d doc
		err := strictyaml.Decode("d.yaml", data, &d, opts)
		if err == nil {
			return
		}
		var list geo.Errors
		if !errors.As(err, &list) || len(list) == 0 || len(list) > strictyaml.MaxProblems+1 {
			t.Fatalf("err %v is not a list of problems", err)
		}
		// YAML breaks lines at \n, \r, NEL, LS and PS: an upper bound.
		lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) +
			bytes.Count(data, []byte("\u0085")) + bytes.Count(data, []byte("\u2028")) + bytes.Count(data, []byte("\u2029"))
		for _, e := range list {
			p, ok := e.(*strictyaml.Problem)
			if !ok || p.File != "d.yaml" || p.Line < 0 || p.Line > lines || p.Msg == "" {
				t.Fatalf("bad problem %#v", e)
			}
		}
	})
}
