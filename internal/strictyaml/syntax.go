package strictyaml

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var lineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// plainWords turns the YAML parser's wording into a planner's.
var plainWords = []struct{ lib, plain string }{
	{"found character that cannot start any token", "a character that cannot start a value here (a tab? indent with spaces; put text with @ or ` in quotes)"},
	{"mapping values are not allowed in this context", "a colon where no key can start: indent the key under its parent, or put a value that holds \": \" in quotes"},
	{"did not find expected key", "the indentation does not line up with the keys above"},
	{"did not find expected node content", "a value is missing (after a \"- \", a comma or a colon)"},
	{"did not find expected ',' or ']'", "a list in [ ] is not closed with ]"},
	{"did not find expected ',' or '}'", "a mapping in { } is not closed with }"},
	{"found unexpected end of stream", "the file ends inside quotes or brackets"},
	{"unknown anchor", "an alias (*name) names no anchor (&name) above it"},
	{"could not find expected ':'", "a key has no colon after it"},
	{"block sequence entries are not allowed in this context", "a \"- \" list item where a value was expected on the same line"},
	{"found a tab character that violates indentation", "a tab in the indentation: indent with spaces"},
	{"found undefined tag handle", "an unknown !tag"},
	{"invalid leading UTF-8 octet", "the file is not UTF-8 text"},
	{"control characters are not allowed", "the file holds control characters (is it text?)"},
}

// syntaxProblem turns a YAML parse error of data into a Problem at the
// line where the problem is.
func syntaxProblem(file string, data []byte, err error) *Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := lineRe.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	line = problemLine(data, line, msg)
	for _, w := range plainWords {
		if strings.Contains(msg, w.lib) {
			msg = w.plain
			break
		}
	}
	return &Problem{File: file, Line: line, Msg: "not valid YAML: " + msg}
}

// problemLine rescans at most maxScanLines lines of a document of at most
// maxScanBytes, so that a syntax error in a large file costs little.
const (
	maxScanBytes = 16 << 10
	maxScanLines = 200
)

// problemLine finds the line of a parse error. The parser reports the line
// where the construct around the problem starts (a quoted value, a
// mapping), or none; the problem itself is on the first line whose prefix
// of the document fails with the same message, at or after that one.
func problemLine(data []byte, reported int, msg string) int {
	if len(data) > maxScanBytes {
		return reported
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	for l := max(reported, 1); l <= len(lines) && l < reported+maxScanLines; l++ {
		if parseMessage(bytes.Join(lines[:l], nil)) == msg {
			return l
		}
	}
	return reported
}

// parseMessage is the parse error of data without its line, "" if none.
func parseMessage(data []byte) string {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return ""
		}
		if err != nil {
			if m := lineRe.FindStringSubmatch(err.Error()); m != nil {
				return m[2]
			}
			return strings.TrimPrefix(err.Error(), "yaml: ")
		}
	}
}
