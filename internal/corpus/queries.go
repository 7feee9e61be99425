package corpus

// Query is one search of the benchmark mix: text as a user types it and,
// for half of the mix, a factor filter.
type Query struct {
	Text   string
	Factor string // factor slug, or ""
}

// Queries is the fixed query mix of the benchmarks and the load test:
// common and rarer words, phrases, synonyms, an exclusion and a typo; every
// second query filters by a factor.
func Queries() []Query {
	return []Query{
		{"digital service", ""},
		{"open data", "digital-platforms"},
		{"participatory budgeting", ""},
		{"community health", "service-users"},
		{`"service design"`, ""},
		{"pilot", "risk-tolerance"},
		{"housing residents", ""},
		{"data sharing", "collaboration"},
		{"artificial intelligence", ""},
		{"staff ideas", "staff-ideas"},
		{"procurement reform", ""},
		{"behavioural insights", "evidence-evaluation"},
		{"citizen engagement", ""},
		{"evaluation results", "evidence-evaluation"},
		{"mobile app", ""},
		{"waiting times", "service-users"},
		{"one-stop shop", ""},
		{"youth employment", "flexible-funding"},
		{"climate adaptation", ""},
		{"public servants", "hr-capacity"},
		{"municipality budget", ""},
		{"senior support leadership", "executive-leadership"},
		{"particpatory", ""},
		{"transit -cycling", "digital-platforms"},
	}
}
