package main

import (
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

var scoreField = regexp.MustCompile(`"score":[-+0-9.eE]+`)

// TestAPIGolden compares JSON responses with testdata/golden. Scores are
// set to 0 first: they belong to the ranking, which has its own tests.
func TestAPIGolden(t *testing.T) {
	srv, _ := newTestServer(t, serverConfig{})
	tests := []struct {
		name, method, path string
		status             int
	}{
		{"search_hubs", "GET", "/api/v1/search?q=hubs", 200},
		{"search_filtered", "GET", "/api/v1/search?factor=collaboration&sector=health&sort=title&per_page=1", 200},
		{"search_reversed_years", "GET", "/api/v1/search?year_from=2020&year_to=2000", 200},
		{"case", "GET", "/api/v1/cases/community-hubs", 200},
		{"factors", "GET", "/api/v1/factors", 200},
		{"factor", "GET", "/api/v1/factors/collaboration", 200},
		{"problems", "GET", "/api/v1/problems", 200},
		{"error_bad_request", "GET", "/api/v1/search?per_page=abc", 400},
		{"error_not_found", "GET", "/api/v1/cases/nope", 404},
		{"error_unknown_path", "GET", "/api/v1/nope", 404},
		{"error_method", "POST", "/api/v1/factors", 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := do(t, srv, tt.method, tt.path)
			if w.Code != tt.status || w.Header().Get("Content-Type") != ctJSON {
				t.Fatalf("status %d %q, want %d JSON: %s", w.Code, w.Header().Get("Content-Type"), tt.status, w.Body.String())
			}
			golden(t, "api_"+tt.name, scoreField.ReplaceAll(w.Body.Bytes(), []byte(`"score":0`)))
		})
	}
}

func TestAPISearchShape(t *testing.T) {
	srv, _ := newTestServer(t, serverConfig{})
	var resp map[string]any
	if err := json.Unmarshal(get(t, srv, "/api/v1/search?q=hubs&per_page=1&page=2").Body.Bytes(), &resp); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"query", "total", "page", "per_page", "results", "facets"} {
		if _, ok := resp[k]; !ok {
			t.Errorf("response lacks %q", k)
		}
	}
	if resp["page"] != 2.0 || resp["per_page"] != 1.0 || resp["query"] != "hubs" {
		t.Errorf("page/per_page/query = %v %v %v", resp["page"], resp["per_page"], resp["query"])
	}
	results := resp["results"].([]any)
	if len(results) != 1 {
		t.Fatalf("results = %v", results)
	}
	r := results[0].(map[string]any)
	for _, k := range []string{"slug", "title", "summary", "url", "year", "country", "jurisdiction", "level", "status",
		"factors", "tags", "sectors", "score", "highlights"} {
		if _, ok := r[k]; !ok {
			t.Errorf("result lacks %q", k)
		}
	}
	facets := resp["facets"].(map[string]any)
	for _, k := range []string{"factor", "tag", "sector", "level", "country", "status"} {
		if _, ok := facets[k].([]any); !ok {
			t.Errorf("facet %q is %v, want a list", k, facets[k])
		}
	}
}

func TestAPISearchCSV(t *testing.T) {
	srv, _ := newTestServer(t, serverConfig{})
	tests := []struct {
		name, query string
		slugs       []string
	}{
		{"all, newest first", "format=csv", []string{"xss-attempt", "community-hubs", "digital-service", "porto-alegre-budget"}},
		{"filtered, not paged", "format=csv&factor=collaboration&per_page=1&page=2", []string{"xss-attempt", "community-hubs", "digital-service"}},
		{"sorted by title", "format=CSV&factor=collaboration&sort=title", []string{"xss-attempt", "community-hubs", "digital-service"}},
		{"text", "format=csv&q=budget", []string{"porto-alegre-budget"}},
		{"nothing", "format=csv&q=zzzzqqqxxx", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, "/api/v1/search?"+tt.query)
			if w.Code != 200 || w.Header().Get("Content-Type") != "text/csv; charset=utf-8" ||
				w.Header().Get("Content-Disposition") != `attachment; filename="casebook-cases.csv"` {
				t.Fatalf("status %d, headers %v", w.Code, w.Header())
			}
			rows, err := csv.NewReader(strings.NewReader(w.Body.String())).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 || strings.Join(rows[0], ",") != strings.Join(csvHeader, ",") {
				t.Fatalf("header row = %v", rows)
			}
			var slugs []string
			for _, row := range rows[1:] {
				slugs = append(slugs, row[0])
			}
			if strings.Join(slugs, " ") != strings.Join(tt.slugs, " ") {
				t.Errorf("rows = %v, want %v", slugs, tt.slugs)
			}
		})
	}
}

func TestAPICase(t *testing.T) {
	srv, _ := newTestServer(t, serverConfig{})
	var c struct {
		Slug          string   `json:"slug"`
		URL           string   `json:"url"`
		Organisations []string `json:"organisations"`
		Sources       []struct {
			Title string `json:"title"`
			URL   string `json:"url"`
		} `json:"sources"`
		BodyHTML string `json:"body_html"`
		Headings []struct {
			Level int    `json:"level"`
			ID    string `json:"id"`
			Text  string `json:"text"`
		} `json:"headings"`
	}
	if err := json.Unmarshal(get(t, srv, "/api/v1/cases/community-hubs").Body.Bytes(), &c); err != nil {
		t.Fatal(err)
	}
	if c.Slug != "community-hubs" || c.URL != "/cases/community-hubs" || len(c.Organisations) != 1 || len(c.Sources) != 2 ||
		c.Sources[1].URL != "" || !strings.Contains(c.BodyHTML, `<h2 id="challenge">Challenge</h2>`) ||
		len(c.Headings) != 5 || c.Headings[2].Level != 3 {
		t.Errorf("case = %+v", c)
	}
	// Empty lists are [] rather than null.
	body := get(t, srv, "/api/v1/cases/digital-service").Body.String()
	for _, want := range []string{`"organisations":[]`, `"sources":[]`, `"status":""`} {
		if !strings.Contains(body, want) {
			t.Errorf("case lacks %s: %s", want, body)
		}
	}
}
