package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/paulmach/orb"

	"github.com/schoolplan/schoolplan/engine"
	"github.com/schoolplan/schoolplan/geo"
)

// PCG streams of the seed, one per purpose, so that changing one part of
// the generator does not reshuffle the others.
const (
	streamDistricts = iota + 1
	streamClusters
	streamPlaces
	streamPopulation
	streamSchools
	streamStreams
	streamForecast
)

func rng(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, stream))
}

// City generates the city described by opt (nil: defaults) on the local
// plane. Its Projection is centred where engine.LoadCity centres a city
// folder, on the centre of the districts' lon/lat bound (within metres of
// opt.Origin), and every coordinate is one a city file holds exactly, so
// that City(opt) and engine.LoadCity of WriteFolder(dir, opt) give the
// same city.
func City(opt *Options) *engine.City {
	o := withDefaults(opt)
	half := side(o.Areas) / 2
	c := &engine.City{Name: Name(&o), CRS: geo.WGS84}

	part := newPartition(rng(o.Seed, streamDistricts), o.Districts, half)
	c.Districts = part.districts()
	polys := make([]orb.MultiPolygon, len(c.Districts))
	for d := range c.Districts {
		polys[d] = c.Districts[d].Geometry
	}
	pl := newPlane(o.Origin, polys)
	c.Projection = pl.city
	for d := range c.Districts {
		c.Districts[d].Geometry = pl.snapMulti(c.Districts[d].Geometry)
		polys[d] = c.Districts[d].Geometry
	}
	pix := geo.NewPolygonIndex(polys)

	set := settlement{bound: part.bound, pix: pix, plane: pl, clusters: clusters(rng(o.Seed, streamClusters), 2*half)}
	c.Areas = set.areas(rng(o.Seed, streamPlaces), rng(o.Seed, streamPopulation), &o)

	rate, drift := districtRates(rng(o.Seed, streamForecast), len(c.Districts))
	placeSchools(rng(o.Seed, streamSchools), c, pix, pl, o.Schools)
	sizeSchools(rng(o.Seed, streamStreams), c, &o, rate)
	c.Forecast = forecast(c, &o, rate, drift)
	return c
}

// Name is the name of the city opt describes (nil: defaults), as in
// city.yaml: "synth-<areas>-seed<seed>".
func Name(opt *Options) string {
	o := withDefaults(opt)
	return fmt.Sprintf("synth-%d-seed%d", o.Areas, o.Seed)
}
