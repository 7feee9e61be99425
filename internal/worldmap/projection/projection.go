// Package projection turns longitude and latitude into plane coordinates with the
// Natural Earth projection (Šavrič, Jenny, Patterson and Jenny, 2011), the same formula
// as d3's geoNaturalEarth1. The world map's generator and its dots for small states use
// it, so both place a point at the same spot.
package projection

import "math"

// NaturalEarth projects a point given in degrees onto the plane: x grows to the east
// and y to the north, both in units of the Earth's radius (x within about ±2.73, y
// within about ±1.42).
func NaturalEarth(lon, lat float64) (x, y float64) {
	lambda := lon * math.Pi / 180
	phi := lat * math.Pi / 180
	phi2 := phi * phi
	phi4 := phi2 * phi2
	x = lambda * (0.8707 - 0.131979*phi2 + phi4*(-0.013791+phi4*(0.003971*phi2-0.001529*phi4)))
	y = phi * (1.007226 + phi2*(0.015085+phi4*(-0.044475+0.028874*phi2-0.005916*phi4)))
	return x, y
}
