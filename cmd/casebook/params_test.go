package main

import (
	"errors"
	"reflect"
	"strings"
	"testing"

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
		{name: "format unknown", query: "format=xml", wantErr: "format must be json or csv"},
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
