// Package templates holds Casebook's web page templates and static assets,
// embedded in the binary, and the functions the templates call.
//
// layout.html defines the page frame ("layout") and shared parts; every
// other .html file is one page that defines "title" and "content". Pages are
// parsed each into its own set (a clone of the layout), so their
// definitions never collide. static/ holds the stylesheet and icon, served
// at content-hashed URLs.
//
// This package only embeds files and defines template functions; it knows
// nothing of catalogues, search or HTTP.
package templates

import (
	"embed"
	"html/template"
	"strconv"
	"strings"

	"github.com/casebook/casebook/internal/text"
)

// FS holds the page templates (*.html) and static assets (static/*).
//
//go:embed *.html static
var FS embed.FS

// Layout is the file that defines the page frame; Pages are parsed on top of it.
const Layout = "layout.html"

// Funcs are the functions templates may call. They must be added before parsing.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"plural":     Plural,
		"number":     Number,
		"join":       strings.Join,
		"add":        func(a, b int) int { return a + b },
		"sub":        func(a, b int) int { return a - b },
		"upperFirst": text.UpperFirst,
	}
}

// Plural writes a count with a noun: "1 case", "2 cases", "1,204 cases".
// many is the plural form; when empty an "s" is added to one.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	if many == "" {
		many = one + "s"
	}
	return Number(n) + " " + many
}

// Number writes an integer with comma thousands separators, as in
// Canadian English: 12,345.
func Number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
