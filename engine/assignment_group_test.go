package engine

import (
	"runtime"
	"testing"
)

// TestGroupMembers checks that Group lists each school's single members
// by distance, then area index, whether the lists are sorted on one
// goroutine (a small city) or on several (parallelMembers or more).
func TestGroupMembers(t *testing.T) {
	tests := []struct {
		name    string
		areas   int
		schools int
		procs   int
	}{
		{"small city, one goroutine", 40, 3, 2},
		{"large city, two goroutines", parallelMembers + 500, 7, 2},
		{"large city, GOMAXPROCS 1", parallelMembers + 500, 7, 1},
		{"large city, more goroutines than schools", parallelMembers + 500, 2, 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(tc.procs))
			a := &Assignment{School: make([]int32, tc.areas), Dist: make([]Meters, tc.areas)}
			for i := range tc.areas {
				a.School[i] = int32(i % tc.schools)
				a.Dist[i] = Meters((i * 7919) % 97) // many ties
			}
			a.School[5] = -1 // no school: in no list
			// 6 has a quota, 7 several schools: in no list; 8 no quota: listed
			a.Quota = map[int32][]QuotaShare{6: {{School: 0, Children: 3}}, 8: nil}
			a.Multi = map[int32][]int32{7: {0, 1}}
			a.Group(tc.schools)
			seen := 0
			for s := range tc.schools {
				m := a.Members(s)
				seen += len(m)
				for k, i := range m {
					if a.School[i] != int32(s) || i == 5 || i == 6 || i == 7 {
						t.Fatalf("school %d lists area %d of school %d", s, i, a.School[i])
					}
					if k > 0 {
						p := m[k-1]
						if a.Dist[p] > a.Dist[i] || a.Dist[p] == a.Dist[i] && p > i {
							t.Fatalf("school %d: area %d (%.0f m) before area %d (%.0f m)", s, p, a.Dist[p], i, a.Dist[i])
						}
					}
				}
			}
			if want := tc.areas - 3; seen != want {
				t.Errorf("%d members listed, want %d", seen, want)
			}
		})
	}
}
