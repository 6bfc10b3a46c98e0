package strictyaml

import (
	"errors"
	"math"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// quoted is the styles of a scalar written as text on purpose.
const quoted = yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle

// show is a scalar as written, quotes kept, cut to a readable length.
func show(n *yaml.Node) string {
	s := n.Value
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	if n.Style&quoted != 0 || s == "" || strings.ContainsAny(s, "\n\t") {
		return strconv.Quote(s)
	}
	return s
}

// scalarClass is how a scalar was written.
type scalarClass int

const (
	classText scalarClass = iota
	classNumber
	classBool
)

func classify(n *yaml.Node) scalarClass {
	if n.Style&quoted != 0 {
		return classText
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return classNumber
	case "!!bool":
		return classBool
	}
	return classText
}

// scalar decodes a single value into a string, bool or number v.
func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string, f field) {
	if n.Kind != yaml.ScalarNode {
		d.failType(n, path, f, "want %s, found %s", wantScalar(v.Kind()), kindName(n))
		return
	}
	switch v.Kind() {
	case reflect.String:
		d.text(n, v, path, f)
	case reflect.Bool:
		d.boolean(n, v, path, f)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.integer(n, v, path, f)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		d.unsigned(n, v, path, f)
	case reflect.Float32, reflect.Float64:
		d.float(n, v, path, f)
	case reflect.Interface:
		d.anyScalar(n, v, path, f)
	default:
		panic("strictyaml: unsupported field type " + v.Type().String())
	}
}

// anyScalar decodes a single value of any kind into an interface field, by
// how it is written: quoted or plain text as a string, a number as an int64
// (whole) or float64, true or false as a bool.
func (d *decoder) anyScalar(n *yaml.Node, v reflect.Value, path string, f field) {
	var x any = n.Value
	switch classify(n) {
	case classBool:
		x = n.Value == "true"
	case classNumber:
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			x = i
		} else if fl, err := strconv.ParseFloat(n.Value, 64); err == nil && !math.IsNaN(fl) && !math.IsInf(fl, 0) {
			x = fl
		} else {
			d.failType(n, path, f, "%s is not a finite number", show(n))
			return
		}
	}
	v.Set(reflect.ValueOf(x))
}

func wantScalar(k reflect.Kind) string {
	switch k {
	case reflect.Interface:
		return "a single value (text, a number, true or false)"
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number >= 0"
	}
	return "a whole number"
}

// text takes text, and a plain number as written; not a bool.
func (d *decoder) text(n *yaml.Node, v reflect.Value, path string, f field) {
	if classify(n) == classBool {
		d.failType(n, path, f, "%s is a true/false value, not text (put it in quotes to mean the text)", show(n))
		return
	}
	v.SetString(n.Value)
}

func (d *decoder) boolean(n *yaml.Node, v reflect.Value, path string, f field) {
	if classify(n) == classBool && (n.Value == "true" || n.Value == "false") {
		v.SetBool(n.Value == "true")
		return
	}
	switch {
	case n.Style&quoted != 0:
		d.failType(n, path, f, "%s is in quotes: write true or false without quotes", show(n))
	default:
		d.failType(n, path, f, "%s is not true or false (write true or false)", show(n))
	}
}

// notNumber explains why n is not a number; "" when it is one.
func notNumber(n *yaml.Node, want string) string {
	switch classify(n) {
	case classText:
		if n.Style&quoted != 0 {
			return show(n) + " is in quotes: write " + want + " without quotes"
		}
		if _, err := strconv.ParseFloat(n.Value, 64); errors.Is(err, strconv.ErrRange) {
			return show(n) + " is not a finite number"
		}
		return show(n) + " is not " + want
	case classBool:
		return show(n) + " is a true/false value, not " + want
	}
	return ""
}

// parseWhole parses a whole number as YAML writes it (decimal, 0x, 0o,
// 0b, underscores). big is true when it is beyond 64 bits; frac when it
// is a number but not a whole one as written.
func parseWhole(s string) (i int64, u uint64, neg, big, frac bool, err error) {
	if i, err = strconv.ParseInt(s, 0, 64); err == nil {
		return i, uint64(i), i < 0, false, false, nil
	}
	if errors.Is(err, strconv.ErrRange) {
		if u, err2 := strconv.ParseUint(s, 0, 64); err2 == nil {
			return 0, u, false, false, false, nil
		}
		return 0, 0, strings.HasPrefix(s, "-"), true, false, nil
	}
	fl, ferr := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if ferr == nil || errors.Is(ferr, strconv.ErrRange) {
		if !strings.ContainsAny(s, ".eEnNiI") && !strings.HasPrefix(s, "0x") && !math.IsInf(fl, 0) {
			return 0, 0, strings.HasPrefix(s, "-"), true, false, nil
		}
		return 0, 0, false, false, true, nil
	}
	return 0, 0, false, false, false, err
}

// whole reads n as a whole number, recording why not; ok false on error.
func (d *decoder) whole(n *yaml.Node, path string, f field, want string) (i int64, u uint64, neg, ok bool) {
	if why := notNumber(n, want); why != "" {
		d.failType(n, path, f, "%s", why)
		return 0, 0, false, false
	}
	i, u, neg, big, frac, err := parseWhole(n.Value)
	switch {
	case frac:
		fl, ferr := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if ferr == nil && fl == math.Trunc(fl) && math.Abs(fl) < 1e15 {
			d.failType(n, path, f, "%s is written as a decimal, not a whole number: write %d", show(n), int64(fl))
		} else {
			d.failType(n, path, f, "%s is not a whole number", show(n))
		}
		return 0, 0, false, false
	case big && neg:
		d.failType(n, path, f, "%s is too far below zero", show(n))
		return 0, 0, false, false
	case big:
		d.failType(n, path, f, "%s is too large", show(n))
		return 0, 0, false, false
	case err != nil:
		d.failType(n, path, f, "%s is not %s", show(n), want)
		return 0, 0, false, false
	}
	return i, u, neg, true
}

func (d *decoder) integer(n *yaml.Node, v reflect.Value, path string, f field) {
	i, u, neg, ok := d.whole(n, path, f, "a whole number")
	if !ok {
		return
	}
	limit := int64(1)<<(v.Type().Bits()-1) - 1
	switch {
	case !neg && (u > uint64(limit)):
		d.failType(n, path, f, "%s is too large: want at most %d", show(n), limit)
	case neg && v.OverflowInt(i):
		d.failType(n, path, f, "%s is too far below zero: want at least %d", show(n), -limit-1)
	default:
		v.SetInt(i)
	}
}

func (d *decoder) unsigned(n *yaml.Node, v reflect.Value, path string, f field) {
	_, u, neg, ok := d.whole(n, path, f, "a whole number >= 0")
	switch {
	case !ok:
	case neg:
		d.failType(n, path, f, "%s is negative: want a whole number >= 0", show(n))
	case v.OverflowUint(u):
		d.failType(n, path, f, "%s is too large: want at most %d", show(n), uint64(1)<<v.Type().Bits()-1)
	default:
		v.SetUint(u)
	}
}

// float decodes a number into the float v; it must be finite and fit.
func (d *decoder) float(n *yaml.Node, v reflect.Value, path string, f field) {
	if why := notNumber(n, "a number"); why != "" {
		d.failType(n, path, f, "%s", why)
		return
	}
	x, ok := parseFloat(n.Value)
	if !ok {
		d.failType(n, path, f, "%s is not a number", show(n))
		return
	}
	if math.IsNaN(x) || math.IsInf(x, 0) || v.OverflowFloat(x) {
		d.failType(n, path, f, "%s is not a finite number", show(n))
		return
	}
	v.SetFloat(x)
}

// parseFloat reads a YAML number: a whole number exactly as its integer
// parse gives it, else a decimal (out of range: ±Inf), else .inf or .nan.
func parseFloat(s string) (float64, bool) {
	if i, u, neg, big, frac, err := parseWhole(s); err == nil && !big && !frac {
		if neg {
			return float64(i), true
		}
		return float64(u), true
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		x, err = yamlSpecial(s)
		if err != nil {
			return 0, false
		}
	}
	return x, true
}

// yamlSpecial reads YAML's .inf and .nan spellings.
func yamlSpecial(s string) (float64, error) {
	switch strings.ToLower(strings.TrimPrefix(s, "+")) {
	case ".inf":
		return math.Inf(1), nil
	case "-.inf":
		return math.Inf(-1), nil
	case ".nan":
		return math.NaN(), nil
	}
	return 0, strconv.ErrSyntax
}
