package report

import (
	"compress/gzip"
	"io"
)

// WriteGzip writes what write writes, gzip-compressed at level 1, to w:
// for the area tables (areas.csv.gz, admissions.csv.gz), which pandas,
// DuckDB, R and GDAL read as they are. At level 1 the areas table of the
// synthetic cities compresses about 5:1, in about three times the time of the
// plain CSV (BenchmarkWriteTable in benchmarks/). The gzip
// header carries no file name or time: the same table gives the same
// bytes.
func WriteGzip(w io.Writer, write func(io.Writer) error) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	if err := write(zw); err != nil {
		return err
	}
	return zw.Close()
}
