package geo

import (
	"fmt"
	"strconv"
	"strings"
)

// wktNode is one WKT1 element: KEYWORD[arg, …]. An argument is a quoted
// string, a number, a bare word (AXIS directions) or a nested element.
type wktNode struct {
	keyword string
	args    []wktArg
}

type wktArg struct {
	str  string // quoted string or bare word
	num  float64
	node *wktNode
	kind wktKind
}

type wktKind uint8

const (
	wktString wktKind = iota
	wktNumber
	wktWord
	wktElement
)

// maxWKTDepth bounds nesting, so that hostile input cannot exhaust the stack.
const maxWKTDepth = 32

// wktParser reads WKT1 as written by GDAL (OGC flavour) and by ESRI
// software (.prj files): brackets may be [] or ().
type wktParser struct {
	s   string
	pos int
}

// parseWKT reads one element and checks that nothing follows it.
func parseWKT(s string) (*wktNode, error) {
	p := &wktParser{s: s}
	if strings.HasPrefix(s, "\ufeff") { // a byte-order mark
		p.pos = len("\ufeff")
	}
	n, err := p.element(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.s) {
		return nil, p.errorf("unexpected %q after the end", p.rest())
	}
	return n, nil
}

func (p *wktParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: character %d: %s", ErrWKT, p.pos+1, fmt.Sprintf(format, args...))
}

// rest returns a short excerpt of the input at the current position.
func (p *wktParser) rest() string {
	r := p.s[p.pos:]
	if len(r) > 20 {
		r = r[:20] + "…"
	}
	return r
}

func (p *wktParser) space() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

// word reads a keyword or bare word: letters, digits and underscores.
func (p *wktParser) word() string {
	start := p.pos
	for p.pos < len(p.s) {
		c := p.s[p.pos]
		if c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			p.pos++
			continue
		}
		break
	}
	return p.s[start:p.pos]
}

// element reads an element, KEYWORD[arg, …] or KEYWORD(arg, …), nested
// depth deep.
func (p *wktParser) element(depth int) (*wktNode, error) {
	if depth > maxWKTDepth {
		return nil, p.errorf("nested more than %d deep", maxWKTDepth)
	}
	kw, err := p.keyword()
	if err != nil {
		return nil, err
	}
	closer, err := p.open(kw)
	if err != nil {
		return nil, err
	}
	n := &wktNode{keyword: strings.ToUpper(kw)}
	if err := p.args(n, kw, closer, depth); err != nil {
		return nil, err
	}
	return n, nil
}

// keyword reads the keyword that starts an element.
func (p *wktParser) keyword() (string, error) {
	p.space()
	kw := p.word()
	switch {
	case kw != "":
		return kw, nil
	case p.pos == len(p.s):
		return "", p.errorf("empty, want a coordinate system such as PROJCS[…] or GEOGCS[…]")
	}
	return "", p.errorf("want a keyword such as PROJCS, found %q", p.rest())
}

// atOpen reports whether an element's [ or ( is at pos.
func (p *wktParser) atOpen() bool {
	return p.pos < len(p.s) && (p.s[p.pos] == '[' || p.s[p.pos] == '(')
}

// open reads the bracket after keyword kw and returns the one that closes
// it.
func (p *wktParser) open(kw string) (byte, error) {
	p.space()
	if !p.atOpen() {
		return 0, p.errorf("want [ after %s", kw)
	}
	closer := byte(']')
	if p.s[p.pos] == '(' {
		closer = ')'
	}
	p.pos++
	return closer, nil
}

// args reads the arguments of element n, keyword kw, up to closer.
func (p *wktParser) args(n *wktNode, kw string, closer byte, depth int) error {
	for {
		p.space()
		a, err := p.arg(depth)
		if err != nil {
			return err
		}
		n.args = append(n.args, a)
		p.space()
		if p.pos == len(p.s) {
			return p.errorf("%s[ is not closed", kw)
		}
		switch c := p.s[p.pos]; {
		case c == ',':
			p.pos++
		case c == closer:
			p.pos++
			return nil
		default:
			return p.errorf("in %s: want , or %c, found %q", kw, closer, p.rest())
		}
	}
}

// arg reads one argument of an element: a quoted string, a number, a word
// or a nested element.
func (p *wktParser) arg(depth int) (wktArg, error) {
	if p.pos == len(p.s) {
		return wktArg{}, p.errorf("ends inside an element")
	}
	c := p.s[p.pos]
	switch {
	case c == '"':
		return p.quoted()
	case c == '-' || c == '+' || c == '.' || isDigit(c):
		return p.number()
	}
	return p.wordOrElement(depth)
}

// wordOrElement reads a bare word, or the nested element it starts.
func (p *wktParser) wordOrElement(depth int) (wktArg, error) {
	save := p.pos
	w := p.word()
	if w == "" {
		return wktArg{}, p.errorf("unexpected %q", p.rest())
	}
	p.space()
	if !p.atOpen() {
		return wktArg{str: w, kind: wktWord}, nil
	}
	p.pos = save
	n, err := p.element(depth + 1)
	if err != nil {
		return wktArg{}, err
	}
	return wktArg{node: n, kind: wktElement}, nil
}

// quoted reads a "quoted string" (WKT1 has no escapes).
func (p *wktParser) quoted() (wktArg, error) {
	end := strings.IndexByte(p.s[p.pos+1:], '"')
	if end < 0 {
		return wktArg{}, p.errorf("a quoted name is not closed")
	}
	str := p.s[p.pos+1 : p.pos+1+end]
	p.pos += end + 2
	return wktArg{str: str, kind: wktString}, nil
}

func (p *wktParser) number() (wktArg, error) {
	start := p.pos
	for p.pos < len(p.s) && strings.IndexByte("+-.0123456789eE", p.s[p.pos]) >= 0 {
		p.pos++
	}
	v, err := strconv.ParseFloat(p.s[start:p.pos], 64)
	if err != nil {
		p.pos = start
		return wktArg{}, p.errorf("bad number %q", p.rest())
	}
	return wktArg{num: v, kind: wktNumber}, nil
}

// children returns the nested elements with keyword kw.
func (n *wktNode) children(kw string) []*wktNode {
	var out []*wktNode
	for _, a := range n.args {
		if a.kind == wktElement && a.node.keyword == kw {
			out = append(out, a.node)
		}
	}
	return out
}

// name returns the first argument when it is a quoted string.
func (n *wktNode) name() string {
	if len(n.args) > 0 && n.args[0].kind == wktString {
		return n.args[0].str
	}
	return ""
}

// number returns the i-th argument as a number.
func (n *wktNode) number(i int) (float64, bool) {
	if i < len(n.args) && n.args[i].kind == wktNumber {
		return n.args[i].num, true
	}
	return 0, false
}
