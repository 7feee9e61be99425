package search

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/searcher"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/parallel"
)

// batchSize is how many documents go into one index batch.
const batchSize = 1000

// Index is a searchable catalogue. It is safe for concurrent use and never
// changes once built: a new catalogue gets a new Index.
type Index struct {
	cat      *catalog.Catalog
	idx      bleve.Index
	prose    analysis.Analyzer
	exact    analysis.Analyzer
	synonyms *synonymSet
	labels   *Labels       // how facet values are shown
	words    *wordAnalyzer // for highlights; nil: analyse texts in full
	terms    *termTable    // analysed texts, for highlights (tokens.go)
	// bleveFuzzy makes typo clauses bleve fuzzy queries, as before the
	// vocabulary served them (for TestSameResultsAsBefore).
	bleveFuzzy bool
	facets     *facetTable // facet values of every case, numbered
	disk       *diskState  // nil for an index in memory
	opened     OpenStats   // what Open did

	vocabState // the unstemmed field's terms, read on first use (vocab.go)

	relatedMu sync.Mutex
	related   map[string][]*catalog.Case
}

// document is what the index holds for one case.
type document struct {
	Title     string `json:"title"`
	Summary   string `json:"summary"`
	Body      string `json:"body"`
	Extra     string `json:"extra"`
	Exact     string `json:"exact"`
	TitleSort string `json:"title_sort"`
	TitleKey  string `json:"title_key"`
	Key       string `json:"key"`
	// Keyword fields, filled by the filter table's caseValues functions.
	Factor       []string `json:"factor"`
	Tag          []string `json:"tag"`
	Sector       []string `json:"sector"`
	Level        []string `json:"level"`
	Country      []string `json:"country"`
	Status       []string `json:"status"`
	Completeness []string `json:"completeness"`
	Year         float64  `json:"year"`
	Evidence     float64  `json:"evidence"`
}

func init() {
	// Generous, but keeps a query from expanding without bound.
	searcher.DisjunctionMaxClauseCount = 8192
}

// New builds an in-memory index of every case in cat.
func New(cat *catalog.Catalog) (*Index, error) {
	m, err := indexMapping()
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index: %w", err)
	}
	ix, err := newIndex(cat, idx)
	if err != nil {
		idx.Close()
		return nil, err
	}
	if err := ix.addCases(cat.Cases); err != nil {
		idx.Close()
		return nil, err
	}
	return ix, nil
}

// newIndex wraps an open bleve index for cat without adding documents.
func newIndex(cat *catalog.Catalog, idx bleve.Index) (*Index, error) {
	m := idx.Mapping()
	ix := &Index{
		cat:      cat,
		idx:      idx,
		prose:    m.AnalyzerNamed(proseAnalyzer),
		exact:    m.AnalyzerNamed(exactAnalyzer),
		synonyms: newSynonymSet(cat.Synonyms),
		labels:   NewLabels(cat),
		related:  map[string][]*catalog.Case{},
	}
	if ix.prose == nil || ix.exact == nil {
		return nil, fmt.Errorf("index mapping lacks the casebook analyzers")
	}
	ix.words = newWordAnalyzer(ix.prose, ix.exact)
	ix.terms = newTermTable()
	ix.facets = newFacetTable(cat)
	return ix, nil
}

// addCases indexes cases in batches. Two batches are built at once: much of
// a batch's work (mapping documents, building the segment) runs on one
// goroutine, so a second batch keeps another CPU busy.
func (ix *Index) addCases(cases []*catalog.Case) error { return ix.addBatches(cases, batchSize) }

// addBatches is addCases with batches of size cases.
func (ix *Index) addBatches(cases []*catalog.Case, size int) error {
	n := (len(cases) + size - 1) / size
	errs := make([]error, n)
	var failed atomic.Bool
	parallel.For(n, min(2, runtime.GOMAXPROCS(0)), func(i int) {
		if failed.Load() {
			return // another batch failed: stop early
		}
		if errs[i] = ix.indexBatch(cases[i*size : min(len(cases), (i+1)*size)]); errs[i] != nil {
			failed.Store(true)
		}
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// indexBatch indexes cases in one batch.
func (ix *Index) indexBatch(cases []*catalog.Case) error {
	b := ix.idx.NewBatch()
	for _, c := range cases {
		if err := b.Index(c.Slug, ix.document(c)); err != nil {
			return fmt.Errorf("index %s: %w", c.Path, err)
		}
	}
	if err := ix.idx.Batch(b); err != nil {
		return fmt.Errorf("index batch: %w", err)
	}
	return nil
}

// document builds the indexed form of a case.
func (ix *Index) document(c *catalog.Case) document {
	var extra []string
	extra = append(extra, c.Tags...)
	extra = append(extra, c.Sectors...)
	extra = append(extra, c.Organisations...)
	extra = append(extra, c.Jurisdiction, c.Country, strconv.Itoa(c.Year))
	for _, slug := range c.Factors {
		if f, ok := ix.cat.Factor(slug); ok {
			extra = append(extra, f.Title)
			extra = append(extra, f.Aliases...)
		}
	}
	extraText := strings.Join(extra, ". ")
	return document{
		Title:        c.Title,
		Summary:      c.Summary,
		Body:         c.Text,
		Extra:        extraText,
		Exact:        strings.Join([]string{c.Title, c.Summary, c.Text, extraText}, "\n"),
		TitleSort:    catalog.Fold(c.Title),
		TitleKey:     titleKey(c.Title),
		Key:          c.Slug,
		Factor:       caseFactors(c),
		Tag:          caseTags(c),
		Sector:       caseSectors(c),
		Level:        caseLevel(c),
		Country:      caseCountry(c),
		Status:       caseStatus(c),
		Completeness: caseCompleteness(c),
		Year:         float64(c.Year),
		Evidence:     float64(c.Evidence),
	}
}

// titleKey is a title reduced to its words, for exact-title matches.
func titleKey(s string) string {
	return strings.Join(strings.Fields(cleanWords(catalog.Fold(s))), " ")
}

// Labels returns how the values of the indexed catalogue are shown.
func (ix *Index) Labels() *Labels { return ix.labels }

// Close releases the index.
func (ix *Index) Close() error { return ix.idx.Close() }
