// Package worldmap draws a world map of case counts as inline SVG: countries with cases
// shaded by count in a few steps, each with a tooltip such as "Canada: 9 cases", and a
// legend. Like the charts of package chart, the map has role="img", a <title> and a
// <desc>, no links and no style attributes; the links belong in the country table next
// to it.
//
// The country shapes are Natural Earth's 1:110m countries (public domain), from the npm
// package world-atlas, projected with the Natural Earth projection, simplified and
// embedded as SVG path data in shapes_gen.go by the generator in gen/. Countries too
// small for that scale, such as Singapore, are dots from a table of positions
// (names.go). Places that are not one country, "International" and "European Union",
// are Regions: the page counts their cases beside the map.
//
// To regenerate the shapes (needs npm and network access for the pinned world-atlas):
//
//	go generate ./internal/worldmap
package worldmap

//go:generate npm ci --prefix gen --no-audit --no-fund
//go:generate go run ./gen -in gen/node_modules/world-atlas/countries-110m.json -out shapes_gen.go
