package web

import (
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/search"
)

// TestPartialNotice checks that the page says plainly when it shows cases
// that match most, not all, of the words, and which words found nothing,
// over the embedded catalogue.
func TestPartialNotice(t *testing.T) {
	gin.SetMode(gin.TestMode)
	srv, err := New(Config{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Guide: content.Guide})
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.New(cat)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	srv.Publish(cat, ix, cat.Problems)
	for _, tt := range []struct {
		name, query string
		want        []string
		notWant     []string
	}{
		{"description", "/cases?q=pay+for+outcomes+instead+of+activities", []string{`class="partial-notice"`, "No case has all of your words; these match most of them."}, nil},
		{"a word found nowhere", "/cases?q=one+stop+shop+quebec", []string{`class="partial-notice"`, "No case has the word “quebec”; these cases match your other words."}, nil},
		{"a name finds all its words", "/cases?q=participatory+budgeting", nil, []string{`class="partial-notice"`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.query)
			body := w.Body.String()
			if w.Code != 200 {
				t.Fatalf("status %d", w.Code)
			}
			for _, s := range tt.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %s", s)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(body, s) {
					t.Errorf("page has %s", s)
				}
			}
		})
	}
}
