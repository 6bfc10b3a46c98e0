package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

// changeConfig is one item of a scenario's changes: a mapping with one
// key, the kind of change, whose value is that kind's block.
//
// To add a kind of change on this side: a field here, a pointer to the
// kind's block tagged with its key, and the block type with the
// changeBlock methods (change_kinds.go). Nothing else in this package
// names a kind (but housing, which changes the city rather than the run):
// the order of the fields is the order in which "a change is exactly one
// of …" lists them. The engine side of a kind is its engine.Change and its
// check by engine.CheckChanges.
type changeConfig struct {
	Pos       strictyaml.Pos
	NewSchool *newSchoolConfig `yaml:"new_school"`
	Expand    *expandConfig    `yaml:"expand"`
	Close     *closeConfig     `yaml:"close"`
	SeatSwap  *seatSwapConfig  `yaml:"seat_swap"`
	Temporary *temporaryConfig `yaml:"temporary"`
	Feeders   *feedersConfig   `yaml:"feeders"`
	Convert   *convertConfig   `yaml:"convert"`
	// Housing adds a new-housing area to the city (forecast_housing.go).
	Housing *housingChangeConfig `yaml:"housing"`
	// The change's programme (programme.go), beside its kind block.
	Cost     *float64 `yaml:"cost" check:"cost" help:"a cost from 0, in the unit of the costs table"`
	LeadTime *int     `yaml:"lead_time" check:"lead_time" help:"years from decision to effect"`
	Decided  *int     `yaml:"decided" check:"year" help:"a calendar year"`
	Phase    string   `yaml:"phase"`
}

// changeBlock is the block of one kind of change.
type changeBlock interface {
	// line is the line of the block (its first key).
	line() int
	// toChange converts the block; what it says about the city is checked
	// by engine.CheckChanges. A problem of one field is a *fieldError.
	toChange(c *engine.City) (engine.Change, error)
}

// kindField is the changeConfig field of a kind of change.
type kindField struct {
	index int    // in changeConfig
	key   string // the kind's key
}

// kindFields are changeConfig's kinds of change, in field order.
var kindFields = changeKinds()

// errOneKind is the problem of a change that gives no kind or several.
var errOneKind = errors.New("a change is exactly one of " + kindKeys())

// changeKinds finds the kinds of change: the fields of changeConfig whose
// type is a changeBlock.
func changeKinds() []kindField {
	t := reflect.TypeFor[changeConfig]()
	block := reflect.TypeFor[changeBlock]()
	var out []kindField
	for i := range t.NumField() {
		if f := t.Field(i); f.Type.Implements(block) {
			out = append(out, kindField{i, f.Tag.Get("yaml")})
		}
	}
	return out
}

// kindKeys lists the keys of the kinds of change: "new_school, expand, …".
func kindKeys() string {
	keys := make([]string, len(kindFields))
	for i, k := range kindFields {
		keys[i] = k.key
	}
	return strings.Join(keys, ", ")
}

// blocks are the kind blocks c gives, in field order.
func (c *changeConfig) blocks() []changeBlock {
	v := reflect.ValueOf(c).Elem()
	var out []changeBlock
	for _, k := range kindFields {
		if f := v.Field(k.index); !f.IsNil() {
			out = append(out, f.Interface().(changeBlock))
		}
	}
	return out
}

// line is the line of the change's kind block (its first key), or of the
// change when it gives none.
func (c *changeConfig) line() int {
	if b := c.blocks(); len(b) > 0 {
		return b[0].line()
	}
	return c.Pos.Line
}

// toChange converts a change that gives exactly one kind.
func (c *changeConfig) toChange(city *engine.City) (engine.Change, error) {
	b := c.blocks()
	if len(b) != 1 {
		return nil, errOneKind
	}
	return b[0].toChange(city)
}

// changes converts the scenario's changes (housing aside, applied to the
// city already) and checks them against the city with
// engine.CheckChanges, as the simulation will: every problem is returned.
func (s *Scenario) changes(all []changeAt) geo.Errors {
	var errs geo.Errors
	var from []changeAt // per converted change, where it came from
	for _, ch := range all {
		if ch.cfg.Housing != nil {
			if ch.cfg.hasProgramme() {
				errs = append(errs, ch.errorf(errHousingProgramme))
			}
			continue
		}
		c, err := ch.cfg.toChange(s.City)
		if err == nil {
			var p engine.Programme
			if p, err = ch.cfg.programme(c.Effective(), s.Phases); err == nil {
				s.Changes = append(s.Changes, engine.WithProgramme(c, p))
				from = append(from, ch)
				continue
			}
		}
		errs = append(errs, ch.errorf(err))
	}
	if len(errs) > 0 {
		return errs
	}
	if errs = s.checkChanges(from); len(errs) == 0 {
		s.changeWarnings(from)
		s.from, s.loaded = from, slices.Clone(s.Changes)
	}
	return errs
}

// checkChanges checks s.Changes with engine.CheckChanges and names, for
// each problem, the file, line and key of the change (from: where each
// change came from).
func (s *Scenario) checkChanges(from []changeAt) geo.Errors {
	var errs geo.Errors
	for _, e := range appendErr(nil, engine.CheckChanges(s.City, &s.Policy, s.First, s.Last, s.Changes)) {
		errs = append(errs, s.changeError(from, e))
	}
	return errs
}

// changeError names in e, when it is a problem of one change
// (engine.ChangeError), the file, line and key of the change (from: where
// each change came from), else the scenario file.
func (s *Scenario) changeError(from []changeAt, e error) *Error {
	var ce *engine.ChangeError
	if !errors.As(e, &ce) || ce.Index < 0 || ce.Index >= len(from) {
		return &Error{File: s.File, Err: e}
	}
	at := from[ce.Index]
	return &Error{File: at.file, Line: at.cfg.line(), Key: fmt.Sprintf("changes[%d].%s.%s", at.index, ce.Kind, ce.Field), Err: ce.Err}
}

// changeWarnings adds the changes' warnings (engine.ChangeWarnings) to the
// scenario's city, on a copy so that a city shared by several scenarios
// keeps only its own, each naming the file, line and key of its change.
func (s *Scenario) changeWarnings(from []changeAt) {
	warns := engine.ChangeWarnings(s.City, &s.Policy, s.First, s.Last, s.Changes)
	if len(warns) == 0 {
		return
	}
	cc := *s.City
	cc.Warnings = slices.Clip(cc.Warnings)
	for _, w := range warns {
		ce := w.(*engine.Warning).Err.(*engine.ChangeError)
		at := from[ce.Index]
		cc.Warnings = append(cc.Warnings, &engine.Warning{Err: &Error{File: at.file, Line: at.cfg.line(),
			Key: fmt.Sprintf("changes[%d].%s.%s", at.index, ce.Kind, ce.Field), Err: ce.Err}})
	}
	s.City = &cc
}

// errorf is an error of the change as a whole: a *fieldError names its
// field, anything else the change.
func (ch changeAt) errorf(err error) *Error {
	key := fmt.Sprintf("changes[%d]", ch.index)
	var fe *fieldError
	if errors.As(err, &fe) {
		key += "." + fe.field
		err = fe.err
	}
	return &Error{File: ch.file, Line: ch.cfg.line(), Key: key, Err: err}
}

// fieldError is a problem of one field of a change ("expand.year").
type fieldError struct {
	field string
	err   error
}

func (e *fieldError) Error() string { return e.field + ": " + e.err.Error() }

func fieldErrorf(field, format string, args ...any) error {
	return &fieldError{field, fmt.Errorf(format, args...)}
}
