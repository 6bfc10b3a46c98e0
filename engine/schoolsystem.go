package engine

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/schoolplan/schoolplan/geo"
)

// GradeAgeOffset ties grade numbers to ages: a child in grade g is
// g + GradeAgeOffset years old at the normal age, so age 6 is grade 1,
// age 5 grade 0 (kindergarten, named "K") and age 4 grade −1 ("PK4").
// Grade numbers mean the same in every school system; a system only says
// which of them each stage holds.
const GradeAgeOffset = 5

// StageSpan is one stage of a school system: the age children enter it at
// and the number of grades it holds.
type StageSpan struct {
	EntryAge int `yaml:"entry_age"` // 3–15
	Grades   int `yaml:"grades"`    // 1–9
}

// SchoolSystem is a city's school system (学制): where primary and junior
// school begin and how many grades each holds. Junior school begins where
// primary ends. The zero value is DefaultSchoolSystem.
type SchoolSystem struct {
	Primary StageSpan `yaml:"primary"`
	Junior  StageSpan `yaml:"junior"`
}

// The school systems in common use.
var (
	// DefaultSchoolSystem is China's 6+3 (六三制): primary grades 1–6 from
	// age 6, junior grades 7–9 from age 12.
	DefaultSchoolSystem = SchoolSystem{Primary: StageSpan{EntryAge: 6, Grades: 6}, Junior: StageSpan{EntryAge: 12, Grades: 3}}
	// FiveFourSchoolSystem is 5+4 (五四制): primary grades 1–5 from age 6,
	// junior grades 6–9 from age 11.
	FiveFourSchoolSystem = SchoolSystem{Primary: StageSpan{EntryAge: 6, Grades: 5}, Junior: StageSpan{EntryAge: 11, Grades: 4}}
	// USSchoolSystem is K–5 elementary from age 5 and 6–8 middle school
	// from age 11.
	USSchoolSystem = SchoolSystem{Primary: StageSpan{EntryAge: 5, Grades: 6}, Junior: StageSpan{EntryAge: 11, Grades: 3}}
)

// Span returns stage st of the system (of DefaultSchoolSystem for the zero
// value).
func (s SchoolSystem) Span(st Stage) StageSpan {
	if s == (SchoolSystem{}) {
		s = DefaultSchoolSystem
	}
	if st == Junior {
		return s.Junior
	}
	return s.Primary
}

// EntryAge is the age of children entering stage st's entry grade.
func (s SchoolSystem) EntryAge(st Stage) int { return s.Span(st).EntryAge }

// Grades is the number of grades of stage st.
func (s SchoolSystem) Grades(st Stage) int { return s.Span(st).Grades }

// EntryGrade is the number of stage st's first grade (起始年级): its entry
// age less GradeAgeOffset.
func (s SchoolSystem) EntryGrade(st Stage) int { return s.EntryAge(st) - GradeAgeOffset }

// LastGrade is the number of stage st's last grade.
func (s SchoolSystem) LastGrade(st Stage) int { return s.EntryGrade(st) + s.Grades(st) - 1 }

// GradeNumbers lists the grade numbers of stage st in order.
func (s SchoolSystem) GradeNumbers(st Stage) []int {
	out := make([]int, s.Grades(st))
	for k := range out {
		out[k] = s.EntryGrade(st) + k
	}
	return out
}

// Ages lists the normal ages of stage st's grades in order: the entry age
// first.
func (s SchoolSystem) Ages(st Stage) []int {
	out := s.GradeNumbers(st)
	for k := range out {
		out[k] += GradeAgeOffset
	}
	return out
}

// StageOf returns the stage that holds grade g, and false when neither
// does.
func (s SchoolSystem) StageOf(g int) (Stage, bool) {
	for _, st := range Stages {
		if g >= s.EntryGrade(st) && g <= s.LastGrade(st) {
			return st, true
		}
	}
	return 0, false
}

// GradeName names grade g as outputs and inputs write it: "K" for grade 0
// (kindergarten), "PK4" and "PK3" for the years before it (pre-
// kindergarten, by age), the number otherwise ("1" … "9").
func (s SchoolSystem) GradeName(g int) string {
	switch {
	case g == 0:
		return "K"
	case g < 0 && g >= -GradeAgeOffset:
		return "PK" + strconv.Itoa(g+GradeAgeOffset)
	}
	return strconv.Itoa(g)
}

// ParseGrade reads a grade written as its name (GradeName) or its number
// ("K" or "0", "PK4" or "-1", "7"). It does not check that the system
// holds the grade (see StageOf).
func (s SchoolSystem) ParseGrade(name string) (int, error) {
	if name == "K" {
		return 0, nil
	}
	if age, ok := strings.CutPrefix(name, "PK"); ok {
		a, err := strconv.Atoi(age)
		if err == nil && a >= 0 && a < GradeAgeOffset && strconv.Itoa(a) == age {
			return a - GradeAgeOffset, nil
		}
	} else if g, err := strconv.Atoi(name); err == nil {
		return g, nil
	}
	return 0, fmt.Errorf("%w: grade %q: want a grade number or K, PK4, PK3", ErrInvalid, name)
}

// Validate reports every problem of the system as a *KeyError naming its
// key under "school_system" (school_system.primary.entry_age, …): entry
// ages 3–15, 1–9 grades per stage, and junior school beginning where
// primary ends. The errors come as a geo.Errors list.
func (s SchoolSystem) Validate() error {
	var errs geo.Errors
	bad := func(key, format string, args ...any) {
		errs = append(errs, &KeyError{Key: "school_system." + key, Err: fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)})
	}
	for _, st := range Stages {
		sp := s.Span(st)
		if sp.EntryAge < 3 || sp.EntryAge > 15 {
			bad(st.String()+".entry_age", "%d: want an age from 3 to 15", sp.EntryAge)
		}
		if sp.Grades < 1 || sp.Grades > 9 {
			bad(st.String()+".grades", "%d: want 1 to 9 grades", sp.Grades)
		}
	}
	p, j := s.Span(Primary), s.Span(Junior)
	if j.EntryAge != p.EntryAge+p.Grades {
		bad("junior.entry_age", "%d: junior school begins where primary ends, at primary.entry_age + primary.grades = %d",
			j.EntryAge, p.EntryAge+p.Grades)
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// String writes the system as its grades, e.g. "1–6/7–9" or "K–5/6–8".
func (s SchoolSystem) String() string {
	var b strings.Builder
	for _, st := range Stages {
		if st != Primary {
			b.WriteByte('/')
		}
		b.WriteString(s.GradeName(s.EntryGrade(st)))
		b.WriteString("–")
		b.WriteString(s.GradeName(s.LastGrade(st)))
	}
	return b.String()
}
