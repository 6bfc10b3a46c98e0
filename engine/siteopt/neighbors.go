package siteopt

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
)

// nbrs holds, for every demand point, its k cheapest sites in increasing
// order of (cost, site), and the transpose: for every site, the active
// points (weight > 0) that list it. With k = m the lists are complete;
// with k < m a point whose search goes past its list's last cost falls back
// to a scan of the full row (see the callers), so the lists are a speed-up
// and never change an answer or a bound.
//
// 10,000 points × 2,000 sites as a dense float64 matrix would be 160 MB;
// their 200-nearest lists are 24 MB and the fast-swap search touches about
// 2m/p entries per point.
type nbrs struct {
	n, m, k int
	site    []int32   // n·k
	cost    []float64 // n·k
	last    []float64 // per point: cost of its k-th entry, +Inf when k = m

	tStart []int32 // m+1 offsets into tPoint/tCost
	tPoint []int32
	tCost  []float64
}

// list returns point i's sites and costs.
func (nb *nbrs) list(i int) ([]int32, []float64) {
	return nb.site[i*nb.k : (i+1)*nb.k], nb.cost[i*nb.k : (i+1)*nb.k]
}

// column returns the active points listing site j and their costs.
func (nb *nbrs) column(j int) ([]int32, []float64) {
	a, b := nb.tStart[j], nb.tStart[j+1]
	return nb.tPoint[a:b], nb.tCost[a:b]
}

// buildNeighbors computes the lists with up to GOMAXPROCS goroutines.
// active[i] says whether point i goes into the transpose.
func buildNeighbors(cm *costMatrix, k int, active []bool) (*nbrs, error) {
	n, m := cm.n, cm.m
	if k <= 0 || k > m {
		k = m
	}
	nb := &nbrs{n: n, m: m, k: k,
		site: make([]int32, n*k), cost: make([]float64, n*k), last: make([]float64, n)}
	if err := nb.fillLists(cm); err != nil {
		return nil, err
	}
	nb.transpose(active)
	return nb, nil
}

// fillLists computes every point's list, the points split in ranges among
// up to GOMAXPROCS goroutines (at most 8, at least 256 points each). Of
// the errors, the one of the lowest range is returned.
func (nb *nbrs) fillLists(cm *costMatrix) error {
	n := nb.n
	workers := min(runtime.GOMAXPROCS(0), 8, max(1, n/256))
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			errs[w] = nb.fillRange(cm, w*n/workers, (w+1)*n/workers)
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// fillRange computes the lists of the points lo..hi-1; with a cost
// function, it reports the first cost that is not finite and ≥ 0.
func (nb *nbrs) fillRange(cm *costMatrix, lo, hi int) error {
	row := make([]float64, nb.m)
	vals := make([]float64, nb.m)
	pairs := make([]pair, 0, nb.m)
	for i := lo; i < hi; i++ {
		cm.row(i, row)
		if cm.fn != nil {
			if err := checkRow(i, row); err != nil {
				return err
			}
		}
		pairs = cheapest(row, vals, pairs[:0], nb.k)
		nb.store(i, pairs)
	}
	return nil
}

// checkRow checks that point i's costs are finite and ≥ 0.
func checkRow(i int, row []float64) error {
	for j, c := range row {
		if !(c >= 0) || math.IsInf(c, 1) {
			return fmt.Errorf("%w: cost(%d, %d) is %v; want a finite value ≥ 0", ErrInvalid, i, j, c)
		}
	}
	return nil
}

// cheapest appends to pairs the k cheapest sites of row, sorted by (cost,
// site): when k < len(row), every site below the k-th smallest cost and,
// in site order, as many at it as fit. vals is scratch.
func cheapest(row, vals []float64, pairs []pair, k int) []pair {
	if k < len(row) {
		kth := kthCost(row, vals, k)
		for j, c := range row {
			if c < kth {
				pairs = append(pairs, pair{c, int32(j)})
			}
		}
		for j, c := range row {
			if len(pairs) == k {
				break
			}
			if c == kth {
				pairs = append(pairs, pair{c, int32(j)})
			}
		}
	} else {
		for j, c := range row {
			pairs = append(pairs, pair{c, int32(j)})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(a.c, b.c); c != 0 {
			return c
		}
		return int(a.j - b.j)
	})
	return pairs
}

// store makes pairs point i's list and sets its last cost (+Inf for a
// complete list).
func (nb *nbrs) store(i int, pairs []pair) {
	k := nb.k
	s, c := nb.site[i*k:(i+1)*k], nb.cost[i*k:(i+1)*k]
	for t, pr := range pairs {
		s[t], c[t] = pr.j, pr.c
	}
	nb.last[i] = math.Inf(1)
	if k < nb.m {
		nb.last[i] = c[k-1]
	}
}

// transpose builds, for every site, the active points that list it, in
// point order.
func (nb *nbrs) transpose(active []bool) {
	n, m, k := nb.n, nb.m, nb.k
	nb.tStart = make([]int32, m+1)
	total := 0
	for i := 0; i < n; i++ {
		if active[i] {
			for _, j := range nb.site[i*k : (i+1)*k] {
				nb.tStart[j+1]++
			}
			total += k
		}
	}
	for j := 0; j < m; j++ {
		nb.tStart[j+1] += nb.tStart[j]
	}
	nb.tPoint, nb.tCost = make([]int32, total), make([]float64, total)
	fill := slices.Clone(nb.tStart[:m])
	for i := 0; i < n; i++ {
		if !active[i] {
			continue
		}
		for t, j := range nb.site[i*k : (i+1)*k] {
			nb.tPoint[fill[j]], nb.tCost[fill[j]] = int32(i), nb.cost[i*k+t]
			fill[j]++
		}
	}
}

// selectSmallest reorders idx so that its first k entries are the k
// smallest under less (a total order), in no particular order.
func selectSmallest(idx []int32, k int, less func(a, b int32) int) {
	quickselect(idx, k-1, less)
}

type pair struct {
	c float64
	j int32
}

// kthSmallest returns the k-th smallest value of v (0-based), reordering v.
func kthSmallest(v []float64, k int) float64 {
	quickselect(v, k, cmp.Compare[float64])
	return v[k]
}

// quickselect reorders v so that v[k] (0-based) is where a sort by compare
// (a total order) would put it, nothing after it smaller and nothing
// before it larger: Hoare partitions around a median-of-three pivot.
func quickselect[T any](v []T, k int, compare func(a, b T) int) {
	lo, hi := 0, len(v)-1
	for lo < hi {
		pivot := medianOfThree(v[lo], v[lo+(hi-lo)/2], v[hi], compare)
		i, j := partition(v, lo, hi, pivot, compare)
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

// medianOfThree returns the middle one of a, b and c under compare.
func medianOfThree[T any](a, b, c T, compare func(a, b T) int) T {
	if compare(a, b) > 0 {
		a, b = b, a
	}
	if compare(b, c) > 0 {
		b = c
		if compare(a, b) > 0 {
			b = a
		}
	}
	return b
}

// partition is Hoare's partition of v[lo..hi] around pivot: it returns i
// and j (j < i) such that v[lo..j] are at most pivot and v[i..hi] at least.
func partition[T any](v []T, lo, hi int, pivot T, compare func(a, b T) int) (int, int) {
	i, j := lo, hi
	for i <= j {
		for compare(v[i], pivot) < 0 {
			i++
		}
		for compare(pivot, v[j]) < 0 {
			j--
		}
		if i <= j {
			v[i], v[j] = v[j], v[i]
			i++
			j--
		}
	}
	return i, j
}

// kthCost returns the k-th smallest (1-based) of row, using vals as
// scratch. A strided sample of 64 costs gives a threshold that about 1.5·k
// costs fall under; only those go to the selection (one pass over the row
// instead of quickselect's two or three), with a full selection when the
// sample misleads.
func kthCost(row, vals []float64, k int) float64 {
	m := len(row)
	if m >= 256 {
		var sample [64]float64
		for t := range sample {
			sample[t] = row[t*m/64]
		}
		slices.Sort(sample[:])
		q := min(63, (3*k*64)/(2*m)+2)
		thr := sample[q]
		vals = vals[:0]
		for _, c := range row {
			if c <= thr {
				vals = append(vals, c)
			}
		}
		if len(vals) >= k {
			return kthSmallest(vals, k-1)
		}
		vals = vals[:m]
	}
	copy(vals, row)
	return kthSmallest(vals, k-1)
}
