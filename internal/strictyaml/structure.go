package strictyaml

import (
	"reflect"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// structInfo is what Decode reads of a struct type's fields.
type structInfo struct {
	fields map[string]fieldInfo // by key
	keys   []string             // sorted, for hints
	pos    []int                // index of the Pos field, or nil
}

type fieldInfo struct {
	index int
	field
}

var (
	posType    = reflect.TypeFor[Pos]()
	structInfs sync.Map // reflect.Type → *structInfo
)

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfs.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{fields: map[string]fieldInfo{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Type == posType {
			si.pos = []int{i}
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !sf.IsExported() {
			continue
		}
		if _, dup := si.fields[name]; dup {
			panic("strictyaml: " + t.String() + " has two fields for key " + name)
		}
		si.fields[name] = fieldInfo{index: i, field: field{help: sf.Tag.Get("help"), check: sf.Tag.Get("check")}}
		si.keys = append(si.keys, name)
	}
	slices.Sort(si.keys)
	structInfs.Store(t, si)
	return si
}

// structure decodes a mapping into the struct v by its fields' yaml tags;
// help is the struct's, for fields without their own.
func (d *decoder) structure(n *yaml.Node, v reflect.Value, path, help string) {
	if n.Kind != yaml.MappingNode {
		want := "want a mapping (key: value lines)"
		if path != "" {
			want = "want a mapping of " + strings.Join(infoOf(v.Type()).keys, ", ")
		}
		d.fail(n, path, "%s, found %s", want, kindName(n))
		return
	}
	si := infoOf(v.Type())
	if si.pos != nil {
		v.FieldByIndex(si.pos).Set(reflect.ValueOf(Pos{Line: n.Line, Column: n.Column}))
	}
	type seenKey struct {
		key  string
		line int
	}
	seen := map[string]seenKey{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key, ok := d.key(k, path)
		if !ok {
			continue
		}
		kp := join(path, key)
		fold := strings.ToLower(key)
		if prev, dup := seen[fold]; dup {
			if prev.key == key {
				d.fail(k, kp, "given twice (first on line %d)", prev.line)
			} else {
				d.fail(k, kp, "given again as %s on line %d (keys differ only in case): give it once, in lower case", prev.key, prev.line)
			}
			continue
		}
		seen[fold] = seenKey{key, k.Line}
		fi, ok := si.fields[key]
		if !ok {
			d.fail(k, kp, "%s", unknownKey(key, si.keys))
			continue
		}
		if fi.help == "" {
			fi.help = help
		}
		d.value(val, v.Field(fi.index), kp, fi.field)
	}
}

// unknownKey says key is not one of keys, with the nearest as a hint.
func unknownKey(key string, keys []string) string {
	if len(keys) == 0 {
		return "unknown key: nothing is read here"
	}
	best, bestD := "", len(key)+1
	for _, k := range keys {
		if strings.EqualFold(k, key) {
			return "unknown key: keys are lower case; did you mean " + k + "?"
		}
		if len(key) >= 3 && strings.HasPrefix(k, strings.ToLower(key)) {
			return "unknown key: did you mean " + k + "?"
		}
		if dd := editDistance(strings.ToLower(key), k); dd < bestD {
			best, bestD = k, dd
		}
	}
	if bestD <= max(1, min(3, len(key)/3)) {
		return "unknown key: did you mean " + best + "?"
	}
	return "unknown key: want one of " + strings.Join(keys, ", ")
}

// editDistance is the optimal string alignment distance of a and b
// (insertions, deletions, substitutions and swaps of neighbours), by rune.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
