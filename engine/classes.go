package engine

// GradeClasses are the classes a grade forms: N classes, Rem of them of
// Q+1 pupils and the others of Q.
type GradeClasses struct {
	N, Q, Rem int
}

// FormClasses forms the classes of a grade of pupils in a school of
// streams classes per grade (0: no cap) and the given class size: the
// fewest classes of at most size pupils, but no more than streams (a grade
// with more pupils than streams × size crowds them into its streams'
// classes), pupils spread evenly (sizes differ by at most one). No pupils
// form no classes.
func FormClasses(pupils, streams, size int) GradeClasses {
	if pupils <= 0 || size <= 0 {
		return GradeClasses{}
	}
	n := (pupils + size - 1) / size
	if streams > 0 && n > streams {
		n = streams
	}
	return GradeClasses{N: n, Q: pupils / n, Rem: pupils % n}
}

// Max is the largest class (0 without classes).
func (g GradeClasses) Max() int {
	if g.Rem > 0 {
		return g.Q + 1
	}
	return g.Q
}

// Over counts the classes of more than limit pupils.
func (g GradeClasses) Over(limit int) int {
	switch {
	case g.Q > limit:
		return g.N
	case g.Q == limit:
		return g.Rem
	}
	return 0
}
