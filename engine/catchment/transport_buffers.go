package catchment

// resize returns a slice of n elements, reusing buf's memory when it is
// large enough; the elements' values are left as they were.
func resize[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

// resizeRoom is resize for a buffer that grows a little from one solve to
// the next (the arcs of a year, then of the next): a new one gets an eighth
// more room, so that the next solves and appends reuse it.
func resizeRoom[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n, n+n/8)
	}
	return buf[:n]
}

// zeroedTo returns a slice of n zero elements, reusing buf's memory when it
// is large enough.
func zeroedTo[T any](buf []T, n int) []T {
	buf = resize(buf, n)
	clear(buf)
	return buf
}

// truncateEach returns n empty slices, each keeping the memory of the
// slice of buf at its index.
func truncateEach[T any](buf [][]T, n int) [][]T {
	if cap(buf) < n {
		buf = append(buf[:cap(buf)], make([][]T, n-cap(buf))...)
	}
	buf = buf[:n]
	for k := range buf {
		buf[k] = buf[k][:0]
	}
	return buf
}
