package web

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/webtest"
)

// bannerCase is a valid case file naming the given factors.
func bannerCase(title, factors string) string {
	return "---\ntitle: " + title + "\nsummary: A case.\ncountry: Canada\nlevel: local\nyear: 2020\nfactors: [" + factors + "]\n---\nText.\n"
}

// TestBannerGroups checks that the banner gives one line to each group of
// problems with one message and stays a few lines long, with a link to the
// full list.
func TestBannerGroups(t *testing.T) {
	factor := "---\ntitle: A culture of collaboration\nsummary: Working together.\n---\nPeople work together.\n"
	tests := []struct {
		name      string
		files     func(files map[string]string)
		lines     int
		want      []string
		wantCount string
	}{
		{
			name: "21 cases name one misspelled factor",
			files: func(files map[string]string) {
				for i := range 21 {
					files[fmt.Sprintf("cases/case-%02d.md", i)] = bannerCase(fmt.Sprintf("Case %d", i), "colaboration")
				}
			},
			lines:     2, // and the unused factor
			want:      []string{"21 files", `unknown factor "colaboration"`, "cases/case-00.md:7", "and 18 more"},
			wantCount: "22 problems in the content",
		},
		{
			name: "many different problems",
			files: func(files map[string]string) {
				for i := range 9 {
					files[fmt.Sprintf("cases/bad-%d.md", i)] = bannerCase(fmt.Sprintf("Bad %d", i), fmt.Sprintf("missing-%d", i))
				}
			},
			lines:     maxBannerLines,
			want:      []string{"cases/bad-0.md:7", "and 5 more problems", "/api/v1/problems"},
			wantCount: "10 problems in the content",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"factors/collaboration.md": factor}
			tt.files(files)
			cat, err := catalog.Load(mapFS(files))
			if err != nil {
				t.Fatal(err)
			}
			srv, _ := newTestServer(t, Config{Watch: true})
			srv.setState(newState(cat, nil, cat.Problems))
			body := get(t, srv, "/").Body.String()
			text, ok := webtest.Banner(t, body)
			if !ok || !strings.Contains(text, tt.wantCount) {
				t.Errorf("banner %v, want %q: %s", ok, tt.wantCount, text)
			}
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("banner lacks %q: %s", w, text)
				}
			}
			if n := strings.Count(body, "<li class=\"problem-"); n != tt.lines {
				t.Errorf("banner has %d lines, want %d: %s", n, tt.lines, text)
			}
			webtest.CheckPage(t, body)
		})
	}
}

// TestBanner checks that the banner lists problems only in watch mode.
func TestBanner(t *testing.T) {
	for _, watch := range []bool{false, true} {
		srv, _ := newTestServer(t, Config{Watch: watch})
		for _, p := range []string{"/", "/cases/community-hubs", "/no-such-page"} {
			body := get(t, srv, p).Body.String()
			text, ok := webtest.Banner(t, body)
			if ok != watch || watch && !strings.Contains(text, "cases/broken.md") {
				t.Errorf("watch %v, %s: banner %v %q", watch, p, ok, text)
			}
		}
	}
}

// mapFS makes a catalogue file system of file contents by path.
func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}
