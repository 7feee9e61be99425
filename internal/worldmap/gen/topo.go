package main

import (
	"encoding/json"
	"fmt"
	"math"
)

// topology is the part of a TopoJSON file the generator reads.
type topology struct {
	Type      string                `json:"type"`
	Arcs      [][][2]float64        `json:"arcs"`
	Transform *transform            `json:"transform"`
	Objects   map[string]collection `json:"objects"`
}

// transform maps quantized positions back to longitude and latitude.
type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

// collection is a TopoJSON GeometryCollection.
type collection struct {
	Type       string     `json:"type"`
	Geometries []geometry `json:"geometries"`
}

// geometry is one Polygon or MultiPolygon; its arcs stay raw until the type is known.
type geometry struct {
	Type       string          `json:"type"`
	ID         string          `json:"id"`
	Arcs       json.RawMessage `json:"arcs"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
}

// point is a position: longitude and latitude when decoded, plane coordinates once projected.
type point struct{ X, Y float64 }

// decodeArcs undoes the delta encoding and the quantization of every arc and returns
// its positions in degrees. Without a transform the positions are already absolute.
func decodeArcs(t topology) [][]point {
	arcs := make([][]point, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([]point, len(arc))
		var x, y float64
		for j, p := range arc {
			if t.Transform == nil {
				pts[j] = point{p[0], p[1]}
				continue
			}
			x += p[0]
			y += p[1]
			pts[j] = point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		arcs[i] = pts
	}
	return arcs
}

// polygons returns a geometry's polygons, each a list of rings, each ring a list of arc
// indexes (a negative index ^i is arc i reversed).
func polygons(g geometry) ([][][]int, error) {
	switch g.Type {
	case "Polygon":
		var rings [][]int
		if err := json.Unmarshal(g.Arcs, &rings); err != nil {
			return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
		}
		return [][][]int{rings}, nil
	case "MultiPolygon":
		var polys [][][]int
		if err := json.Unmarshal(g.Arcs, &polys); err != nil {
			return nil, fmt.Errorf("%s: %w", g.Properties.Name, err)
		}
		return polys, nil
	case "":
		return nil, nil // a null geometry: nothing to draw
	}
	return nil, fmt.Errorf("%s: unexpected geometry type %q", g.Properties.Name, g.Type)
}

// ring joins a ring's arcs into one closed list of points; each arc after the first
// starts where the previous one ended, so its first point is skipped.
func ring(arcs [][]point, indexes []int) ([]point, error) {
	var out []point
	for k, idx := range indexes {
		rev := idx < 0
		if rev {
			idx = ^idx
		}
		if idx >= len(arcs) {
			return nil, fmt.Errorf("arc %d out of range (%d arcs)", idx, len(arcs))
		}
		arc := arcs[idx]
		for j := range arc {
			p := arc[j]
			if rev {
				p = arc[len(arc)-1-j]
			}
			if k > 0 && j == 0 {
				continue
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// simplify drops the points of a line that lie within tolerance of the line through
// their neighbours (Douglas-Peucker), always keeping both ends. Simplifying the shared
// arcs, not the rings, keeps neighbouring countries' borders identical.
func simplify(pts []point, tolerance float64) []point {
	if len(pts) < 3 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	type span struct{ from, to int }
	stack := []span{{0, len(pts) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, farDist := -1, tolerance
		for i := s.from + 1; i < s.to; i++ {
			if d := segmentDistance(pts[i], pts[s.from], pts[s.to]); d > farDist {
				far, farDist = i, d
			}
		}
		if far >= 0 {
			keep[far] = true
			stack = append(stack, span{s.from, far}, span{far, s.to})
		}
	}
	out := make([]point, 0, len(pts))
	for i, p := range pts {
		if keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// segmentDistance is the distance from p to the segment a-b (to a when a equals b, as
// in a closed arc).
func segmentDistance(p, a, b point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	if dx == 0 && dy == 0 {
		return math.Hypot(p.X-a.X, p.Y-a.Y)
	}
	t := ((p.X-a.X)*dx + (p.Y-a.Y)*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p.X-a.X-t*dx, p.Y-a.Y-t*dy)
}

// area is the signed area of a closed ring (shoelace formula).
func area(r []point) float64 {
	var a float64
	for i := range r {
		j := (i + 1) % len(r)
		a += r[i].X*r[j].Y - r[j].X*r[i].Y
	}
	return a / 2
}
