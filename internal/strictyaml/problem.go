package strictyaml

import "fmt"

// Problem is one thing wrong in a document: where, at which key, and what.
type Problem struct {
	File   string // as given to Decode
	Line   int    // 1-based; 0 when the problem is not tied to a line
	Column int    // 1-based; 0 when unknown
	Path   string // key path, e.g. "changes[2].expand.streams"; "" for the document
	Msg    string // what is wrong and what is expected
}

// Error formats the problem as "file:line: path: msg", leaving out the
// parts that are not known.
func (p *Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", loc, p.Line)
	}
	if p.Path == "" {
		return fmt.Sprintf("%s: %s", loc, p.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", loc, p.Path, p.Msg)
}

// Pos is the position of a mapping in the document; a struct field of
// this type (with any tag or none) is set to the position of the mapping
// the struct was decoded from.
type Pos struct {
	Line, Column int
}
