// Package report writes simulation results for people and programs: CSV
// tables for spreadsheets and pandas (summary, schools, areas, admissions,
// indicators, scenario comparisons), JSON for programs, a plain-text table
// for the terminal, GeoJSON map layers for QGIS/ArcGIS (districts, schools,
// areas, catchment outlines, written back in the city's lon/lat CRS), and one
// self-contained HTML report with a Leaflet map, a year slider, a scenario
// switch, shortfall charts and the indicator table, which opens offline.
//
// For large cities and analysts there are also an Excel workbook
// (WriteWorkbook: an overview sheet, then one sheet per table, streamed),
// FlatGeobuf map layers (LayerOptions.Formats; the areas layer is streamed
// a feature at a time), Parquet area tables (WriteAreasParquet,
// WriteAdmissionsParquet) and gzip-compressed tables (WriteGzip). Every
// writer streams its rows: none holds more than one row or feature of a
// per-area table in memory.
//
// The answer comes first: NewHeadline sums a run up per stage (the years
// seats are short, the peak, the districts and schools carrying it, and the
// change against a base scenario) and WriteHeadline prints it above the
// tables. Labels of the printed tables, the headline and the HTML report
// are English or Chinese (Lang; one catalogue in labels.go, with the
// bureaus' terms 学位缺口, 基础学位, 共享学位, 统筹安置, 起始年级, 利用率, 班额);
// DefaultLang picks Chinese for a city in GCJ-02 or CGCS2000. Data — names,
// ids — are never translated. CSV and JSON keep their English columns.
//
// The command line's outputs are written here too, so that every figure
// is formatted in one place (numbers.go): a forecast's rows (NewForecast,
// WriteForecastCSV, WriteForecastTable, WriteForecastJSON), a back-test
// of the forecast methods (WriteBacktestCSV, WriteBacktestTable), a run
// in the low, mid and high forecast bands with its Monte-Carlo (NewBands,
// WriteBandsTable, WriteBandsCSV, WriteShortfallCSV), input problems
// grouped by kind (WriteProblems, WriteCityOK, WriteWarningNote), an
// output folder of tables and map layers (WriteFiles, WriteWorkbookFile)
// and the headline above the printed tables (WriteHeadlineTable,
// WriteCompareHeadlines).
//
// Every writer is deterministic: rows come in stage, year, district (or
// school, area) index order, and floats have fixed precision.
package report
