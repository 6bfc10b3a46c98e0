package engine

import (
	"errors"
	"io/fs"
	"path"
)

// Demography holds a city's optional inputs of the cohort and
// grade-progression forecasts (package forecast); a nil field means the file
// is absent.
type Demography struct {
	Population *Population // population.csv
	Births     *Births     // births.csv
	Enrolment  *Enrolment  // enrolment.csv
	Survival   *Survival   // survival.csv
}

// Any reports whether any of the files was given.
func (d *Demography) Any() bool {
	return d.Population != nil || d.Births != nil || d.Enrolment != nil || d.Survival != nil
}

// demography reads the optional files; a missing file is not an error.
func (l *loader) demography() {
	c := l.city
	read := func(file string, decode func(fs.FS, string, string, *City) error) {
		err := decode(l.fsys, path.Join(l.dir, file), l.name(file), c)
		if errors.Is(err, fs.ErrNotExist) {
			return
		}
		if err != nil {
			l.fail(err)
		}
	}
	read(PopulationFile, func(fsys fs.FS, file, name string, c *City) (err error) {
		c.Demography.Population, err = ReadPopulationCSV(fsys, file, name, c)
		return err
	})
	read(BirthsFile, func(fsys fs.FS, file, name string, c *City) (err error) {
		c.Demography.Births, err = ReadBirthsCSV(fsys, file, name, c)
		return err
	})
	read(EnrolmentFile, func(fsys fs.FS, file, name string, c *City) (err error) {
		c.Demography.Enrolment, err = ReadEnrolmentCSV(fsys, file, name, c)
		return err
	})
	read(SurvivalFile, func(fsys fs.FS, file, name string, c *City) (err error) {
		c.Demography.Survival, err = ReadSurvivalCSV(fsys, file, name, c)
		return err
	})
}
