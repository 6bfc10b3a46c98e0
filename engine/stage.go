package engine

import "fmt"

// Stage is a level of compulsory schooling.
type Stage int

const (
	Primary Stage = iota // grades 1–6, 小学
	Junior               // grades 7–9, 初中
)

// NumStages is the number of stages; arrays indexed by Stage have this length.
const NumStages = 2

// Stages lists every stage in order.
var Stages = [NumStages]Stage{Primary, Junior}

func (s Stage) String() string {
	switch s {
	case Primary:
		return "primary"
	case Junior:
		return "junior"
	}
	return fmt.Sprintf("Stage(%d)", int(s))
}

// ParseStage reads "primary" or "junior".
func ParseStage(s string) (Stage, error) {
	switch s {
	case "primary":
		return Primary, nil
	case "junior":
		return Junior, nil
	}
	return 0, fmt.Errorf("engine: unknown stage %q (want primary or junior)", s)
}

// EntryGrade is the first grade of the stage (起始年级): 1 or 7.
func (s Stage) EntryGrade() int {
	if s == Junior {
		return 7
	}
	return 1
}

// Grades is the number of grades in the stage: 6 or 3.
func (s Stage) Grades() int {
	if s == Junior {
		return 3
	}
	return 6
}

// EntryAge is the age of children entering the stage's entry grade: 6 or 12.
func (s Stage) EntryAge() int {
	if s == Junior {
		return 12
	}
	return 6
}

// DefaultClassSize is the standard class size (班额): 45 primary, 50 junior.
func (s Stage) DefaultClassSize() int {
	if s == Junior {
		return 50
	}
	return 45
}

// Kind is what stages a school serves.
type Kind int

const (
	KindPrimary  Kind = iota // primary only
	KindJunior               // junior only
	KindNineYear             // both stages (九年一贯制)
)

func (k Kind) String() string {
	switch k {
	case KindPrimary:
		return "primary"
	case KindJunior:
		return "junior"
	case KindNineYear:
		return "nine_year"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// ParseKind reads a school's stage property: primary, junior or nine_year.
func ParseKind(s string) (Kind, error) {
	switch s {
	case "primary":
		return KindPrimary, nil
	case "junior":
		return KindJunior, nil
	case "nine_year":
		return KindNineYear, nil
	}
	return 0, fmt.Errorf("engine: unknown school stage %q (want primary, junior or nine_year)", s)
}

// Serves reports whether a school of kind k teaches stage s.
func (k Kind) Serves(s Stage) bool {
	switch k {
	case KindPrimary:
		return s == Primary
	case KindJunior:
		return s == Junior
	}
	return true
}

// Year is a calendar year; a school year is named by the autumn it starts in.
type Year int
