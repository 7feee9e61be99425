package chart

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Elements and attributes no chart may hold: inline styles (the CSP forbids them),
// links, scripts, foreign content, focus and event handlers (attributes starting with
// "on"): nothing interactive inside an image.
var (
	forbiddenElements = map[string]bool{"a": true, "style": true, "script": true, "foreignobject": true, "iframe": true}
	forbiddenAttrs    = map[string]bool{"style": true, "href": true, "tabindex": true, "contenteditable": true}
)

// Check reports the first way a fragment of chart markup breaks the charts' rules, or
// nil: it must be well-formed, hold no forbidden element or attribute, use each id once,
// and every <svg> that is not aria-hidden must have role="img", aria-labelledby naming
// its <title> and aria-describedby naming its <desc>. Tests of pages that embed charts
// can use it too.
func Check(markup string) error {
	ids := map[string]string{} // id -> element name
	var images []map[string]string
	d := xml.NewDecoder(strings.NewReader("<root>" + markup + "</root>"))
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("markup is not well-formed: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if name := strings.ToLower(se.Name.Local); forbiddenElements[name] {
			return fmt.Errorf("markup holds a <%s> element", name)
		}
		attrs := map[string]string{}
		for _, a := range se.Attr {
			name := strings.ToLower(a.Name.Local)
			if forbiddenAttrs[name] || strings.HasPrefix(name, "on") {
				return fmt.Errorf("<%s> has a %s attribute", se.Name.Local, name)
			}
			attrs[a.Name.Local] = a.Value
		}
		if id, ok := attrs["id"]; ok {
			if _, dup := ids[id]; dup {
				return fmt.Errorf("id %q used twice", id)
			}
			ids[id] = se.Name.Local
		}
		if se.Name.Local == "svg" && attrs["aria-hidden"] != "true" {
			images = append(images, attrs)
		}
	}
	if len(images) == 0 {
		return fmt.Errorf("no visible svg")
	}
	for _, a := range images {
		switch {
		case a["role"] != "img":
			return fmt.Errorf(`svg has role %q, want "img"`, a["role"])
		case ids[a["aria-labelledby"]] != "title":
			return fmt.Errorf("svg aria-labelledby %q does not name a title", a["aria-labelledby"])
		case ids[a["aria-describedby"]] != "desc":
			return fmt.Errorf("svg aria-describedby %q does not name a desc", a["aria-describedby"])
		case a["viewBox"] == "":
			return fmt.Errorf("svg has no viewBox")
		}
	}
	return nil
}
