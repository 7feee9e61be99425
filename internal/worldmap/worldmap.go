package worldmap

import (
	"html/template"
	"math"
	"sort"
	"strings"

	"github.com/casebook/casebook/internal/chart"
	"github.com/casebook/casebook/internal/worldmap/projection"
)

// Colours of the map. Every shade is at least 3:1 against the white page (checked by the
// tests); land without cases is a light grey.
var (
	// Shades colour countries with cases, from the fewest cases to the most.
	Shades = []string{"#5b8fc7", "#2f72b6", "#164f88", "#082a4a"}
	// Land colours countries without cases.
	Land = "#e1e3e5"
)

// dotRadius is the radius of a small state's dot, in viewBox units.
const dotRadius = 6

// landBytes is the length of all shapes' path data, to size the land path once.
var landBytes = func() int {
	n := 0
	for _, s := range shapes {
		n += len(s.path)
	}
	return n
}()

// country is a place the map draws: a shape or a dot.
type country struct {
	path   string  // SVG path data, "" for a dot
	cx, cy float64 // a dot's centre
}

// places are the countries the map draws, by the plain name cases use.
var places = func() map[string]country {
	m := make(map[string]country, len(shapes)+len(smallStates))
	for _, s := range shapes {
		name := s.name
		if plain, ok := plainNames[s.name]; ok {
			name = plain
		}
		m[name] = country{path: s.path}
	}
	for _, s := range smallStates {
		x, y := projection.NaturalEarth(s.lon, s.lat)
		m[s.name] = country{cx: projX + projScale*x, cy: projY - projScale*y}
	}
	return m
}()

// Known reports whether the map draws a country of this name, as a shape or as a dot.
// Names are exact, in plain English: "United States", not "USA".
func Known(name string) bool {
	_, ok := places[name]
	return ok
}

// Region reports whether name is a place that is not one country, such as
// "International" or "European Union": cases there are counted beside the map.
func Region(name string) bool {
	for _, r := range regions {
		if r == name {
			return true
		}
	}
	return false
}

// Regions lists the names Region accepts.
func Regions() []string { return append([]string(nil), regions...) }

// Suggest returns the name the map knows for a common other spelling ("USA" gives
// "United States", "canada" gives "Canada", "EU" gives "European Union"), and false
// when it has none.
func Suggest(name string) (string, bool) {
	key := strings.ToLower(strings.TrimSpace(name))
	if v, ok := variants[key]; ok {
		return v, true
	}
	for p := range places {
		if strings.ToLower(p) == key {
			return p, true
		}
	}
	for _, r := range regions {
		if strings.ToLower(r) == key {
			return r, true
		}
	}
	return "", false
}

// Draw draws the world with each known country that has cases shaded by its count, and
// a legend of the steps. counts are cases by country name; names the map does not know
// (regions, misspellings) are left off the map and named in its description. The
// result is a <div class="worldmap"> holding the <svg class="worldmap-map"> (width 100%)
// and the legend, a <ul class="worldmap-legend"> of items whose swatches are small
// aria-hidden SVGs.
func Draw(counts map[string]int, o chart.Options) template.HTML {
	if o.Title == "" {
		o.Title = "Cases by country"
	}
	var on, off []entry
	most := 0
	for name, n := range counts {
		if n <= 0 {
			continue
		}
		if Known(name) {
			on = append(on, entry{name, n})
			most = max(most, n)
		} else {
			off = append(off, entry{name, n})
		}
	}
	sortEntries(on)
	sortEntries(off)
	steps := buckets(most)
	c := chart.NewCanvas(o, "worldmap-map", mapWidth, mapHeight, "100%", describe(on, off))
	shaded := map[string]bool{}
	for _, e := range on {
		shaded[e.name] = true
	}
	var land strings.Builder
	land.Grow(landBytes)
	for _, s := range shapes {
		if !shaded[plain(s.name)] {
			land.WriteString(s.path)
		}
	}
	c.Empty("path", "", chart.A("d", land.String()), chart.A("fill", Land), chart.A("fill-rule", "evenodd"),
		chart.A("stroke", chart.ColourPage), chart.A("stroke-width", 0.5), chart.A("class", "worldmap-land"))
	c.Open("g", chart.A("stroke", chart.ColourPage), chart.A("stroke-width", 0.5), chart.A("fill-rule", "evenodd"),
		chart.A("class", "worldmap-cases"))
	for _, e := range on {
		p := places[e.name]
		fill := chart.A("fill", steps.colour(e.n))
		title := e.name + ": " + chart.Cases(e.n)
		if p.path != "" {
			c.Empty("path", title, chart.A("d", p.path), fill)
		}
	}
	for _, e := range on { // dots last, above the shapes
		if p := places[e.name]; p.path == "" {
			c.Empty("circle", e.name+": "+chart.Cases(e.n), chart.A("cx", p.cx), chart.A("cy", p.cy),
				chart.A("r", dotRadius), chart.A("fill", steps.colour(e.n)), chart.A("stroke-width", 1.5))
		}
	}
	c.Close("g")
	return template.HTML(`<div class="worldmap">`) + c.HTML() + steps.legend() + template.HTML(`</div>`) // #nosec G203 -- escaped parts
}

// entry is a place and its count of cases.
type entry struct {
	name string
	n    int
}

// sortEntries puts the most cases first, then names in order.
func sortEntries(es []entry) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].n != es[j].n {
			return es[i].n > es[j].n
		}
		return es[i].name < es[j].name
	})
}

// describe summarises the counts: the countries on the map, then those off it.
func describe(on, off []entry) string {
	items := make([]string, len(on))
	for i, e := range on {
		items[i] = e.name + ": " + chart.Cases(e.n)
	}
	s := "No cases in a country on the map."
	if len(on) > 0 {
		s = "Cases in " + chart.Count(len(on)) + " " + plural(len(on), "country", "countries") + ". " + chart.List(items) + "."
	}
	if len(off) > 0 {
		items = items[:0]
		for _, e := range off {
			items = append(items, e.name+": "+chart.Cases(e.n))
		}
		s += " Not on the map: " + chart.List(items) + "."
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func plain(neName string) string {
	if p, ok := plainNames[neName]; ok {
		return p
	}
	return neName
}

// steps are the lower bounds of the legend's steps, ascending, and the largest count.
type steps struct {
	lows []int
	most int
}

// buckets divides 1..most into at most len(Shades) steps whose lower bounds are round
// numbers (1, 2, 5, 10, 20, 50...) spaced evenly on a log scale: 1, 2-4, 5-9 for a
// largest count of 9.
func buckets(most int) steps {
	s := steps{most: most}
	if most <= 0 {
		return s
	}
	s.lows = []int{1}
	for k := 1; k < len(Shades); k++ {
		v := nice(math.Pow(float64(most), float64(k)/float64(len(Shades))))
		if v > s.lows[len(s.lows)-1] && v <= most {
			s.lows = append(s.lows, v)
		}
	}
	return s
}

// nice rounds a positive number to the nearest of 1, 2 or 5 times a power of ten,
// nearest on a log scale.
func nice(v float64) int {
	best, bestDist := 1, math.Inf(1)
	for p := 1.0; p <= v*10; p *= 10 {
		for _, m := range []float64{1, 2, 5} {
			if d := math.Abs(math.Log(v) - math.Log(m*p)); d < bestDist {
				best, bestDist = int(m*p), d
			}
		}
	}
	return best
}

// step is the index of n's step.
func (s steps) step(n int) int {
	i := 0
	for k, lo := range s.lows {
		if n >= lo {
			i = k
		}
	}
	return i
}

// colour is the shade of n's step; fewer steps than shades spread over the shades.
func (s steps) colour(n int) string {
	if len(s.lows) == 1 {
		return Shades[len(Shades)/2]
	}
	i := s.step(n) * (len(Shades) - 1) / (len(s.lows) - 1)
	return Shades[i]
}

// label names a step: "1 case", "2 to 4 cases", "5 cases".
func (s steps) label(i int) string {
	lo, hi := s.lows[i], s.most
	if i+1 < len(s.lows) {
		hi = s.lows[i+1] - 1
	}
	if lo == hi {
		return chart.Cases(lo)
	}
	return chart.Count(lo) + " to " + chart.Cases(hi)
}

// legend is the HTML list of steps, with "No cases" first.
func (s steps) legend() template.HTML {
	var b strings.Builder
	b.WriteString(`<ul class="worldmap-legend">`)
	item := func(fill, stroke, label string) {
		b.WriteString(`<li><svg class="worldmap-swatch" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">` +
			`<rect x=".5" y=".5" width="15" height="15" fill="` + fill + `" stroke="` + stroke + `"/></svg> ` +
			template.HTMLEscapeString(label) + `</li>`)
	}
	item(Land, chart.ColourGrid, "No cases")
	for i, lo := range s.lows {
		c := s.colour(lo)
		item(c, c, s.label(i))
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String()) // #nosec G203 -- constant markup and escaped labels
}
