package search

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/analysis/tokenmap"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/casebook/casebook/catalog"
)

// Analyzer and field names.
const (
	proseAnalyzer = "casebook_en"    // English: folded, stop words, Porter stems
	exactAnalyzer = "casebook_exact" // words as written, lower-cased and folded
	foldFilter    = "casebook_fold"
	stopFilter    = "casebook_stop"
	stopWords     = "casebook_stop_words"

	fieldTitle        = "title"
	fieldSummary      = "summary"
	fieldBody         = "body"
	fieldExtra        = "extra" // tags, sectors, organisations, place, factor names
	fieldExact        = "exact" // all text, unstemmed, for typo tolerance
	fieldTitleSort    = "title_sort"
	fieldTitleKey     = "title_key" // the whole title, folded, for exact-title matches
	fieldKey          = "key"       // the slug, read per hit to count facets (facets.go)
	fieldFactor       = "factor"
	fieldTag          = "tag"
	fieldSector       = "sector"
	fieldLevel        = "level"
	fieldCountry      = "country"
	fieldStatus       = "status"
	fieldYear         = "year"
	fieldEvidence     = "evidence"     // number 1..5, 0 if unset
	fieldCompleteness = "completeness" // complete, partial, stub
)

// englishStopWords is Lucene's short English stop list: words too common to
// rank by. The longer Snowball list would drop words people search for,
// such as "once", "only" and "own".
var englishStopWords = []any{"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in",
	"into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
	"these", "they", "this", "to", "was", "will", "with"}

// indexMapping declares the whole index: English analysis for prose, an
// unstemmed companion field for typo tolerance, keyword fields (values
// lower-cased before indexing) for filters and facets, and a numeric year.
func indexMapping() (mapping.IndexMapping, error) {
	if err := registerFold(); err != nil {
		return nil, err
	}
	m := bleve.NewIndexMapping()
	if err := m.AddCustomTokenMap(stopWords, map[string]any{"type": tokenmap.Name, "tokens": englishStopWords}); err != nil {
		return nil, err
	}
	if err := m.AddCustomTokenFilter(stopFilter, map[string]any{"type": stop.Name, "stop_token_map": stopWords}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(proseAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{en.PossessiveName, foldFilter, stopFilter, porter.Name},
	}); err != nil {
		return nil, err
	}
	if err := m.AddCustomAnalyzer(exactAnalyzer, map[string]any{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []any{foldFilter},
	}); err != nil {
		return nil, err
	}

	prose := func(termVectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = proseAnalyzer
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = false
		f.IncludeTermVectors = termVectors // phrases need positions
		return f
	}
	exact := bleve.NewTextFieldMapping()
	exact.Analyzer = exactAnalyzer
	exact.Store, exact.IncludeInAll, exact.DocValues, exact.IncludeTermVectors = false, false, false, false

	facet := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues // facets and sorts read doc values
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, prose(true))
	doc.AddFieldMappingsAt(fieldSummary, prose(true))
	doc.AddFieldMappingsAt(fieldBody, prose(true))
	doc.AddFieldMappingsAt(fieldExtra, prose(true))
	doc.AddFieldMappingsAt(fieldExact, exact)
	doc.AddFieldMappingsAt(fieldTitleSort, facet(true))
	doc.AddFieldMappingsAt(fieldTitleKey, facet(false))
	doc.AddFieldMappingsAt(fieldKey, facet(true))
	for _, f := range filters {
		if f.Kind == AllOf || f.Kind == AnyOf {
			doc.AddFieldMappingsAt(f.field, facet(true))
		}
	}
	number := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store, f.IncludeInAll, f.DocValues = false, false, true
		return f
	}
	doc.AddFieldMappingsAt(fieldYear, number())
	doc.AddFieldMappingsAt(fieldEvidence, number())

	m.DefaultMapping = doc
	m.DefaultAnalyzer = proseAnalyzer
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	return m, nil
}

// foldTokens lower-cases tokens and folds accents (Medellín → medellin),
// keeping byte offsets into the original text so highlights line up.
type foldTokens struct{}

func (foldTokens) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, t := range input {
		ascii := true
		for _, b := range t.Term {
			if b >= utf8.RuneSelf || b >= 'A' && b <= 'Z' {
				ascii = false
				break
			}
		}
		if !ascii {
			t.Term = []byte(catalog.Fold(string(t.Term)))
		}
	}
	return input
}

var (
	registerOnce sync.Once
	registerErr  error
)

// registerFold adds the folding token filter to bleve's registry, once.
func registerFold() error {
	registerOnce.Do(func() {
		registerErr = registry.RegisterTokenFilter(foldFilter, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return foldTokens{}, nil
		})
	})
	return registerErr
}
