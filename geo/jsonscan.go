package geo

import (
	"bytes"
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// scanner reads JSON straight from a byte slice. GeoJSON files run to
// hundreds of megabytes, and a generic decoder spends most of its time
// building interface values for coordinates that are immediately copied
// into orb types; the GeoJSON reader instead walks the bytes once and parses
// coordinates straight into orb.Point. BenchmarkDecode (2 cores, point
// features): 110-150 MB/s with 9 allocations a feature, where encoding/json
// into a lean struct that leaves the geometry raw manages 30-50 MB/s with 23.
//
// The first syntax error is kept in err and ends every further read; the
// caller checks err after each loop. Values decode as encoding/json decodes
// them into an interface: objects to map[string]any, arrays to []any,
// numbers to float64, invalid UTF-8 and lone surrogates to U+FFFD.
type scanner struct {
	data     []byte
	pos      int
	err      error
	buf      []byte // unescaped string scratch; valid until the next str call
	depth    int
	overflow bool // a number beyond float64 range was read (and became ±Inf)
}

// maxDepth matches encoding/json's nesting limit.
const maxDepth = 10000

func (s *scanner) fail(msg string) {
	if s.err != nil {
		return
	}
	line, col := 1, 1
	for _, c := range s.data[:min(s.pos, len(s.data))] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	s.err = fmt.Errorf("%w at line %d, column %d: %s", ErrSyntax, line, col, msg)
	s.pos = len(s.data)
}

// unexpected reports the byte at pos as a syntax error.
func (s *scanner) unexpected() {
	if s.pos >= len(s.data) {
		s.fail("unexpected end of input")
		return
	}
	s.fail("unexpected " + strconv.QuoteRune(rune(s.data[s.pos])))
}

// next skips white space and returns the byte at pos, or 0 at the end.
func (s *scanner) next() byte {
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return c
		}
	}
	return 0
}

func (s *scanner) push() bool {
	s.depth++
	if s.depth > maxDepth {
		s.fail("exceeded max depth")
		return false
	}
	return true
}

// member reads the next object member name and its colon. first is true for
// the first call after '{'. It returns false at '}' or on a syntax error.
// The name is valid until the next string is read.
func (s *scanner) member(first bool) ([]byte, bool) {
	c := s.next()
	switch {
	case c == '}' && first:
		s.pos++
		return nil, false
	case first:
	case c == ',':
		s.pos++
		c = s.next()
	case c == '}':
		s.pos++
		return nil, false
	default:
		s.unexpected()
		return nil, false
	}
	if c != '"' {
		s.unexpected()
		return nil, false
	}
	key := s.str()
	if s.err != nil {
		return nil, false
	}
	if s.next() != ':' {
		s.unexpected()
		return nil, false
	}
	s.pos++
	return key, true
}

// elem reports whether another array element follows, consuming the comma
// before it or the closing ']'. first is true for the first call after '['.
func (s *scanner) elem(first bool) bool {
	c := s.next()
	switch {
	case c == ']':
		s.pos++
		return false
	case first && c == 0:
		s.unexpected()
		return false
	case first:
		return true
	case c == ',':
		s.pos++
		return true
	}
	s.unexpected()
	return false
}

// str reads a string at pos (which holds '"').
func (s *scanner) str() []byte {
	s.pos++
	start := s.pos
	ascii := true
	d := s.data
	for i := start; i < len(d); i++ {
		c := d[i]
		switch {
		case c == '"':
			b := d[start:i]
			if !ascii && !utf8.Valid(b) {
				return s.strSlow(start)
			}
			s.pos = i + 1
			return b
		case c == '\\':
			return s.strSlow(start)
		case c < 0x20:
			s.pos = i
			s.fail("control character in string")
			return nil
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	s.pos = len(d)
	s.fail("unterminated string")
	return nil
}

// strSlow unescapes a string into buf, replacing invalid UTF-8 as
// encoding/json does.
func (s *scanner) strSlow(start int) []byte {
	b := s.buf[:0]
	d := s.data
	i := start
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			s.pos = i + 1
			s.buf = b
			return b
		case c == '\\':
			var ok bool
			if b, i, ok = s.escape(b, i); !ok {
				return nil
			}
		case c < 0x20:
			s.pos = i
			s.fail("control character in string")
			return nil
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			b, i = appendRune(b, d, i)
		}
	}
	s.pos = len(d)
	s.fail("unterminated string")
	return nil
}

// escape appends to b the character of the escape at data[i] (a
// backslash) and returns where the escape ends; ok is false on a syntax
// error.
func (s *scanner) escape(b []byte, i int) (_ []byte, end int, ok bool) {
	d := s.data
	if i+1 >= len(d) {
		s.pos = len(d)
		s.fail("unterminated string")
		return b, i, false
	}
	if c, ok := unescape(d[i+1]); ok {
		return append(b, c), i + 2, true
	}
	if d[i+1] == 'u' {
		return s.unicodeEscape(b, i)
	}
	s.pos = i
	s.fail("invalid escape in string")
	return b, i, false
}

// unescape returns the character that a backslash before e stands for,
// other than \u.
func unescape(e byte) (byte, bool) {
	switch e {
	case '"', '\\', '/':
		return e, true
	case 'b':
		return '\b', true
	case 'f':
		return '\f', true
	case 'n':
		return '\n', true
	case 'r':
		return '\r', true
	case 't':
		return '\t', true
	}
	return 0, false
}

// unicodeEscape appends the character of the \uXXXX escape at data[i],
// joining a surrogate pair; a lone surrogate becomes U+FFFD.
func (s *scanner) unicodeEscape(b []byte, i int) (_ []byte, end int, ok bool) {
	d := s.data
	r := hex4(d[i:])
	if r < 0 {
		s.pos = i
		s.fail(`invalid \u escape`)
		return b, i, false
	}
	i += 6
	if utf16.IsSurrogate(r) {
		if dec := utf16.DecodeRune(r, hex4(d[i:])); dec != unicode.ReplacementChar {
			r = dec
			i += 6
		} else {
			r = unicode.ReplacementChar
		}
	}
	return utf8.AppendRune(b, r), i, true
}

// appendRune appends the UTF-8 sequence at d[i], or U+FFFD for an invalid
// byte, and returns where it ends.
func appendRune(b, d []byte, i int) ([]byte, int) {
	r, size := utf8.DecodeRune(d[i:])
	if r == utf8.RuneError && size == 1 {
		return utf8.AppendRune(b, unicode.ReplacementChar), i + size
	}
	return append(b, d[i:i+size]...), i + size
}

// hex4 decodes the \uXXXX escape at the start of b, or returns -1.
func hex4(b []byte) rune {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return -1
	}
	var r rune
	for _, c := range b[2:6] {
		v := hexDigit(c)
		if v < 0 {
			return -1
		}
		r = r*16 + v
	}
	return r
}

// hexDigit returns the value of a hexadecimal digit, or -1.
func hexDigit(c byte) rune {
	switch {
	case '0' <= c && c <= '9':
		return rune(c - '0')
	case 'a' <= c && c <= 'f':
		return rune(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// literal reads true, false or null.
func (s *scanner) literal(word string) bool {
	if !bytes.HasPrefix(s.data[s.pos:], []byte(word)) {
		s.fail("invalid literal")
		return false
	}
	s.pos += len(word)
	return true
}

// value reads any JSON value as encoding/json would into an interface.
func (s *scanner) value() any {
	switch c := s.next(); c {
	case '{':
		return s.object()
	case '[':
		return s.array()
	case '"':
		return string(s.str())
	case 't':
		return s.literal("true")
	case 'f':
		s.literal("false")
		return false
	case 'n':
		s.literal("null")
		return nil
	default:
		if c == '-' || isDigit(c) {
			f, _ := s.num()
			return f
		}
		s.unexpected()
		return nil
	}
}

// object reads an object at pos into a map[string]any.
func (s *scanner) object() any {
	if !s.push() {
		return nil
	}
	s.pos++
	m := make(map[string]any)
	for first := true; ; first = false {
		k, ok := s.member(first)
		if !ok {
			break
		}
		key := string(k)
		m[key] = s.value()
	}
	s.depth--
	return m
}

// array reads an array at pos into a []any.
func (s *scanner) array() any {
	if !s.push() {
		return nil
	}
	s.pos++
	a := []any{}
	for first := true; s.elem(first); first = false {
		a = append(a, s.value())
	}
	s.depth--
	return a
}

// skip reads past any JSON value, checking its syntax.
func (s *scanner) skip() {
	switch c := s.next(); c {
	case '{':
		s.skipObject()
	case '[':
		s.skipArray()
	case '"':
		s.str()
	case 't':
		s.literal("true")
	case 'f':
		s.literal("false")
	case 'n':
		s.literal("null")
	default:
		if c == '-' || isDigit(c) {
			s.num()
			return
		}
		s.unexpected()
	}
}

// skipObject reads past an object at pos.
func (s *scanner) skipObject() {
	if !s.push() {
		return
	}
	s.pos++
	for first := true; ; first = false {
		if _, ok := s.member(first); !ok {
			break
		}
		s.skip()
	}
	s.depth--
}

// skipArray reads past an array at pos.
func (s *scanner) skipArray() {
	if !s.push() {
		return
	}
	s.pos++
	for first := true; s.elem(first); first = false {
		s.skip()
	}
	s.depth--
}

// end checks that only white space follows the top-level value.
func (s *scanner) end() {
	if s.next() != 0 || s.pos < len(s.data) {
		s.fail("unexpected data after top-level value")
	}
}
