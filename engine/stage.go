package engine

import "fmt"

// Stage is a level of compulsory schooling.
type Stage int

const (
	Primary Stage = iota // 小学: grades 1–6 in the default system
	Junior               // 初中: grades 7–9 in the default system
)

// NumStages is the number of stages; arrays indexed by Stage have this length.
const NumStages = 2

// Stages lists every stage in order. A city may run only some of them
// (City.Stages).
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
	return 0, &problem{ErrInvalid, fmt.Sprintf("engine: unknown stage %q (want primary or junior)", s)}
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
	return 0, &problem{ErrInvalid, fmt.Sprintf("engine: unknown school stage %q (want primary, junior or nine_year)", s)}
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

// stages lists the stages a school of kind k teaches, in order (for
// reading only: a nine-year school gets Stages itself).
func (k Kind) stages() []Stage {
	switch k {
	case KindPrimary:
		return []Stage{Primary}
	case KindJunior:
		return []Stage{Junior}
	}
	return Stages[:]
}

// Year is a calendar year; a school year is named by the autumn it starts in.
type Year int
