package web

import (
	"strings"
	"testing"
)

// pageCase is a request and what its HTML page must and must not hold.
type pageCase struct {
	name, target  string
	status        int
	want, notWant []string
}

// checkPages requests each page: status, HTML, fragments and safe markup.
func checkPages(t *testing.T, srv *Server, tests []pageCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, srv, tt.target)
			if w.Code != tt.status || w.Header().Get("Content-Type") != ctHTML {
				t.Fatalf("status %d %s, want %d", w.Code, w.Header().Get("Content-Type"), tt.status)
			}
			checkPageHas(t, w.Body.String(), tt.want, tt.notWant)
			checkSafeMarkup(t, tt.target, w.Body.String())
		})
	}
}

func TestCompare(t *testing.T) {
	checkPages(t, hardenedServer(t), []pageCase{
		{"two cases", "/compare?case=community-hubs&case=porto-alegre-budget", 200, []string{
			"<h1>Compare 2 cases</h1>",
			`<th scope="col"><a href="/cases/community-hubs">Community Hubs</a></th>`,
			`<th scope="col"><a href="/cases/porto-alegre-budget">Porto Alegre Participatory Budgeting</a></th>`,
			`<tr><th scope="row">Place</th><td>Ontario, Canada</td><td>Porto Alegre, Brazil</td></tr>`,
			`<tr><th scope="row">Level of government</th><td>Provincial</td><td>Local</td></tr>`,
			`<tr><th scope="row">Year started</th><td>2015</td><td>1989</td></tr>`,
			`<tr><th scope="row">Status</th><td>Ongoing</td><td>Completed</td></tr>`,
			`<tr><th scope="row">Evidence</th><td>Not assessed</td><td>Not assessed</td></tr>`,
			// collaboration: hubs yes, Porto Alegre no; service users: both.
			`<th scope="row"><a href="/factors/collaboration">A culture of collaboration</a></th>
        <td class="compare-yes"><span aria-hidden="true">✓ </span>Yes</td>
        <td class="compare-no"><span aria-hidden="true">– </span>No</td>`,
			`<th scope="row"><a href="/factors/service-users">A focus on service users</a></th>
        <td class="compare-yes"><span aria-hidden="true">✓ </span>Yes</td>
        <td class="compare-yes">`,
			`<a href="https://www.ontario.ca/page/community-hubs">Community Hubs in Ontario</a>`, "None listed",
		}, []string{"Tolerance of risk"}},
		{"four cases", "/compare?case=community-hubs&case=porto-alegre-budget&case=digital-service&case=xss-attempt", 200,
			[]string{"<h1>Compare 4 cases</h1>", "Government Digital Service"}, nil},
		{"one case", "/compare?case=community-hubs", 400, []string{"Choose from 2 to 4 different cases to compare; this address names 1.", `<a class="more-link" href="/cases">Choose cases to compare</a>`}, nil},
		{"no case", "/compare", 400, []string{"this address names 0."}, nil},
		{"one case twice", "/compare?case=community-hubs&case=community-hubs", 400, []string{"this address names 1."}, nil},
		{"five cases", "/compare?case=community-hubs&case=porto-alegre-budget&case=digital-service&case=xss-attempt&case=broken", 400, []string{"this address names 5."}, nil},
		{"unknown slug", "/compare?case=community-hubs&case=no-such-case", 404, []string{"There is no case study “no-such-case” to compare."}, nil},
		{"broken case", "/compare?case=community-hubs&case=broken", 404, []string{"Page not found"}, nil},
		{"hostile slug", "/compare?case=community-hubs&case=%3Cscript%3Ex", 404, []string{"“&lt;script&gt;x”"}, []string{"<script>x"}},
		{"bad escape", "/compare?case=%zz", 400, []string{"not valid"}, nil},
	})
}

func TestOrganisations(t *testing.T) {
	srv := hardenedServer(t)
	checkPages(t, srv, []pageCase{
		{"list", "/organisations", 200, []string{
			`<tr><th scope="row"><a href="/organisations/ontario-ministry-of-infrastructure">Ontario Ministry of Infrastructure</a></th><td>Canada</td><td>1</td></tr>`,
			`<a href="/organisations/script-org-script">&lt;script&gt;org&lt;/script&gt;</a>`,
			"The 2 organisations named in the 4 case studies.",
		}, []string{"<script>org"}},
		{"one organisation", "/organisations/ontario-ministry-of-infrastructure", 200, []string{
			"<h1>Ontario Ministry of Infrastructure</h1>", "Canada · 1 case study",
			`<a href="/cases/community-hubs">Community Hubs</a>`,
		}, []string{"Porto Alegre"}},
		{"unknown", "/organisations/no-such-body", 404, []string{"There is no organisation at this address."}, nil},
		{"not in slug form", "/organisations/Ontario-Ministry-of-Infrastructure", 404, nil, nil},
	})
	if body := get(t, srv, "/cases/xss-attempt").Body.String(); !strings.Contains(body, `<a href="/organisations/script-org-script">&lt;script&gt;org&lt;/script&gt;</a>`) {
		t.Error("the hostile case's organisation is not linked, escaped, from its page")
	}
}
