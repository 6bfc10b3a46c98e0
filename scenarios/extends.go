package scenarios

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"

	"github.com/schoolplan/schoolplan/geo"
)

// layer is one file of an extends chain.
type layer struct {
	file string
	cfg  fileConfig
}

// changeAt is a change with the file, index and line it came from.
type changeAt struct {
	file  string
	index int
	cfg   changeConfig
}

// chain is an extends chain laid over its base.
type chain struct {
	policy  *policyConfig
	fcast   *forecastConfig
	years   []int
	changes []changeAt
	costs   *costsConfig
	phases  []phaseConfig
	// phasesFile is the file that gives phases.
	phasesFile string
}

// readChain reads name and the files it extends, base first. Every
// problem of every file read is returned.
func readChain(src source, name string) ([]layer, error) {
	var chain []layer
	var errs geo.Errors
	seen := map[string]bool{}
	for file, from := name, ""; file != ""; {
		if seen[file] {
			errs = append(errs, &Error{File: file, Key: "extends", Err: fmt.Errorf("extends itself through %s", name)})
			break
		}
		seen[file] = true
		cfg, err := readFile(src, file)
		if err != nil {
			errs = appendErr(errs, extendsError(from, file, err))
		}
		chain = append(chain, layer{file, cfg})
		if cfg.Extends == "" {
			break
		}
		file, from = src.join(file, cfg.Extends), file
	}
	if len(errs) > 0 {
		return nil, errs
	}
	slices.Reverse(chain)
	return chain, nil
}

// extendsError is err, from reading file, said as a problem of the
// extends key of the file from that names it when file could not be read
// at all (it is missing, or a folder); else err as it is.
func extendsError(from, file string, err error) error {
	var e *Error
	var pe *fs.PathError
	if from == "" || !errors.As(err, &e) || e.File != file || !errors.As(e.Err, &pe) {
		return err
	}
	why := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, fs.ErrNotExist):
		why = "no such file"
	case errors.Is(pe.Err, fs.ErrInvalid), errors.Is(pe.Err, syscall.EISDIR):
		why = "a folder, not a scenario file"
	}
	return &Error{File: from, Key: "extends", Err: fmt.Errorf("cannot read %s: %s", file, why)}
}

// assemble lays the chain's files over each other, base first: a file's
// city, description and years replace the base's, its policy and forecast
// keys are laid over the base's (overlay), and its changes come after the
// base's. Its costs are laid over the base's key by key; its phases replace
// the base's.
func assemble(src source, name string, layers []layer) (*Scenario, *chain) {
	top := layers[len(layers)-1]
	s := &Scenario{File: name, Name: top.cfg.Name}
	if len(layers) > 1 {
		s.Base = layers[len(layers)-2].file
	}
	ch := &chain{}
	for _, l := range layers {
		if l.cfg.City != "" {
			s.CityDir = src.join(l.file, l.cfg.City)
		}
		if l.cfg.Description != "" {
			s.Description = l.cfg.Description
		}
		if l.cfg.Years != nil {
			ch.years = l.cfg.Years
		}
		ch.policy = overlay(l.cfg.Policy, ch.policy)
		ch.fcast = l.cfg.Forecast.merge(ch.fcast)
		ch.costs = overlay(l.cfg.Costs, ch.costs)
		if l.cfg.Phases != nil {
			ch.phases, ch.phasesFile = l.cfg.Phases, l.file
		}
		for i, c := range l.cfg.Changes {
			ch.changes = append(ch.changes, changeAt{l.file, i, c})
		}
	}
	if s.Name == "" {
		s.Name = strings.TrimSuffix(path.Base(filepath.ToSlash(name)), path.Ext(name))
	}
	return s, ch
}

// overlay lays top over base, two blocks of a scenario file whose keys are
// pointer, slice or map fields (nil: not given). A key top gives wins; a
// key whose value is itself a block (a pointer to a struct: a per-stage
// value, shared_seats, births) is laid over the base's key by key. Fields
// that cannot be nil (a strictyaml.Pos) keep the base's. Neither top nor
// base is changed. This is the one merge of extends:, so a new key needs
// nothing here.
func overlay[T any](top, base *T) *T {
	if top == nil {
		return base
	}
	if base == nil {
		return top
	}
	out := *base
	overlayFields(reflect.ValueOf(&out).Elem(), reflect.ValueOf(top).Elem())
	return &out
}

// overlayFields sets each field of out (a copy of the base) that top gives.
func overlayFields(out, top reflect.Value) {
	for i := range out.NumField() {
		dst, src := out.Field(i), top.Field(i)
		switch {
		case !nilable(src.Kind()) || src.IsNil():
			continue
		case src.Kind() == reflect.Pointer && src.Elem().Kind() == reflect.Struct && !dst.IsNil():
			block := reflect.New(src.Elem().Type())
			block.Elem().Set(dst.Elem())
			overlayFields(block.Elem(), src.Elem())
			dst.Set(block)
		default:
			dst.Set(src)
		}
	}
}

// nilable tells the kinds of field that say "not given" with nil.
func nilable(k reflect.Kind) bool {
	return k == reflect.Pointer || k == reflect.Slice || k == reflect.Map
}
