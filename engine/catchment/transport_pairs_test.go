package catchment

import "testing"

// TestPairTable checks that the table finds every pair it was given, by
// sink slice or probing, across growth, and no pair it was not given.
func TestPairTable(t *testing.T) {
	tests := []struct {
		name  string
		m     int32 // schools; m is the sink
		pairs [][2]int32
	}{
		{"empty", 3, nil},
		{"sink only", 3, [][2]int32{{0, 3}, {2, 3}}},
		{"school 0 to school 0 key", 2, [][2]int32{{0, 0}, {0, 1}, {1, 0}}},
		{"grows past the least length", 100, allPairs(100)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var tab pairTable
			if got := tab.lookup(0, 1); got != -1 {
				t.Fatalf("zero table: lookup(0, 1) = %d, want -1", got)
			}
			tab.reset(int(tc.m))
			given := map[[2]int32]int32{}
			for id, p := range tc.pairs {
				tab.add(p[0], p[1], tc.m, int32(id))
				given[p] = int32(id)
			}
			for a := range tc.m {
				for b := range tc.m + 1 {
					want, ok := given[[2]int32{a, b}]
					if !ok {
						want = -1
					}
					if got := tab.find(a, b, tc.m); got != want {
						t.Errorf("find(%d, %d) = %d, want %d", a, b, got, want)
					}
					if got := tab.lookup(a, b); got != want {
						t.Errorf("lookup(%d, %d) = %d, want %d", a, b, got, want)
					}
				}
			}
			if got := tab.lookup(tc.m+1, tc.m); got != -1 {
				t.Errorf("lookup of a school past the table's = %d, want -1", got)
			}
		})
	}
}

// allPairs lists every pair a → b of m schools, the sink included.
func allPairs(m int32) [][2]int32 {
	var ps [][2]int32
	for a := range m {
		for b := range m + 1 {
			ps = append(ps, [2]int32{a, b})
		}
	}
	return ps
}
