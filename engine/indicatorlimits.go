package engine

// IndicatorLimits are the thresholds a run's indicators are judged by
// (package metrics): the 优质均衡 limit of the coefficient of variation,
// the standard class size, the school size and the service radius, each
// by stage. The zero value of a field is its default: a scenario's
// policy sets only the limits it names.
type IndicatorLimits struct {
	// CV is the 优质均衡 limit of the coefficient of variation; 0: 0.50
	// primary, 0.45 junior.
	CV [NumStages]float64
	// StandardClassSize: a class over it is over the standard; 0: 45
	// primary, 50 junior (Stage.DefaultClassSize). It judges classes and
	// does not size them (that is Policy.ClassSize).
	StandardClassSize [NumStages]int
	// LargeSchool: a school enrolling more is too large (办学规模); 0:
	// Stage.LargeSchool (2000 primary, 2500 junior).
	LargeSchool [NumStages]int
	// ServiceRadius (服务半径); 0: 500 m primary, 1000 m junior.
	ServiceRadius [NumStages]Meters
	// LargeClass: a class over it is a 大班额; 0: 55.
	LargeClass [NumStages]int
	// HugeClass: a class over it is a 超大班额; 0: 65 (66 pupils and
	// more).
	HugeClass [NumStages]int
}

// LargeSchoolFor is the school size limit of stage st under l (nil: the
// default).
func (l *IndicatorLimits) LargeSchoolFor(st Stage) int {
	if l == nil || l.LargeSchool[st] <= 0 {
		return st.LargeSchool()
	}
	return l.LargeSchool[st]
}
