package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// FactorChoice is a factor offered to a writer of a new case: its slug and,
// when its file parses, its title and summary.
type FactorChoice struct{ Slug, Title, Summary string }

// FactorChoices lists the factors under factors/ in fsys, sorted by slug.
func FactorChoices(fsys fs.FS) []FactorChoice {
	seen := map[string]bool{}
	var out []FactorChoice
	_ = fs.WalkDir(fsys, "factors", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !IsContentPath(p) {
			return nil
		}
		slug := strings.TrimSuffix(path.Base(p), ".md")
		if !ValidSlug(slug) || seen[slug] {
			return nil
		}
		seen[slug] = true
		fc := FactorChoice{Slug: slug}
		if data, err := fs.ReadFile(fsys, p); err == nil {
			if f, _ := ParseFactor(p, data); f != nil {
				fc.Title, fc.Summary = f.Title, f.Summary
			}
		}
		out = append(out, fc)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out
}

// FindCase returns the path (relative to the catalogue root) of an existing
// case file with the given slug anywhere under cases/, or "".
func FindCase(fsys fs.FS, slug string) string {
	var found string
	_ = fs.WalkDir(fsys, "cases", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !IsContentPath(p) {
			return nil // a missing or unreadable folder holds no duplicate
		}
		if strings.EqualFold(strings.TrimSuffix(path.Base(p), ".md"), slug) {
			found = p
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// CreateFile writes data to a new file, failing with an error that wraps
// fs.ErrExist when the file is already there: it never overwrites, even a
// file that appeared since the caller last looked. A failed write leaves no
// file behind.
func CreateFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

// CaseFile is the text of the case file for c: the front matter keys that
// have a value, in the contract's order, each value written by the YAML
// encoder (so any text is quoted safely), then the body as it is.
func CaseFile(c *Case) []byte {
	var b strings.Builder
	writeCaseFile(&b, c, nil)
	return []byte(b.String())
}

// Scaffold is the text of a new case file: every front-matter key with a
// hint, the title filled in, the year and the added date taken from today,
// and the four recommended sections. The other required keys (summary,
// country, level, factors) are left empty, so validation names each one
// still to fill in, with its line. factors is left null rather than [],
// because the catalogue reports an empty [] list only when the file has no
// other error. dir is the content folder named in the hints.
func Scaffold(title string, today time.Time, factors []FactorChoice, dir string) []byte {
	c := &Case{Title: title, Year: today.Year(), Added: today.Format(DateLayout)}
	var body strings.Builder
	for i, s := range RecommendedSections {
		fmt.Fprintf(&body, "## %s\n\n%s\n", s, sectionHints[i])
		if i < len(RecommendedSections)-1 {
			body.WriteString("\n")
		}
	}
	c.Body = body.String()
	var b strings.Builder
	writeCaseFile(&b, c, &scaffold{today: today, factors: factors, dir: dir})
	return []byte(b.String())
}

var sectionHints = []string{
	"What problem or need did the public service face, and for whom?",
	"Who did what, when and how: the innovation itself, in plain words.",
	"What changed, as reported by a public source you name; no invented figures.",
	"Which success factors the case shows, and how; a short paragraph for each factor listed above.",
}

// scaffold is what a new case file adds to the keys: hints and the factors
// one may use.
type scaffold struct {
	today   time.Time
	factors []FactorChoice
	dir     string
}

// keyHints are the scaffold's comment after each key and the comment lines
// that follow it ({year} and {today} are filled in).
var keyHints = map[string][]string{
	"title":         {"required, at most 200 characters"},
	"summary":       {"required: one or two plain sentences, at most 400 characters"},
	"country":       {"required: e.g. Canada"},
	"jurisdiction":  {"optional: the province, state, city or region, e.g. Ontario"},
	"level":         {"required: local (city, municipality), regional (region, metro area, county),", "                   provincial (province or state), national, or international (multilateral body)"},
	"year":          {"required: the year it started, 1800 to {next}"},
	"status":        {"optional: pilot, ongoing, completed or discontinued"},
	"organisations": {"optional: who led or delivered it, e.g. [Ontario Cabinet Office]"},
	"sectors":       {"optional: policy areas, e.g. [social services, health]"},
	"tags":          {"optional: free-text tags, e.g. [community hubs, service integration]"},
	"factors":       {"required: at least one factor slug, e.g. [service-users, collaboration]"},
	"sources": {"optional: the public documents the case draws on; a url must start",
		"                   with http:// or https:// and be one you are sure of. For example:",
		"  - title: Name of the report or web page", "    url: https://www.example.org/report"},
	"evidence": {"optional: the Nesta Standards of Evidence level (1 to 5) the sources",
		"                   support: 1 describes what was done and why; 2 data show a change;",
		"                   3 a comparison group shows it caused the change; 4 an independent",
		"                   evaluation confirms it; 5 others replicate it. When unsure, the lower level."},
	"reviewed": {"optional: the date you last checked the case against its sources, e.g. {today}"},
	"added":    {"optional: the date the case entered the catalogue"},
	"outcomes": {"optional: results, each backed by one source listed above. For example:",
		"  - text: Waiting times fell by half.   # required, at most 300 characters",
		"    source: https://www.example.org/report   # the url of a listed source (its title if it has none)",
		"    year: 2018             # optional: the year the result refers to",
		"    independent: true      # optional: the source is not the implementer (auditor, evaluator)"},
}

// writeCaseFile is the one writer of case files: CaseFile without hints,
// Scaffold with them.
func writeCaseFile(b *strings.Builder, c *Case, sc *scaffold) {
	b.WriteString("---\n")
	if sc != nil {
		b.WriteString("# New case. Fill in every empty value, replace the hints under the headings,\n")
		fmt.Fprintf(b, "# then run: casebook validate %s\n", sc.dir)
		b.WriteString("# Write only facts you are sure of, from well-known public sources, and name\n")
		b.WriteString("# them under sources. Never invent figures, quotes or URLs.\n")
	}
	for _, key := range caseKeys {
		v := valueNode(c, key)
		if sc == nil {
			if v != nil {
				b.WriteString(marshalKey(key, v))
			}
			continue
		}
		text := key + ":"
		if v == nil && (key == "organisations" || key == "sectors" || key == "tags") {
			text += " []"
		}
		if v != nil {
			text = strings.TrimSuffix(marshalKey(key, v), "\n")
		}
		r := strings.NewReplacer("{next}", strconv.Itoa(sc.today.Year()+1), "{today}", sc.today.Format(DateLayout))
		hints := keyHints[key]
		fmt.Fprintf(b, "%-18s  # %s\n", text, r.Replace(hints[0]))
		for _, h := range hints[1:] {
			fmt.Fprintf(b, "#%s\n", h)
		}
		if key == "factors" {
			writeFactorHints(b, sc)
		}
	}
	b.WriteString("---\n")
	b.WriteString(c.Body)
}

func writeFactorHints(b *strings.Builder, sc *scaffold) {
	if len(sc.factors) == 0 {
		fmt.Fprintf(b, "#   no factors found in %s; add factors/<slug>.md first\n", filepath.Join(sc.dir, "factors"))
		return
	}
	b.WriteString("#   the factors you can use:\n")
	width := 0
	for _, f := range sc.factors {
		width = max(width, len(f.Slug))
	}
	for _, f := range sc.factors {
		if f.Title == "" {
			fmt.Fprintf(b, "#   %s\n", f.Slug)
		} else {
			fmt.Fprintf(b, "#   %-*s  %s\n", width, f.Slug, strings.Join(strings.Fields(f.Title), " "))
		}
	}
}

// marshalKey writes one front-matter key and its value with the YAML encoder.
func marshalKey(key string, v *yaml.Node) string {
	m := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str(key), v}}
	var b strings.Builder
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		// The encoder fails only on nodes it cannot represent; ours are plain.
		return key + ":\n"
	}
	enc.Close()
	return b.String()
}

// valueNode is the YAML value of a case's front-matter key, or nil when the
// case has none.
func valueNode(c *Case, key string) *yaml.Node {
	switch key {
	case "title":
		return optStr(c.Title)
	case "summary":
		return optStr(c.Summary)
	case "country":
		return optStr(c.Country)
	case "jurisdiction":
		return optStr(c.Jurisdiction)
	case "level":
		return optStr(c.Level)
	case "year":
		return optInt(c.Year)
	case "status":
		return optStr(c.Status)
	case "organisations":
		return flowList(c.Organisations)
	case "sectors":
		return flowList(c.Sectors)
	case "tags":
		return flowList(c.Tags)
	case "factors":
		return flowList(c.Factors)
	case "sources":
		return sourcesNode(c.Sources)
	case "evidence":
		return optInt(c.Evidence)
	case "reviewed":
		return optDate(c.Reviewed)
	case "added":
		return optDate(c.Added)
	case "outcomes":
		return outcomesNode(c.Outcomes)
	}
	return nil
}

func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func optStr(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	return str(s)
}

// optDate writes a real YYYY-MM-DD date unquoted, as editors write it; any
// other text is a quoted string, so the parser names the problem.
func optDate(s string) *yaml.Node {
	if _, err := time.Parse(DateLayout, s); err == nil {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s}
	}
	return optStr(s)
}

func optInt(n int) *yaml.Node {
	if n == 0 {
		return nil
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(n)}
}

func flowList(items []string) *yaml.Node {
	if len(items) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

func mapping(kv ...*yaml.Node) *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode, Content: kv} }

func sourcesNode(sources []Source) *yaml.Node {
	if len(sources) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range sources {
		m := mapping(str("title"), str(s.Title))
		if s.URL != "" {
			m.Content = append(m.Content, str("url"), str(s.URL))
		}
		n.Content = append(n.Content, m)
	}
	return n
}

func outcomesNode(outcomes []Outcome) *yaml.Node {
	if len(outcomes) == 0 {
		return nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, o := range outcomes {
		src := o.Source.URL
		if src == "" {
			src = o.Source.Title
		}
		m := mapping(str("text"), str(o.Text), str("source"), str(src))
		if y := optInt(o.Year); y != nil {
			m.Content = append(m.Content, str("year"), y)
		}
		if o.Independent {
			m.Content = append(m.Content, str("independent"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		n.Content = append(n.Content, m)
	}
	return n
}

// MaxTitleLen is the longest case title allowed, in characters.
const MaxTitleLen = 200

// NewCaseTitle checks the title of a new case (as `casebook new --title`
// takes it): its runs of white space collapsed, it must be UTF-8 text of 1 to
// MaxTitleLen characters that gives a valid slug. It returns the title and
// its slug, or an error that names the flag.
func NewCaseTitle(raw string) (title, slug string, err error) {
	if !utf8.ValidString(raw) {
		return "", "", errors.New("--title is not valid UTF-8 text")
	}
	title = strings.Join(strings.Fields(raw), " ")
	if title == "" {
		return "", "", errors.New(`missing --title, e.g. casebook new --title "Ontario Community Hubs"`)
	}
	if n := utf8.RuneCountInString(title); n > MaxTitleLen {
		return "", "", fmt.Errorf("--title is %d characters; the limit is %d", n, MaxTitleLen)
	}
	if slug = Slugify(title); !ValidSlug(slug) {
		return "", "", fmt.Errorf("--title %q gives no file name: it needs at least one letter a-z or digit (accents are folded, so é counts)", title)
	}
	return title, slug, nil
}
