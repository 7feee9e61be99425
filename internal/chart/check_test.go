package chart

import (
	"strings"
	"testing"
)

func TestCheckFindsProblems(t *testing.T) {
	good := `<svg viewBox="0 0 1 1" role="img" aria-labelledby="t" aria-describedby="d"><title id="t">T</title><desc id="d">D</desc></svg>`
	tests := []struct {
		name, markup, want string
	}{
		{"good", good, ""},
		{"good with a hidden swatch", good + `<ul><li><svg aria-hidden="true"><rect/></svg> x</li></ul>`, ""},
		{"style attribute", strings.Replace(good, "<title", `<rect style="fill:red"/><title`, 1), "style attribute"},
		{"style element", strings.Replace(good, "<title", `<style>rect{}</style><title`, 1), "<style>"},
		{"link", strings.Replace(good, "<title", `<a href="/x"><text>x</text></a><title`, 1), "<a>"},
		{"focusable", strings.Replace(good, "<title", `<rect tabindex="0"/><title`, 1), "tabindex attribute"},
		{"event handler", strings.Replace(good, "<title", `<rect onclick="x()"/><title`, 1), "onclick attribute"},
		{"xlink", strings.Replace(good, "<title", `<use xlink:href="#x"/><title`, 1), "href attribute"},
		{"text about links is fine", strings.Replace(good, ">T<", `>on a href style &lt;a&gt;<`, 1), ""},
		{"no role", strings.Replace(good, ` role="img"`, "", 1), "role"},
		{"label names nothing", strings.Replace(good, `aria-labelledby="t"`, `aria-labelledby="x"`, 1), "aria-labelledby"},
		{"label names the desc", strings.Replace(good, `aria-labelledby="t"`, `aria-labelledby="d"`, 1), "aria-labelledby"},
		{"no desc", strings.Replace(good, `<desc id="d">D</desc>`, "", 1), "aria-describedby"},
		{"duplicate id", strings.Replace(good, `<desc id="d">`, `<desc id="t">`, 1), "twice"},
		{"not well-formed", strings.Replace(good, "</title>", "", 1), "well-formed"},
		{"no svg", `<p>nothing</p>`, "no visible svg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.markup)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Check: %v, want no problem", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Check: %v, want a problem about %q", err, tt.want)
			}
		})
	}
}
