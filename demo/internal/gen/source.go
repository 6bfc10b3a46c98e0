package gen

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

type city struct {
	districts []*district
	byCode    map[string]*district
	scenario  scenarioPick
	zones     []*zone  // sharing zones (大学区), by district then number
	swap      swapPick // the seat swap of the seat-swap scenario
	programme programmePick
}

type district struct {
	Code, Name  string
	Polygon     bool // the source geometry is a Polygon (else MultiPolygon)
	Raw         orb.MultiPolygon
	RawBound    orb.Bound
	Simple      orb.MultiPolygon
	SimpleBound orb.Bound
	Tolerance   float64 // tolerance actually used for Simple

	Pop    int        // census 2020 resident population
	Shares [5]float64 // age 0, 1–4, 5–9, 10–14, 15–19
	M      float64    // annual net-migration factor for children
	Short  bool       // junior supply deliberately short of the peak

	Towns   []*town // all towns in code order (some without coordinates)
	Areas   []*area // census areas then new-housing areas
	Schools []*school

	// Forecast[y-FirstYear][a]: resident children of age a in year y (unrounded).
	Forecast [LastYear - FirstYear + 1][MaxAge + 1]float64

	// supply sizing
	FactorP, FactorJ float64 // target ratios of entry seats to catchment peak demand
	PeakP, PeakJ     float64 // district peaks behind the provisional streams (placement)
	Dropped          int     // schools the catchment fit dropped
}

type town struct {
	Code    string // 12-digit town code
	Name    string // as in the source
	Display string // without 办事处/人民政府
	Short   string // without the 街道/镇/乡 suffix, for school names
	Urban   bool   // 街道 (else 镇/乡)
	Pt      orb.Point
	HasXY   bool
	Pop     int
	Areas   []*area // census areas of this town
	Housing []*area // new-housing areas of this town
}

type area struct {
	ID, Name   string
	Pt         orb.Point // GCJ-02
	W          metricPt  // Pt in WGS84 with its local scale, for distances (set on first use)
	Pop        int
	Households int
	District   *district
	Town       *town
	Completion int // completion year of new housing, 0 for existing housing
}

const (
	stagePrimary  = "primary"
	stageJunior   = "junior"
	stageNineYear = "nine_year"
)

type school struct {
	ID, Name string
	Stage    string
	Streams  int // streams (classes per grade); for a nine-year school, of the primary grades
	// JuniorStreams is a nine-year school's junior streams when they differ from Streams (else 0).
	JuniorStreams int
	District      *district
	Town          *town
	Pt            orb.Point
	Opens         int
	Closes        int
	Planned       bool // opens after FirstYear
	seq           int  // creation order inside the district
	moved         bool // moved by the catchment fit
	added         bool // added by the catchment fit
	// Zone is the sharing zone (大学区) of a junior school in a sharing district (else nil);
	// BaseSeats + SharedSeats = its entry seats.
	Zone                   *zone
	BaseSeats, SharedSeats int
}

// rng is a deterministic random stream. It uses only PCG's raw Uint64 output (a specified
// algorithm) and maps it to floats and ints itself, so the values do not depend on how
// math/rand/v2 implements Float64 or IntN.
type rng struct{ src *rand.PCG }

func newRNG(parts ...string) *rng {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return &rng{rand.NewPCG(0x5c4001a2025, h.Sum64())}
}

// float returns a uniform float in [0, 1).
func (r *rng) float() float64 { return float64(r.src.Uint64()>>11) / (1 << 53) }

// uniform returns a uniform float in [a, b).
func (r *rng) uniform(a, b float64) float64 { return a + (b-a)*r.float() }

// intn returns an int in [0, n).
func (r *rng) intn(n int) int { return int(r.src.Uint64() % uint64(n)) }

// between returns an int in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

func readSources(dir string) (*city, error) {
	c := &city{byCode: map[string]*district{}}
	for _, s := range districtSpecs {
		d := &district{Code: s.Code, M: s.M, Short: s.ShortJunior}
		c.districts = append(c.districts, d)
		c.byCode[s.Code] = d
	}
	if err := c.readDistricts(filepath.Join(dir, srcDistricts)); err != nil {
		return nil, err
	}
	if err := c.readCensus(filepath.Join(dir, srcCensus)); err != nil {
		return nil, err
	}
	if err := c.readTowns(filepath.Join(dir, srcTowns)); err != nil {
		return nil, err
	}
	return c, nil
}

// sourceFC is the part of the source GeoJSON the generator reads. (orb/geojson is not used: it
// pulls in a BSON dependency the module does not otherwise need.)
type sourceFC struct {
	Type     string `json:"type"`
	Features []struct {
		Properties struct {
			Adcode json.Number `json:"adcode"`
			Name   string      `json:"name"`
		} `json:"properties"`
		Geometry struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

func toRing(r [][]float64) (orb.Ring, error) {
	out := make(orb.Ring, len(r))
	for i, p := range r {
		if len(p) < 2 {
			return nil, fmt.Errorf("position %d has %d numbers, want 2", i, len(p))
		}
		out[i] = orb.Point{p[0], p[1]}
	}
	return out, nil
}

func toPolygon(p [][][]float64) (orb.Polygon, error) {
	out := make(orb.Polygon, len(p))
	for i, r := range p {
		var err error
		if out[i], err = toRing(r); err != nil {
			return nil, fmt.Errorf("ring %d: %w", i, err)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("polygon has no rings")
	}
	return out, nil
}

// districtGeometry decodes a district's Polygon or MultiPolygon.
func districtGeometry(typ string, coordinates json.RawMessage) (orb.MultiPolygon, error) {
	switch typ {
	case "Polygon":
		var coords [][][]float64
		if err := json.Unmarshal(coordinates, &coords); err != nil {
			return nil, fmt.Errorf("coordinates: %w", err)
		}
		p, err := toPolygon(coords)
		if err != nil {
			return nil, err
		}
		return orb.MultiPolygon{p}, nil
	case "MultiPolygon":
		var coords [][][][]float64
		if err := json.Unmarshal(coordinates, &coords); err != nil {
			return nil, fmt.Errorf("coordinates: %w", err)
		}
		var mp orb.MultiPolygon
		for j, pc := range coords {
			p, err := toPolygon(pc)
			if err != nil {
				return nil, fmt.Errorf("polygon %d: %w", j, err)
			}
			mp = append(mp, p)
		}
		if len(mp) == 0 {
			return nil, errors.New("empty MultiPolygon")
		}
		return mp, nil
	}
	return nil, fmt.Errorf("geometry: want Polygon or MultiPolygon, got %q", typ)
}

// readDistricts reads the boundaries of the city's districts from the
// county GeoJSON at path.
func (c *city) readDistricts(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var fc sourceFC
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&fc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if fc.Type != "FeatureCollection" {
		return fmt.Errorf("%s: type %q, want FeatureCollection", path, fc.Type)
	}
	for i, f := range fc.Features {
		code := f.Properties.Adcode.String()
		d := c.byCode[code]
		if d == nil {
			continue
		}
		if d.Raw != nil {
			return fmt.Errorf("%s: feature %d: adcode %s appears twice", path, i, code)
		}
		d.Name = f.Properties.Name
		if d.Name == "" {
			return fmt.Errorf("%s: feature %d (%s): property name: want a string", path, i, code)
		}
		raw, err := districtGeometry(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return fmt.Errorf("%s: feature %d (%s): %w", path, i, code, err)
		}
		d.Raw, d.Polygon = raw, f.Geometry.Type == "Polygon"
		orb.Round(d.Raw, 1e6)
		d.RawBound = d.Raw.Bound()
	}
	for _, d := range c.districts {
		if d.Raw == nil {
			return fmt.Errorf("%s: district %s missing", path, d.Code)
		}
	}
	return nil
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("%s: no data rows", path)
	}
	return rows, nil
}

func columns(path string, header []string, want ...string) ([]int, error) {
	idx := make([]int, len(want))
	for i, w := range want {
		idx[i] = -1
		for j, h := range header {
			if strings.TrimSpace(h) == w {
				idx[i] = j
			}
		}
		if idx[i] < 0 {
			return nil, fmt.Errorf("%s: column %q missing", path, w)
		}
	}
	return idx, nil
}

func (c *city) readCensus(path string) error {
	rows, err := readCSV(path)
	if err != nil {
		return err
	}
	col, err := columns(path, rows[0], "code", "population_2020", "share_age_0", "share_age_1_4",
		"share_age_5_9", "share_age_10_14", "share_age_15_19")
	if err != nil {
		return err
	}
	for i, r := range rows[1:] {
		d := c.byCode[r[col[0]]]
		if d == nil {
			continue
		}
		if d.Pop, err = strconv.Atoi(r[col[1]]); err != nil || d.Pop <= 0 {
			return fmt.Errorf("%s: row %d (%s): population_2020: want a positive integer, got %q", path, i+2, d.Code, r[col[1]])
		}
		for k := range 5 {
			v, err := strconv.ParseFloat(r[col[2+k]], 64)
			if err != nil || v <= 0 || v >= 1 {
				return fmt.Errorf("%s: row %d (%s): %s: want a share in (0,1), got %q", path, i+2, d.Code, rows[0][col[2+k]], r[col[2+k]])
			}
			d.Shares[k] = v
		}
	}
	for _, d := range c.districts {
		if d.Pop == 0 {
			return fmt.Errorf("%s: district %s missing", path, d.Code)
		}
	}
	return nil
}

// newTown makes the town of the given code and name in district, with
// its display and short names and its GCJ-02 point if given.
func newTown(code, name, district, lonText, latText string) (*town, error) {
	t := &town{Code: code, Name: name}
	if len(t.Code) != 12 || !strings.HasPrefix(t.Code, district) {
		return nil, fmt.Errorf("code %q: want 12 digits starting with %s", t.Code, district)
	}
	t.Display = strings.TrimSuffix(strings.TrimSuffix(t.Name, "办事处"), "人民政府")
	t.Urban = strings.HasSuffix(t.Display, "街道")
	t.Short = t.Display
	for _, suf := range []string{"街道", "镇", "乡"} {
		if s, ok := strings.CutSuffix(t.Short, suf); ok {
			t.Short = s
			break
		}
	}
	lon, lat := strings.TrimSpace(lonText), strings.TrimSpace(latText)
	if lon == "" && lat == "" {
		return t, nil
	}
	x, err1 := strconv.ParseFloat(lon, 64)
	y, err2 := strconv.ParseFloat(lat, 64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("town %s: coordinates: want numbers, got %q,%q", t.Code, lon, lat)
	}
	t.Pt, t.HasXY = orb.Point{x, y}, true
	return t, nil
}

// readTowns reads the towns (街道, 镇, 乡) of the city's districts from the
// CSV at path.
func (c *city) readTowns(path string) error {
	rows, err := readCSV(path)
	if err != nil {
		return err
	}
	col, err := columns(path, rows[0], "code", "parent_county_adcode", "name", "longitude_gcj02", "latitude_gcj02")
	if err != nil {
		return err
	}
	for i, r := range rows[1:] {
		d := c.byCode[r[col[1]]]
		if d == nil {
			continue
		}
		t, err := newTown(r[col[0]], r[col[2]], d.Code, r[col[3]], r[col[4]])
		if err != nil {
			return fmt.Errorf("%s: row %d: %w", path, i+2, err)
		}
		d.Towns = append(d.Towns, t)
	}
	for _, d := range c.districts {
		sort.Slice(d.Towns, func(i, j int) bool { return d.Towns[i].Code < d.Towns[j].Code })
		if !slices.ContainsFunc(d.Towns, func(t *town) bool { return t.HasXY }) {
			return fmt.Errorf("%s: district %s has no town with coordinates", path, d.Code)
		}
	}
	return nil
}

func (c *city) town(districtCode, name string) (*district, *town, error) {
	d := c.byCode[districtCode]
	if d == nil {
		return nil, nil, fmt.Errorf("unknown district %s", districtCode)
	}
	for _, t := range d.Towns {
		if t.Name == name || t.Display == name {
			if !t.HasXY {
				return nil, nil, fmt.Errorf("town %s in %s has no coordinates", name, districtCode)
			}
			return d, t, nil
		}
	}
	return nil, nil, fmt.Errorf("unknown town %s in %s", name, districtCode)
}
