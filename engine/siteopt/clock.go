package siteopt

import (
	"context"
	"fmt"
	"time"
)

// clock stops the search on the context or the time limit. The solvers call
// stopped once per swap move, subgradient step or search round, each of
// which does at least O(p·m) work, so the check costs nothing measurable.
type clock struct {
	ctx      context.Context
	start    time.Time
	deadline time.Time
	limited  bool
	status   Status // Feasible while running; TimeLimit or Canceled once stopped
	err      error
}

func newClock(ctx context.Context, limit time.Duration) *clock {
	c := &clock{ctx: ctx, start: time.Now()}
	if limit > 0 {
		c.limited, c.deadline = true, c.start.Add(limit)
	}
	return c
}

func (c *clock) stopped() bool {
	if c.status != Feasible {
		return true
	}
	if err := c.ctx.Err(); err != nil {
		c.status, c.err = Canceled, fmt.Errorf("siteopt: search stopped: %w", err)
		return true
	}
	if c.limited && time.Now().After(c.deadline) {
		c.status = TimeLimit
		return true
	}
	return false
}
