package strictyaml_test

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

type inner struct {
	Pos   strictyaml.Pos
	Name  string   `yaml:"name"`
	Count *int     `yaml:"count" check:"positive"`
	Tags  []string `yaml:"tags"`
}

type doc struct {
	Text   string             `yaml:"text"`
	Int    int                `yaml:"int" help:"a count"`
	Small  int8               `yaml:"small"`
	Uint   uint64             `yaml:"uint"`
	Byte   uint8              `yaml:"byte"`
	Float  float64            `yaml:"float"`
	Flag   *bool              `yaml:"flag"`
	Inner  *inner             `yaml:"inner"`
	List   []inner            `yaml:"list"`
	Map    map[string]float64 `yaml:"map"`
	Coords []float64          `yaml:"coords"`
	Hidden string
}

var opts = &strictyaml.Options{Checks: map[string]func(any) error{
	"positive": func(v any) error {
		if v.(int) <= 0 {
			return fmt.Errorf("%d: want a count above 0", v)
		}
		return nil
	},
}}

func ptr[T any](v T) *T { return &v }

func TestDecodeGood(t *testing.T) {
	src := `# a comment
text: 007
int: -12
small: 127
uint: 18446744073709551615
byte: 0xff
float: 1_000.5
flag: false
inner:
  name: a
  count: 3
list:
  - {name: b, tags: [x, "y"]}
  - name: c
map: {"6": 1, 0-5: 2.5}
coords: &c [1, -2.5e3]
Hidden: ignored?
`
	// Hidden has no yaml tag, so it is an unknown key.
	var got doc
	err := strictyaml.Decode("d.yaml", []byte(src), &got, opts)
	if err == nil || err.Error() != "d.yaml:17: Hidden: unknown key: want one of byte, coords, flag, float, inner, int, list, map, small, text, uint" {
		t.Fatalf("err %v", err)
	}
	want := doc{Text: "007", Int: -12, Small: 127, Uint: math.MaxUint64, Byte: 255, Float: 1000.5, Flag: ptr(false),
		Inner: &inner{Pos: strictyaml.Pos{Line: 10, Column: 3}, Name: "a", Count: ptr(3)},
		List:  []inner{{Pos: strictyaml.Pos{Line: 13, Column: 5}, Name: "b", Tags: []string{"x", "y"}}, {Pos: strictyaml.Pos{Line: 14, Column: 5}, Name: "c"}},
		Map:   map[string]float64{"6": 1, "0-5": 2.5}, Coords: []float64{1, -2500}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestDecodeEmptyAndNull(t *testing.T) {
	for _, src := range []string{"", "# only a comment\n", "---\n", "int:\ninner: ~\nflag: null\n"} {
		got := doc{Int: 5}
		if err := strictyaml.Decode("d.yaml", []byte(src), &got, nil); err != nil {
			t.Errorf("%q: %v", src, err)
		}
		if got.Int != 5 || got.Inner != nil || got.Flag != nil {
			t.Errorf("%q: null changed the value: %+v", src, got)
		}
	}
}

func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"decimal for an int", "int: 45.9", "d.yaml:1: int: 45.9 is not a whole number (a count)"},
		{"whole decimal for an int", "int: 2.0", "d.yaml:1: int: 2.0 is written as a decimal, not a whole number: write 2 (a count)"},
		{"exponent for an int", "int: 1e3", "d.yaml:1: int: 1e3 is written as a decimal, not a whole number: write 1000 (a count)"},
		{"quoted number", `int: "1"`, `d.yaml:1: int: "1" is in quotes: write a whole number without quotes (a count)`},
		{"word for a number", "float: many", "d.yaml:1: float: many is not a number"},
		{"bool for a number", "int: true", "d.yaml:1: int: true is a true/false value, not a whole number (a count)"},
		{"yes for a bool", "flag: yes", "d.yaml:1: flag: yes is not true or false (write true or false)"},
		{"on for a bool", "flag: on", "d.yaml:1: flag: on is not true or false (write true or false)"},
		{"1 for a bool", "flag: 1", "d.yaml:1: flag: 1 is not true or false (write true or false)"},
		{"quoted true", `flag: "true"`, `d.yaml:1: flag: "true" is in quotes: write true or false without quotes`},
		{"True for a bool", "flag: True", "d.yaml:1: flag: True is not true or false (write true or false)"},
		{"bool for text", "text: true", "d.yaml:1: text: true is a true/false value, not text (put it in quotes to mean the text)"},
		{"negative unsigned", "uint: -1", "d.yaml:1: uint: -1 is negative: want a whole number >= 0"},
		{"unsigned beyond 64 bits", "uint: 18446744073709551616", "d.yaml:1: uint: 18446744073709551616 is too large"},
		{"beyond uint8", "byte: 256", "d.yaml:1: byte: 256 is too large: want at most 255"},
		{"beyond int8", "small: 128", "d.yaml:1: small: 128 is too large: want at most 127"},
		{"below int8", "small: -129", "d.yaml:1: small: -129 is too far below zero: want at least -128"},
		{"beyond int64", "int: 9223372036854775808", "d.yaml:1: int: 9223372036854775808 is too large: want at most 9223372036854775807 (a count)"},
		{"far below int64", "int: -99999999999999999999", "d.yaml:1: int: -99999999999999999999 is too far below zero (a count)"},
		{"not a number", "float: .nan", "d.yaml:1: float: .nan is not a finite number"},
		{"infinite", "float: -.inf", "d.yaml:1: float: -.inf is not a finite number"},
		{"float overflow", "float: 1e999", "d.yaml:1: float: 1e999 is not a finite number"},
		{"duplicate key", "int: 1\ntext: a\nint: 2", "d.yaml:3: int: given twice (first on line 1)"},
		{"keys equal up to case", "inner: {name: a, Name: b}", "d.yaml:1: inner.Name: given again as name on line 1 (keys differ only in case): give it once, in lower case"},
		{"upper-case key", "Text: a", "d.yaml:1: Text: unknown key: keys are lower case; did you mean text?"},
		{"misspelt key", "inner:\n  cuont: 1", "d.yaml:2: inner.cuont: unknown key: did you mean count?"},
		{"shortened key", "coord: [1, 2]", "d.yaml:1: coord: unknown key: did you mean coords?"},
		{"far-off key", "inner: {colour: red}", "d.yaml:1: inner.colour: unknown key: want one of count, name, tags"},
		{"duplicate map key", "map: {a: 1, a: 2}", "d.yaml:1: map.a: given twice (first on line 1)"},
		{"list for a mapping", "inner: [a, b]", "d.yaml:1: inner: want a mapping of count, name, tags, found a list"},
		{"single value for a list", "coords: 5", "d.yaml:1: coords: want a list ([a, b] or one \"- \" item per line), found the single value 5"},
		{"mapping for a number", "int: {a: 1}", "d.yaml:1: int: want a whole number, found a mapping (key: value lines) (a count)"},
		{"list for a document", "- a\n- b", "d.yaml:1: want a mapping (key: value lines), found a list"},
		{"list element", "list:\n  - name: a\n  - name: [b]", "d.yaml:3: list[1].name: want text, found a list"},
		{"hook", "inner: {count: 0}", "d.yaml:1: inner.count: 0: want a count above 0"},
		{"merge key", "inner: {<<: {name: a}}", "d.yaml:1: inner: merge keys (<<) are not supported: write the keys out"},
		{"two documents", "int: 1\n---\nint: 2", "d.yaml:2: a second document (after ---): a file holds one document"},
		{"tab indentation", "inner:\n  name: a\n\tcount: 1", "d.yaml:3: not valid YAML: a tab in the indentation: indent with spaces"},
		{"unclosed list", "coords: [1, 2\nint: 3", "d.yaml:1: not valid YAML: a list in [ ] is not closed with ]"},
		{"unknown alias", "coords: *nowhere", "d.yaml:1: not valid YAML: an alias (*name) names no anchor (&name) above it"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d doc
			err := strictyaml.Decode("d.yaml", []byte(tc.src), &d, opts)
			if err == nil {
				t.Fatal("no error")
			}
			if err.Error() != tc.want {
				t.Errorf("got  %q\nwant %q", err, tc.want)
			}
			var list geo.Errors
			var p *strictyaml.Problem
			if !errors.As(err, &list) || !errors.As(err, &p) || p.File != "d.yaml" {
				t.Errorf("%v is not a list of problems", err)
			}
		})
	}
}

// Every problem is reported, in document order, each at its line.
func TestDecodeEveryProblem(t *testing.T) {
	src := "int: 2.7\nflag: yes\ninner:\n  name: [a]\n  count: -1\npolcy: 1\nuint: -3\n"
	var d doc
	err := strictyaml.Decode("d.yaml", []byte(src), &d, opts)
	var list geo.Errors
	if !errors.As(err, &list) {
		t.Fatalf("err %v", err)
	}
	want := []int{1, 2, 4, 5, 6, 7}
	if len(list) != len(want) {
		t.Fatalf("%d problems, want %d: %v", len(list), len(want), err)
	}
	for i, e := range list {
		if p := e.(*strictyaml.Problem); p.Line != want[i] {
			t.Errorf("problem %d at line %d, want %d: %v", i, p.Line, want[i], p)
		}
	}
}

// Nested aliases cannot blow a small file up into a huge document.
func TestDecodeAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 8; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	type (
		l1 = []string
		l2 = []l1
		l3 = []l2
		l4 = []l3
		l5 = []l4
		l6 = []l5
		l7 = []l6
		l8 = []l7
	)
	var e struct {
		A0 l1 `yaml:"a0"`
		A1 l2 `yaml:"a1"`
		A2 l3 `yaml:"a2"`
		A3 l4 `yaml:"a3"`
		A4 l5 `yaml:"a4"`
		A5 l6 `yaml:"a5"`
		A6 l7 `yaml:"a6"`
		A7 l8 `yaml:"a7"`
	}
	err := strictyaml.Decode("d.yaml", []byte(b.String()), &e, nil)
	var list geo.Errors
	if !errors.As(err, &list) || len(list) != 1 || !strings.Contains(err.Error(), ": the document expands to more than 100000 values (through aliases): too large to read") {
		t.Errorf("err %v, want a size error", err)
	}
}
