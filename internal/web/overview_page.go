package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/internal/chart"
	"github.com/casebook/casebook/internal/text"
	"github.com/casebook/casebook/internal/worldmap"
	"github.com/casebook/casebook/search"
)

// overviewPage is /overview: charts of the cases a search matches, each
// with a table of the same numbers that links to the narrowed searches.
type overviewPage struct {
	page
	Q        string
	Filters  []string // the search's filters, as "Label: values"
	Total    int
	CasesURL string // the same search on /cases
	APIURL   string // the same counts as JSON

	YearsChart  template.HTML
	Years       []yearCount
	BarSections []barSection // levels of government, then success factors
	Map         template.HTML
	Countries   countTable  // countries, most cases first, then the regions
	Regions     []countLink // places that are not one country, counted beside the map
	MatrixChart template.HTML
	Matrix      []matrixRow
}

// countLink is a value with its number of cases and the search narrowed to it.
type countLink struct {
	Label string
	Count int
	URL   string
}

// barSection is a bar chart with its table under a heading.
type barSection struct {
	ID, Heading string
	Chart       template.HTML
	Table       countTable
}

// countTable is a table of counts beside a chart.
type countTable struct {
	Caption string // the chart's title
	Heading string // of the first column
	Rows    []countLink
}

// matrixRow is one factor's row of the co-occurrence table.
type matrixRow struct {
	N     int // its number in the chart
	Label string
	Cells []matrixCell
}

// matrixCell is the number of cases with the row's and the column's
// factors; Own marks the row's own factor.
type matrixCell struct {
	Count int
	URL   string
	Own   bool
	Text  string // what the count means, for screen readers
}

func (s *Server) overview(c *gin.Context, st *state) error {
	q, err := overviewQuery(c.Request.URL.RawQuery)
	if err != nil {
		return withRetry(err, c.Request.URL.RawQuery)
	}
	cases, err := st.matchingCases(c, q)
	if err != nil {
		return withRetry(err, c.Request.URL.RawQuery)
	}
	counts := st.countOverview(cases)
	title := "Overview of " + chart.Cases(counts.Total)
	if strings.TrimSpace(q.Text) != "" {
		title += " for “" + truncate(q.Text, 80) + "”"
	}
	p := s.newPage(c, st, title, "cases")
	p.Description = "Charts and a map of the case studies a search finds: per year, level of government, country and success factor."
	p.Crumbs = []crumb{{"/", "Home"}, {"/cases", "Case studies"}}
	p.NoIndex = c.Request.URL.RawQuery != ""
	v := overviewPage{
		page:     p,
		Q:        q.Text,
		Filters:  st.describeFilters(q),
		Total:    counts.Total,
		CasesURL: withQuery("/cases", encodeQuery(q, "")),
		APIURL:   withQuery("/api/v1/overview", encodeQuery(q, "")),
		Years:    counts.Years,
	}
	if counts.Total == 0 {
		return s.render(c, 200, "overview", v)
	}
	years := make([]chart.YearCount, len(counts.Years))
	for i, y := range counts.Years {
		years[i] = chart.YearCount{Year: y.Year, Count: y.Count}
	}
	v.YearsChart = chart.Years(years, chart.Options{ID: "years", Title: "Cases per year started"})
	v.BarSections = []barSection{
		{ID: "levels", Heading: "Level of government",
			Table: countTable{"Cases per level of government", "Level", st.countLinks(q, "level", counts.Levels, text.UpperFirst)}},
		{ID: "factors", Heading: "Success factors",
			Table: countTable{"Cases per success factor", "Success factor", st.countLinks(q, "factor", counts.Factors, st.factorTitle)}},
	}
	for i, b := range v.BarSections {
		v.BarSections[i].Chart = chart.Bars(bars(b.Table.Rows), chart.Options{ID: b.ID, Title: b.Table.Caption})
	}
	v.Countries = countTable{Caption: "Cases per country", Heading: "Country"}
	v.Map, v.Countries.Rows, v.Regions = st.countryMap(q, counts.Countries, "map", v.Countries.Caption)
	v.Countries.Rows = append(v.Countries.Rows, v.Regions...)
	v.MatrixChart, v.Matrix = st.matrix(q, counts)
	return s.render(c, 200, "overview", v)
}

// countLinks links each value's count to q narrowed to that value of the
// filter param; label names the value.
func (st *state) countLinks(q search.Query, param string, counts []valueCount, label func(string) string) []countLink {
	f, _ := search.LookupFilter(param)
	out := make([]countLink, len(counts))
	for i, vc := range counts {
		out[i] = countLink{Label: label(vc.Value), Count: vc.Count, URL: withQuery("/cases", encodeQuery(f.Narrow(q, vc.Value), ""))}
	}
	return out
}

func bars(links []countLink) []chart.Bar {
	out := make([]chart.Bar, len(links))
	for i, l := range links {
		out[i] = chart.Bar{Label: l.Label, Count: l.Count}
	}
	return out
}

// countryMap draws the countries on the world map and links each count;
// places that are not one country are returned apart, to show beside it.
func (st *state) countryMap(q search.Query, counts []valueCount, id, title string) (template.HTML, []countLink, []countLink) {
	onMap := map[string]int{}
	var countries, regions []countLink
	for _, l := range st.countLinks(q, "country", counts, func(v string) string { return v }) {
		if worldmap.Region(l.Label) {
			regions = append(regions, l)
			continue
		}
		onMap[l.Label] = l.Count
		countries = append(countries, l)
	}
	return worldmap.Draw(onMap, chart.Options{ID: id, Title: title}), countries, regions
}

// matrix draws the factor co-occurrence matrix and its table, factors in
// the order of the factor bars.
func (st *state) matrix(q search.Query, counts overviewCounts) (template.HTML, []matrixRow) {
	n := len(counts.Factors)
	index := make(map[string]int, n)
	labels := make([]string, n)
	grid := make([][]int, n)
	for i, f := range counts.Factors {
		index[f.Value] = i
		labels[i] = st.factorTitle(f.Value)
		grid[i] = make([]int, n)
		grid[i][i] = f.Count
	}
	for _, p := range counts.Cooccurrence {
		i, j := index[p.A], index[p.B]
		grid[i][j], grid[j][i] = p.Count, p.Count
	}
	factor, _ := search.LookupFilter("factor")
	rows := make([]matrixRow, n)
	for i := range grid {
		rows[i] = matrixRow{N: i + 1, Label: labels[i]}
		for j, count := range grid[i] {
			cell := matrixCell{Count: count, Own: i == j}
			narrowed := factor.Narrow(q, counts.Factors[i].Value)
			if i == j {
				cell.Text = "with " + labels[i]
			} else {
				cell.Text = "with " + labels[i] + " and " + labels[j]
				narrowed = factor.Narrow(narrowed, counts.Factors[j].Value)
			}
			if count > 0 {
				cell.URL = withQuery("/cases", encodeQuery(narrowed, ""))
			}
			rows[i].Cells = append(rows[i].Cells, cell)
		}
	}
	return chart.Matrix(labels, grid, chart.Options{ID: "matrix", Title: "How often success factors occur together"}), rows
}

// describeFilters names the filters of q as "Label: value, value".
func (st *state) describeFilters(q search.Query) []string {
	var out []string
	for _, f := range search.Filters() {
		vals := f.Strings(&q)
		if n := f.Number(&q); n != 0 {
			vals = []string{strconv.Itoa(n)}
		}
		if len(vals) == 0 {
			continue
		}
		labels := make([]string, len(vals))
		for i, v := range vals {
			labels[i] = v
			if f.Facet != "" {
				labels[i] = st.labels.Label(f.Facet, v)
			}
		}
		out = append(out, f.Label+": "+strings.Join(labels, ", "))
	}
	return out
}

// homeCharts are the home page's map and factor bars for the whole
// catalogue, drawn once per catalogue.
type homeCharts struct {
	Map     template.HTML
	Regions []countLink
	Factors template.HTML
}

func (st *state) drawHome() homeCharts {
	counts := st.countOverview(st.cat.Cases)
	var h homeCharts
	h.Map, _, h.Regions = st.countryMap(search.Query{}, counts.Countries, "home-map", "Case studies per country")
	h.Factors = chart.Bars(bars(st.countLinks(search.Query{}, "factor", counts.Factors, st.factorTitle)),
		chart.Options{ID: "home-factors", Title: "Case studies per success factor"})
	return h
}
