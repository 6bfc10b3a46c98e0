package report

// SetParquetRows sets the rows of a Parquet data page and row group, so
// that small tables span several of each, and returns a function that
// restores them.
func SetParquetRows(page, group int) (restore func()) {
	p, g := pqPageRows, pqGroupRows
	pqPageRows, pqGroupRows = page, group
	return func() { pqPageRows, pqGroupRows = p, g }
}
