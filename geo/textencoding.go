package geo

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding names the text encoding of a shapefile's .dbf or of a CSV file.
// The zero value is UTF-8.
type Encoding int

// The encodings the readers know. GBK covers GB2312 (a subset of it) and
// Windows code page 936; GB18030 is its superset.
const (
	UTF8 Encoding = iota
	GBK
	GB18030
)

// String returns the canonical name: "UTF-8", "GBK" or "GB18030".
func (e Encoding) String() string {
	switch e {
	case GBK:
		return "GBK"
	case GB18030:
		return "GB18030"
	}
	return "UTF-8"
}

// ErrEncoding is wrapped by errors about text encodings: an unknown encoding
// name, or text that is not valid in its encoding.
var ErrEncoding = errors.New("geo: text encoding")

// ParseEncoding reads an encoding name as a .cpg file or an option gives it:
// "UTF-8" or "UTF8"; "GBK", "936", "CP936" or "GB2312" (read as GBK);
// "GB18030". Case and surrounding white space do not matter; "" is UTF-8.
// Any other name is an error.
func ParseEncoding(name string) (Encoding, error) {
	n := strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
	switch n {
	case "", "UTF-8", "UTF8":
		return UTF8, nil
	case "GBK", "936", "CP936", "GB2312":
		return GBK, nil
	case "GB18030":
		return GB18030, nil
	}
	return UTF8, fmt.Errorf("%w: %q is not supported; use UTF-8, GBK (also 936, CP936, GB2312) or GB18030", ErrEncoding, name)
}

// decodeText converts b from e to a UTF-8 string. Bytes that are not valid
// in e are an error, never replaced: the decoders of x/text would put
// U+FFFD in their place, which GBK cannot encode, so its appearance marks
// bad input.
func decodeText(b []byte, e Encoding) (string, error) {
	if isASCII(b) {
		return string(b), nil
	}
	switch e {
	case GBK, GB18030:
		dec := simplifiedchinese.GBK.NewDecoder()
		if e == GB18030 {
			dec = simplifiedchinese.GB18030.NewDecoder()
		}
		out, err := dec.Bytes(b)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			return "", fmt.Errorf("%w: text is not valid %s", ErrEncoding, e)
		}
		return string(out), nil
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("%w: text is not valid UTF-8", ErrEncoding)
	}
	return string(b), nil
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
