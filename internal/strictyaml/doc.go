// Package strictyaml decodes a YAML document into a Go struct strictly and
// reports every problem at once, each with its line, column and key path,
// in words a planner reads (no YAML library text).
//
// A struct field is read from the key named by its `yaml:"name"` tag
// (fields without the tag, or tagged "-", are not read). The decoder
// rejects what a weakly typed decoder would coerce:
//
//   - a number for an integer field must be written as a whole number:
//     45.9, 2.7 and also 2.0 and 1e3 are rejected (2.0 is lossless, but a
//     decimal point where a count is expected is more often a slip than a
//     choice; the message says what to write instead);
//   - a number must fit the field: negative for an unsigned field, or
//     beyond the field's range, is an error (no wrap-around);
//   - a bool is only true or false: yes, no, on, off, 1 and "true" in
//     quotes are rejected;
//   - a quoted string is never a number or a bool; a plain number for a
//     text field is kept as written (an id 007 stays "007");
//   - a float is finite: .nan and .inf are rejected;
//   - keys are exact: a key given twice, two keys equal up to case
//     (Policy and policy), and an unknown key are errors; an unknown key
//     gets a "did you mean" hint when a known key is near it;
//   - the kind must match: a list where a mapping is expected, a mapping
//     where a single value is expected, and so on.
//
// A null value (`key:` with nothing after it, or `~`) leaves the field at
// its zero value, as if the key were not given. Pointers tell "not given"
// (nil) from a given zero. Slices, nested structs, pointers to them, and
// maps with text keys are supported. Aliases are followed (at most
// MaxNodes values in all, so that nested aliases cannot blow up); merge
// keys (<<) are not supported.
//
// A field of type Pos receives the line and column of the mapping that
// holds it, so that later checks can name the line. A field tagged
// `check:"name"` is passed, once decoded, to Options.Checks[name]; an
// error it returns becomes a problem at the value's line. A field tagged
// `help:"…"` has that text added in parentheses to its type errors
// ("streams are classes per grade").
package strictyaml
