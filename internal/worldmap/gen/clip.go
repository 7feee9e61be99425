package main

// The 110m rings of Fiji and Russia cross the antimeridian: their longitudes jump from
// 180 to -180 within a ring. Drawn as they are, those jumps become lines across the whole
// map, so each ring is made continuous (unwrapped) and then cut at ±180 into pieces that
// each stay on one side.

// unwrap shifts longitudes by whole turns so that no step between neighbours is longer
// than half a turn.
func unwrap(pts []point) []point {
	out := make([]point, len(pts))
	shift := 0.0
	for i, p := range pts {
		if i > 0 {
			prev := pts[i-1].X
			switch d := p.X - prev; {
			case d > 180:
				shift -= 360
			case d < -180:
				shift += 360
			}
		}
		out[i] = point{p.X + shift, p.Y}
	}
	return out
}

// cutAtAntimeridian returns the parts of a closed ring (in degrees, unwrapped) that lie
// within each turn, shifted back into -180..180. A ring that stays within one turn comes
// back whole.
func cutAtAntimeridian(r []point) [][]point {
	lo, hi := r[0].X, r[0].X
	for _, p := range r {
		lo, hi = min(lo, p.X), max(hi, p.X)
	}
	var out [][]point
	for shift := -360.0; shift <= 360; shift += 360 {
		if hi+shift < -180 || lo+shift > 180 {
			continue
		}
		moved := make([]point, len(r))
		for i, p := range r {
			moved[i] = point{p.X + shift, p.Y}
		}
		piece := clipX(clipX(moved, -180, true), 180, false)
		if len(piece) >= 3 && area(piece) != 0 {
			out = append(out, piece)
		}
	}
	return out
}

// clipX keeps the part of a closed ring on one side of the meridian x (east of it when
// keepEast), adding the points where the ring crosses it (Sutherland-Hodgman).
func clipX(r []point, x float64, keepEast bool) []point {
	inside := func(p point) bool {
		if keepEast {
			return p.X >= x
		}
		return p.X <= x
	}
	var out []point
	for i, cur := range r {
		prev := r[(i+len(r)-1)%len(r)]
		if inside(cur) != inside(prev) {
			t := (x - prev.X) / (cur.X - prev.X)
			out = append(out, point{x, prev.Y + t*(cur.Y-prev.Y)})
		}
		if inside(cur) {
			out = append(out, cur)
		}
	}
	return out
}
