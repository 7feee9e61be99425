// Package corpus generates synthetic Casebook catalogues for benchmarks and
// load tests: N valid cases with realistic front matter and Markdown bodies
// of about 2 KB in the four recommended sections, plus the default
// catalogue's factor files and synonyms. The output depends only on n and
// the seed, and case i is the same whatever n is, so a 1k corpus is the
// first thousand cases of the 10k one.
package corpus

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/content"
)

// Corpus is a generated catalogue.
type Corpus struct {
	Cases   []Case
	Factors []File // factors/*.md, copied from the default catalogue
	Extra   []File // synonyms.yaml
}

// File is one file of the catalogue, with its path relative to the root.
type File struct {
	Path string
	Data []byte
}

// Case is one generated case file.
type Case struct {
	File
	Body []byte // the Markdown body, after the front matter
}

// FactorSlugs returns the slugs of the factors the corpus uses.
func FactorSlugs() []string {
	entries, err := fs.ReadDir(content.FS, "factors")
	if err != nil {
		panic(err)
	}
	var out []string
	for _, e := range entries {
		if name := e.Name(); strings.HasSuffix(name, ".md") {
			out = append(out, strings.TrimSuffix(name, ".md"))
		}
	}
	sort.Strings(out)
	return out
}

// Generate returns n cases generated from seed.
func Generate(n int, seed uint64) *Corpus {
	c := &Corpus{Cases: make([]Case, n)}
	factors := FactorSlugs()
	for _, slug := range factors {
		p := "factors/" + slug + ".md"
		data, err := fs.ReadFile(content.FS, p)
		if err != nil {
			panic(err)
		}
		c.Factors = append(c.Factors, File{p, data})
	}
	syn, err := fs.ReadFile(content.FS, catalog.SynonymsFile)
	if err != nil {
		panic(err)
	}
	c.Extra = []File{{catalog.SynonymsFile, syn}}

	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				c.Cases[i] = generateCase(i, seed, factors)
			}
		}()
	}
	wg.Wait()
	return c
}

// Files returns every file of the corpus: cases, factors, synonyms.
func (c *Corpus) Files() []File {
	out := make([]File, 0, len(c.Cases)+len(c.Factors)+len(c.Extra))
	for _, cs := range c.Cases {
		out = append(out, cs.File)
	}
	out = append(out, c.Factors...)
	return append(out, c.Extra...)
}

// FS returns the corpus as an in-memory file system, the layout
// catalog.Load reads.
func (c *Corpus) FS() fstest.MapFS {
	m := fstest.MapFS{}
	for _, f := range c.Files() {
		m[f.Path] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return m
}

// WriteDir writes the corpus below dir, creating cases/ and factors/.
func (c *Corpus) WriteDir(dir string) error {
	for _, sub := range []string{"cases", "factors"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return err
		}
	}
	files := c.Files()
	errs := make([]error, len(files))
	workers := min(runtime.GOMAXPROCS(0)*2, max(len(files), 1))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(files); i += workers {
				errs[i] = os.WriteFile(filepath.Join(dir, filepath.FromSlash(files[i].Path)), files[i].Data, 0o644)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// gen draws words for one case.
type gen struct {
	r *rand.Rand
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// zipf picks from list with early entries far more likely, as word
// frequencies in real text are.
func (g *gen) zipf(list []string) string {
	x := g.r.Float64()
	return list[int(x*x*float64(len(list)))]
}

func (g *gen) some(list []string, lo, hi int) []string {
	k := lo + g.r.IntN(hi-lo+1)
	idx := g.r.Perm(len(list))[:k]
	sort.Ints(idx)
	out := make([]string, k)
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}

// name is a made-up proper name: a long tail of rare terms.
func (g *gen) name() string {
	var b strings.Builder
	for range 2 + g.r.IntN(2) {
		b.WriteString(g.pick(syllables))
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// yamlQuote writes s as a double-quoted YAML scalar.
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

func yamlList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = yamlQuote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// generateCase builds case i. Its random stream depends only on seed and i.
func generateCase(i int, seed uint64, factors []string) Case {
	g := &gen{r: rand.New(rand.NewPCG(seed, uint64(i)*0x9E3779B97F4A7C15+1))}
	pl := places[int(g.r.Float64()*g.r.Float64()*float64(len(places)))] // a few countries dominate
	jurisdiction := ""
	if len(pl.jurisdictions) > 0 && g.r.IntN(5) > 0 {
		jurisdiction = g.pick(pl.jurisdictions)
	}
	where := pl.country
	if jurisdiction != "" {
		where = jurisdiction
	}
	level := "national"
	w := g.r.IntN(100)
	for _, lw := range levelWeights {
		if w < lw.weight {
			level = lw.level
			break
		}
		w -= lw.weight
	}
	year := 1990 + int(35*(1-g.r.Float64()*g.r.Float64())) // recent years are more common
	status := g.pick(statuses)
	noun := g.pick(titleNouns)
	title := fmt.Sprintf("%s %s %s %s", where, g.pick(titleAdjectives), g.pick(titleSubjects), noun)
	slug := catalog.Slugify(title)
	if len(slug) > catalog.MaxSlugLen-8 {
		slug = strings.TrimRight(slug[:catalog.MaxSlugLen-8], "-")
	}
	slug += "-" + strconv.Itoa(i+1)
	caseSectors := g.some(sectors, 1, 3)
	caseTags := make([]string, 0, 6)
	for _, t := range g.some(tags, 2, 6) {
		caseTags = append(caseTags, t)
	}
	caseFactors := g.some(factors, 1, 4)
	g.r.Shuffle(len(caseFactors), func(a, b int) { caseFactors[a], caseFactors[b] = caseFactors[b], caseFactors[a] })
	var orgs []string
	for range 1 + g.r.IntN(3) {
		orgs = append(orgs, fmt.Sprintf(g.pick(orgKinds), g.pick(orgTopics)))
	}
	orgs = dedupe(orgs)
	problem := g.zipf(problems)
	thing := g.zipf(things)
	group := g.zipf(groups)
	goal := g.zipf(goals)
	summary := fmt.Sprintf("%s %s %s in %d to %s for %s facing %s.",
		capitalise(g.zipf(actors)), g.zipf(verbsPast), thing, year, goal, group, problem)
	if g.r.IntN(2) == 0 {
		summary += fmt.Sprintf(" The %s now serves %s across %s.", strings.ToLower(noun), group, where)
	}

	var fm strings.Builder
	fm.WriteString("---\n")
	fmt.Fprintf(&fm, "title: %s\n", yamlQuote(title))
	fmt.Fprintf(&fm, "summary: %s\n", yamlQuote(summary))
	fmt.Fprintf(&fm, "country: %s\n", yamlQuote(pl.country))
	if jurisdiction != "" {
		fmt.Fprintf(&fm, "jurisdiction: %s\n", yamlQuote(jurisdiction))
	}
	fmt.Fprintf(&fm, "level: %s\n", level)
	fmt.Fprintf(&fm, "year: %d\n", year)
	if status != "" {
		fmt.Fprintf(&fm, "status: %s\n", status)
	}
	fmt.Fprintf(&fm, "organisations: %s\n", yamlList(orgs))
	fmt.Fprintf(&fm, "sectors: %s\n", yamlList(caseSectors))
	fmt.Fprintf(&fm, "tags: %s\n", yamlList(caseTags))
	fmt.Fprintf(&fm, "factors: [%s]\n", strings.Join(caseFactors, ", "))
	if k := g.r.IntN(4); k > 0 {
		fm.WriteString("sources:\n")
		for s := range k {
			fmt.Fprintf(&fm, "  - title: %s\n", yamlQuote(fmt.Sprintf("%s: %s report %d", orgs[s%len(orgs)], g.pick([]string{"annual", "evaluation", "progress", "final", "interim"}), year+s)))
			if g.r.IntN(4) > 0 {
				fmt.Fprintf(&fm, "    url: https://example.org/%s/report-%d\n", slug, s+1)
			}
		}
	}
	fm.WriteString("---\n\n")

	body := g.body(where, year, orgs, caseTags, caseSectors, problem, thing, group, goal, noun)
	data := append([]byte(fm.String()), body...)
	return Case{File: File{Path: path.Join("cases", slug+".md"), Data: data}, Body: body}
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	out := in[:0]
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// body writes the four sections, about 2 KB in all.
func (g *gen) body(where string, year int, orgs, tags, sectors []string, problem, thing, group, goal, noun string) []byte {
	var b strings.Builder
	person := g.pick(firstNames) + " " + g.name()
	org := orgs[0]
	sentence := func(kind int) string {
		switch kind {
		case 0:
			return fmt.Sprintf("%s faced %s in %s, and %s said the system was hard to use.", capitalise(g.zipf(actors)), g.zipf(problems), g.pick(sectors), g.zipf(groups))
		case 1:
			return fmt.Sprintf("%s reported %s, while %s made matters worse for %s.", capitalise(g.zipf(groups)), g.zipf(problems), g.zipf(problems), g.zipf(groups))
		case 2:
			return fmt.Sprintf("In %d, %s %s %s to %s.", year+g.r.IntN(3), g.zipf(actors), g.zipf(verbsPast), g.zipf(things), g.zipf(goals))
		case 3:
			return fmt.Sprintf("The %s worked with %s and %s to %s.", strings.ToLower(noun), g.zipf(groups), g.zipf(groups), g.zipf(goals))
		case 4:
			return fmt.Sprintf("%s, who led the work at the %s, said the aim was to %s for %s.", person, org, g.zipf(goals), group)
		case 5:
			return fmt.Sprintf("%s %s by %d per cent within %d months.", capitalise(g.zipf(measures)), g.pick(changes), 5+g.r.IntN(60), 3+g.r.IntN(30))
		case 6:
			return fmt.Sprintf("By %d, more than %d %s had used the service in %s.", year+1+g.r.IntN(5), 100*(1+g.r.IntN(500)), g.zipf(groups), where)
		case 7:
			return fmt.Sprintf("An evaluation by %s found that %s %s and %s %s.", g.name()+" "+g.pick([]string{"Institute", "University", "Consulting", "Foundation"}), g.zipf(measures), g.pick(changes), g.zipf(measures), g.pick(changes))
		case 8:
			two := g.some(tags, min(2, len(tags)), min(2, len(tags)))
			return fmt.Sprintf("The team %s %s %s, drawing on %s.", g.pick(adverbs), g.zipf(verbsPast), g.zipf(things), strings.Join(two, " and "))
		case 9:
			return fmt.Sprintf("Officials in %s had tried %s before, but %s remained.", where, g.zipf(things), g.zipf(problems))
		case 10:
			return fmt.Sprintf("Staff from the %s and partners such as %s met %s every week to review the %s.", org, g.name(), g.zipf(groups), strings.ToLower(noun))
		default:
			return fmt.Sprintf("The public service in %s used %s to %s, with data shared between agencies.", where, g.pick(tags), g.zipf(goals))
		}
	}
	para := func(kinds ...int) {
		n := 3 + g.r.IntN(3)
		for s := range n {
			if s > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sentence(kinds[g.r.IntN(len(kinds))]))
		}
		b.WriteString("\n\n")
	}

	b.WriteString("## Challenge\n\n")
	fmt.Fprintf(&b, "Before %d, %s in %s faced **%s**. ", year, group, where, problem)
	para(0, 1, 9, 11)
	b.WriteString("## What they did\n\n")
	fmt.Fprintf(&b, "The %s %s %s to %s. ", org, g.zipf(verbsPast), thing, goal)
	para(2, 3, 4, 8, 10)
	para(2, 3, 8, 10, 11)
	if g.r.IntN(3) == 0 {
		for range 3 {
			fmt.Fprintf(&b, "- %s %s for %s\n", capitalise(g.zipf(verbsPast)), g.zipf(things), g.zipf(groups))
		}
		b.WriteString("\n")
	}
	b.WriteString("## Results\n\n")
	para(5, 6, 7)
	if g.r.IntN(4) == 0 {
		fmt.Fprintf(&b, "The [final report](https://example.org/%s/%d) sets out the figures in full.\n\n", strings.ToLower(g.name()), year)
	}
	b.WriteString("## Lessons\n\n")
	for range 3 + g.r.IntN(2) {
		fmt.Fprintf(&b, "- %s, %s.\n", g.pick(lessonStarts), g.pick(lessonEnds))
	}
	return []byte(b.String())
}
