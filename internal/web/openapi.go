package web

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/cite"
	"github.com/casebook/casebook/search"
)

// oaDocument is an OpenAPI 3.0 document, as far as Casebook uses it.
type oaDocument struct {
	OpenAPI string                `json:"openapi"`
	Info    oaInfo                `json:"info"`
	Paths   map[string]oaPathItem `json:"paths"`
}

type oaInfo struct {
	Title       string    `json:"title"`
	Version     string    `json:"version"`
	Description string    `json:"description"`
	License     oaLicense `json:"license"`
}

type oaLicense struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

type oaPathItem struct {
	Get  *oaOperation `json:"get"`
	Head *oaOperation `json:"head,omitempty"`
}

type oaOperation struct {
	OperationID string                `json:"operationId"`
	Summary     string                `json:"summary"`
	Parameters  []oaParameter         `json:"parameters,omitempty"`
	Responses   map[string]oaResponse `json:"responses"`
}

type oaParameter struct {
	Name        string    `json:"name"`
	In          string    `json:"in"`
	Description string    `json:"description,omitempty"`
	Required    bool      `json:"required,omitempty"`
	Schema      *oaSchema `json:"schema"`
}

type oaResponse struct {
	Description string             `json:"description"`
	Content     map[string]oaMedia `json:"content,omitempty"`
}

type oaMedia struct {
	Schema *oaSchema `json:"schema"`
}

// apiVersion is the version of the API the document describes.
const apiVersion = "1.0.0"

// Media types of the API's downloads, without parameters.
const (
	mediaJSON = "application/json"
	mediaCSV  = "text/csv"
	mediaZip  = "application/zip"
)

// apiDocs describes each /api/v1 route, keyed by its gin pattern; the
// OpenAPI document is built from it, and a test checks that every /api/v1
// route of newEngine is here.
var apiDocs = map[string]func() oaOperation{
	"/api/v1/search": func() oaOperation {
		ok := jsonResponse("A page of results with facet counts, the content version and the licence; with format=csv or a citation format, every matching case (not paged) as a download.", reflect.TypeFor[apiSearchJSON]())
		ok.Content[mediaCSV] = oaMedia{Schema: &oaSchema{Type: "string", Description: "CSV with a UTF-8 byte-order mark and a header row; list entries joined by \"; \"."}}
		addCitationMedia(ok)
		return oaOperation{OperationID: "search", Summary: "Search the case studies",
			Parameters: searchParameters(), Responses: responses(ok, http.StatusBadRequest)}
	},
	"/api/v1/cases/:slug": func() oaOperation {
		ok := jsonResponse("The case in full; with a citation format, its citation.", reflect.TypeFor[apiCaseJSON]())
		addCitationMedia(ok)
		return oaOperation{OperationID: "getCase", Summary: "One case study",
			Parameters: []oaParameter{slugParameter("case"), formatParameter([]string{formatJSON}, "json for the case, or a citation format")},
			Responses:  responses(ok, http.StatusBadRequest, http.StatusNotFound)}
	},
	"/api/v1/factors": func() oaOperation {
		return oaOperation{OperationID: "listFactors", Summary: "The success factors with their numbers of cases",
			Responses: responses(jsonResponse("Every factor.", reflect.TypeFor[apiFactorsJSON]()))}
	},
	"/api/v1/factors/:slug": func() oaOperation {
		return oaOperation{OperationID: "getFactor", Summary: "One success factor and the slugs of its cases",
			Parameters: []oaParameter{slugParameter("factor")},
			Responses:  responses(jsonResponse("The factor.", reflect.TypeFor[apiFactorPageJSON]()), http.StatusNotFound)}
	},
	"/api/v1/problems": func() oaOperation {
		return oaOperation{OperationID: "listProblems", Summary: "Content problems found at load or reload",
			Responses: responses(jsonResponse("Every problem.", reflect.TypeFor[apiProblemsJSON]()))}
	},
	"/api/v1/overview": func() oaOperation {
		return oaOperation{OperationID: "overview", Summary: "Counts for the matching cases",
			Parameters: searchParameters(), Responses: responses(oaResponse{Description: "Counts by year, level, country and factor, and factor pairs.",
				Content: map[string]oaMedia{mediaJSON: {Schema: overviewSchema()}}}, http.StatusBadRequest)}
	},
	"/api/v1/datapackage.zip": func() oaOperation {
		return oaOperation{OperationID: "dataPackage", Summary: "The catalogue as a Frictionless Data Package",
			Responses: responses(oaResponse{Description: "A zip of datapackage.json and the CSV tables cases, factors, case_factors, outcomes, sources and organisations.",
				Content: map[string]oaMedia{mediaZip: {Schema: &oaSchema{Type: "string", Format: "binary"}}}})}
	},
	"/api/v1/openapi.json": func() oaOperation {
		return oaOperation{OperationID: "openAPI", Summary: "This description of the API",
			Responses: responses(oaResponse{Description: "An OpenAPI 3 document.", Content: map[string]oaMedia{mediaJSON: {Schema: &oaSchema{Type: "object"}}}})}
	},
}

// buildOpenAPI is the OpenAPI document of the routes in paths that are
// under /api/v1 and described in apiDocs.
func buildOpenAPI(paths []string, licence catalog.Licence) oaDocument {
	doc := oaDocument{
		OpenAPI: "3.0.3",
		Info: oaInfo{Title: "Casebook API", Version: apiVersion,
			Description: "Public-sector innovation case studies: search, cases, success factors, citations and the data package. Errors are JSON: {\"error\":{\"code\":…,\"message\":…}}.",
			License:     oaLicense{Name: licence.ID, URL: licence.URL}},
		Paths: map[string]oaPathItem{},
	}
	for _, p := range paths {
		describe, ok := apiDocs[p]
		if !strings.HasPrefix(p, "/api/v1/") || !ok {
			continue
		}
		op := describe()
		head := op
		head.OperationID += "Head"
		head.Responses = map[string]oaResponse{}
		for code, r := range op.Responses {
			head.Responses[code] = oaResponse{Description: r.Description}
		}
		doc.Paths[openAPIPath(p)] = oaPathItem{Get: &op, Head: &head}
	}
	return doc
}

// openAPIPath turns a gin pattern such as /api/v1/cases/:slug into an
// OpenAPI path, /api/v1/cases/{slug}.
func openAPIPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = "{" + name + "}"
		}
	}
	return strings.Join(segs, "/")
}

// apiOpenAPI answers the OpenAPI document of the API.
func (s *Server) apiOpenAPI(c *gin.Context, _ *state) error {
	send(c, http.StatusOK, "application/json; charset=utf-8", s.openapi)
	return nil
}

// openAPIJSON encodes the document of the server's routes.
func (s *Server) openAPIJSON() ([]byte, error) {
	b, err := json.MarshalIndent(buildOpenAPI(s.paths, s.licence), "", "  ")
	return append(b, '\n'), err
}

// searchParameters are the query parameters of a search, from the filter
// table of package search, with their limits and known values.
func searchParameters() []oaParameter {
	var out []oaParameter
	for _, p := range search.Params() {
		par := oaParameter{Name: p.Name, In: "query", Description: p.Label + "."}
		f, isFilter := search.LookupFilter(p.Name)
		switch {
		case p.Name == search.ParamText:
			par.Description = "Search words, \"phrases\" and -exclusions; always text, never a query language."
			par.Schema = &oaSchema{Type: "string", MaxLength: new(search.MaxQueryLen)}
		case p.Name == search.ParamSort:
			par.Schema = &oaSchema{Type: "string", Enum: search.Sorts, Description: "relevance is the default with q, newest without."}
		case p.Name == search.ParamPage:
			par.Schema = &oaSchema{Type: "integer", Minimum: new(1), Maximum: new(search.MaxPage)}
		case p.Name == search.ParamPerPage:
			par.Schema = &oaSchema{Type: "integer", Minimum: new(1), Maximum: new(search.MaxPerPage)}
		case isFilter && f.IsList():
			item := &oaSchema{Type: "string"}
			if f.Values != nil {
				item.Description = "Known values: " + strings.Join(f.Values, ", ") + "; others match nothing."
			}
			par.Schema = &oaSchema{Type: "array", Items: item, MaxItems: new(search.MaxFilterValues)}
			if f.Kind == search.AllOf {
				par.Description += " Repeat for several; a case must have all."
			} else {
				par.Description += " Repeat for several; a case must have one."
			}
		case isFilter:
			par.Schema = &oaSchema{Type: "integer"}
			if f.Min != 0 {
				par.Schema.Minimum = new(f.Min)
			}
			if f.Max != 0 {
				par.Schema.Maximum = new(f.Max)
			}
		default:
			par.Schema = &oaSchema{Type: "string"}
		}
		out = append(out, par)
	}
	formats := []string{formatJSON, formatCSV}
	return append(out, formatParameter(formats, "json for a page of results, csv or a citation format for every match"))
}

// formatParameter is the format parameter with the given formats and the
// citation formats.
func formatParameter(formats []string, what string) oaParameter {
	for _, f := range cite.Formats {
		formats = append(formats, f.Name)
	}
	return oaParameter{Name: "format", In: "query", Description: "The output: " + what + ".",
		Schema: &oaSchema{Type: "string", Enum: formats}}
}

func slugParameter(what string) oaParameter {
	return oaParameter{Name: "slug", In: "path", Required: true, Description: "The " + what + "'s slug.",
		Schema: &oaSchema{Type: "string", MaxLength: new(catalog.MaxSlugLen)}}
}

// jsonResponse is a 200 response with a JSON body of type t.
func jsonResponse(desc string, t reflect.Type) oaResponse {
	return oaResponse{Description: desc, Content: map[string]oaMedia{mediaJSON: {Schema: schemaFor(t)}}}
}

// addCitationMedia adds the citation formats to a response.
func addCitationMedia(r oaResponse) {
	for _, f := range cite.Formats {
		media, _, _ := strings.Cut(f.MediaType, ";")
		s := &oaSchema{Type: "string", Description: f.Name + " citations, one entry per case."}
		if f.Name == "csljson" {
			s = &oaSchema{Type: "array", Description: "CSL-JSON items, one per case.", Items: &oaSchema{Type: "object"}}
		}
		r.Content[media] = oaMedia{Schema: s}
	}
}

// errorStatuses name the error responses a route may give besides those
// every route may give (503 while starting, 405 for other methods).
var errorStatuses = map[int]string{
	http.StatusBadRequest: "A parameter is not valid; the message says which and why.",
	http.StatusNotFound:   "No such thing.",
}

// responses is ok as the 200 response plus the error responses of codes
// and the default error response.
func responses(ok oaResponse, codes ...int) map[string]oaResponse {
	out := map[string]oaResponse{"200": ok,
		"default": {Description: "An error: the service is starting (503), the method is not GET or HEAD (405), or something failed.", Content: errorContent()}}
	for _, c := range codes {
		out[strconv.Itoa(c)] = oaResponse{Description: errorStatuses[c], Content: errorContent()}
	}
	return out
}

func errorContent() map[string]oaMedia {
	return map[string]oaMedia{mediaJSON: {Schema: schemaFor(reflect.TypeFor[errorJSON]())}}
}

// overviewSchema is the /api/v1/overview response as the contract gives it.
func overviewSchema() *oaSchema {
	count := func(key, typ string) *oaSchema {
		return &oaSchema{Type: "array", Items: &oaSchema{Type: "object", Required: []string{key, "count"},
			Properties: map[string]*oaSchema{key: {Type: typ}, "count": {Type: "integer"}}}}
	}
	return &oaSchema{Type: "object", Required: []string{"total", "years", "levels", "countries", "factors", "cooccurrence"},
		Properties: map[string]*oaSchema{
			"total": {Type: "integer"}, "years": count("year", "integer"), "levels": count("value", "string"),
			"countries": count("value", "string"), "factors": count("value", "string"),
			"cooccurrence": {Type: "array", Items: &oaSchema{Type: "object", Required: []string{"a", "b", "count"},
				Properties: map[string]*oaSchema{"a": {Type: "string"}, "b": {Type: "string"}, "count": {Type: "integer"}}}},
		}}
}
