// Package archtest holds the test that keeps Casebook's imports running
// one way: catalog imports none of ours, search only catalog, internal/web
// only catalog, search and templates, nothing imports a command, and gin
// and bleve stay inside internal/web and search. Leaf helpers under
// internal/, which import nothing of ours but other leaf helpers, may serve
// any package.
package archtest
