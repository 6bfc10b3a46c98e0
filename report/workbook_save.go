package report

import (
	"archive/zip"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// saveDeterministic writes f to w with its parts in name order. Excelize
// writes streamed sheets in map order, so two saves of the same workbook
// can differ; the parts are copied as they are compressed, without
// recompressing them.
func saveDeterministic(f *excelize.File, w io.Writer) error {
	tmp, err := os.CreateTemp("", "schoolplan-*.xlsx")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := f.Write(tmp); err != nil {
		return err
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(tmp, size)
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int { return strings.Compare(partOrder(a.Name), partOrder(b.Name)) })
	zw := zip.NewWriter(w)
	for _, zf := range files {
		if err := zw.Copy(zf); err != nil {
			return err
		}
	}
	return zw.Close()
}

// partOrder sorts [Content_Types].xml first, as Excel writes it.
func partOrder(name string) string {
	if name == "[Content_Types].xml" {
		return ""
	}
	return name
}
