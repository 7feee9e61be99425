package catalog

// Field kinds: how a front-matter key's value is written.
const (
	KindText     = "text"     // one line of text
	KindInteger  = "integer"  // a whole number
	KindDate     = "date"     // YYYY-MM-DD
	KindBoolean  = "boolean"  // true or false
	KindList     = "list"     // a list of text values
	KindSources  = "sources"  // a list of {title, url}
	KindOutcomes = "outcomes" // a list of {text, source, year, independent}
	KindMarkdown = "markdown" // the Markdown body
)

// FieldDef describes one field of the catalogue: a front-matter key or a
// derived value. The tables CaseFields, FactorFields, SourceFields and
// OutcomeFields are the catalogue's codebook; the data package's Table
// Schemas and the API description are generated from them, so their
// descriptions match the package documentation.
type FieldDef struct {
	Name        string   // front-matter key, or the column name of a derived value
	Kind        string   // one of the Kind constants
	Required    bool     // an editor must write it
	Derived     bool     // computed by Casebook, not written by editors
	Description string   // one or two sentences for the codebook
	Enum        []string // the allowed values, or nil
	Min, Max    int      // bounds of an integer (0 and 0: none)
	MaxLength   int      // longest text in characters (0: no limit)
	Pattern     string   // regular expression a text value must match, or ""
}

// CaseFields are the fields of a case, in the order of the contract: the
// slug (from the file name), every front-matter key, completeness and the body.
var CaseFields = []FieldDef{
	{Name: "slug", Kind: KindText, Required: true, Derived: true, Pattern: SlugPattern, MaxLength: 80,
		Description: "The case's identifier: its file name without .md, lower-case words joined by hyphens."},
	{Name: "url", Kind: KindText, Derived: true, Description: "The address of the case's page on the web catalogue."},
	{Name: "title", Kind: KindText, Required: true, MaxLength: 200, Description: "The name of the innovation."},
	{Name: "summary", Kind: KindText, Required: true, MaxLength: 400, Description: "One or two plain sentences on what was done."},
	{Name: "country", Kind: KindText, Required: true, Description: "The country where it took place."},
	{Name: "jurisdiction", Kind: KindText, Description: "The province, state, city or region, if narrower than the country."},
	{Name: "level", Kind: KindText, Required: true, Enum: Levels, Description: "The level of government that led it."},
	{Name: "year", Kind: KindInteger, Required: true, Min: 1800, Description: "The year it started, 1800 up to next year."},
	{Name: "status", Kind: KindText, Enum: Statuses, Description: "Where it stands: pilot, ongoing, completed or discontinued."},
	{Name: "organisations", Kind: KindList, Description: "The public bodies and partners that carried it out."},
	{Name: "sectors", Kind: KindList, Description: "Policy areas, free text, compared case-insensitively."},
	{Name: "tags", Kind: KindList, Description: "Free-text tags, compared case-insensitively."},
	{Name: "factors", Kind: KindList, Required: true, Description: "The success factors the case shows: at least one slug of a factor."},
	{Name: "sources", Kind: KindSources, Description: "The documents the case draws on, each with a title and an http or https URL."},
	{Name: "evidence", Kind: KindInteger, Min: 1, Max: 5,
		Description: "The Nesta Standards of Evidence level (1 to 5) that the sources support for the case's impact: 1 describes what was done and why; 2 data show a change; 3 a comparison shows the innovation caused it; 4 independent evaluation or replication confirms it; 5 others can replicate it with consistent impact."},
	{Name: "reviewed", Kind: KindDate, Description: "The date an editor last checked the case against its sources; a real date, not in the future."},
	{Name: "added", Kind: KindDate, Description: "The date the case entered the catalogue; a real date, not in the future."},
	{Name: "outcomes", Kind: KindOutcomes, Description: "Results, each backed by one listed source."},
	{Name: "completeness", Kind: KindText, Derived: true, Enum: Completenesses,
		Description: "How fully the case is written up: stub when the body has under 150 words, complete when it has the four recommended sections, an outcome, two sources and a reviewed date, else partial."},
	{Name: "body", Kind: KindMarkdown, Description: "The case study in Markdown; recommended sections: Challenge, What they did, Results, Lessons."},
}

// FactorFields are the fields of a success factor.
var FactorFields = []FieldDef{
	{Name: "slug", Kind: KindText, Required: true, Derived: true, Pattern: SlugPattern, MaxLength: 80,
		Description: "The factor's identifier: its file name without .md."},
	{Name: "url", Kind: KindText, Derived: true, Description: "The address of the factor's page on the web catalogue."},
	{Name: "title", Kind: KindText, Required: true, Description: "The name of the success factor."},
	{Name: "summary", Kind: KindText, Required: true, Description: "One or two sentences on what the factor means."},
	{Name: "aliases", Kind: KindList, Description: "Other names for the factor, which searches also find."},
}

// SourceFields are the fields of one entry of a case's sources.
var SourceFields = []FieldDef{
	{Name: "title", Kind: KindText, Required: true, Description: "The title of the document."},
	{Name: "url", Kind: KindText, Pattern: `https?://.+`, Description: "Where the document can be read: an http or https address."},
}

// OutcomeFields are the fields of one entry of a case's outcomes.
var OutcomeFields = []FieldDef{
	{Name: "text", Kind: KindText, Required: true, MaxLength: MaxOutcomeLen, Description: "The result, in a sentence."},
	{Name: "source", Kind: KindText, Required: true, Description: "The url of the listed source that backs the result (its title when it has no url)."},
	{Name: "year", Kind: KindInteger, Description: "The year the result refers to."},
	{Name: "independent", Kind: KindBoolean, Description: "The source is not the implementer (an auditor, evaluator, researcher or journalist); false when not given."},
}

// SlugPattern is the form of a case or factor slug.
const SlugPattern = `[a-z0-9]+(-[a-z0-9]+)*`

// LookupField returns the field named name in defs.
func LookupField(defs []FieldDef, name string) (FieldDef, bool) {
	for _, d := range defs {
		if d.Name == name {
			return d, true
		}
	}
	return FieldDef{}, false
}
