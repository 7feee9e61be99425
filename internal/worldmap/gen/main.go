// Command gen turns Natural Earth's country shapes, as TopoJSON from the npm package
// world-atlas, into the compact SVG path data of package worldmap (shapes_gen.go).
// It runs once, through go generate in internal/worldmap; see doc.go there.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/worldmap/projection"
)

// options are the generator's settings, from its flags.
type options struct {
	in, out   string
	width     float64 // viewBox width
	margin    float64 // empty border around the land, in viewBox units
	tolerance float64 // simplification tolerance, in degrees
	minArea   float64 // smaller islands are dropped (a country keeps its largest one), in square viewBox units
	skip      string  // comma-separated Natural Earth names left off the map
}

// shape is one country of the generated table.
type shape struct {
	name, iso, path string
}

// defaults are the settings shapes_gen.go is made with.
func defaults() options {
	return options{in: "gen/node_modules/world-atlas/countries-110m.json", out: "shapes_gen.go",
		width: 1000, margin: 4, tolerance: 0.2, minArea: 4, skip: "Antarctica"}
}

func main() {
	o := defaults()
	flag.StringVar(&o.in, "in", o.in, "TopoJSON input")
	flag.StringVar(&o.out, "out", o.out, "Go file to write")
	flag.Float64Var(&o.width, "width", o.width, "viewBox width")
	flag.Float64Var(&o.margin, "margin", o.margin, "margin around the land")
	flag.Float64Var(&o.tolerance, "tolerance", o.tolerance, "simplification tolerance in degrees")
	flag.Float64Var(&o.minArea, "min-area", o.minArea, "smallest island kept, in square viewBox units")
	flag.StringVar(&o.skip, "skip", o.skip, "countries left off the map, comma-separated")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(o options) error {
	src, err := generate(o)
	if err != nil {
		return err
	}
	return os.WriteFile(o.out, src, 0o644)
}

// generate reads the TopoJSON file and returns the Go source of the shapes table.
func generate(o options) ([]byte, error) {
	raw, err := os.ReadFile(o.in)
	if err != nil {
		return nil, err
	}
	var t topology
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, fmt.Errorf("%s: %w", o.in, err)
	}
	countries, ok := t.Objects["countries"]
	if !ok {
		return nil, fmt.Errorf("%s: no countries object", o.in)
	}
	shapes, fit, err := build(t, countries.Geometries, o)
	if err != nil {
		return nil, err
	}
	return render(shapes, fit, source(o.in))
}

// frame places projected coordinates in the viewBox: X = x0 + scale*x, Y = y0 - scale*y.
type frame struct {
	scale, x0, y0, width, height float64
}

// build simplifies, cuts, projects, fits and encodes the kept geometries.
func build(t topology, geoms []geometry, o options) ([]shape, frame, error) {
	skip := map[string]bool{}
	for _, s := range strings.Split(o.skip, ",") {
		skip[strings.TrimSpace(s)] = true
	}
	arcs := decodeArcs(t)
	for i, arc := range arcs {
		arcs[i] = simplify(unwrap(arc), o.tolerance)
	}
	type country struct {
		name, iso string
		polys     [][][]point // polygons, each a list of rings, in projected units
	}
	var countries []country
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, g := range geoms {
		ps, err := polygons(g)
		if err != nil {
			return nil, frame{}, err
		}
		if skip[g.Properties.Name] || len(ps) == 0 {
			continue
		}
		c := country{name: g.Properties.Name, iso: g.ID}
		for _, p := range ps {
			var rings [][]point
			for _, idx := range p {
				r, err := ring(arcs, idx)
				if err != nil {
					return nil, frame{}, fmt.Errorf("%s: %w", g.Properties.Name, err)
				}
				for _, piece := range cutAtAntimeridian(unwrap(r)) {
					for j, q := range piece {
						x, y := projection.NaturalEarth(q.X, q.Y)
						piece[j] = point{x, y}
						minX, maxX = math.Min(minX, x), math.Max(maxX, x)
						minY, maxY = math.Min(minY, y), math.Max(maxY, y)
					}
					rings = append(rings, piece)
				}
			}
			c.polys = append(c.polys, rings)
		}
		countries = append(countries, c)
	}
	if len(countries) == 0 {
		return nil, frame{}, fmt.Errorf("no countries to draw")
	}
	s := (o.width - 2*o.margin) / (maxX - minX)
	f := frame{scale: s, x0: o.margin - minX*s, y0: o.margin + maxY*s, width: o.width,
		height: math.Ceil((maxY-minY)*s + 2*o.margin)}
	shapes := make([]shape, 0, len(countries))
	for _, c := range countries {
		for _, p := range c.polys {
			for _, r := range p {
				for j, q := range r {
					r[j] = point{f.x0 + s*q.X, f.y0 - s*q.Y}
				}
			}
		}
		d := pathData(c.polys, o.minArea)
		if d == "" {
			return nil, frame{}, fmt.Errorf("%s: nothing left to draw", c.name)
		}
		shapes = append(shapes, shape{name: c.name, iso: c.iso, path: d})
	}
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].name < shapes[j].name })
	return shapes, f, nil
}

// source names the input for the generated file's header: the npm package and version
// when the input sits in an installed package, else the file name.
func source(in string) string {
	name := filepath.Base(in)
	var pkg struct{ Name, Version string }
	if raw, err := os.ReadFile(filepath.Join(filepath.Dir(in), "package.json")); err == nil && json.Unmarshal(raw, &pkg) == nil && pkg.Name != "" {
		return fmt.Sprintf("%s %s %s", pkg.Name, pkg.Version, name)
	}
	return name
}

// render writes the generated Go file, formatted.
func render(shapes []shape, f frame, src string) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by internal/worldmap/gen from %s (Natural Earth, public domain). DO NOT EDIT.\n\n", src)
	b.WriteString("package worldmap\n\n")
	b.WriteString("// The map's viewBox, and where the Natural Earth projection's plane lands in it:\n")
	b.WriteString("// a point projected to (x, y) is drawn at (projX + projScale*x, projY - projScale*y).\n")
	fmt.Fprintf(&b, "const (\n\tmapWidth = %s\n\tmapHeight = %s\n\tprojScale = %s\n\tprojX = %s\n\tprojY = %s\n)\n\n",
		num(f.width), num(f.height), num(f.scale), num(f.x0), num(f.y0))
	b.WriteString("// shapes are the countries of the 110m Natural Earth file, by Natural Earth name, with\n")
	b.WriteString("// their ISO 3166-1 numeric code where the file has one.\n")
	b.WriteString("var shapes = []shape{\n")
	for _, s := range shapes {
		fmt.Fprintf(&b, "\t{name: %q, iso: %q, path: %q},\n", s.name, s.iso, s.path)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

// num prints a float exactly enough for Go source.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
