package siteopt

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// ReadPMed reads an uncapacitated p-median instance of OR-Library (Beasley
// 1990, pmed1–pmed40): a line "n edges p", then one line "i j cost" per
// undirected edge with 1-based vertices. Every vertex is both a demand
// point (weight 1) and a candidate site, and the cost between two vertices
// is the length of the shortest path (Floyd–Warshall, O(n³)). Where an edge is listed twice the later line wins, which is how
// the published optima were computed (taking the minimum gives lower
// values). The Problem's Model is PMedian and its P the file's p.
func ReadPMed(r io.Reader) (*Problem, error) {
	sc := newFieldScanner(r)
	n, edges, p, err := readPMedHead(sc)
	if err != nil {
		return nil, err
	}
	list, sets, err := readPMedEdges(sc, n, edges)
	if err != nil {
		return nil, err
	}
	if err := sc.end(); err != nil {
		return nil, err
	}
	if err := sets.connected(); err != nil {
		return nil, err
	}
	pr, err := NewMatrix(n, n, shortestPaths(n, list))
	if err != nil {
		return nil, err
	}
	pr.P = p
	return pr, nil
}

// readPMedHead reads the line "n edges p".
func readPMedHead(sc *fieldScanner) (n, edges, p int, err error) {
	head, err := sc.ints(3)
	if err != nil {
		return 0, 0, 0, err
	}
	n, edges, p = head[0], head[1], head[2]
	if n <= 0 || n > maxORLibN || edges < 0 || p <= 0 || p > n {
		return 0, 0, 0, fmt.Errorf("%w: line %d: n = %d, edges = %d, p = %d; want 0 < p ≤ n ≤ %d, edges ≥ 0", ErrFormat, sc.line, n, edges, p, maxORLibN)
	}
	return n, edges, p, nil
}

// pmedEdge is an edge of a p-median graph, 0-based.
type pmedEdge struct {
	i, j int
	c    float64
}

// readPMedEdges reads the edge lines of a graph on n vertices, leaving out
// loops, and joins their ends in a disjointSets (to reject a disconnected
// graph before the n² matrix).
func readPMedEdges(sc *fieldScanner, n, edges int) ([]pmedEdge, *disjointSets, error) {
	var list []pmedEdge
	sets := newDisjointSets(n)
	for e := 0; e < edges; e++ {
		f, err := sc.fields(3)
		if err != nil {
			return nil, nil, err
		}
		ed, err := parsePMedEdge(f, n, sc.line)
		if err != nil {
			return nil, nil, err
		}
		if ed.i == ed.j {
			continue // a loop never shortens a path
		}
		list = append(list, ed)
		sets.union(ed.i, ed.j)
	}
	return list, sets, nil
}

// parsePMedEdge parses the fields "i j cost" of line on a graph of n
// vertices.
func parsePMedEdge(f []string, n, line int) (pmedEdge, error) {
	i, err1 := strconv.Atoi(f[0])
	j, err2 := strconv.Atoi(f[1])
	c, err3 := strconv.ParseFloat(f[2], 64)
	switch {
	case err1 != nil || err2 != nil || err3 != nil:
		return pmedEdge{}, fmt.Errorf("%w: line %d: want \"i j cost\", got %q", ErrFormat, line, strings.Join(f, " "))
	case i < 1 || i > n || j < 1 || j > n:
		return pmedEdge{}, fmt.Errorf("%w: line %d: vertex out of 1..%d in %q", ErrFormat, line, n, strings.Join(f, " "))
	case !(c >= 0) || math.IsInf(c, 1):
		return pmedEdge{}, fmt.Errorf("%w: line %d: cost %v; want a finite value ≥ 0", ErrFormat, line, c)
	}
	return pmedEdge{i - 1, j - 1, c}, nil
}

// shortestPaths returns the n×n matrix of shortest-path lengths over the
// edges. Where an edge is listed twice the later one wins.
func shortestPaths(n int, list []pmedEdge) []float64 {
	inf := math.Inf(1)
	d := make([]float64, n*n)
	for k := range d {
		d[k] = inf
	}
	for i := 0; i < n; i++ {
		d[i*n+i] = 0
	}
	for _, e := range list { // in file order: the later line wins
		d[e.i*n+e.j], d[e.j*n+e.i] = e.c, e.c
	}
	floydWarshall(d, n)
	return d
}

// disjointSets is union-find over the vertices 0..n-1 with path halving,
// counting the components.
type disjointSets struct {
	parent     []int
	components int
}

// newDisjointSets puts each of n vertices in a set of its own.
func newDisjointSets(n int) *disjointSets {
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	return &disjointSets{parent: parent, components: n}
}

// find returns the representative of i's set.
func (ds *disjointSets) find(i int) int {
	for ds.parent[i] != i {
		ds.parent[i] = ds.parent[ds.parent[i]]
		i = ds.parent[i]
	}
	return i
}

// union joins the sets of i and j.
func (ds *disjointSets) union(i, j int) {
	if a, b := ds.find(i), ds.find(j); a != b {
		ds.parent[a] = b
		ds.components--
	}
}

// connected reports, as an error naming the first vertex (1-based) not
// connected to vertex 1, a graph of more than one component.
func (ds *disjointSets) connected() error {
	if ds.components <= 1 {
		return nil
	}
	for v := 1; v < len(ds.parent); v++ {
		if ds.find(v) != ds.find(0) {
			return fmt.Errorf("%w: vertices 1 and %d are not connected", ErrFormat, v+1)
		}
	}
	return nil
}

// maxORLibN bounds the instance size the readers accept: both build a dense
// n×n matrix (128 MB at 4,000), and OR-Library's largest are 900 (pmed40)
// and 402 (the capacitated sets).
const maxORLibN = 4000

// floydWarshall replaces the n×n edge lengths d (row-major, +Inf where no
// edge) by shortest-path lengths.
func floydWarshall(d []float64, n int) {
	for k := 0; k < n; k++ {
		dk := d[k*n : (k+1)*n]
		for i := 0; i < n; i++ {
			dik := d[i*n+k]
			if math.IsInf(dik, 1) {
				continue
			}
			di := d[i*n : (i+1)*n]
			for j, dkj := range dk {
				if v := dik + dkj; v < di[j] {
					di[j] = v
				}
			}
		}
	}
}

// ReadPMedCap reads a capacitated p-median instance in the OR-Library
// format of Osman and Christofides (1994, pmedcap1–10): a line "problem
// optimum", a line "n p capacity", then n lines "id x y demand" with ids 1..n.
// Every customer is both a demand point and a candidate site, every site
// has the same capacity, and the cost of serving customer i from site j is
// floor of their Euclidean distance, once per customer (not per unit of
// demand), which reproduces the published optima. The Problem's Model is
// CapacitatedPMedian; the file's optimum is returned beside it.
func ReadPMedCap(r io.Reader) (*Problem, float64, error) {
	sc := newFieldScanner(r)
	optimum, err := readPMedCapOptimum(sc)
	if err != nil {
		return nil, 0, err
	}
	n, p, capacity, err := readPMedCapHead(sc)
	if err != nil {
		return nil, 0, err
	}
	xs, ys, dem, err := readCustomers(sc, n)
	if err != nil {
		return nil, 0, err
	}
	if err := sc.end(); err != nil {
		return nil, 0, err
	}
	pr, err := NewMatrix(n, n, floorDistances(xs, ys))
	if err != nil {
		return nil, 0, err
	}
	pr.Model, pr.P = CapacitatedPMedian, p
	pr.Demand = dem
	pr.Capacity = make([]float64, n)
	for j := range pr.Capacity {
		pr.Capacity[j] = capacity
	}
	return pr, optimum, nil
}

// readPMedCapOptimum reads the line "problem optimum".
func readPMedCapOptimum(sc *fieldScanner) (float64, error) {
	first, err := sc.fields(2)
	if err != nil {
		return 0, err
	}
	optimum, err := strconv.ParseFloat(first[1], 64)
	if err != nil {
		return 0, fmt.Errorf("%w: line %d: want \"problem optimum\", got %q", ErrFormat, sc.line, strings.Join(first, " "))
	}
	return optimum, nil
}

// readPMedCapHead reads the line "n p capacity".
func readPMedCapHead(sc *fieldScanner) (n, p int, capacity float64, err error) {
	head, err := sc.fields(3)
	if err != nil {
		return 0, 0, 0, err
	}
	n, err1 := strconv.Atoi(head[0])
	p, err2 := strconv.Atoi(head[1])
	capacity, err3 := strconv.ParseFloat(head[2], 64)
	if err1 != nil || err2 != nil || err3 != nil || !validPMedCapHead(n, p, capacity) {
		return 0, 0, 0, fmt.Errorf("%w: line %d: want \"n p capacity\" with 0 < p ≤ n ≤ %d, capacity ≥ 0, got %q", ErrFormat, sc.line, maxORLibN, strings.Join(head, " "))
	}
	return n, p, capacity, nil
}

// validPMedCapHead reports whether 0 < p ≤ n ≤ maxORLibN and the
// capacity is finite and ≥ 0.
func validPMedCapHead(n, p int, capacity float64) bool {
	return n > 0 && n <= maxORLibN && p > 0 && p <= n && capacity >= 0 && !math.IsInf(capacity, 1)
}

// readCustomers reads n lines "id x y demand" with ids 1..n.
func readCustomers(sc *fieldScanner, n int) (xs, ys, dem []float64, err error) {
	xs, ys = make([]float64, n), make([]float64, n)
	dem = make([]float64, n)
	for i := 0; i < n; i++ {
		f, err := sc.fields(4)
		if err != nil {
			return nil, nil, nil, err
		}
		if xs[i], ys[i], dem[i], err = parseCustomer(f, i, sc.line); err != nil {
			return nil, nil, nil, err
		}
	}
	return xs, ys, dem, nil
}

// parseCustomer parses the fields "id x y demand" of customer i (0-based)
// on line.
func parseCustomer(f []string, i, line int) (x, y, q float64, err error) {
	id, err0 := strconv.Atoi(f[0])
	x, err1 := strconv.ParseFloat(f[1], 64)
	y, err2 := strconv.ParseFloat(f[2], 64)
	q, err3 := strconv.ParseFloat(f[3], 64)
	switch {
	case err0 != nil || err1 != nil || err2 != nil || err3 != nil || !finite(x) || !finite(y):
		return 0, 0, 0, fmt.Errorf("%w: line %d: want \"id x y demand\", got %q", ErrFormat, line, strings.Join(f, " "))
	case id != i+1:
		return 0, 0, 0, fmt.Errorf("%w: line %d: customer id %d, want %d", ErrFormat, line, id, i+1)
	case !(q >= 0) || math.IsInf(q, 1):
		return 0, 0, 0, fmt.Errorf("%w: line %d: demand %v; want a finite value ≥ 0", ErrFormat, line, q)
	}
	return x, y, q, nil
}

// floorDistances returns the n×n matrix of the floors of the Euclidean
// distances between the points (xs[i], ys[i]).
func floorDistances(xs, ys []float64) []float64 {
	n := len(xs)
	cost := make([]float64, n*n)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			dx, dy := xs[i]-xs[j], ys[i]-ys[j]
			cost[i*n+j] = math.Floor(math.Sqrt(dx*dx + dy*dy))
		}
	}
	return cost
}

// ReadPMedOptima reads OR-Library's optimal.txt for the p-median instances:
// lines "name value", after an optional header line. Names are as in the
// file ("pmed1").
func ReadPMedOptima(r io.Reader) (map[string]float64, error) {
	out := map[string]float64{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		v, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil || len(f) != 2 {
			if line == 1 {
				continue // header
			}
			return nil, fmt.Errorf("%w: line %d: want \"name value\", got %q", ErrFormat, line, sc.Text())
		}
		out[f[0]] = v
	}
	return out, sc.Err()
}

// fieldScanner reads whitespace-separated lines (tolerating CRLF and blank
// lines) and remembers the line number for errors.
type fieldScanner struct {
	sc   *bufio.Scanner
	line int
}

func newFieldScanner(r io.Reader) *fieldScanner {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	return &fieldScanner{sc: sc}
}

// fields returns the next non-blank line's fields, which must number k.
func (s *fieldScanner) fields(k int) ([]string, error) {
	for s.sc.Scan() {
		s.line++
		f := strings.Fields(s.sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != k {
			return nil, fmt.Errorf("%w: line %d: want %d fields, got %d (%q)", ErrFormat, s.line, k, len(f), s.sc.Text())
		}
		return f, nil
	}
	if err := s.sc.Err(); err != nil {
		return nil, fmt.Errorf("siteopt: reading line %d: %w", s.line+1, err)
	}
	return nil, fmt.Errorf("%w: unexpected end of file after line %d", ErrFormat, s.line)
}

// ints returns the next non-blank line's k fields as integers.
func (s *fieldScanner) ints(k int) ([]int, error) {
	f, err := s.fields(k)
	if err != nil {
		return nil, err
	}
	out := make([]int, k)
	for t := range f {
		if out[t], err = strconv.Atoi(f[t]); err != nil {
			return nil, fmt.Errorf("%w: line %d: %q is not an integer", ErrFormat, s.line, f[t])
		}
	}
	return out, nil
}

// end reports an error if anything but blank lines is left.
func (s *fieldScanner) end() error {
	for s.sc.Scan() {
		s.line++
		if strings.TrimSpace(s.sc.Text()) != "" {
			return fmt.Errorf("%w: line %d: unexpected data after the last record: %q", ErrFormat, s.line, s.sc.Text())
		}
	}
	if err := s.sc.Err(); err != nil {
		return fmt.Errorf("siteopt: reading line %d: %w", s.line+1, err)
	}
	return nil
}
