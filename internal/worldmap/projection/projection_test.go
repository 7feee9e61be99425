package projection

import (
	"math"
	"testing"
)

func TestNaturalEarth(t *testing.T) {
	tests := []struct {
		name     string
		lon, lat float64
		x, y     float64
	}{
		{"origin", 0, 0, 0, 0},
		{"east on the equator", 180, 0, math.Pi * 0.8707, 0},
		{"west on the equator", -180, 0, -math.Pi * 0.8707, 0},
		// The pole is a line; d3's geoNaturalEarth1 puts it at y = 1.4224 radii.
		{"north pole", 0, 90, 0, 1.4224},
		{"south pole", 0, -90, 0, -1.4224},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := NaturalEarth(tt.lon, tt.lat)
			if math.Abs(x-tt.x) > 1e-3 || math.Abs(y-tt.y) > 1e-3 {
				t.Errorf("NaturalEarth(%v, %v) = (%.4f, %.4f), want (%.4f, %.4f)", tt.lon, tt.lat, x, y, tt.x, tt.y)
			}
		})
	}
}

func TestNaturalEarthKeepsOrder(t *testing.T) {
	// Further east is further right and further north is further up, at every latitude.
	for lat := -80.0; lat <= 80; lat += 20 {
		x1, y1 := NaturalEarth(10, lat)
		x2, y2 := NaturalEarth(20, lat+5)
		if x2 <= x1 || y2 <= y1 {
			t.Errorf("at latitude %v: (10,%v)->(%.3f,%.3f) and (20,%v)->(%.3f,%.3f) out of order", lat, lat, x1, y1, lat+5, x2, y2)
		}
	}
}
