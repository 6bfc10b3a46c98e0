package siteopt

// coverage is who covers whom within the radius, for the points that
// matter: weight > 0 and not already covered by a fixed site. Both
// directions are kept as compressed lists.
type coverage struct {
	pts      []int32 // the points that matter
	idx      []int32 // point → position in pts, -1 if not there
	siteOff  []int32 // m+1 offsets into sitePts
	sitePts  []int32 // per site: positions (in pts) of the points it covers
	ptOff    []int32 // len(pts)+1 offsets into ptSites
	ptSites  []int32 // per point: the sites (not fixed) covering it
	base     float64 // weight covered by fixed sites
	fixedCov []int32 // points of weight > 0 covered by a fixed site
	w        []float64
}

// buildCoverage walks each active point's candidate list up to the radius
// (scanning the full row when the radius reaches past the list).
func buildCoverage(in *instance, radius float64) *coverage {
	cv := &coverage{idx: make([]int32, in.n), siteOff: make([]int32, in.m+1)}
	for i := range cv.idx {
		cv.idx[i] = -1
	}
	var sites []int32
	ptSites := [][]int32{}
	for _, u := range in.users {
		var covered bool
		sites, covered = coveringSites(in, int(u), radius, sites[:0])
		if covered {
			cv.base += in.w[u]
			cv.fixedCov = append(cv.fixedCov, u)
			continue
		}
		cv.idx[u] = int32(len(cv.pts))
		cv.pts = append(cv.pts, u)
		cv.w = append(cv.w, in.w[u])
		ptSites = append(ptSites, append([]int32(nil), sites...))
	}
	cv.compress(ptSites, in.m)
	return cv
}

// coveringSites appends to sites the sites that are not fixed within
// radius of point u, in the order of u's list (or of index, past it), and
// reports whether a fixed site covers u.
func coveringSites(in *instance, u int, radius float64, sites []int32) ([]int32, bool) {
	covered := false
	add := func(j int32) {
		if in.fixed[j] {
			covered = true
		} else {
			sites = append(sites, j)
		}
	}
	if radius < in.nb.last[u] {
		ls, cs := in.nb.list(u)
		for t, c := range cs {
			if c > radius {
				break
			}
			add(ls[t])
		}
	} else {
		for j := 0; j < in.m; j++ {
			if in.cm.at(u, j) <= radius {
				add(int32(j))
			}
		}
	}
	return sites, covered
}

// compress stores the sites covering each point (ptSites, by position)
// and their transpose, the points each of the m sites covers, as offset
// lists.
func (cv *coverage) compress(ptSites [][]int32, m int) {
	cv.ptOff = make([]int32, len(cv.pts)+1)
	for k, ss := range ptSites {
		cv.ptOff[k+1] = cv.ptOff[k] + int32(len(ss))
		cv.ptSites = append(cv.ptSites, ss...)
		for _, j := range ss {
			cv.siteOff[j+1]++
		}
	}
	for j := 0; j < m; j++ {
		cv.siteOff[j+1] += cv.siteOff[j]
	}
	cv.sitePts = make([]int32, cv.siteOff[m])
	fill := append([]int32(nil), cv.siteOff[:m]...)
	for k, ss := range ptSites {
		for _, j := range ss {
			cv.sitePts[fill[j]] = int32(k)
			fill[j]++
		}
	}
}

// of returns the positions of the points site j covers.
func (cv *coverage) of(j int32) []int32 { return cv.sitePts[cv.siteOff[j]:cv.siteOff[j+1]] }

// by returns the sites covering the point at position k.
func (cv *coverage) by(k int32) []int32 { return cv.ptSites[cv.ptOff[k]:cv.ptOff[k+1]] }
