package corpus

// Word lists for synthetic cases. Common words (service, public, data,
// residents, pilot, ...) recur in most bodies, as they do in real case
// studies, so queries for them match most of the corpus.

type place struct {
	country       string
	jurisdictions []string
}

var places = []place{
	{"Canada", []string{"Ontario", "Quebec", "British Columbia", "Alberta", "Nova Scotia", "Toronto", "Montréal", "Vancouver", "Calgary", "Ottawa"}},
	{"United States", []string{"California", "New York", "Texas", "Massachusetts", "Boston", "Chicago", "San Francisco", "Louisville", "Denver", "Washington State"}},
	{"United Kingdom", []string{"Scotland", "Wales", "Northern Ireland", "London", "Manchester", "Leeds", "Bristol", "Glasgow"}},
	{"Australia", []string{"New South Wales", "Victoria", "Queensland", "South Australia", "Sydney", "Melbourne", "Brisbane"}},
	{"New Zealand", []string{"Auckland", "Wellington", "Canterbury"}},
	{"Estonia", []string{"Tallinn", "Tartu"}},
	{"Finland", []string{"Helsinki", "Espoo", "Tampere"}},
	{"Denmark", []string{"Copenhagen", "Aarhus", "Odense"}},
	{"Sweden", []string{"Stockholm", "Gothenburg", "Malmö"}},
	{"Norway", []string{"Oslo", "Bergen"}},
	{"Netherlands", []string{"Amsterdam", "Rotterdam", "Utrecht", "Eindhoven"}},
	{"Belgium", []string{"Flanders", "Wallonia", "Brussels", "Ghent"}},
	{"France", []string{"Paris", "Lyon", "Nantes", "Île-de-France"}},
	{"Germany", []string{"Bavaria", "Berlin", "Hamburg", "North Rhine-Westphalia", "München"}},
	{"Spain", []string{"Catalonia", "Madrid", "Barcelona", "Valencia", "Bilbao"}},
	{"Portugal", []string{"Lisbon", "Porto"}},
	{"Italy", []string{"Milan", "Bologna", "Turin", "Lombardy"}},
	{"Ireland", []string{"Dublin", "Cork"}},
	{"Iceland", []string{"Reykjavík"}},
	{"Brazil", []string{"Porto Alegre", "São Paulo", "Recife", "Minas Gerais"}},
	{"Colombia", []string{"Medellín", "Bogotá", "Cali"}},
	{"Chile", []string{"Santiago", "Valparaíso"}},
	{"Mexico", []string{"Mexico City", "Jalisco", "Guadalajara"}},
	{"Uruguay", []string{"Montevideo"}},
	{"India", []string{"Kerala", "Karnataka", "Bengaluru", "Pune", "Rajasthan"}},
	{"Singapore", nil},
	{"South Korea", []string{"Seoul", "Busan", "Gyeonggi"}},
	{"Japan", []string{"Tokyo", "Kobe", "Fukuoka"}},
	{"Taiwan", []string{"Taipei", "Taichung"}},
	{"Indonesia", []string{"Jakarta", "Surabaya"}},
	{"Philippines", []string{"Quezon City", "Naga City"}},
	{"Kenya", []string{"Nairobi", "Makueni"}},
	{"Rwanda", []string{"Kigali"}},
	{"South Africa", []string{"Cape Town", "Gauteng", "eThekwini"}},
	{"Ghana", []string{"Accra"}},
	{"Morocco", []string{"Casablanca"}},
	{"United Arab Emirates", []string{"Dubai", "Abu Dhabi"}},
	{"Israel", []string{"Tel Aviv"}},
	{"Ukraine", []string{"Kyiv", "Lviv"}},
	{"Poland", []string{"Warsaw", "Gdańsk", "Kraków"}},
}

var (
	levelWeights = []struct {
		level  string
		weight int
	}{{"local", 35}, {"regional", 15}, {"provincial", 15}, {"national", 30}, {"international", 5}}
	statuses = []string{"pilot", "ongoing", "ongoing", "ongoing", "completed", "completed", "discontinued", ""}
)

var sectors = []string{
	"health", "education", "social services", "transport", "housing", "justice", "environment",
	"public service management", "human resources", "digital government", "public finance",
	"employment", "agriculture", "energy", "culture", "policing", "immigration", "taxation",
	"procurement", "urban planning", "water", "emergency management", "child welfare", "elder care",
	"youth", "indigenous affairs", "economic development", "tourism", "waste management", "democracy",
}

var tags = []string{
	"open data", "service design", "co-design", "behavioural insights", "participatory budgeting",
	"artificial intelligence", "chatbot", "mobile app", "data sharing", "digital identity",
	"one-stop shop", "community hubs", "innovation lab", "challenge prize", "social impact bond",
	"randomized controlled trial", "user research", "agile", "cloud", "cybersecurity",
	"open source", "citizen engagement", "crowdsourcing", "deliberative democracy", "citizens' assembly",
	"performance management", "outcomes-based funding", "pay for success", "prevention",
	"early intervention", "integrated services", "case management", "peer support", "volunteering",
	"nudge", "plain language", "accessibility", "digital inclusion", "broadband", "smart city",
	"sensors", "predictive analytics", "machine learning", "dashboards", "e-procurement",
	"blockchain", "digital payments", "tax filing", "permits", "licensing", "311", "call centre",
	"public libraries", "schools", "hospitals", "primary care", "mental health", "homelessness",
	"affordable housing", "public transit", "cycling", "road safety", "climate adaptation",
	"renewable energy", "recycling", "food security", "job training", "apprenticeships",
	"small business", "start-ups", "regulatory sandbox", "public-private partnership",
	"talent mobility", "free agents", "hackathon", "design thinking", "systems change",
	"policy experimentation", "evaluation", "benchmarking", "transparency", "anti-corruption",
	"open contracting", "e-government", "once-only principle", "interoperability", "pilot",
}

var orgKinds = []string{
	"Department of %s", "Ministry of %s", "%s Agency", "Office of %s", "%s Service",
	"%s Authority", "%s Directorate", "%s Innovation Lab", "%s Commission",
}

var orgTopics = []string{
	"Health", "Education", "Social Development", "Transport", "Housing", "Justice", "Environment",
	"Digital Services", "Finance", "Employment", "Public Works", "Innovation", "Revenue",
	"Community Services", "Children and Families", "Planning", "Culture", "Energy", "Water",
}

var titleAdjectives = []string{
	"Open", "Digital", "Smart", "Community", "Citizen", "Participatory", "Integrated", "Mobile",
	"Local", "National", "Shared", "Connected", "Green", "Inclusive", "Collaborative", "Rapid",
	"Neighbourhood", "Online", "Social", "Public", "Youth", "Family", "Regional", "Predictive",
}

var titleSubjects = []string{
	"Data", "Health", "Housing", "Budgeting", "Transit", "Permits", "Services", "Schools", "Care",
	"Justice", "Procurement", "Energy", "Jobs", "Safety", "Benefits", "Identity", "Libraries",
	"Water", "Waste", "Mobility", "Tax", "Policing", "Innovation", "Talent", "Skills", "Food",
}

var titleNouns = []string{
	"Portal", "Lab", "Hub", "Platform", "Challenge", "Network", "Program", "Initiative",
	"Partnership", "Service", "Navigator", "Fund", "Strategy", "Pilot", "Exchange", "Academy",
	"Dashboard", "Assembly", "Registry", "Gateway", "Compact", "Office", "Toolkit", "Studio",
}

// Sentence parts. Bodies are built from these, so the common words recur.
var (
	actors = []string{
		"the city", "the department", "the ministry", "the agency", "the province", "the municipality",
		"the government", "the council", "a small team", "the innovation lab", "public servants",
		"front-line staff", "the digital service team", "the project team", "local officials",
		"the regional authority", "a cross-government working group", "the mayor's office",
	}
	groups = []string{
		"residents", "citizens", "families", "older people", "young people", "small businesses",
		"patients", "students", "job seekers", "newcomers", "people with disabilities", "farmers",
		"tenants", "low-income households", "community organisations", "service users", "taxpayers",
		"public servants", "teachers", "nurses", "social workers", "drivers", "visitors",
	}
	problems = []string{
		"long waiting times", "fragmented services", "low trust in government", "rising costs",
		"duplicated paperwork", "poor data quality", "limited access to services", "slow approvals",
		"high staff turnover", "outdated technology", "unclear responsibilities", "rising demand",
		"weak coordination between departments", "a backlog of applications", "low participation",
		"inequitable outcomes", "paper-based processes", "siloed budgets", "a lack of evidence",
	}
	verbsPast = []string{
		"launched", "designed", "tested", "built", "introduced", "piloted", "redesigned",
		"created", "funded", "developed", "expanded", "set up", "commissioned", "prototyped",
		"replaced", "simplified", "opened", "trialled", "co-designed", "evaluated",
	}
	things = []string{
		"an online service", "a shared data platform", "a mobile app", "a single front door",
		"a community hub", "a participatory budget", "an open data portal", "a digital identity scheme",
		"a case management system", "a chatbot", "a text message reminder", "a new funding model",
		"a cross-agency team", "a challenge prize", "a citizen panel", "a public dashboard",
		"a peer support network", "a pilot program", "a procurement reform", "an evaluation framework",
		"a user research practice", "a plain language guide", "an innovation fund", "a regulatory sandbox",
	}
	goals = []string{
		"reduce waiting times", "improve access", "cut costs", "share data safely",
		"involve residents in decisions", "speed up approvals", "measure outcomes", "reach more people",
		"simplify applications", "support front-line staff", "prevent problems earlier",
		"coordinate services", "build trust", "test ideas quickly", "use evidence in policy",
		"open government data", "improve the quality of services", "reduce paperwork",
	}
	adverbs = []string{
		"quickly", "gradually", "carefully", "openly", "jointly", "steadily", "initially", "later",
	}
	measures = []string{
		"processing times", "user satisfaction", "participation", "costs", "complaints", "uptake",
		"error rates", "waiting lists", "staff engagement", "response times", "completion rates",
		"repeat visits", "emergency admissions", "enrolment", "recycling rates", "energy use",
	}
	changes      = []string{"fell", "rose", "improved", "doubled", "halved", "dropped", "grew", "increased"}
	lessonStarts = []string{
		"Start small", "Involve users early", "Measure from the beginning", "Secure senior support",
		"Fund teams, not projects", "Share data across agencies", "Accept some risk",
		"Build on existing networks", "Publish results openly", "Train staff in new methods",
		"Plan for scale", "Keep the law in view", "Work in the open", "Protect privacy by design",
		"Give front-line staff a voice", "Budget for maintenance", "Test with real users",
	}
	lessonEnds = []string{
		"so that problems surface while they are cheap to fix",
		"because the service depends on trust between partners",
		"since evidence persuaded sceptical managers",
		"as funding rules shaped what the team could try",
		"which made the case for expansion easier",
		"so that the pilot could grow beyond one department",
		"because residents knew what they needed better than officials did",
		"as leadership changes can end a promising program",
		"which kept the project accountable to the public",
	}
)

// Syllables for names and rare words, so the index holds a realistic long
// tail of terms that appear in few cases.
var syllables = []string{
	"ka", "lo", "mi", "ra", "ten", "vo", "sa", "ne", "ri", "du", "bel", "mar", "tor", "qui",
	"ha", "zen", "pa", "ol", "fi", "gan", "ru", "ste", "wil", "yo", "ex", "ul", "ion", "da",
}

var firstNames = []string{
	"Amara", "Ben", "Chloé", "Daniel", "Elif", "Farah", "Gustavo", "Hana", "Ibrahim", "Jonas",
	"Kavya", "Liam", "Maria", "Nikolai", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tamar",
	"Uchenna", "Valeria", "Wen", "Yusuf", "Zoë",
}
