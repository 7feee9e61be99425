package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

var (
	openAPIOnce   sync.Once
	openAPIDoc    *openapi3.T
	openAPIRouter routers.Router
	openAPIErr    error
)

// loadOpenAPI loads the server's OpenAPI document with kin-openapi, checks
// that it is a valid OpenAPI 3 document and returns it with a router.
func loadOpenAPI(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	openAPIOnce.Do(func() {
		for _, media := range []string{mediaCSV, mediaZip, "application/x-bibtex", "application/x-research-info-systems"} {
			openapi3filter.RegisterBodyDecoder(media, openapi3filter.FileBodyDecoder)
		}
		openapi3filter.RegisterBodyDecoder("application/vnd.citationstyles.csl+json", openapi3filter.JSONBodyDecoder)
		var srv *Server
		if srv, openAPIErr = New(Config{}); openAPIErr != nil {
			return
		}
		loader := openapi3.NewLoader()
		if openAPIDoc, openAPIErr = loader.LoadFromData(srv.openapi); openAPIErr != nil {
			return
		}
		if openAPIErr = openAPIDoc.Validate(context.Background()); openAPIErr != nil {
			return
		}
		openAPIRouter, openAPIErr = legacy.NewRouter(openAPIDoc)
	})
	if openAPIErr != nil {
		t.Fatalf("the OpenAPI document: %v", openAPIErr)
	}
	return openAPIDoc, openAPIRouter
}

// checkAPIResponse checks a response to a request under /api/v1/ against
// the OpenAPI document: its status is documented for the route and its
// content type and body conform to the response schema. Requests to paths
// that are no route are not checked.
func checkAPIResponse(t testing.TB, req *http.Request, w *httptest.ResponseRecorder) {
	t.Helper()
	if !strings.HasPrefix(req.URL.Path, "/api/v1/") {
		return
	}
	_, router := loadOpenAPI(t)
	if err := apiResponseError(router, req, w); err != nil {
		t.Errorf("%s %s: the %d response does not conform to the OpenAPI document: %v\nbody: %s",
			req.Method, req.URL, w.Code, err, truncate(w.Body.String(), 2000))
	}
}

// apiResponseError is why a response does not conform to the document, or nil.
func apiResponseError(router routers.Router, req *http.Request, w *httptest.ResponseRecorder) error {
	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		return nil // not an API route: the 404 and 405 answers are checked by their own tests
	}
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams, Route: route},
		Status:                 w.Code,
		Header:                 w.Header(),
		Body:                   io.NopCloser(bytes.NewReader(w.Body.Bytes())),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	return openapi3filter.ValidateResponse(context.Background(), input)
}

// TestOpenAPIDescribesEveryRoute fails when an /api/v1 route of the
// server is missing from the document.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	doc, _ := loadOpenAPI(t)
	srv, _ := newTestServer(t, Config{})
	n := 0
	for _, p := range srv.paths {
		if !strings.HasPrefix(p, "/api/v1/") {
			continue
		}
		n++
		item := doc.Paths.Find(openAPIPath(p))
		if item == nil || item.Get == nil || item.Head == nil {
			t.Errorf("route %s is not in /api/v1/openapi.json: describe it in apiDocs", p)
		}
	}
	if got := doc.Paths.Len(); got != n || n < 7 {
		t.Errorf("the document has %d paths, the server %d API routes", got, n)
	}
}

// TestOpenAPIDocument checks the served document: valid JSON, the search
// parameters with the limits and values of the filter table, and error
// responses.
func TestOpenAPIDocument(t *testing.T) {
	srv := hardenedServer(t)
	w := get(t, srv, "/api/v1/openapi.json")
	if w.Code != 200 || w.Header().Get("Content-Type") != ctJSON {
		t.Fatalf("status %d, %s", w.Code, w.Header().Get("Content-Type"))
	}
	doc, err := openapi3.NewLoader().LoadFromData(w.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	op := doc.Paths.Find("/api/v1/search").Get
	params := map[string]*openapi3.Parameter{}
	for _, p := range op.Parameters {
		params[p.Value.Name] = p.Value
	}
	tests := []struct {
		name  string
		check func(*openapi3.Schema) bool
	}{
		{"q", func(s *openapi3.Schema) bool { return s.MaxLength != nil && *s.MaxLength == 500 }},
		{"per_page", func(s *openapi3.Schema) bool { return *s.Min == 1 && *s.Max == 100 }},
		{"evidence_min", func(s *openapi3.Schema) bool { return *s.Min == 1 && *s.Max == 5 }},
		{"sort", func(s *openapi3.Schema) bool { return len(s.Enum) == 4 }},
		{"level", func(s *openapi3.Schema) bool {
			return s.Type.Is("array") && strings.Contains(s.Items.Value.Description, "provincial")
		}},
		{"factor", func(s *openapi3.Schema) bool { return s.Type.Is("array") }},
		{"format", func(s *openapi3.Schema) bool { return len(s.Enum) == 5 }},
		{"completeness", func(s *openapi3.Schema) bool { return s.Type.Is("array") }},
		{"year_from", func(s *openapi3.Schema) bool { return s.Type.Is("integer") }},
	}
	for _, tt := range tests {
		p, ok := params[tt.name]
		if !ok || !tt.check(p.Schema.Value) {
			got, _ := json.Marshal(p)
			t.Errorf("search parameter %s: %s", tt.name, got)
		}
	}
	for _, code := range []string{"200", "400", "default"} {
		if op.Responses.Value(code) == nil {
			t.Errorf("search lacks the %s response", code)
		}
	}
	if doc.Paths.Find("/api/v1/cases/{slug}").Get.Responses.Value("404") == nil {
		t.Error("cases/{slug} lacks its 404 response")
	}
	desc := doc.Paths.Find("/api/v1/search").Get.Responses.Value("200").Value.Content.Get("application/json").Schema.Value.
		Properties["results"].Value.Items.Value.Properties["level"].Value.Description
	if desc == "" {
		t.Error("result fields lack the codebook's descriptions")
	}
}

// TestCheckAPIResponseCatchesNonconformingBodies makes sure the check can
// fail: a body that differs from the schema is reported.
func TestCheckAPIResponseCatchesNonconformingBodies(t *testing.T) {
	tests := []struct {
		name, target, body string
		status             int
	}{
		{"extra field", "/api/v1/factors", `{"factors":[],"extra":1}`, 200},
		{"wrong type", "/api/v1/problems", `{"problems":"none"}`, 200},
		{"error without code", "/api/v1/cases/x", `{"error":{"message":"no"}}`, 404},
		{"undocumented content type", "/api/v1/factors", `<html></html>`, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			ct := ctJSON
			if strings.HasPrefix(tt.body, "<") {
				ct = ctHTML
			}
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(tt.status)
			w.WriteString(tt.body)
			_, router := loadOpenAPI(t)
			if err := apiResponseError(router, newRequest(http.MethodGet, tt.target), w); err == nil {
				t.Errorf("%s passed the check", tt.body)
			}
		})
	}
}
