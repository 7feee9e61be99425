package worldmap

// shape is one country's outline in the generated table (shapes_gen.go).
type shape struct {
	name string // Natural Earth's name, e.g. "United States of America"
	iso  string // ISO 3166-1 numeric code, "" where Natural Earth has none
	path string // SVG path data in the map's viewBox
}
