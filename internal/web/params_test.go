package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"reflect"
	"strings"
	"testing"

	"github.com/casebook/casebook/internal/webtest"
	"github.com/casebook/casebook/search"
)

func TestParseSearchParams(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		want    search.Query
		format  string
		wantErr string // part of the error message; "" for no error
	}{
		{name: "empty", query: "", format: "json"},
		{name: "text", query: "q=community+hubs", want: search.Query{Text: "community hubs"}, format: "json"},
		{name: "all filters", query: "q=x&factor=Collaboration&factor=service-users&tag=Community+Hubs&sector=health&level=Local&country=canada&status=ongoing&status=pilot",
			want: search.Query{Text: "x", Factors: []string{"collaboration", "service-users"}, Tags: []string{"Community Hubs"}, Sectors: []string{"health"},
				Levels: []string{"local"}, Countries: []string{"canada"}, Statuses: []string{"ongoing", "pilot"}}, format: "json"},
		{name: "empty and duplicate values dropped", query: "tag=&tag=+a++b+&tag=A+B&factor=", want: search.Query{Tags: []string{"a b"}}, format: "json"},
		{name: "years", query: "year_from=2010&year_to=2015", want: search.Query{YearFrom: 2010, YearTo: 2015}, format: "json"},
		{name: "reversed years are allowed", query: "year_from=2015&year_to=2010", want: search.Query{YearFrom: 2015, YearTo: 2010}, format: "json"},
		{name: "blank years from the form", query: "q=&year_from=&year_to=+&sort=", format: "json"},
		{name: "sort page per_page", query: "sort=Title&page=3&per_page=50", want: search.Query{Sort: "title", Page: 3, PerPage: 50}, format: "json"},
		{name: "csv", query: "format=csv", format: "csv"},
		{name: "same value twice", query: "page=2&page=2", want: search.Query{Page: 2}, format: "json"},

		{name: "year not a number", query: "year_from=soon", wantErr: `year_from must be a year such as 2015 (got "soon")`},
		{name: "year too large", query: "year_to=123456", wantErr: "year_to must be a year"},
		{name: "year overflow", query: "year_to=99999999999999999999999", wantErr: "year_to must be a year"},
		{name: "negative year", query: "year_from=-5", wantErr: "year_from must be a year"},
		{name: "page not a number", query: "page=two", wantErr: `page must be a page number from 1 to 10000 (got "two")`},
		{name: "page zero", query: "page=0", wantErr: "page must be"},
		{name: "page huge", query: "page=10001", wantErr: "page must be"},
		{name: "per_page not a number", query: "per_page=all", wantErr: "per_page must be between 1 and 100"},
		{name: "per_page zero", query: "per_page=0", wantErr: "per_page must be between 1 and 100"},
		{name: "per_page huge", query: "per_page=1000000", wantErr: "per_page must be between 1 and 100"},
		{name: "sort unknown", query: "sort=random", wantErr: "sort must be one of relevance, newest, oldest, title"},
		{name: "format unknown", query: "format=xml", wantErr: "format must be json, csv, bibtex, ris or csljson"},
		{name: "two different pages", query: "page=1&page=2", wantErr: "page may be given only once"},
		{name: "two texts", query: "q=a&q=b", wantErr: "q may be given only once"},
		{name: "invalid UTF-8 value", query: "q=%ff", wantErr: "q is not valid UTF-8"},
		{name: "invalid UTF-8 filter", query: "tag=a%c3", wantErr: "tag is not valid UTF-8"},
		{name: "invalid UTF-8 name", query: "%ff=1", wantErr: "parameter name is not valid UTF-8"},
		{name: "malformed escape", query: "q=%zz", wantErr: "malformed"},
		{name: "semicolon", query: "q=a;b", wantErr: "malformed"},
		{name: "long value", query: "tag=" + strings.Repeat("x", 2001), wantErr: "too long"},
		{name: "parameter repeated beyond the limit", query: strings.Repeat("factor=x&", 51), wantErr: "factor is given 51 times; the limit is 50"},
		{name: "same value repeated beyond the limit", query: strings.Repeat("q=x&", 51), wantErr: "q is given 51 times; the limit is 50"},
		{name: "too many parameters", query: manyParams(9, 45), wantErr: "the address has 405 parameters; the limit is 400"},
		{name: "long parameter name", query: strings.Repeat("k", 101) + "=1", wantErr: "a parameter name is too long"},
		{name: "long number shown short", query: "page=" + strings.Repeat("9", 40), wantErr: `(got "99999999999999999999…")`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseSearchParams(tt.query)
			if tt.wantErr != "" {
				var qe *search.QueryError
				if !errors.As(err, &qe) || !strings.Contains(qe.Message, tt.wantErr) {
					t.Fatalf("error = %v, want a QueryError with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Query, tt.want) || got.Format != tt.format {
				t.Errorf("got %+v %q, want %+v %q", got.Query, got.Format, tt.want, tt.format)
			}
		})
	}
}

func TestEncodeQuery(t *testing.T) {
	tests := []struct {
		name   string
		q      search.Query
		format string
		want   string
	}{
		{"empty", search.Query{}, "", ""},
		{"order and escaping", search.Query{Text: "a & b", Statuses: []string{"ongoing"}, Factors: []string{"x"}, Tags: []string{"c d"},
			YearFrom: 2000, Sort: "title", Page: 2, PerPage: 10}, "csv",
			"q=a+%26+b&factor=x&tag=c+d&status=ongoing&year_from=2000&sort=title&page=2&per_page=10&format=csv"},
		{"page one left out", search.Query{Page: 1}, "json", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := encodeQuery(tt.q, tt.format); got != tt.want {
				t.Errorf("encodeQuery = %q, want %q", got, tt.want)
			}
		})
	}
	// What encodeQuery writes, parseSearchParams reads back.
	q := search.Query{Text: "x \"y\" -z", Countries: []string{"São Paulo"}, Sectors: []string{"a+b"}, YearTo: 1999}
	p, err := parseSearchParams(encodeQuery(q, ""))
	if err != nil || !reflect.DeepEqual(p.Query, q) {
		t.Errorf("round trip: %+v, %v", p.Query, err)
	}
}

// badRequest is one row of the tables below: a query string for
// /api/v1/search and /cases, the status both must answer, and for errors
// the JSON code and part of the message.
type badRequest struct {
	name   string
	query  string
	status int
	code   string // JSON error code; "" for 200
	msg    string // part of the error message
	total  int    // for 200: the number of results (-1: any)
}

func repeatParam(kv string, n int) string {
	return strings.TrimSuffix(strings.Repeat(kv+"&", n), "&")
}

// badRequestClasses groups the tables by class of bad request.
var badRequestClasses = map[string][]badRequest{
	"page and per_page": {
		{"page zero", "page=0", 400, "bad_request", "page must be a page number from 1 to 10000", 0},
		{"page negative", "page=-1", 400, "bad_request", "page must be", 0},
		{"page beyond limit", "page=10001", 400, "bad_request", "page must be", 0},
		{"page huge", "page=99999999999999999999", 400, "bad_request", `page must be a page number from 1 to 10000 (got "99999999999999999999")`, 0},
		{"page overflows int64", "page=" + strings.Repeat("9", 400), 400, "bad_request", "…", 0},
		{"page fraction", "page=1.5", 400, "bad_request", "page must be", 0},
		{"page hex", "page=0x10", 400, "bad_request", "page must be", 0},
		{"page word", "page=two", 400, "bad_request", `(got "two")`, 0},
		{"page too deep", "page=200&per_page=100", 400, "bad_request", "too deep", 0},
		{"page beyond results", "page=500", 200, "", "", 4},
		{"per_page zero", "per_page=0", 400, "bad_request", "per_page must be between 1 and 100", 0},
		{"per_page negative", "per_page=-5", 400, "bad_request", "per_page must be between 1 and 100", 0},
		{"per_page over 100", "per_page=101", 400, "bad_request", "per_page must be between 1 and 100", 0},
		{"per_page huge", "per_page=99999999999999999999", 400, "bad_request", "per_page must be between 1 and 100", 0},
		{"per_page exponent", "per_page=1e2", 400, "bad_request", "per_page must be", 0},
		{"per_page all", "per_page=all", 400, "bad_request", "per_page must be", 0},
		{"per_page blank is default", "per_page=", 200, "", "", 4},
		{"per_page max", "per_page=100", 200, "", "", 4},
	},
	"years": {
		{"year word", "year_from=soon", 400, "bad_request", `year_from must be a year such as 2015 (got "soon")`, 0},
		{"year fraction", "year_to=2015.5", 400, "bad_request", "year_to must be a year", 0},
		{"year huge", "year_from=99999999999999999999", 400, "bad_request", "year_from must be a year", 0},
		{"year negative", "year_from=-2000", 400, "bad_request", "year_from must be a year", 0},
		{"year zero", "year_to=0", 400, "bad_request", "year_to must be a year", 0},
		{"year other digits", "year_from=%D9%A2%D9%A0%D9%A1%D9%A5", 400, "bad_request", "year_from must be a year", 0},
		{"year twice", "year_from=2010&year_from=2011", 400, "bad_request", "year_from may be given only once", 0},
		{"reversed range is empty", "year_from=2020&year_to=2010", 200, "", "", 0},
		{"reversed range with text", "q=hubs&year_from=2020&year_to=2010", 200, "", "", 0},
		{"range", "year_from=2010&year_to=2016", 200, "", "", 2},
	},
	"sort and format": {
		{"sort unknown", "sort=random", 400, "bad_request", "sort must be one of relevance, newest, oldest, title", 0},
		{"sort injection", "sort=title%20desc", 400, "bad_request", "sort must be one of", 0},
		{"sort field", "sort=-year", 400, "bad_request", "sort must be one of", 0},
		{"sort twice", "sort=title&sort=newest", 400, "bad_request", "sort may be given only once", 0},
		{"sort upper case", "sort=TITLE", 200, "", "", 4},
		{"format unknown", "format=xml", 400, "bad_request", "format must be json, csv, bibtex, ris or csljson", 0},
		{"format html", "format=html", 400, "bad_request", "format must be json, csv, bibtex, ris or csljson", 0},
	},
	"query text limits": {
		{"q at 500 characters", "q=" + strings.Repeat("é", 500), 200, "", "", 0},
		{"q over 500 characters", "q=" + strings.Repeat("é", 501), 400, "bad_request", "q is 501 characters; the limit is 500", 0},
		{"q over 500 in spaces", "q=" + strings.Repeat("+", 600), 400, "bad_request", "the limit is 500", 0},
		{"q over the byte limit", "q=" + strings.Repeat("x", 2001), 400, "bad_request", "q is too long", 0},
		{"q with 32 terms", "q=" + repeatWords(32), 200, "", "", 0},
		{"q with 33 terms", "q=" + repeatWords(33), 400, "bad_request", "q has 33 terms; the limit is 32", 0},
		{"q with 100 operators as terms", "q=" + strings.Repeat("a*+", 100), 400, "bad_request", "q has 100 terms; the limit is 32", 0},
		{"q twice", "q=a&q=b", 400, "bad_request", "q may be given only once", 0},
		{"q twice the same", "q=hubs&q=hubs", 200, "", "", -1},
	},
	"invalid UTF-8": {
		{"q byte ff", "q=%ff", 400, "bad_request", "q is not valid UTF-8 text", 0},
		{"q truncated sequence", "q=hub%c3", 400, "bad_request", "q is not valid UTF-8 text", 0},
		{"q surrogate", "q=%ed%a0%80", 400, "bad_request", "q is not valid UTF-8 text", 0},
		{"q overlong slash", "q=%c0%af", 400, "bad_request", "q is not valid UTF-8 text", 0},
		{"tag", "tag=%fe%ff", 400, "bad_request", "tag is not valid UTF-8 text", 0},
		{"factor", "factor=%80", 400, "bad_request", "factor is not valid UTF-8 text", 0},
		{"sort", "sort=%ff", 400, "bad_request", "sort is not valid UTF-8 text", 0},
		{"parameter name", "%ff=1", 400, "bad_request", "a parameter name is not valid UTF-8 text", 0},
		{"malformed escape", "q=%zz", 400, "bad_request", "malformed", 0},
		{"lone percent", "q=%", 400, "bad_request", "malformed", 0},
		{"semicolon", "q=a;b", 400, "bad_request", "malformed", 0},
	},
	"repeated parameters": {
		{"factor 1000 times", repeatParam("factor=collaboration", 1000), 400, "bad_request", "factor is given 1000 times; the limit is 50", 0},
		{"factor 51 distinct", repeatDistinct("factor", 51), 400, "bad_request", "factor is given 51 times; the limit is 50", 0},
		{"factor 50 times", repeatParam("factor=collaboration", 50), 200, "", "", 3},
		{"tag 1000 times", repeatParam("tag=x", 1000), 400, "bad_request", "tag is given 1000 times", 0},
		{"q 1000 times", repeatParam("q=hubs", 1000), 400, "bad_request", "q is given 1000 times", 0},
		{"page 1000 times", repeatParam("page=1", 1000), 400, "bad_request", "page is given 1000 times", 0},
		{"unknown 1000 times", repeatParam("utm=1", 1000), 400, "bad_request", "utm is given 1000 times", 0},
		{"many parameters", manyParams(9, 45), 400, "bad_request", "the address has 405 parameters; the limit is 400", 0},
		{"long parameter name", strings.Repeat("n", 101) + "=1", 400, "bad_request", "a parameter name is too long", 0},
		{"empty names", repeatParam("=", 30), 200, "", "", 4},
		{"unknown parameter", "utm_source=mail&x", 200, "", "", 4},
	},
	"unknown filter values": {
		{"factor", "factor=no-such-factor", 200, "", "", 0},
		{"factor path", "factor=..%2F..%2Fetc", 200, "", "", 0},
		{"tag", "tag=no+such+tag", 200, "", "", 0},
		{"sector", "sector=%3Cscript%3E", 200, "", "", 0},
		{"level", "level=city", 200, "", "", 0},
		{"country", "country=Atlantis", 200, "", "", 0},
		{"status", "status=imagined", 200, "", "", 0},
		{"known and unknown factor", "factor=collaboration&factor=nope", 200, "", "", 0},
		{"unknown level widens nothing", "level=city&level=local", 200, "", "", 2},
		{"blank values ignored", "factor=&tag=+&level=", 200, "", "", 4},
	},
}

// repeatWords is n distinct words, none of them stop words.
func repeatWords(n int) string {
	words := make([]string, n)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
	}
	return strings.Join(words, "+")
}

func repeatDistinct(name string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf("%s=v%d", name, i)
	}
	return strings.Join(parts, "&")
}

// manyParams is keys distinct unknown parameters given each times.
func manyParams(keys, each int) string {
	var parts []string
	for k := range keys {
		for range each {
			parts = append(parts, fmt.Sprintf("p%d=1", k))
		}
	}
	return strings.Join(parts, "&")
}

// TestBadRequests sends every class of bad request to the API and the
// /cases page: the API answers the status with a JSON error code and a
// precise message; the page answers the same status as an HTML page.
func TestBadRequests(t *testing.T) {
	srv := hardenedServer(t)
	for class, rows := range badRequestClasses {
		for _, tt := range rows {
			t.Run(class+"/"+tt.name, func(t *testing.T) {
				w := get(t, srv, withQuery("/api/v1/search", tt.query))
				if w.Code != tt.status {
					t.Fatalf("API: status %d, want %d: %s", w.Code, tt.status, truncate(w.Body.String(), 500))
				}
				if ct := w.Header().Get("Content-Type"); ct != ctJSON {
					t.Errorf("API: Content-Type %q", ct)
				}
				if tt.status == 200 {
					var resp search.Response
					if err := json.Unmarshal(w.Body.Bytes(), &resp); err != nil {
						t.Fatalf("API: %v: %s", err, truncate(w.Body.String(), 300))
					}
					if tt.total >= 0 && resp.Total != tt.total {
						t.Errorf("API: total %d, want %d", resp.Total, tt.total)
					}
				} else {
					var e errorJSON
					if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
						t.Fatalf("API: error body is not JSON: %v: %s", err, w.Body.String())
					}
					if e.Error.Code != tt.code || !strings.Contains(e.Error.Message, tt.msg) {
						t.Errorf("API: error %q %q, want %q with %q", e.Error.Code, e.Error.Message, tt.code, tt.msg)
					}
				}

				p := get(t, srv, withQuery("/cases", tt.query))
				if loc := p.Header().Get("Location"); p.Code == 302 && tt.status == 200 && !hasEmptyParam(afterQuestionMark(loc)) {
					p = get(t, srv, loc) // empty parameters dropped (sharing_test.go)
				}
				if p.Code != tt.status {
					t.Fatalf("page: status %d, want %d", p.Code, tt.status)
				}
				if ct := p.Header().Get("Content-Type"); ct != ctHTML {
					t.Errorf("page: Content-Type %q", ct)
				}
				body := p.Body.String()
				if tt.status >= 400 {
					// The page names the parameter in words ("“Year from” must be"), not as code.
					param := strings.Fields(tt.msg)[0]
					msg := html.EscapeString(messageInWords(&search.QueryError{Param: param, Message: tt.msg}))
					if !strings.Contains(body, "There is a problem with your search") || !strings.Contains(strings.ToLower(body), strings.ToLower(msg)) {
						t.Errorf("page lacks the heading or %q:\n%s", msg, truncate(body, 3000))
					}
					if _, named := paramLabel(param); named && strings.Contains(body, html.EscapeString(tt.msg)) {
						t.Errorf("page names the parameter as code: %q", tt.msg)
					}
				}
				webtest.CheckPage(t, body)
			})
		}
	}
}

// afterQuestionMark is the query string of a URL, or "".
func afterQuestionMark(u string) string {
	_, q, _ := strings.Cut(u, "?")
	return q
}
