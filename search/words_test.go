package search

import (
	"context"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
	"github.com/casebook/casebook/internal/corpus"
)

func tokenizerWords(text string) []span {
	out := []span{}
	for _, t := range unicode.NewUnicodeTokenizer().Tokenize([]byte(text)) {
		out = append(out, span{t.Start, t.End})
	}
	return out
}

func checkASCIIWords(t *testing.T, text string) {
	t.Helper()
	got, ok := asciiWords(text, []span{})
	if !ok {
		return
	}
	if want := tokenizerWords(text); !reflect.DeepEqual(got, want) {
		t.Fatalf("asciiWords(%q)\n got %v\nwant %v", text, got, want)
	}
}

// TestASCIIWordsMatchTokenizer checks the fast ASCII word splitter against
// bleve's Unicode tokenizer on random strings of the characters that
// matter to word segmentation, and on real and generated case texts.
func TestASCIIWordsMatchTokenizer(t *testing.T) {
	alphabet := "aZb09_:.',;- \n\r\t\"!?()/#&@$%*+=<>[]{}|~`^\\x1"
	r := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		checkASCIIWords(t, b.String())
	}
	for _, s := range []string{"", "a", "_", "___", "a.b.c", "3.5", "1,000.50", "can't", "U.S.", "e-Residency", "a_.b", "1_.2", "a1.2", "a.1", "1.a", "x:y", "1:2", "a;b", "1;2", "'a'", "a''b", "a..b", "end."} {
		checkASCIIWords(t, s)
	}
	cat, err := catalog.Load(content.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cat.Cases {
		checkASCIIWords(t, c.Summary)
		checkASCIIWords(t, c.Text)
	}
	for _, c := range corpus.Generate(200, 1).Cases {
		checkASCIIWords(t, string(c.Body))
	}
}

func FuzzASCIIWords(f *testing.F) {
	f.Add("can't stop U.S. 3.5 a_b")
	f.Fuzz(func(t *testing.T, s string) { checkASCIIWords(t, s) })
}

// TestHighlightsSameAsFullAnalysis checks that highlights found through the
// word cache are the ones full analysis of each text finds.
func TestHighlightsSameAsFullAnalysis(t *testing.T) {
	ix := embeddedIndex(t)
	if ix.words == nil {
		t.Fatal("the word analyzer is off for Casebook's own analyzers")
	}
	texts := []string{"Medellín's Über-café: participatory budgeting, e-Residency and the once-only principle.", "Ideas from staff; 1,000.5 people's budgets"}
	for _, c := range ix.cat.Cases {
		texts = append(texts, c.Summary, c.Text)
	}
	for _, q := range []string{"budget", "participatory budgeting", "medellin cafe", "servce users", "digital identity", "e-residency", "leadership staff ideas", "the people"} {
		plan := ix.planText(parseText(q), true, false)
		for _, text := range texts {
			got := ix.spans(text, plan.marks)
			want := ix.spansAnalyzed(text, plan.marks)
			if len(got) == 0 && len(want) == 0 {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("query %q, text %.60q:\n got %v\nwant %v", q, text, got, want)
			}
		}
	}
	// And a whole search still highlights.
	resp, err := ix.Search(context.Background(), Query{Text: "participatory budgeting"})
	if err != nil || resp.Total == 0 || len(resp.Results[0].Highlights) == 0 {
		t.Fatalf("search: %v, %+v", err, resp)
	}
}
