package siteopt

import (
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
	workers := min(runtime.GOMAXPROCS(0), 8, max(1, n/256))
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			row := make([]float64, m)
			vals := make([]float64, m)
			pairs := make([]pair, 0, m)
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				cm.row(i, row)
				if cm.fn != nil {
					for j, c := range row {
						if !(c >= 0) || math.IsInf(c, 1) {
							errs[w] = fmt.Errorf("%w: cost(%d, %d) is %v; want a finite value ≥ 0", ErrInvalid, i, j, c)
							return
						}
					}
				}
				pairs = pairs[:0]
				if k < m {
					// The k-th smallest cost, then every site below it and,
					// in site order, as many at it as fit.
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
					if a.c != b.c {
						if a.c < b.c {
							return -1
						}
						return 1
					}
					return int(a.j - b.j)
				})
				s, c := nb.site[i*k:(i+1)*k], nb.cost[i*k:(i+1)*k]
				for t, pr := range pairs {
					s[t], c[t] = pr.j, pr.c
				}
				nb.last[i] = math.Inf(1)
				if k < m {
					nb.last[i] = c[k-1]
				}
			}
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
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
	return nb, nil
}

// selectSmallest reorders idx so that its first k entries are the k
// smallest under less (a total order), in no particular order.
func selectSmallest(idx []int32, k int, less func(a, b int32) int) {
	lo, hi := 0, len(idx)-1
	target := k - 1
	for lo < hi {
		mid := lo + (hi-lo)/2
		// median of three as the pivot
		a, b, c := idx[lo], idx[mid], idx[hi]
		if less(a, b) > 0 {
			a, b = b, a
		}
		if less(b, c) > 0 {
			b = c
			if less(a, b) > 0 {
				b = a
			}
		}
		pivot := b
		i, j := lo, hi
		for i <= j {
			for less(idx[i], pivot) < 0 {
				i++
			}
			for less(pivot, idx[j]) < 0 {
				j--
			}
			if i <= j {
				idx[i], idx[j] = idx[j], idx[i]
				i++
				j--
			}
		}
		switch {
		case target <= j:
			hi = j
		case target >= i:
			lo = i
		default:
			return
		}
	}
}

type pair struct {
	c float64
	j int32
}

// kthSmallest returns the k-th smallest value of v (0-based), reordering v.
func kthSmallest(v []float64, k int) float64 {
	lo, hi := 0, len(v)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		a, b, c := v[lo], v[mid], v[hi]
		if a > b {
			a, b = b, a
		}
		if b > c {
			b = c
			if a > b {
				b = a
			}
		}
		pivot := b
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for pivot < v[j] {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return v[k]
		}
	}
	return v[k]
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
