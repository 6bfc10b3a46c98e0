// Package report writes simulation results as tables: CSV files for
// spreadsheets and pandas, JSON for programs, and a plain-text table for the
// terminal. Every writer is deterministic: rows come in stage, year,
// district (or school, area) index order and floats have fixed precision.
package report
