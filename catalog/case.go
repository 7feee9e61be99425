package catalog

import (
	"html/template"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Levels are the allowed values of a case's level, from the most local.
var Levels = []string{"local", "regional", "provincial", "national", "international"}

// Statuses are the allowed values of a case's status.
var Statuses = []string{"pilot", "ongoing", "completed", "discontinued"}

// Case is one case study of public-sector innovation.
type Case struct {
	Slug          string
	Path          string // file path relative to the catalogue root
	Title         string
	Summary       string
	Country       string
	Jurisdiction  string
	Level         string
	Year          int
	Status        string
	Organisations []string
	Sectors       []string
	Tags          []string
	Factors       []string // factor slugs
	Sources       []Source
	Evidence      int       // Nesta Standards of Evidence level 1..5; 0 when unset
	Reviewed      string    // YYYY-MM-DD an editor last checked the case, or ""
	Added         string    // YYYY-MM-DD the case entered the catalogue, or ""
	Outcomes      []Outcome // results, each backed by one of Sources
	Completeness  string    // derived: CompletenessComplete, CompletenessPartial or CompletenessStub

	Body     string        // Markdown body as written
	BodyHTML template.HTML // rendered once at load, safe to show
	Headings []Heading     // level 2 and 3 headings, for a table of contents
	Text     string        // plain text of the body, for the index

	factorLines  map[string]int // file line of each factor entry, for later checks
	reviewedLine int            // file line of the reviewed key, 0 when absent
	links        []siteLink     // body links to case and factor pages
	missing      []string       // recommended sections the body lacks
	bodyLine     int            // file line of the first body line
	countryLine  int            // file line of the country key, 0 when absent
}

// Source is a document the case draws on.
type Source struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// URL is the case's path on the web catalogue.
func (c *Case) URL() string { return "/cases/" + c.Slug }

// Place is the jurisdiction and country, e.g. "Ontario, Canada".
func (c *Case) Place() string {
	if c.Jurisdiction == "" || strings.EqualFold(c.Jurisdiction, c.Country) {
		return c.Country
	}
	return c.Jurisdiction + ", " + c.Country
}

var caseKeys = []string{"title", "summary", "country", "jurisdiction", "level", "year", "status",
	"organisations", "sectors", "tags", "factors", "sources",
	"evidence", "reviewed", "added", "outcomes"}

// ParseCase parses one case file. path is the file's path relative to the
// catalogue root and gives the slug. The case is nil when the file has errors
// that keep it from being shown; factor slugs are not checked here (see Tree).
func ParseCase(path string, data []byte) (*Case, Problems) {
	c, problems := parseCase(path, data)
	if problems.HasErrors() {
		return nil, problems
	}
	return c, problems
}

// parseCase parses one case file as far as it can: the case is partial when
// the file has errors, so that the checks against other files can still run,
// and nil only when its front matter cannot be read at all.
func parseCase(path string, data []byte) (*Case, Problems) {
	slug, doc, f, pl := openDocument(path, data, caseKeys)
	if f == nil {
		if doc != nil {
			lintBody(doc.body, doc.bodyLine, false, pl) // the body's problems come in the same pass
		}
		return nil, pl.list
	}
	c := &Case{
		Slug:         slug,
		Path:         path,
		Title:        f.str("title", true, 200),
		Summary:      f.str("summary", true, 400),
		Country:      f.str("country", true, 100),
		Jurisdiction: f.str("jurisdiction", false, 100),
		Level:        f.oneOf("level", true, Levels),
		Status:       f.oneOf("status", false, Statuses),
	}
	if year, ok := f.integer("year", true); ok {
		maxYear := now().Year() + 1
		if year < 1800 || year > maxYear {
			f.pl.errorf(f.nodeLine("year", f.keys["year"]), "year %d is out of range: it must be between 1800 and %d", year, maxYear)
		}
		c.Year = year
	}
	c.Organisations = values(f.list("organisations", false))
	c.Sectors = values(f.list("sectors", false))
	c.Tags = values(f.list("tags", false))
	factors := f.list("factors", true)
	c.factorLines = map[string]int{}
	for _, it := range factors {
		slug := strings.ToLower(it.value)
		if _, dup := c.factorLines[slug]; dup {
			continue
		}
		c.Factors = append(c.Factors, slug)
		c.factorLines[slug] = it.line
	}
	c.Sources = f.sources("sources")
	c.Evidence = f.evidence("evidence")
	today := today()
	c.Reviewed = f.date("reviewed", today)
	c.reviewedLine = f.line["reviewed"]
	c.countryLine = f.line["country"]
	c.Added = f.date("added", today)
	c.Outcomes = f.outcomes("outcomes", c.Sources)
	r, err := RenderMarkdown(doc.body)
	if err != nil {
		pl.errorf(doc.bodyLine, "body could not be rendered: %v", err)
	}
	c.Body, c.BodyHTML, c.Headings, c.Text = string(doc.body), r.HTML, r.Headings, r.Text
	empty := strings.TrimSpace(c.Text) == ""
	if empty {
		pl.warnf(doc.bodyLine, "the body is empty; add the sections ## Challenge, ## What they did, ## Results and ## Lessons")
	}
	c.links, c.missing = lintBody(doc.body, doc.bodyLine, !empty, pl)
	c.bodyLine = doc.bodyLine
	c.Completeness = completeness(c)
	return c, pl.list
}

// oneOf reads a key whose value must be one of allowed (case-insensitive).
func (f *fields) oneOf(key string, required bool, allowed []string) string {
	s := strings.ToLower(f.str(key, required, 0))
	if s == "" {
		return ""
	}
	if !contains(allowed, s) {
		msg := key + " must be one of " + strings.Join(allowed, ", ") + " (got \"" + s + "\")"
		if near := nearest(s, allowed, 2); near != "" {
			msg += "; did you mean \"" + near + "\"?"
		}
		f.pl.errorf(f.nodeLine(key, f.keys[key]), "%s", msg)
		return ""
	}
	return s
}

// entries returns the items of a key that holds a list of entries (none
// when the key is absent or empty), reporting a value that is not a list;
// parts names what each entry holds, for the message.
func (f *fields) entries(key, parts string) []*yaml.Node {
	n, ok := f.keys[key]
	if !ok || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		f.pl.errorf(f.nodeLine(key, n), "%s must be a list of entries with %s (got %s)", key, parts, describe(n))
		return nil
	}
	return n.Content
}

// sources reads the sources list: each entry a title and an optional http(s) url.
func (f *fields) sources(key string) []Source {
	var out []Source
	for _, item := range f.entries(key, "title and url") {
		line := f.nodeLine(key, item)
		if item.Kind == yaml.ScalarNode && item.Tag != "!!null" {
			// A bare title is allowed: "- Some report".
			if t := strings.TrimSpace(item.Value); t != "" {
				out = append(out, Source{Title: t})
				continue
			}
		}
		if item.Kind != yaml.MappingNode {
			f.pl.errorf(line, "each source needs a title (and optionally a url), like: - title: Annual report")
			continue
		}
		var s Source
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			kline := f.fileLine(k.Line)
			if v.Kind != yaml.ScalarNode {
				f.pl.errorf(kline, "source %s must be text, not a %s", k.Value, kindName(v))
				continue
			}
			switch k.Value {
			case "title":
				s.Title = strings.TrimSpace(v.Value)
			case "url":
				s.URL = strings.TrimSpace(v.Value)
				if s.URL != "" && !isHTTPURL(s.URL) {
					f.pl.errorf(kline, "source url %q must start with http:// or https://", s.URL)
				}
			default:
				f.pl.errorf(kline, "unknown source key %q; a source has title and url", k.Value)
			}
		}
		if s.Title == "" {
			f.pl.errorf(line, "source has no title")
			continue
		}
		out = append(out, s)
	}
	return out
}

func isHTTPURL(u string) bool {
	l := strings.ToLower(u)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && len(u) > len("https://") && SafeURL(u, false)
}

// slugFromPath is the file name without folder and extension.
func slugFromPath(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		path = path[i+1:]
	}
	return strings.TrimSuffix(path, ".md")
}

// openDocument checks a content file's name, splits off its front matter
// and parses its keys. fields is nil when the file cannot be read further.
func openDocument(path string, data []byte, keys []string) (slug string, doc *document, f *fields, pl *problemList) {
	pl = &problemList{file: path}
	slug = slugFromPath(path)
	if !ValidSlug(slug) {
		pl.errorf(0, "bad file name %q: a slug is lower-case letters and digits joined by single hyphens, at most %d characters (try %q)", slug, MaxSlugLen, Slugify(slug))
	}
	doc, ok := splitDocument(data, pl)
	if !ok {
		return slug, nil, nil, pl
	}
	f, ok = parseFields(doc, pl, keys)
	if !ok {
		return slug, doc, nil, pl
	}
	return slug, doc, f, pl
}
