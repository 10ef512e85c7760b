// Package memo holds a small cache of values made once per key and kept for
// the life of the process, bounded so that a caller making new keys
// without end does not make it grow: past its limit it starts again empty.
package memo

import (
	"sync"
	"sync/atomic"
)

// Cache is safe for concurrent use; its zero value is not: use New.
type Cache[K comparable, V any] struct {
	m   sync.Map // K -> V
	n   atomic.Int64
	max int64
}

// New returns a cache that keeps at most max values.
func New[K comparable, V any](max int) *Cache[K, V] {
	return &Cache[K, V]{max: int64(max)}
}

// Get returns the value kept for k, making and keeping it with build when
// there is none. Two callers may both make it; either value is kept.
func (c *Cache[K, V]) Get(k K, build func() V) V {
	if v, ok := c.m.Load(k); ok {
		return v.(V)
	}
	v := build()
	if c.n.Add(1) > c.max {
		c.m.Clear()
		c.n.Store(1)
	}
	c.m.Store(k, v)
	return v
}
