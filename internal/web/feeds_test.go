package web

import (
	"encoding/xml"
	"strings"
	"testing"
)

func TestFeed(t *testing.T) {
	srv, _ := newTestServer(t, Config{BaseURL: "https://casebook.example.org"})
	w := get(t, srv, "/feed.xml")
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" {
		t.Fatalf("status %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	var feed feedDoc
	if err := xml.Unmarshal(w.Body.Bytes(), &feed); err != nil {
		t.Fatal(err)
	}
	if feed.ID != "https://casebook.example.org/" || feed.Updated == "" || len(feed.Links) != 2 || feed.Links[0].Href != "https://casebook.example.org/feed.xml" {
		t.Errorf("feed head: %+v", feed)
	}
	var order []string
	for _, e := range feed.Entries {
		order = append(order, e.Updated[:4]+" "+e.Link.Href)
	}
	want := "2020 https://casebook.example.org/cases/xss-attempt|2015 https://casebook.example.org/cases/community-hubs|" +
		"2011 https://casebook.example.org/cases/digital-service|1989 https://casebook.example.org/cases/porto-alegre-budget"
	if strings.Join(order, "|") != want {
		t.Errorf("entries:\n%s\nwant\n%s", strings.Join(order, "|"), want)
	}
	if e := feed.Entries[1]; e.Title != "Community Hubs" || e.Updated != "2015-01-01T00:00:00Z" || !strings.HasPrefix(e.Summary, "Schools") ||
		len(e.Categories) != 2 || e.Categories[0].Term != "collaboration" {
		t.Errorf("entry = %+v", e)
	}
	if e := feed.Entries[0]; !strings.HasPrefix(e.Title, "<script>") {
		t.Errorf("hostile title should be character data, read back as text: %q", e.Title)
	}
}

func TestSitemapAndRobots(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	w := get(t, srv, "/sitemap.xml")
	var set struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(w.Body.Bytes(), &set); err != nil {
		t.Fatal(err)
	}
	var locs []string
	for _, u := range set.URLs {
		locs = append(locs, strings.TrimPrefix(u.Loc, "http://casebook.test"))
	}
	want := "/ /cases /factors /about /factors/collaboration /factors/service-users /factors/risk-tolerance " +
		"/cases/community-hubs /cases/digital-service /cases/porto-alegre-budget /cases/xss-attempt"
	if strings.Join(locs, " ") != want {
		t.Errorf("sitemap:\n%s\nwant\n%s", strings.Join(locs, " "), want)
	}

	body := get(t, srv, "/robots.txt").Body.String()
	if body != "User-agent: *\nDisallow: /api/\nDisallow: /cases?\n\nSitemap: http://casebook.test/sitemap.xml\n" {
		t.Errorf("robots.txt:\n%s", body)
	}
}

func TestAbsURLHost(t *testing.T) {
	srv, _ := newTestServer(t, Config{})
	for _, tt := range []struct{ host, want string }{
		{"casebook.test:8080", "http://casebook.test:8080/sitemap.xml"},
		{"[::1]:8080", "http://[::1]:8080/sitemap.xml"},
		{"evil.example/<script>", "http://localhost/sitemap.xml"},
		{"a b", "http://localhost/sitemap.xml"},
	} {
		req := newRequest("GET", "/robots.txt")
		req.Host = tt.host
		w := serve1(srv, req)
		if !strings.Contains(w.Body.String(), "Sitemap: "+tt.want+"\n") {
			t.Errorf("Host %q: %s", tt.host, w.Body.String())
		}
	}
}
