package search

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

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

func TestParseRawQuery(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		want    Query
		wantErr string // the whole error message; "" for no error
		param   string // the parameter the error names
	}{
		{name: "empty", query: ""},
		{name: "text", query: "q=community+hubs", want: Query{Text: "community hubs"}},
		{name: "all filters", query: "q=x&factor=Collaboration&factor=service-users&tag=Community+Hubs&sector=health&level=Local&country=canada&status=ongoing&status=pilot",
			want: Query{Text: "x", Factors: []string{"collaboration", "service-users"}, Tags: []string{"Community Hubs"}, Sectors: []string{"health"},
				Levels: []string{"local"}, Countries: []string{"canada"}, Statuses: []string{"ongoing", "pilot"}}},
		{name: "evidence and completeness", query: "evidence_min=3&completeness=Complete&completeness=stub&completeness=complete",
			want: Query{EvidenceMin: 3, Completeness: []string{"complete", "stub"}}},
		{name: "unknown enumeration values match nothing but are kept", query: "level=city&completeness=done", want: Query{Levels: []string{"city"}, Completeness: []string{"done"}}},
		{name: "empty and duplicate values dropped", query: "tag=&tag=+a++b+&tag=A+B&factor=", want: Query{Tags: []string{"a b"}}},
		{name: "years", query: "year_from=2010&year_to=2015", want: Query{YearFrom: 2010, YearTo: 2015}},
		{name: "reversed years are allowed", query: "year_from=2015&year_to=2010", want: Query{YearFrom: 2015, YearTo: 2010}},
		{name: "blank numbers from the form", query: "q=&year_from=&year_to=+&evidence_min=&sort=", want: Query{}},
		{name: "sort page per_page", query: "sort=Title&page=3&per_page=50", want: Query{Sort: "title", Page: 3, PerPage: 50}},
		{name: "same value twice", query: "page=2&page=2", want: Query{Page: 2}},
		{name: "unknown parameters ignored", query: "utm_source=mail&format=csv&x", want: Query{}},
		{name: "prefix", query: "q=partic&prefix=1", want: Query{Text: "partic", Prefix: true}},
		{name: "prefix off", query: "q=partic&prefix=0", want: Query{Text: "partic"}},
		{name: "prefix not 0 or 1", query: "prefix=yes", wantErr: `prefix must be 0 or 1 (got "yes")`, param: "prefix"},

		{name: "year not a number", query: "year_from=soon", wantErr: `year_from must be a year such as 2015 (got "soon")`, param: "year_from"},
		{name: "year too large", query: "year_to=123456", wantErr: `year_to must be a year such as 2015 (got "123456")`, param: "year_to"},
		{name: "year overflow", query: "year_to=99999999999999999999999", wantErr: `year_to must be a year such as 2015 (got "99999999999999999999…")`, param: "year_to"},
		{name: "negative year", query: "year_from=-5", wantErr: `year_from must be a year such as 2015 (got "-5")`, param: "year_from"},
		{name: "evidence too high", query: "evidence_min=7", wantErr: `evidence_min must be an evidence level from 1 to 5 (got "7")`, param: "evidence_min"},
		{name: "evidence zero", query: "evidence_min=0", wantErr: `evidence_min must be an evidence level from 1 to 5 (got "0")`, param: "evidence_min"},
		{name: "evidence twice", query: "evidence_min=2&evidence_min=3", wantErr: "evidence_min may be given only once", param: "evidence_min"},
		{name: "page not a number", query: "page=two", wantErr: `page must be a page number from 1 to 10000 (got "two")`, param: "page"},
		{name: "page zero", query: "page=0", wantErr: `page must be a page number from 1 to 10000 (got "0")`, param: "page"},
		{name: "page huge", query: "page=10001", wantErr: `page must be a page number from 1 to 10000 (got "10001")`, param: "page"},
		{name: "per_page not a number", query: "per_page=all", wantErr: `per_page must be between 1 and 100 (got "all")`, param: "per_page"},
		{name: "per_page zero", query: "per_page=0", wantErr: `per_page must be between 1 and 100 (got "0")`, param: "per_page"},
		{name: "per_page huge", query: "per_page=1000000", wantErr: `per_page must be between 1 and 100 (got "1000000")`, param: "per_page"},
		{name: "sort unknown", query: "sort=random", wantErr: "sort must be one of relevance, newest, oldest, title", param: "sort"},
		{name: "two different pages", query: "page=1&page=2", wantErr: "page may be given only once", param: "page"},
		{name: "two texts", query: "q=a&q=b", wantErr: "q may be given only once", param: "q"},
		{name: "invalid UTF-8 value", query: "q=%ff", wantErr: "q is not valid UTF-8 text", param: "q"},
		{name: "invalid UTF-8 filter", query: "tag=a%c3", wantErr: "tag is not valid UTF-8 text", param: "tag"},
		{name: "invalid UTF-8 name", query: "%ff=1", wantErr: "a parameter name is not valid UTF-8 text"},
		{name: "malformed escape", query: "q=%zz", wantErr: "the query string is malformed; check the address"},
		{name: "semicolon", query: "q=a;b", wantErr: "the query string is malformed; check the address"},
		{name: "long value", query: "tag=" + strings.Repeat("x", 2001), wantErr: "tag is too long: the limit is 2000 bytes", param: "tag"},
		{name: "parameter repeated beyond the limit", query: strings.Repeat("factor=x&", 51), wantErr: "factor is given 51 times; the limit is 50", param: "factor"},
		{name: "same value repeated beyond the limit", query: strings.Repeat("q=x&", 51), wantErr: "q is given 51 times; the limit is 50", param: "q"},
		{name: "too many parameters", query: manyParams(9, 45), wantErr: "the address has 405 parameters; the limit is 400"},
		{name: "long parameter name", query: strings.Repeat("k", 101) + "=1", wantErr: "a parameter name is too long: the limit is 100 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := ParseRawQuery(tt.query)
			if tt.wantErr != "" {
				var qe *QueryError
				if !errors.As(err, &qe) || qe.Message != tt.wantErr || qe.Param != tt.param {
					t.Fatalf("error = %#v, want a QueryError %q on %q", err, tt.wantErr, tt.param)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseRawQueryKeepsOtherParams(t *testing.T) {
	_, vals, err := ParseRawQuery("q=hubs&format=csv&format=csv")
	if err != nil {
		t.Fatal(err)
	}
	if f, err := Single(vals, "format"); f != "csv" || err != nil {
		t.Errorf("format = %q, %v", f, err)
	}
	_, vals, _ = ParseRawQuery("format=csv&format=json")
	if _, err := Single(vals, "format"); err == nil || err.Error() != "format may be given only once" {
		t.Errorf("two formats: %v", err)
	}
}

func TestEncode(t *testing.T) {
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"empty", Query{}, ""},
		{"order and escaping", Query{Text: "a & b", Statuses: []string{"ongoing"}, Factors: []string{"x"}, Tags: []string{"c d"},
			YearFrom: 2000, Sort: "title", Page: 2, PerPage: 10},
			"q=a+%26+b&factor=x&tag=c+d&status=ongoing&year_from=2000&sort=title&page=2&per_page=10"},
		{"every filter in table order", Query{Completeness: []string{"stub"}, EvidenceMin: 2, YearTo: 2020, YearFrom: 2010, Statuses: []string{"pilot"},
			Countries: []string{"Canada"}, Levels: []string{"local"}, Sectors: []string{"health"}, Tags: []string{"t"}, Factors: []string{"f"}},
			"factor=f&tag=t&sector=health&level=local&country=Canada&status=pilot&year_from=2010&year_to=2020&evidence_min=2&completeness=stub"},
		{"page one left out", Query{Page: 1}, ""},
		{"empty values and blank text dropped", Query{Text: "  ", Tags: []string{"", " "}, Levels: []string{""}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.q.Encode(); got != tt.want {
				t.Errorf("Encode = %q, want %q", got, tt.want)
			}
			if got := tt.q.Values().Encode(); got != sortedEncoding(tt.want) {
				t.Errorf("Values().Encode() = %q, want the same parameters as %q", got, tt.want)
			}
		})
	}
}

// sortedEncoding is a query string with its parameters in url.Values order.
func sortedEncoding(raw string) string {
	_, vals, err := ParseRawQuery(raw)
	if err != nil {
		return "error: " + err.Error()
	}
	return vals.Encode()
}

func TestEncodeRoundTrip(t *testing.T) {
	for _, q := range []Query{
		{Text: "x \"y\" -z", Countries: []string{"São Paulo"}, Sectors: []string{"a+b"}, YearTo: 1999},
		{Factors: []string{"collaboration", "service-users"}, Levels: []string{"local", "national"}, EvidenceMin: 4, Completeness: []string{"complete", "partial"}},
		{Text: "&=?#%", Tags: []string{"a;b", "c&d"}, Sort: SortOldest, Page: 9, PerPage: 100},
		{Text: "budg", Prefix: true},
	} {
		got, _, err := ParseRawQuery(q.Encode())
		if err != nil || !reflect.DeepEqual(got, q) {
			t.Errorf("round trip of %+v: %+v, %v", q, got, err)
		}
		got, err = ParseValues(q.Values())
		if err != nil || !reflect.DeepEqual(got, q) {
			t.Errorf("round trip of %+v through Values: %+v, %v", q, got, err)
		}
	}
}

func TestValidateNumbers(t *testing.T) {
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"evidence too high", Query{EvidenceMin: 6}, `evidence_min must be an evidence level from 1 to 5 (got "6")`},
		{"evidence negative", Query{EvidenceMin: -1}, `evidence_min must be an evidence level from 1 to 5 (got "-1")`},
		{"year too large", Query{YearTo: 10000}, `year_to must be a year such as 2015 (got "10000")`},
		{"fine", Query{EvidenceMin: 5, YearFrom: 1, YearTo: 9999}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.q.Validate()
			if got := fmt.Sprint(err); tt.want == "" && err != nil || tt.want != "" && got != tt.want {
				t.Errorf("Validate = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestClone(t *testing.T) {
	q := Query{Factors: []string{"a"}, Completeness: []string{"stub"}}
	c := q.Clone()
	c.Factors[0], c.Completeness[0] = "b", "complete"
	if q.Factors[0] != "a" || q.Completeness[0] != "stub" {
		t.Errorf("Clone shares lists: %+v", q)
	}
}
