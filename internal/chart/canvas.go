// Package chart draws small, accessible charts as inline SVG from counts: horizontal
// bars (Bars), columns over years (Years) and a co-occurrence matrix (Matrix). The
// markup has role="img" with a <title> and a <desc>, no links or other interactive
// elements, and no style attributes (the site's CSP forbids inline styles): colours are
// presentation attributes, and every element a stylesheet may want has a class. Every
// label is escaped. The numbers belong in an HTML table next to the chart as well; the
// links to narrowed searches live there, not in the chart.
package chart

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
)

// Options are the settings every chart takes.
type Options struct {
	// ID starts every id in the chart; give each chart on a page its own, such as
	// "years". Characters other than letters, digits, "-" and "_" become "-".
	ID string
	// Title is the chart's accessible name, such as "Cases per year".
	Title string
}

// Colours used by the charts, all checked by the tests: text is at least 4.5:1 on its
// background, bars and marks at least 3:1 against the white page.
const (
	ColourText  = "#0b0c0c" // labels and numbers
	ColourMuted = "#505a5f" // axis labels
	ColourBar   = "#1a5a96" // bars and columns
	ColourGrid  = "#b1b4b6" // grid lines and cell borders (decoration)
	ColourPanel = "#f3f2f1" // the matrix diagonal
	ColourPage  = "#ffffff" // the page behind the charts
	fontFamily  = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"
)

// Attr is one attribute of an SVG element; its value is escaped when written.
type Attr struct{ Name, Value string }

// A makes an attribute; numbers are written with at most one decimal.
func A(name string, value any) Attr {
	switch v := value.(type) {
	case string:
		return Attr{name, v}
	case float64:
		return Attr{name, Num(v)}
	case int:
		return Attr{name, strconv.Itoa(v)}
	}
	return Attr{name, fmt.Sprint(value)}
}

// Num writes a number with at most one decimal and no trailing ".0".
func Num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// Canvas builds one chart's SVG markup. Element and attribute names come from our
// code; every attribute value and text is escaped.
type Canvas struct {
	b strings.Builder
}

// NewCanvas starts an <svg> of the given viewBox size with role="img", its <title>
// (the accessible name, o.Title) and <desc> (desc, a short summary of the numbers),
// linked by aria-labelledby and aria-describedby. width is the width attribute: a
// length such as "405" (the stylesheet's max-width:100% shrinks it on small screens)
// or "100%".
func NewCanvas(o Options, class string, viewW, viewH float64, width, desc string) *Canvas {
	id := cleanID(o.ID)
	c := &Canvas{}
	c.Open("svg", A("xmlns", "http://www.w3.org/2000/svg"), A("class", class),
		A("viewBox", "0 0 "+Num(viewW)+" "+Num(viewH)), A("width", width),
		A("role", "img"), A("aria-labelledby", id+"-title"), A("aria-describedby", id+"-desc"),
		A("font-family", fontFamily), A("font-size", 16))
	c.Text("title", o.Title, A("id", id+"-title"))
	c.Text("desc", desc, A("id", id+"-desc"))
	return c
}

// Open writes a start tag.
func (c *Canvas) Open(tag string, attrs ...Attr) { c.tag(tag, attrs, ">") }

// Close writes an end tag.
func (c *Canvas) Close(tag string) { c.b.WriteString("</" + tag + ">") }

// Empty writes an element with no content, such as a rect; with a title the element
// holds a <title> child (a tooltip, not focusable).
func (c *Canvas) Empty(tag, title string, attrs ...Attr) {
	if title == "" {
		c.tag(tag, attrs, "/>")
		return
	}
	c.Open(tag, attrs...)
	c.Text("title", title)
	c.Close(tag)
}

// tag writes "<tag" and the attributes, then end.
func (c *Canvas) tag(tag string, attrs []Attr, end string) {
	c.b.WriteByte('<')
	c.b.WriteString(tag)
	for _, a := range attrs {
		c.b.WriteByte(' ')
		c.b.WriteString(a.Name)
		c.b.WriteString(`="`)
		c.b.WriteString(escape(a.Value))
		c.b.WriteByte('"')
	}
	c.b.WriteString(end)
}

// Text writes an element holding escaped text, such as a <text> or a <title>.
func (c *Canvas) Text(tag, text string, attrs ...Attr) {
	c.Open(tag, attrs...)
	c.b.WriteString(escape(text))
	c.Close(tag)
}

// Label writes a <text> of at most chars characters: a longer label is shortened with
// "…" and keeps its full text as a <title> tooltip.
func (c *Canvas) Label(label string, chars int, attrs ...Attr) {
	short := Truncate(label, chars)
	if short == label {
		c.Text("text", label, attrs...)
		return
	}
	c.Open("text", attrs...)
	c.Text("title", label)
	c.b.WriteString(escape(short))
	c.Close("text")
}

// empty draws a chart with no data: the words "No cases".
func empty(o Options, class string) template.HTML {
	c := NewCanvas(o, class, chartWidth, 40, chartPixels, "No cases.")
	c.Text("text", "No cases", A("x", 0), A("y", 24), A("fill", ColourText))
	return c.HTML()
}

// HTML closes the <svg> and returns the markup.
func (c *Canvas) HTML() template.HTML {
	c.Close("svg")
	return template.HTML(c.b.String()) // #nosec G203 -- built from escaped values only
}

// cleanID keeps an id prefix to letters, digits, "-" and "_", starting with a letter.
func cleanID(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		s = "chart-" + s
	}
	return strings.TrimSuffix(s, "-")
}

// escape escapes text and attribute values: &, <, >, " and '.
func escape(s string) string { return html.EscapeString(s) }
