package search

import (
	"reflect"
	"strings"
	"testing"
)

func TestFilterTable(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Filters() {
		if seen[f.Param] || f.Param == "" || f.Flag == "" || f.Label == "" || f.usage == "" || f.field == "" {
			t.Errorf("%q: duplicate or incomplete entry %+v", f.Param, f)
		}
		seen[f.Param] = true
		if (f.list == nil) == (f.number == nil) || (f.list != nil) != (f.Kind == AllOf || f.Kind == AnyOf) {
			t.Errorf("%s: a list filter needs a list, a number filter a number", f.Param)
		}
		if f.number != nil && (f.Min < 1 || f.Max < f.Min || f.want == "") {
			t.Errorf("%s: number filter without bounds", f.Param)
		}
		if (f.Facet != "") != (f.facets != nil && f.caseValues != nil) {
			t.Errorf("%s: a facet needs its place in Facets and the case's values", f.Param)
		}
		if got, ok := LookupFilter(f.Param); !ok || got.Param != f.Param {
			t.Errorf("LookupFilter(%q) = %+v, %v", f.Param, got, ok)
		}
		if f.Param != strings.ReplaceAll(f.Flag, "-", "_") {
			t.Errorf("flag %q does not match parameter %q", f.Flag, f.Param)
		}
	}
	if _, ok := LookupFilter("q"); ok {
		t.Errorf("q is not a filter")
	}
	want := []string{"factor", "tag", "sector", "level", "country", "status", "year_from", "year_to", "evidence_min", "completeness"}
	var got []string
	for _, f := range Filters() {
		got = append(got, f.Param)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("filters = %v, want %v", got, want)
	}
}

func TestFilterWithout(t *testing.T) {
	q := Query{Text: "x", Factors: []string{"a", "b"}, EvidenceMin: 3, Page: 4}
	factor, _ := LookupFilter("factor")
	evidence, _ := LookupFilter("evidence_min")
	if got := factor.Without(q, "A"); !reflect.DeepEqual(got.Factors, []string{"b"}) || got.Page != 0 || got.EvidenceMin != 3 {
		t.Errorf("without factor a: %+v", got)
	}
	if got := evidence.Without(q, ""); got.EvidenceMin != 0 || len(got.Factors) != 2 {
		t.Errorf("without evidence: %+v", got)
	}
	if len(q.Factors) != 2 || q.Page != 4 {
		t.Errorf("Without changed its argument: %+v", q)
	}
	if !evidence.Selected(&q) || factor.Selected(&Query{}) {
		t.Errorf("Selected is wrong")
	}
}

func TestFilterNarrow(t *testing.T) {
	q := Query{Text: "x", Factors: []string{"a"}, Countries: []string{"Canada", "Brazil"}, Page: 3}
	factor, _ := LookupFilter("factor")
	country, _ := LookupFilter("country")
	tests := []struct {
		name string
		got  Query
		want string
	}{
		{"all-of gains the value", factor.Narrow(q, "b"), "q=x&factor=a&factor=b&country=Canada&country=Brazil"},
		{"all-of keeps a value it has", factor.Narrow(q, "A"), "q=x&factor=a&country=Canada&country=Brazil"},
		{"any-of is replaced", country.Narrow(q, "Brazil"), "q=x&factor=a&country=Brazil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.got.Encode(); got != tt.want {
				t.Errorf("Encode() = %q, want %q", got, tt.want)
			}
		})
	}
	if len(q.Factors) != 1 || len(q.Countries) != 2 || q.Page != 3 {
		t.Errorf("Narrow changed its argument: %+v", q)
	}
}
