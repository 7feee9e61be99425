package datapackage

import "time"

// testPackage is a small package with the shapes Casebook exports: tables
// joined by primary and foreign keys (one composite), dates, integers with
// bounds, booleans, numbers, an enum, a pattern, and values with commas,
// quotes, line breaks and accented letters.
func testPackage() Package {
	slug := Field{Name: "slug", Type: TypeString, Description: "The case's identifier.",
		Constraints: Constraints{Required: true, Unique: true, Pattern: `[a-z0-9]+(-[a-z0-9]+)*`, MaxLength: new(80)}}
	return Package{
		Name:        "casebook-test",
		Title:       "Casebook test package",
		Description: "Cases, factors and outcomes for the tests.",
		Version:     "3f2a9c1",
		Created:     time.Date(2026, 11, 29, 12, 30, 0, 0, time.UTC),
		Keywords:    []string{"public sector", "innovation"},
		Licenses:    []License{{Name: "CC-BY-4.0", Path: "https://creativecommons.org/licenses/by/4.0/", Title: "Creative Commons Attribution 4.0"}},
		Sources:     []Source{{Title: "Casebook", Path: "https://casebook.example/"}},
		Resources: []Resource{
			{
				Name: "cases", Path: "cases.csv", Title: "Cases", Description: "One row per case study.",
				Schema: Schema{
					Fields: []Field{
						slug,
						{Name: "title", Type: TypeString, Description: "Title.", Constraints: Constraints{Required: true, MaxLength: new(200)}},
						{Name: "year", Type: TypeInteger, Description: "Year it started.", Constraints: Constraints{Required: true, Minimum: new(1800), Maximum: new(2027)}},
						{Name: "level", Type: TypeString, Description: "Level of government.", Constraints: Constraints{Required: true, Enum: []string{"local", "regional", "provincial", "national", "international"}}},
						{Name: "reviewed", Type: TypeDate, Description: "Date last checked."},
						{Name: "ongoing", Type: TypeBoolean, Description: "Still running."},
						{Name: "score", Type: TypeNumber, Description: "A number."},
					},
					PrimaryKey: []string{"slug"},
				},
				Rows: [][]string{
					{"metrocable", "Metrocable in Medellín", "2004", "local", "2026-11-29", "true", "1.5"},
					{"bilhete-unico", "Bilhete Único, São Paulo: \"one fare\"\nfor all", "2004", "local", "", "false", ""},
					{"community-hubs", "Community Hubs", "2015", "provincial", "2025-01-31", "", "-2e3"},
				},
			},
			{
				Name: "factors", Path: "data/factors.csv", Title: "Success factors",
				Schema: Schema{
					Fields: []Field{
						{Name: "slug", Type: TypeString, Description: "Factor identifier.", Constraints: Constraints{Required: true, Unique: true}},
						{Name: "name", Type: TypeString, Description: "Factor name.", Constraints: Constraints{Required: true}},
					},
					PrimaryKey: []string{"slug"},
				},
				Rows: [][]string{{"collaboration", "Culture of collaboration"}, {"service-users", "Focus on service users, \"citizens\""}},
			},
			{
				Name: "case_factors", Path: "data/case_factors.csv", Title: "Factors of each case",
				Schema: Schema{
					Fields: []Field{
						{Name: "case", Type: TypeString, Constraints: Constraints{Required: true}},
						{Name: "factor", Type: TypeString, Constraints: Constraints{Required: true}},
					},
					PrimaryKey: []string{"case", "factor"},
					ForeignKeys: []ForeignKey{
						{Fields: []string{"case"}, Reference: Reference{Resource: "cases", Fields: []string{"slug"}}},
						{Fields: []string{"factor"}, Reference: Reference{Resource: "factors", Fields: []string{"slug"}}},
					},
				},
				Rows: [][]string{{"metrocable", "collaboration"}, {"metrocable", "service-users"}, {"community-hubs", "collaboration"}},
			},
			{
				Name: "outcomes", Path: "outcomes.csv", Title: "Outcomes",
				Schema: Schema{
					Fields: []Field{
						{Name: "id", Type: TypeInteger, Constraints: Constraints{Required: true, Unique: true, Minimum: new(1)}},
						{Name: "case", Type: TypeString, Constraints: Constraints{Required: true}},
						{Name: "text", Type: TypeString, Constraints: Constraints{Required: true}},
						{Name: "year", Type: TypeInteger},
						{Name: "independent", Type: TypeBoolean, Constraints: Constraints{Required: true}},
					},
					PrimaryKey:  []string{"id"},
					ForeignKeys: []ForeignKey{{Fields: []string{"case"}, Reference: Reference{Resource: "cases", Fields: []string{"slug"}}}},
				},
				Rows: [][]string{
					{"1", "metrocable", "Travel time cut from 2.5 hours to 7 minutes, \"independent\" audit;\nsecond line, Medellín", "2010", "true"},
					{"2", "bilhete-unico", "=SUM(A1) looks like a formula; ok", "", "false"},
				},
			},
		},
	}
}
