package search

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/casebook/casebook/catalog"
)

// testCase describes one case of the test catalogue.
type testCase struct {
	slug, title, summary, country, jurisdiction, level string
	year                                               int
	status                                             string
	factors, tags, sectors                             []string
	body                                               string
}

// testCases is a small catalogue of real-looking cases, separate from the
// embedded content so that content edits never break search tests.
var testCases = []testCase{
	{"neighbourhood-budgeting", "Neighbourhood Participatory Budgeting", "Residents of three wards proposed and voted on local capital projects.",
		"Canada", "Toronto", "local", 2015, "completed", []string{"service-users", "collaboration"}, []string{"participatory budgeting", "civic engagement"}, []string{"Finance"},
		"## Challenge\n\nFew residents took part in budgeting decisions.\n\n## What they did\n\nThe city ran a pilot in which residents proposed ideas and voted on them at neighbourhood assemblies.\n\n## Results\n\nResidents chose parks, lighting and library improvements.\n\n## Lessons\n\nStaff needed time to support volunteers."},
	{"porto-alegre", "Porto Alegre Citizen Budget", "Since 1989 assemblies of residents have decided part of the city's investment spending.",
		"Brazil", "Porto Alegre", "local", 1989, "ongoing", []string{"collaboration"}, []string{"civic engagement"}, []string{"finance"},
		"## Challenge\n\nInvestment favoured wealthy districts.\n\n## What they did\n\nThe city created a citizen budget process with district assemblies held every year.\n\n## Results\n\nSpending shifted towards sanitation in poorer districts.\n\n## Lessons\n\nThe process depends on political support."},
	{"single-government-website", "GOV.UK Single Government Website", "One website replaced hundreds of departmental sites.",
		"United Kingdom", "", "national", 2012, "ongoing", []string{"digital-platforms", "service-users"}, []string{"digital service", "websites"}, []string{"digital government"},
		"## Challenge\n\nCitizens had to search many sites.\n\n## What they did\n\nA central team built GOV.UK around user needs, testing pages with the people who use them.\n\n## Results\n\nDepartments moved their content to one platform.\n\n## Lessons\n\nA shared platform needs a strong mandate."},
	{"behavioural-insights", "Behavioural Insights Team", "A small central unit tested changes to letters and forms with randomised trials.",
		"United Kingdom", "", "national", 2010, "ongoing", []string{"evidence-evaluation"}, []string{"behavioural insights", "randomised trials"}, []string{"tax", "health"},
		"## Challenge\n\nPolicies were rarely tested before they were rolled out.\n\n## What they did\n\nThe team rewrote reminder letters and compared versions in randomised controlled trials.\n\n## Results\n\nSome letters brought payments forward.\n\n## Lessons\n\nSmall changes can be evaluated cheaply."},
	{"deputys-den", "Deputy's Den Staff Challenge", "Staff at every level pitched ideas to the deputy minister, who committed to support the winners.",
		"Canada", "Ontario", "provincial", 2015, "completed", []string{"staff-ideas", "executive-leadership"}, []string{"innovation challenge"}, []string{"social services"},
		"## Challenge\n\nGood ideas from front-line staff had no outlet.\n\n## What they did\n\nThe deputy minister ran a live pitch event modelled on a television show.\n\n## Results\n\nFinalists included new professionals and a student.\n\n## Lessons\n\nLeaders must commit in advance to act on the winning ideas."},
	{"nyc-311", "311 Non-Emergency Line", "One number for city information and non-emergency services.",
		"United States", "New York City", "local", 2003, "ongoing", []string{"service-users", "digital-platforms"}, []string{"contact centre"}, []string{"municipal services"},
		"## Challenge\n\nResidents faced many listings for city agencies.\n\n## What they did\n\nThe city opened a single line: residents call 311 at any hour.\n\n## Results\n\nCall data showed where complaints clustered in many parts of the city.\n\n## Lessons\n\nData from service requests helps plan work."},
	{"x-road", "X-Road Data Exchange Layer", "Public bodies exchange data securely over one shared layer.",
		"Estonia", "", "national", 2001, "ongoing", []string{"digital-platforms", "collaboration"}, []string{"data exchange", "interoperability"}, []string{"digital government"},
		"## Challenge\n\nAgencies kept separate databases.\n\n## What they did\n\nThe state built a shared exchange layer and adopted the once-only principle: people give the state a piece of data once.\n\n## Results\n\nMost public services run online.\n\n## Lessons\n\nCommon components save every agency work."},
	{"medellin-library-parks", "Medellín Library Parks", "Libraries with public space were built in hillside neighbourhoods.",
		"Colombia", "Medellín", "local", 2004, "ongoing", []string{"service-users", "executive-leadership"}, []string{"urban design", "libraries"}, []string{"culture", "education"},
		"## Challenge\n\nHillside neighbourhoods lacked public buildings.\n\n## What they did\n\nThe mayor's office in Medellín built library parks next to new transit.\n\n## Results\n\nThe parks became community meeting places.\n\n## Lessons\n\nVisible investment signals commitment."},
	{"community-hubs", "Community Hubs in Schools", "Surplus public buildings become hubs for local services.",
		"Canada", "Ontario", "provincial", 2015, "ongoing", []string{"collaboration", "flexible-funding"}, []string{"community hubs", "service integration"}, []string{"social services", "education"},
		"## Challenge\n\nServices were scattered and school buildings stood empty.\n\n## What they did\n\nThe province helped groups share buildings, from a public library branch to health services.\n\n## Results\n\nHubs opened in several towns.\n\n## Lessons\n\nFunding rules built for single programs get in the way."},
	{"poverty-fund", "Local Poverty Reduction Fund", "A provincial fund paid for community projects that are evaluated.",
		"Canada", "Ontario", "provincial", 2015, "ongoing", []string{"evidence-evaluation", "flexible-funding"}, []string{"poverty", "evaluation"}, []string{"social services"},
		"## Challenge\n\nLittle was known about which local programs worked.\n\n## What they did\n\nEach funded project had to include a third-party evaluation.\n\n## Results\n\nEvaluations were published.\n\n## Lessons\n\nFunding tied to evidence builds knowledge."},
	{"peterborough-impact-bond", "Peterborough Social Impact Bond", "Investors funded support for short-sentence prisoners and were repaid if reoffending fell.",
		"United Kingdom", "", "national", 2010, "completed", []string{"flexible-funding", "evidence-evaluation"}, []string{"social impact bond", "outcomes-based funding"}, []string{"justice"},
		"## Challenge\n\nReoffending among men leaving short sentences was high.\n\n## What they did\n\nSocial investors paid for support, with repayment tied to measured outcomes.\n\n## Results\n\nThe pilot ended early when policy changed.\n\n## Lessons\n\nMeasurement must be agreed at the start."},
	{"mindlab", "MindLab Cross-Ministry Innovation Unit", "A unit owned by several ministries brought citizens and designers into policy work.",
		"Denmark", "", "national", 2002, "discontinued", []string{"staff-ideas", "collaboration"}, []string{"innovation lab", "design"}, []string{"business", "employment"},
		"## Challenge\n\nPolicy was made far from the people it affected.\n\n## What they did\n\nThe lab ran design projects with civil servants and citizens.\n\n## Results\n\nIt closed and was replaced by a new agency.\n\n## Lessons\n\nLabs need a clear mandate."},
	{"poupatempo", "Poupatempo Service Centres", "One-stop shops bring many state and federal services under one roof.",
		"Brazil", "São Paulo", "provincial", 1997, "ongoing", []string{"service-users"}, []string{"one-stop shop"}, []string{"public services"},
		"## Challenge\n\nCitizens queued at many offices for documents.\n\n## What they did\n\nThe state opened centres where agencies serve people side by side.\n\n## Results\n\nVisits became quicker.\n\n## Lessons\n\nShared premises need shared standards."},
	{"free-agents", "Free Agents Talent Mobility", "Public servants move between short projects across departments.",
		"Canada", "", "national", 2016, "pilot", []string{"hr-capacity"}, []string{"talent mobility"}, []string{"human resources"},
		"## Challenge\n\nSkilled staff were tied to one position.\n\n## What they did\n\nA pilot let selected employees choose projects in any department.\n\n## Results\n\nThe model spread to other departments.\n\n## Lessons\n\nHR rules can enable mobility."},
	{"open-budget-portal", "Open Budget <Data> Portal", "Publishes budget tables & spending data <b>openly</b>.",
		"Mexico", "Mexico City", "local", 2013, "discontinued", []string{"digital-platforms"}, []string{"open data"}, []string{"finance"},
		"## Challenge\n\nSpending data sat in PDF files.\n\n## What they did\n\nThe city published its budget as open data with <script>alert(1)</script> nothing unsafe & a search tool.\n\n## Results\n\nJournalists used the data.\n\n## Lessons\n\nOpen formats matter."},
}

var testFactors = map[string]string{
	"service-users":        "A focus on service users",
	"collaboration":        "A culture of collaboration",
	"flexible-funding":     "Moving away from stove-piped funding",
	"hr-capacity":          "Capacity for human resource management",
	"executive-leadership": "Executive leadership",
	"staff-ideas":          "Ideas from staff at every level",
	"evidence-evaluation":  "Evidence and evaluation",
	"digital-platforms":    "Shared digital platforms",
}

const testSynonyms = `- [participatory budgeting, pb, citizen budget]
- [behavioural insights, nudge unit, bit]
- [one-stop shop, single window]
- [deputy minister, dm]
`

// yamlList writes a flow list with each item quoted.
func yamlList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// testCatalogFS returns the test catalogue as files.
func testCatalogFS() fstest.MapFS {
	fsys := fstest.MapFS{"synonyms.yaml": {Data: []byte(testSynonyms)}}
	for slug, title := range testFactors {
		fsys["factors/"+slug+".md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("---\ntitle: %q\nsummary: What %s means.\naliases: []\n---\nBody.\n", title, strings.ToLower(title)))}
	}
	fsys["factors/executive-leadership.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Executive leadership\nsummary: Leaders back innovation.\naliases: [senior sponsorship, leadership from the top]\n---\nBody.\n")}
	for _, c := range testCases {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %q\nsummary: %q\ncountry: %q\n", c.title, c.summary, c.country)
		if c.jurisdiction != "" {
			fmt.Fprintf(&b, "jurisdiction: %q\n", c.jurisdiction)
		}
		fmt.Fprintf(&b, "level: %s\nyear: %d\nstatus: %s\nfactors: %s\ntags: %s\nsectors: %s\n---\n%s\n",
			c.level, c.year, c.status, yamlList(c.factors), yamlList(c.tags), yamlList(c.sectors), c.body)
		fsys["cases/"+c.slug+".md"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// buildTestIndex builds an index of the test catalogue.
func buildTestIndex() (*Index, error) { return buildIndex(testCatalogFS()) }

// buildIndex builds an index of a catalogue that must load without errors.
func buildIndex(fsys fstest.MapFS) (*Index, error) {
	cat, err := catalog.Load(fsys)
	if err != nil {
		return nil, err
	}
	if cat.Problems.HasErrors() {
		return nil, fmt.Errorf("test catalogue has problems: %v", cat.Problems)
	}
	return New(cat)
}

// newTestIndex builds an index of the test catalogue for one test.
func newTestIndex(tb testing.TB) *Index { return newIndexOf(tb, testCatalogFS()) }

// newIndexOf builds an index of fsys for one test.
func newIndexOf(tb testing.TB, fsys fstest.MapFS) *Index {
	tb.Helper()
	ix, err := buildIndex(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

func foldForTest(s string) string { return catalog.Fold(s) }
