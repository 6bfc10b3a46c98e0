package strictyaml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"

	"go.yaml.in/yaml/v3"

	"github.com/schoolplan/schoolplan/geo"
)

// MaxNodes bounds the values one document may expand to (aliases
// included), so that a small file of nested aliases cannot take the
// decoder's time and memory.
const MaxNodes = 100_000

// MaxProblems bounds the problems reported for one document; a note says
// when more were left out.
const MaxProblems = 100

// Options add checks to a decode; nil means none.
type Options struct {
	// Checks holds the field-level hooks that `check:"name"` tags name.
	// Each is called with the decoded value of its field (the pointed-to
	// value for a pointer field; not called when the key is not given or
	// its value had a problem). A returned error becomes a problem at the
	// value's line, its text the message.
	Checks map[string]func(v any) error
}

// Decode decodes the YAML document data (named file in messages) into the
// struct that v points to. Every problem found is reported, as geo.Errors
// of *Problem, in document order; on error v holds what could be decoded.
// An empty document leaves v as it is. Decode panics when v is not a
// pointer to a struct, or a tag names a check Options does not hold: those
// are programming errors.
func Decode(file string, data []byte, v any, opt *Options) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("strictyaml: Decode needs a non-nil pointer to a struct, got %T", v))
	}
	if opt == nil {
		opt = &Options{}
	}
	d := &decoder{file: file, opt: opt, budget: MaxNodes}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil
		}
		return geo.Errors{syntaxProblem(file, data, err)}
	}
	d.noSecondDocument(dec, data)
	if len(doc.Content) == 1 {
		d.value(doc.Content[0], rv.Elem(), "", field{})
	}
	if len(d.errs) > 0 {
		return d.errs
	}
	return nil
}

// noSecondDocument adds a problem when dec holds a second document or
// text that does not parse after the first.
func (d *decoder) noSecondDocument(dec *yaml.Decoder, data []byte) {
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case err == nil:
		d.fail(&extra, "", "a second document (after ---): a file holds one document")
	case !errors.Is(err, io.EOF):
		d.errs = append(d.errs, syntaxProblem(d.file, data, err))
	}
}

// decoder decodes one document, gathering its problems.
type decoder struct {
	file   string
	opt    *Options
	errs   geo.Errors
	budget int
}

// field is what a struct tag adds to a value's decoding.
type field struct {
	help  string // added to type errors
	check string // name of a hook in Options.Checks
}

func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.add(&Problem{File: d.file, Line: n.Line, Column: n.Column, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// failType records a value of the wrong type, with the field's help.
func (d *decoder) failType(n *yaml.Node, path string, f field, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if f.help != "" {
		msg += " (" + f.help + ")"
	}
	d.add(&Problem{File: d.file, Line: n.Line, Column: n.Column, Path: path, Msg: msg})
}

// add records p, up to MaxProblems and a note that more were left out.
func (d *decoder) add(p *Problem) {
	switch {
	case len(d.errs) < MaxProblems:
		d.errs = append(d.errs, p)
	case len(d.errs) == MaxProblems:
		d.errs = append(d.errs, &Problem{File: d.file, Msg: fmt.Sprintf("more than %d problems: the rest are not listed", MaxProblems)})
	}
}

// value decodes n into v.
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string, f field) {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if !d.spend(n, path) || isNull(n) {
		return
	}
	before := len(d.errs)
	d.decodeKind(n, v, path, f)
	if f.check != "" && len(d.errs) == before {
		d.runCheck(n, v, path, f.check)
	}
}

// spend counts one more value against MaxNodes; false, with one problem
// said, once the document has expanded beyond it.
func (d *decoder) spend(n *yaml.Node, path string) bool {
	if d.budget--; d.budget < 0 {
		if d.budget == -1 {
			d.fail(n, path, "the document expands to more than %d values (through aliases): too large to read", MaxNodes)
		}
		return false
	}
	return true
}

// isNull reports whether n is an unquoted null: a value not given.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && n.Style&quoted == 0
}

// decodeKind decodes n into v by v's kind.
func (d *decoder) decodeKind(n *yaml.Node, v reflect.Value, path string, f field) {
	switch v.Kind() {
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		d.value(n, p.Elem(), path, field{help: f.help})
		v.Set(p)
	case reflect.Struct:
		d.structure(n, v, path, f.help)
	case reflect.Slice:
		d.sequence(n, v, path, f)
	case reflect.Map:
		d.mapping(n, v, path, f)
	default:
		d.scalar(n, v, path, f)
	}
}

// runCheck runs the named check of Options.Checks on v.
func (d *decoder) runCheck(n *yaml.Node, v reflect.Value, path, name string) {
	fn, ok := d.opt.Checks[name]
	if !ok {
		panic(fmt.Sprintf("strictyaml: no check %q in Options.Checks", name))
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if err := fn(v.Interface()); err != nil {
		d.fail(n, path, "%v", err)
	}
}

// kindName says what n is, for "want X, found Y" messages.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping (key: value lines)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.DocumentNode:
		return "a document"
	}
	return "the single value " + show(n)
}

func (d *decoder) sequence(n *yaml.Node, v reflect.Value, path string, f field) {
	if n.Kind != yaml.SequenceNode {
		d.failType(n, path, f, "want a list ([a, b] or one \"- \" item per line), found %s", kindName(n))
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, e := range n.Content {
		d.value(e, s.Index(i), fmt.Sprintf("%s[%d]", path, i), field{help: f.help})
	}
	v.Set(s)
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string, f field) {
	if v.Type().Key().Kind() != reflect.String {
		panic(fmt.Sprintf("strictyaml: map keys must be strings, not %s", v.Type().Key()))
	}
	if n.Kind != yaml.MappingNode {
		d.failType(n, path, f, "want a mapping (key: value lines), found %s", kindName(n))
		return
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key, ok := d.key(k, path)
		if !ok {
			continue
		}
		kp := join(path, key)
		if line, dup := seen[key]; dup {
			d.fail(k, kp, "given twice (first on line %d)", line)
			continue
		}
		seen[key] = k.Line
		e := reflect.New(v.Type().Elem()).Elem()
		d.value(val, e, kp, field{help: f.help})
		m.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), e)
	}
	v.Set(m)
}

// key reads a mapping key: a single value, not a merge key.
func (d *decoder) key(k *yaml.Node, path string) (string, bool) {
	if k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind != yaml.ScalarNode {
		d.fail(k, path, "a key must be a single word, found %s", kindName(k))
		return "", false
	}
	if k.Value == "<<" && k.Style&quoted == 0 {
		d.fail(k, path, "merge keys (<<) are not supported: write the keys out")
		return "", false
	}
	return k.Value, true
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
