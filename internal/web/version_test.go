package web

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestVersionAndLicence checks that the content version and the licence
// reach every page's footer, the about page and the search API, and that a
// version named in Config wins over the computed one.
func TestVersionAndLicence(t *testing.T) {
	tests := []struct {
		name        string
		cfg         Config
		published   string
		wantVersion string
		wantLicence string
	}{
		{"computed", Config{}, "3f2a9c1", "3f2a9c1", "CC-BY-4.0"},
		{"named by the deployment", Config{ContentVersion: "release-7"}, "3f2a9c1", "release-7", "CC-BY-4.0"},
		{"other licence", Config{Licence: mustLicence(t, "ODbL-1.0")}, "0000000", "0000000", "ODbL-1.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := newTestServer(t, tt.cfg)
			cat, ix := testIndex(t)
			srv.PublishVersion(cat, ix, cat.Problems, tt.published)
			footer := `content version <code>` + tt.wantVersion + `</code>`
			for _, p := range []string{"/", "/cases", "/cases/community-hubs", "/factors", "/about", "/nope"} {
				body := get(t, srv, p).Body.String()
				if !strings.Contains(body, footer) || !strings.Contains(body, "("+tt.wantLicence+")") {
					t.Errorf("%s: the footer lacks %q or the licence %s", p, footer, tt.wantLicence)
				}
			}
			if about := get(t, srv, "/about").Body.String(); !strings.Contains(about, `<a href="/api/v1/openapi.json">`) || !strings.Contains(about, `id="licence"`) {
				t.Error("the about page lacks the OpenAPI link or the licence")
			}
			var resp struct {
				Version string `json:"version"`
				Licence struct {
					ID string `json:"id"`
				} `json:"licence"`
			}
			if err := json.Unmarshal(get(t, srv, "/api/v1/search?q=hubs").Body.Bytes(), &resp); err != nil {
				t.Fatal(err)
			}
			if resp.Version != tt.wantVersion || resp.Licence.ID != tt.wantLicence {
				t.Errorf("API: version %q licence %q", resp.Version, resp.Licence.ID)
			}
		})
	}
}

// TestEmptyParamsRedirect checks that a search submitted with empty
// fields redirects to its clean address, and a clean one does not.
func TestEmptyParamsRedirect(t *testing.T) {
	srv := hardenedServer(t)
	tests := []struct{ in, want string }{
		{"/cases?q=&year_from=&year_to=&sort=", "/cases"},
		{"/cases?q=hubs&year_from=&factor=collaboration&per_page=", "/cases?q=hubs&factor=collaboration"},
		{"/cases?q=+&level=national", "/cases?level=national"},
	}
	for _, tt := range tests {
		w := get(t, srv, tt.in)
		if w.Code != 302 || w.Header().Get("Location") != tt.want {
			t.Errorf("%s: %d to %q, want 302 to %q", tt.in, w.Code, w.Header().Get("Location"), tt.want)
		}
	}
	for _, clean := range []string{"/cases", "/cases?q=hubs&factor=collaboration", "/api/v1/search?q=&format="} {
		if w := get(t, srv, clean); w.Code != 200 {
			t.Errorf("%s: %d, want 200", clean, w.Code)
		}
	}
}
