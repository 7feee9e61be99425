package main

import (
	"fmt"
	"time"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/web"
)

func runExport(env *cliEnv, args []string) int {
	fs := newFlagSet(env, "export", "[--content DIR] [--format csv|json]\n       casebook export --format datapackage --out DIR [--content DIR] [--base-url URL] [--content-version V] [--licence L]\n\n"+
		"Writes the whole catalogue to standard output, or as a Frictionless Data Package into the --out folder.")
	dir := fs.String("content", "", "catalogue folder (default: the embedded catalogue)")
	format := fs.String("format", "json", "csv, json or datapackage")
	out := fs.String("out", "", "folder for the data package (--format datapackage)")
	baseURL := fs.String("base-url", "", "public address of the site, for the case URLs in the data package (default: relative URLs)")
	publication := addPublicationFlags(fs)
	rest, code, ok := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return usageError(env, "export", "unexpected argument %q", rest[0])
	}
	if *format != "csv" && *format != "json" && *format != "datapackage" {
		return usageError(env, "export", "unknown --format %q: use csv, json or datapackage", *format)
	}
	if (*format == "datapackage") != (*out != "") {
		return usageError(env, "export", "--out DIR goes with --format datapackage, and only with it")
	}
	version, licence, err := publication.parse()
	if err != nil {
		return usageError(env, "export", "%v", err)
	}
	if err := web.CheckBaseURL(*baseURL); err != nil {
		return usageError(env, "export", "--base-url %v", err)
	}
	fsys, err := contentFS(*dir)
	var cat *catalog.Catalog
	if err == nil {
		cat, err = catalog.Load(fsys)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook export: %v\n", err)
		return exitInvalid
	}
	reportErrors(env, "export", cat)
	switch *format {
	case "datapackage":
		if version == "" {
			version, err = catalog.Version(fsys)
		}
		if err == nil {
			err = catalog.WriteDataPackage(*out, cat, catalog.PackageInfo{Version: version, BaseURL: *baseURL, Created: time.Now(), Licence: licence})
		}
		if err == nil {
			fmt.Fprintf(env.stderr, "casebook export: wrote the data package (content version %s) to %s\n", version, *out)
		}
	case "csv":
		err = catalog.WriteCSV(env.stdout, cat.Cases)
	default:
		err = catalog.WriteJSON(env.stdout, cat.Cases)
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "casebook export: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

// reportErrors tells the user on stderr that some files were left out.
func reportErrors(env *cliEnv, cmd string, cat *catalog.Catalog) {
	errs := cat.Problems.Errors()
	if len(errs) == 0 {
		return
	}
	fmt.Fprintf(env.stderr, "casebook %s: %s in the content (run 'casebook validate' for details); affected files are left out\n", cmd, plural(len(errs), "error"))
}
