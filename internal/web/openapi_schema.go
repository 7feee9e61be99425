package web

import (
	"reflect"
	"strings"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/search"
)

// oaSchema is an OpenAPI 3.0 schema object, as far as Casebook uses it.
type oaSchema struct {
	Ref                  string               `json:"$ref,omitempty"`
	Type                 string               `json:"type,omitempty"`
	Format               string               `json:"format,omitempty"`
	Description          string               `json:"description,omitempty"`
	Enum                 []string             `json:"enum,omitempty"`
	Minimum              *int                 `json:"minimum,omitempty"`
	Maximum              *int                 `json:"maximum,omitempty"`
	MaxLength            *int                 `json:"maxLength,omitempty"`
	MaxItems             *int                 `json:"maxItems,omitempty"`
	Items                *oaSchema            `json:"items,omitempty"`
	Properties           map[string]*oaSchema `json:"properties,omitempty"`
	Required             []string             `json:"required,omitempty"`
	AdditionalProperties *bool                `json:"additionalProperties,omitempty"`
}

// fieldDescriptions gives the properties of a JSON type the descriptions of
// the catalogue's codebook, so the API and the data package describe a
// field alike.
var fieldDescriptions = map[reflect.Type][]catalog.FieldDef{
	reflect.TypeFor[catalog.Record](): catalog.CaseFields,
	reflect.TypeFor[search.Result]():  catalog.CaseFields,
	reflect.TypeFor[apiCaseJSON]():    catalog.CaseFields,
	reflect.TypeFor[apiFactorJSON]():  catalog.FactorFields,
	reflect.TypeFor[catalog.Source](): catalog.SourceFields,
}

// schemaFor is the schema of the JSON encoding/json writes for a value of
// type t: objects list every property, require those without omitempty and
// allow no others, so a response that differs from its Go type fails
// validation and the description cannot drift from the code.
func schemaFor(t reflect.Type) *oaSchema {
	switch t.Kind() {
	case reflect.Pointer:
		return schemaFor(t.Elem())
	case reflect.String:
		return &oaSchema{Type: "string"}
	case reflect.Bool:
		return &oaSchema{Type: "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &oaSchema{Type: "integer"}
	case reflect.Float32, reflect.Float64:
		return &oaSchema{Type: "number"}
	case reflect.Slice, reflect.Array:
		return &oaSchema{Type: "array", Items: schemaFor(t.Elem())}
	case reflect.Map:
		return &oaSchema{Type: "object"}
	case reflect.Struct:
		s := &oaSchema{Type: "object", Properties: map[string]*oaSchema{}, AdditionalProperties: new(false)}
		addProperties(s, t)
		return s
	}
	return &oaSchema{}
}

// addProperties adds the JSON properties of struct type t to s, those of
// embedded structs included.
func addProperties(s *oaSchema, t reflect.Type) {
	defs := fieldDescriptions[t]
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || (!f.IsExported() && !f.Anonymous) {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addProperties(s, ft)
				for _, d := range fieldDescriptions[ft] {
					if p := s.Properties[d.Name]; p != nil && p.Description == "" {
						p.Description = d.Description
					}
				}
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		p := schemaFor(f.Type)
		if d, ok := catalog.LookupField(defs, name); ok {
			p.Description = d.Description
		}
		s.Properties[name] = p
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			s.Required = append(s.Required, name)
		}
	}
}
