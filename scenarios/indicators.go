package scenarios

import (
	"sync"

	"github.com/schoolplan/schoolplan/engine/metrics"
)

// indicatorCache keeps a run's indicators by the options they were
// computed under, so that the outputs of one run (indicators.csv, the
// layers, the report) compute them once.
type indicatorCache struct {
	mu sync.Mutex
	m  map[metrics.Options]*metrics.Indicators
}

// Indicators are the indicators of r (metrics.Compute) under the
// thresholds MetricsOptions(over). They are computed once for each set of
// thresholds and shared by every caller, so they must not be modified.
// Indicators is safe for concurrent use.
func (r *Result) Indicators(over *metrics.Options) *metrics.Indicators {
	opts := r.MetricsOptions(over)
	c := &r.indicators
	c.mu.Lock()
	defer c.mu.Unlock()
	if ind, ok := c.m[*opts]; ok {
		return ind
	}
	ind := metrics.Compute(r.City, r.Result, opts)
	if c.m == nil {
		c.m = map[metrics.Options]*metrics.Indicators{}
	}
	c.m[*opts] = ind
	return ind
}
