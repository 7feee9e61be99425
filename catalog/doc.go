// Package catalog is Casebook's domain: case studies, success factors and
// synonyms, loaded from Markdown files with YAML front matter in an fs.FS,
// validated strictly and rendered to HTML once at load time.
//
// A catalogue folder holds:
//
//	cases/<slug>.md      one case study each (subfolders allowed; the slug is the file name)
//	factors/<slug>.md    one success factor each
//	synonyms.yaml        optional groups of equivalent search terms
//
// Case front matter keys:
//
//	title          required, at most 200 characters
//	summary        required, at most 400 characters
//	country        required
//	jurisdiction   optional: province, state, city or region
//	level          required: local, regional, provincial, national or international
//	year           required: the year it started, 1800 up to next year
//	status         optional: pilot, ongoing, completed or discontinued
//	organisations  optional list of names
//	sectors        optional list of policy areas, compared case-insensitively
//	tags           optional list of free-text tags, compared case-insensitively
//	factors        required list of at least one factor slug
//	sources        optional list of {title, url}; url must be http or https
//
// Factor front matter keys:
//
//	title    required
//	summary  required
//	aliases  optional list of other names for the factor
//
// Unknown keys, missing or empty required keys, values of the wrong type, bad
// slugs, unknown factors, duplicate slugs, files over 1 MiB, empty files,
// files without front matter and invalid UTF-8 are errors. Every problem names
// the file and, where it has one, the line. A factor that no case uses is a
// warning.
package catalog
