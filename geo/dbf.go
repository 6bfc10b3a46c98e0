package geo

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrDBF is wrapped by errors about the structure of a .dbf file and about
// values that are not what their field type says.
var ErrDBF = errors.New("geo: bad dBase table")

// dbfField is one column of a dBase table.
type dbfField struct {
	name   string
	typ    byte // C, N, F, L or D
	offset int  // from the start of the record (byte 0 is the deletion flag)
	length int
}

// dbfTable is a dBase III/IV table held in memory: the header is parsed,
// records are decoded on demand.
type dbfTable struct {
	name   string // for errors
	fields []dbfField
	count  int
	recLen int
	recs   []byte // count×recLen bytes of records
	enc    Encoding
	// declared is false when neither a .cpg file nor the language driver
	// names the encoding; text must then be valid UTF-8.
	declared bool
	cpgName  string // suggested .cpg file name for the error about undeclared text
}

// dbfDriverEncoding maps the language driver id (header byte 29) to an
// encoding. Only the two ids of Simplified Chinese GBK (code page 936) are
// mapped: 0x4D ("Chinese GBK (PRC)") and 0x7A ("PRC GBK", as GDAL writes
// it); every other id, 0 included, leaves the encoding undeclared.
func dbfDriverEncoding(ldid byte) (Encoding, bool) {
	if ldid == 0x4D || ldid == 0x7A {
		return GBK, true
	}
	return UTF8, false
}

const (
	dbfHeaderLen = 32
	dbfFieldLen  = 32
)

// parseDBF reads the header and field descriptors of data. Field names are
// decoded with enc (or must be UTF-8 when not declared).
func parseDBF(name string, data []byte, enc Encoding, declared bool) (*dbfTable, Errors) {
	t, headLen, err := dbfHeader(name, data, enc, declared)
	if err != nil {
		return nil, Errors{err}
	}
	errs, err := t.readFields(data, headLen)
	if err != nil {
		return nil, Errors{err}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if errs := t.setRecords(data[headLen:]); len(errs) > 0 {
		return nil, errs
	}
	return t, nil
}

// dbfFileError is a problem with the dBase file name as a whole.
func dbfFileError(name, format string, args ...any) *FeatureError {
	return &FeatureError{File: name, Index: -1, Err: fmt.Errorf("%w: "+format, append([]any{ErrDBF}, args...)...)}
}

// dbfHeader reads the fixed part of the header of data: the version, the
// record count and length, and the header length.
func dbfHeader(name string, data []byte, enc Encoding, declared bool) (*dbfTable, int, *FeatureError) {
	if len(data) < dbfHeaderLen+1 {
		return nil, 0, dbfFileError(name, "the file is %d bytes, too short for a dBase header (truncated?)", len(data))
	}
	if v := data[0] & 0x07; v != 3 && v != 4 {
		return nil, 0, dbfFileError(name, "version byte 0x%02X is not dBase III or IV", data[0])
	}
	t := &dbfTable{
		name:     name,
		count:    int(binary.LittleEndian.Uint32(data[4:8])),
		recLen:   int(binary.LittleEndian.Uint16(data[10:12])),
		enc:      enc,
		declared: declared,
	}
	headLen := int(binary.LittleEndian.Uint16(data[8:10]))
	if headLen < dbfHeaderLen+1 || headLen > len(data) {
		return nil, 0, dbfFileError(name, "header length %d does not fit a file of %d bytes (truncated?)", headLen, len(data))
	}
	return t, headLen, nil
}

// readFields reads the field descriptors, which end with 0x0D within the
// header of headLen bytes. errs are problems with single fields; fatal is
// a field list that cannot be read at all.
func (t *dbfTable) readFields(data []byte, headLen int) (errs Errors, fatal *FeatureError) {
	off := 1
	seen := make(map[string]bool)
	for p := dbfHeaderLen; ; p += dbfFieldLen {
		if p >= headLen {
			return nil, dbfFileError(t.name, "the field list has no end marker within the header")
		}
		if data[p] == 0x0D {
			break
		}
		if p+dbfFieldLen > headLen {
			return nil, dbfFileError(t.name, "the field list runs past the header")
		}
		f, err := t.field(data[p:p+dbfFieldLen], off, len(t.fields))
		if err != nil {
			errs = append(errs, err)
		} else if seen[f.name] {
			errs = append(errs, &FeatureError{File: t.name, Index: -1, Field: f.name, Err: fmt.Errorf("%w: two fields have this name", ErrDBF)})
		}
		seen[f.name] = true
		t.fields = append(t.fields, f)
		off += f.length
	}
	if off != t.recLen {
		errs = append(errs, dbfFileError(t.name, "the header gives records of %d bytes, but the fields add up to %d", t.recLen, off))
	}
	return errs, nil
}

// setRecords checks the size of the record area: count records, then
// nothing but an optional end-of-file byte 0x1A.
func (t *dbfTable) setRecords(rest []byte) Errors {
	need := t.count * t.recLen
	if t.count > len(rest) || (t.recLen > 0 && t.count > len(rest)/t.recLen) {
		return Errors{dbfFileError(t.name, "the header announces %d records of %d bytes, but the file holds only %d bytes of records (truncated?)", t.count, t.recLen, len(rest))}
	}
	if extra := rest[need:]; len(extra) > 1 || (len(extra) == 1 && extra[0] != 0x1A) {
		return Errors{dbfFileError(t.name, "%d bytes follow the %d records the header announces", len(extra), t.count)}
	}
	t.recs = rest[:need]
	return nil
}

// field reads one field descriptor.
func (t *dbfTable) field(b []byte, off, idx int) (dbfField, error) {
	raw := b[:11]
	if i := indexByte(raw, 0); i >= 0 {
		raw = raw[:i]
	}
	f := dbfField{typ: b[11], offset: off, length: int(b[16])}
	name, err := t.text(raw)
	if err != nil {
		return f, &FeatureError{File: t.name, Index: -1, Field: fmt.Sprintf("name of field %d", idx+1), Err: err}
	}
	f.name = strings.TrimRight(name, " ")
	if f.name == "" {
		return f, &FeatureError{File: t.name, Index: -1, Err: fmt.Errorf("%w: a field has no name", ErrDBF)}
	}
	switch f.typ {
	case 'C', 'N', 'F', 'L', 'D':
	case 'M':
		return f, &FeatureError{File: t.name, Index: -1, Field: f.name, Err: fmt.Errorf("%w: memo fields (type M) are not supported; store the text in a character field", ErrDBF)}
	default:
		return f, &FeatureError{File: t.name, Index: -1, Field: f.name, Err: fmt.Errorf("%w: field type %q is not supported; use character (C), number (N, F), logical (L) or date (D)", ErrDBF, rune(f.typ))}
	}
	if f.length == 0 {
		return f, &FeatureError{File: t.name, Index: -1, Field: f.name, Err: fmt.Errorf("%w: the field has length 0", ErrDBF)}
	}
	return f, nil
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// deleted reports whether record i is marked deleted; ok is false when the
// flag byte is neither ' ' nor '*'.
func (t *dbfTable) deleted(i int) (del, ok bool) {
	switch t.recs[i*t.recLen] {
	case ' ':
		return false, true
	case '*':
		return true, true
	}
	return false, false
}

// record decodes record i into a property map (nil when every field is
// empty) and lists its problems. idField's text is returned as idLit when it
// is an integer, so that ids keep their digits.
func (t *dbfTable) record(i int, idField string) (props map[string]any, idLit string, probs []problem) {
	rec := t.recs[i*t.recLen : (i+1)*t.recLen]
	if _, ok := t.deleted(i); !ok {
		probs = append(probs, problem{field: "", err: fmt.Errorf("%w: deletion flag 0x%02X is neither ' ' nor '*' (wrong record length?)", ErrDBF, rec[0])})
		return nil, "", probs
	}
	for _, f := range t.fields {
		raw := rec[f.offset : f.offset+f.length]
		v, err := t.value(f, raw)
		if err != nil {
			probs = append(probs, problem{field: f.name, err: err})
			continue
		}
		if v == nil {
			continue
		}
		if props == nil {
			props = make(map[string]any, len(t.fields))
		}
		props[f.name] = v
		if f.name == idField && (f.typ == 'N' || f.typ == 'F') {
			idLit = strings.TrimSpace(string(raw))
		}
	}
	return props, idLit, probs
}

// value decodes one field; nil means empty.
func (t *dbfTable) value(f dbfField, raw []byte) (any, error) {
	switch f.typ {
	case 'C':
		return t.charValue(raw)
	case 'N', 'F':
		return dbfNumber(raw)
	case 'L':
		return dbfLogical(raw)
	}
	return dbfDate(raw)
}

func (t *dbfTable) charValue(raw []byte) (any, error) {
	end := len(raw)
	for end > 0 && (raw[end-1] == ' ' || raw[end-1] == 0) {
		end--
	}
	if end == 0 {
		return nil, nil
	}
	return t.text(raw[:end])
}

// text decodes bytes of the table's encoding.
func (t *dbfTable) text(b []byte) (string, error) {
	s, err := decodeText(b, t.enc)
	if err == nil || t.declared {
		return s, err
	}
	cpg := t.cpgName
	if cpg == "" {
		cpg = "a .cpg file"
	}
	return "", fmt.Errorf("%w: text is not valid UTF-8 and the file does not say its encoding: add %s next to it holding the encoding's name, e.g. GBK", ErrEncoding, cpg)
}

func dbfNumber(raw []byte) (any, error) {
	s := strings.Trim(string(raw), " \x00")
	// Blank, or all asterisks: no value. GDAL and shapelib write a null
	// number as asterisks and read them back as null; dBase wrote them for
	// a number too wide for its field, which a reader cannot tell apart.
	if s == "" || strings.Trim(s, "*") == "" {
		return nil, nil
	}
	if !isDBFNumber(s) {
		return nil, fmt.Errorf("%w: want a number, got %q", ErrDBF, s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is beyond float64", ErrRange, s)
	}
	return v, nil
}

// isDBFNumber accepts [+-]digits[.digits][e[+-]digits] with at least one
// digit before the exponent.
func isDBFNumber(s string) bool {
	s = trimSign(s)
	mant, exp, hasExp := s, "", false
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant, exp, hasExp = s[:i], trimSign(s[i+1:]), true
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if whole+frac == "" || !allDigits(whole) || !allDigits(frac) {
		return false
	}
	return !hasExp || (exp != "" && allDigits(exp))
}

// trimSign returns s without a leading + or -.
func trimSign(s string) string {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return s[1:]
	}
	return s
}

// allDigits reports whether s holds decimal digits only ("" included).
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func dbfLogical(raw []byte) (any, error) {
	s := strings.TrimSpace(string(raw))
	switch s {
	case "", "?":
		return nil, nil
	case "T", "t", "Y", "y":
		return true, nil
	case "F", "f", "N", "n":
		return false, nil
	}
	return nil, fmt.Errorf("%w: want a logical value (T, F, Y, N or ?), got %q", ErrDBF, s)
}

func dbfDate(raw []byte) (any, error) {
	s := strings.Trim(string(raw), " \x00")
	if s == "" || s == "00000000" {
		return nil, nil
	}
	d, err := time.Parse("20060102", s)
	if err != nil {
		return nil, fmt.Errorf("%w: want a date written YYYYMMDD, got %q", ErrDBF, s)
	}
	return d.Format("2006-01-02"), nil
}
