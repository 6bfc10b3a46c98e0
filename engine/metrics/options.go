package metrics

import "github.com/schoolplan/schoolplan/engine"

// Options set the thresholds of the indicators; nil means all defaults,
// and so does every zero field.
type Options struct {
	// ServiceRadius by stage (服务半径); 0: 500 m primary, 1000 m junior.
	ServiceRadius [engine.NumStages]engine.Meters
	// StandardClassSize by stage: a class over it is over the standard;
	// 0: 45 primary, 50 junior (engine.Stage.DefaultClassSize).
	StandardClassSize [engine.NumStages]int
	// LargeClass by stage: a class over it is oversize (大班额); 0: 55.
	LargeClass [engine.NumStages]int
	// HugeClass by stage: a class over it is 超大班额; 0: 65 (66 pupils
	// and more).
	HugeClass [engine.NumStages]int
	// LargeSchool by stage: a school over it is too large; 0: 2000 primary,
	// 2500 junior. A nine-year school is held to the junior limit.
	LargeSchool [engine.NumStages]int
	// CVLimit by stage: the 优质均衡 threshold of the coefficient of
	// variation; 0: 0.50 primary, 0.45 junior.
	CVLimit [engine.NumStages]float64
}

// Defaults of Options.
const (
	DefaultLargeClass = 55
	DefaultHugeClass  = 65
)

// DefaultServiceRadius is the 服务半径 of GB 50180-2018 by stage.
var DefaultServiceRadius = [engine.NumStages]engine.Meters{500, 1000}

// DefaultLargeSchool is the school size limit by stage
// (engine.Stage.LargeSchool).
var DefaultLargeSchool = [engine.NumStages]int{engine.Primary.LargeSchool(), engine.Junior.LargeSchool()}

// DefaultCVLimit is the 优质均衡 threshold of the coefficient of variation
// by stage.
var DefaultCVLimit = [engine.NumStages]float64{0.50, 0.45}

// resolved is Options with every default filled in.
type resolved struct {
	radius   [engine.NumStages]engine.Meters
	standard [engine.NumStages]int
	large    [engine.NumStages]int
	huge     [engine.NumStages]int
	school   [engine.NumStages]int
	cvLimit  [engine.NumStages]float64
}

func (o *Options) resolve() resolved {
	var in Options
	if o != nil {
		in = *o
	}
	var r resolved
	for _, st := range engine.Stages {
		r.large[st] = pick(in.LargeClass[st], DefaultLargeClass)
		r.huge[st] = pick(in.HugeClass[st], DefaultHugeClass)
		r.radius[st] = pick(in.ServiceRadius[st], DefaultServiceRadius[st])
		r.standard[st] = pick(in.StandardClassSize[st], st.DefaultClassSize())
		r.school[st] = pick(in.LargeSchool[st], DefaultLargeSchool[st])
		r.cvLimit[st] = pick(in.CVLimit[st], DefaultCVLimit[st])
	}
	return r
}

// pick is v when it is set (above 0), else def.
func pick[T int | float64 | engine.Meters](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// WithLimits returns the Options of a policy's indicator limits l under o:
// a field o sets wins, then the limit l gives, then the default. A nil o
// is l's limits alone; o itself is left as it is.
func (o *Options) WithLimits(l engine.IndicatorLimits) *Options {
	var out Options
	if o != nil {
		out = *o
	}
	for _, st := range engine.Stages {
		out.CVLimit[st] = pick(out.CVLimit[st], l.CV[st])
		out.StandardClassSize[st] = pick(out.StandardClassSize[st], l.StandardClassSize[st])
		out.LargeSchool[st] = pick(out.LargeSchool[st], l.LargeSchool[st])
		out.ServiceRadius[st] = pick(out.ServiceRadius[st], l.ServiceRadius[st])
		out.LargeClass[st] = pick(out.LargeClass[st], l.LargeClass[st])
		out.HugeClass[st] = pick(out.HugeClass[st], l.HugeClass[st])
	}
	return &out
}
