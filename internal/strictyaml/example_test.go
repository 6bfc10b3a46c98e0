package strictyaml_test

import (
	"fmt"

	"github.com/schoolplan/schoolplan/internal/strictyaml"
)

func ExampleDecode() {
	type expand struct {
		School  string `yaml:"school"`
		Streams int    `yaml:"streams" help:"streams are classes per grade"`
		Year    int    `yaml:"year"`
	}
	var cfg struct {
		Changes []struct {
			Expand *expand `yaml:"expand"`
		} `yaml:"changes"`
		Seed *uint64 `yaml:"seed"`
	}
	src := `seed: -1
changes:
  - expand: {school: P1, streams: 2, year: 2026}
  - expand: {school: P2, streams: 2.7, yaer: 2027}
`
	err := strictyaml.Decode("new-school.yaml", []byte(src), &cfg, nil)
	fmt.Println(err)
	fmt.Println(cfg.Changes[0].Expand.School, cfg.Changes[0].Expand.Streams)
	// Output:
	// 3 problems:
	// 	new-school.yaml:1: seed: -1 is negative: want a whole number >= 0
	// 	new-school.yaml:4: changes[1].expand.streams: 2.7 is not a whole number (streams are classes per grade)
	// 	new-school.yaml:4: changes[1].expand.yaer: unknown key: did you mean year?
	// P1 2
}
