package catalog

// Record is the flat form of a case used by search results, the JSON API
// and exports; its JSON field names are part of Casebook's contract.
type Record struct {
	Slug         string   `json:"slug"`
	Title        string   `json:"title"`
	Summary      string   `json:"summary"`
	URL          string   `json:"url"`
	Year         int      `json:"year"`
	Country      string   `json:"country"`
	Jurisdiction string   `json:"jurisdiction"`
	Level        string   `json:"level"`
	Status       string   `json:"status"`
	Factors      []string `json:"factors"`
	Tags         []string `json:"tags"`
	Sectors      []string `json:"sectors"`
}

// Record returns the case's flat form. Lists are never nil, so they encode
// as [] rather than null.
func (c *Case) Record() Record {
	return Record{
		Slug:         c.Slug,
		Title:        c.Title,
		Summary:      c.Summary,
		URL:          c.URL(),
		Year:         c.Year,
		Country:      c.Country,
		Jurisdiction: c.Jurisdiction,
		Level:        c.Level,
		Status:       c.Status,
		Factors:      orEmpty(c.Factors),
		Tags:         orEmpty(c.Tags),
		Sectors:      orEmpty(c.Sectors),
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
