package siteopt

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadLorenaSenne reads a capacitated p-median instance in the format of
// Lorena and Senne (2004, the SJC and p3038 sets): a line "n p", then n
// lines "x y capacity demand", one per point. Every point is both a demand
// point and a candidate site with its own capacity, and the cost of
// serving point i from site j is their Euclidean distance, once per point
// (Weight nil). The Problem's Model is CapacitatedPMedian. Every point
// line with a bad value is reported, each by its line number; a bad head,
// a line with other than four fields or a short file stops the reading.
func ReadLorenaSenne(r io.Reader) (*Problem, error) {
	sc := newFieldScanner(r)
	n, p, err := readLorenaHead(sc)
	if err != nil {
		return nil, err
	}
	xs, ys := make([]float64, n), make([]float64, n)
	capa, dem := make([]float64, n), make([]float64, n)
	var errs []error
	for i := 0; i < n; i++ {
		f, err := sc.fields(4)
		if err != nil {
			return nil, errors.Join(append(errs, err)...)
		}
		if xs[i], ys[i], capa[i], dem[i], err = parseLorenaPoint(f, i, sc.line); err != nil {
			errs = append(errs, err)
		}
	}
	if err := sc.end(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	pr, err := NewMatrix(n, n, distances(xs, ys))
	if err != nil {
		return nil, err
	}
	pr.Model, pr.P, pr.Capacity, pr.Demand = CapacitatedPMedian, p, capa, dem
	return pr, nil
}

// readLorenaHead reads the line "n p".
func readLorenaHead(sc *fieldScanner) (n, p int, err error) {
	head, err := sc.fields(2)
	if err != nil {
		return 0, 0, err
	}
	n, err1 := strconv.Atoi(head[0])
	p, err2 := strconv.Atoi(head[1])
	if err1 != nil || err2 != nil || n <= 0 || n > maxORLibN || p <= 0 || p > n {
		return 0, 0, fmt.Errorf("%w: line %d: want \"n p\" with 0 < p ≤ n ≤ %d, got %q", ErrFormat, sc.line, maxORLibN, strings.Join(head, " "))
	}
	return n, p, nil
}

// parseLorenaPoint parses the fields "x y capacity demand" of point i
// (0-based) on line.
func parseLorenaPoint(f []string, i, line int) (x, y, capacity, demand float64, err error) {
	var v [4]float64
	for k := range v {
		if v[k], err = strconv.ParseFloat(f[k], 64); err != nil {
			return 0, 0, 0, 0, fmt.Errorf("%w: line %d (point %d): want \"x y capacity demand\", got %q", ErrFormat, line, i+1, strings.Join(f, " "))
		}
	}
	x, y, capacity, demand = v[0], v[1], v[2], v[3]
	switch {
	case !finite(x) || !finite(y):
		return 0, 0, 0, 0, fmt.Errorf("%w: line %d (point %d): coordinates %v %v; want finite numbers", ErrFormat, line, i+1, x, y)
	case !(capacity >= 0) || math.IsInf(capacity, 1):
		return 0, 0, 0, 0, fmt.Errorf("%w: line %d (point %d): capacity %v; want a finite value ≥ 0", ErrFormat, line, i+1, capacity)
	case !(demand >= 0) || math.IsInf(demand, 1):
		return 0, 0, 0, 0, fmt.Errorf("%w: line %d (point %d): demand %v; want a finite value ≥ 0", ErrFormat, line, i+1, demand)
	}
	return x, y, capacity, demand, nil
}

// distances returns the n×n matrix of the Euclidean distances between the
// points (xs[i], ys[i]).
func distances(xs, ys []float64) []float64 {
	n := len(xs)
	cost := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			cost[i*n+j] = math.Hypot(xs[i]-xs[j], ys[i]-ys[j])
		}
	}
	return cost
}
