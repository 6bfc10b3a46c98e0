package siteopt

import (
	"container/heap"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// bnbRound is how many open nodes a round of the branch and bound takes
// from the queue and bounds together. It is a constant, not the number of
// processors: the nodes of a round are bounded independently, from the
// incumbent as it stood before the round, and their outcomes (children,
// solutions, fixings) are merged in node-id order, so the tree explored
// and the result are the same whatever GOMAXPROCS.
const bnbRound = 8

// popRound takes up to k of the least-bound open nodes that prunes does
// not discard, and returns them in id order.
func popRound(q *nodeQueue, k int, prunes func(float64) bool) []*pmNode {
	var round []*pmNode
	for len(round) < k && q.Len() > 0 {
		nd := heap.Pop(q).(*pmNode)
		if !prunes(nd.bound) {
			round = append(round, nd)
		}
	}
	slices.SortFunc(round, func(a, b *pmNode) int { return a.id - b.id })
	return round
}

// forEachParallel calls f(i) for i in [0, n) on up to GOMAXPROCS
// goroutines and returns when all calls have. Each call must touch only
// data of its own i.
func forEachParallel(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		}()
	}
	wg.Wait()
}
