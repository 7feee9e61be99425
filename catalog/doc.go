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
//	evidence       optional: Nesta Standards of Evidence level, 1 to 5
//	reviewed       optional: YYYY-MM-DD an editor last checked the case; a real date, not in the future
//	added          optional: YYYY-MM-DD the case entered the catalogue; a real date, not in the future
//	outcomes       optional list of {text, source, year, independent}: text required, at most
//	               300 characters; source required, the url of a listed source (its title when
//	               it has no url); year a whole number; independent true or false
//
// A case's completeness is derived, not written: stub when the body has under
// 150 words, complete when it has the four recommended sections (## Challenge,
// ## What they did, ## Results, ## Lessons), an outcome, two sources and a
// reviewed date, else partial.
//
// Factor front matter keys:
//
//	title    required
//	summary  required
//	aliases  optional list of other names for the factor
//
// Unknown keys, missing or empty required keys, values of the wrong type, bad
// slugs, unknown factors, duplicate slugs, an evidence level outside 1..5, an
// outcome naming no listed source, a date that is not real or lies in the future,
// files over 1 MiB, empty files,
// files without front matter and invalid UTF-8 are errors. Every problem names
// the file, as a path relative to the catalogue folder (cases/x.md), and,
// where it has one, the line; a file's problems all come in one pass. YAML
// syntax errors are explained in plain words with a hint, on the line of the
// mistake.
//
// Warnings: a factor that no case uses; a quoted number (year: "2018"); body
// links without their closing parenthesis, to .md files, or to cases or
// factors that do not exist; raw HTML, which is dropped; a misnamed
// recommended section. ReviewList adds the editors' review list (cases due
// for review, sections missing), which casebook validate prints.
//
// A Tree keeps a catalogue folder file by file and applies changes: a file
// with any error is not published in its new form (its last good version
// stays), a deleted factor that cases use stays served with one problem, and
// of two files with one slug the first seen keeps it. Load is a Tree's first
// scan.
package catalog
