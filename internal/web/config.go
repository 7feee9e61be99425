package web

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// CheckEditURL accepts "" or an http(s) URL template that contains {path}
// (Config.EditURL).
func CheckEditURL(t string) error {
	if t == "" {
		return nil
	}
	if !strings.Contains(t, "{path}") {
		return errors.New("the template must contain {path}, e.g. https://example.org/edit/main/content/{path}")
	}
	u, err := url.Parse(strings.ReplaceAll(t, "{path}", "cases/x.md"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("the template must be an http or https address")
	}
	return nil
}

// CheckBaseURL accepts "" or the http(s) address of a site, without query
// or fragment (Config.BaseURL).
func CheckBaseURL(b string) error {
	if b == "" {
		return nil
	}
	if u, err := url.Parse(b); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%q must be an http or https address such as https://casebook.example.org", b)
	}
	return nil
}
