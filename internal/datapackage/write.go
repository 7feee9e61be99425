package datapackage

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// WriteDir writes p into dir: datapackage.json and each resource's CSV file
// at its path, creating dir and the folders the paths name, replacing files
// of the same names. It refuses resource paths that would leave dir. It
// does not check the rows; call Validate for that.
func WriteDir(dir string, p Package) error {
	return write(p, func(name string, body []byte) error {
		file := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		return os.WriteFile(file, body, 0o644)
	})
}

// WriteZip writes p as a zip archive to w: datapackage.json at the top, then
// each resource's CSV file at its path, all dated p.Created, with an entry
// for each folder before the files in it (readers such as the Frictionless
// JavaScript library create folders only from those entries). The archive
// is what WriteDir would write into an empty directory.
func WriteZip(w io.Writer, p Package) error {
	zw := zip.NewWriter(w)
	folders := map[string]bool{}
	err := write(p, func(name string, body []byte) error {
		for i, c := range name {
			if dir := name[:i+1]; c == '/' && !folders[dir] {
				folders[dir] = true
				if _, err := zw.CreateHeader(&zip.FileHeader{Name: dir, Modified: p.Created}); err != nil {
					return err
				}
			}
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: p.Created})
		if err != nil {
			return err
		}
		_, err = fw.Write(body)
		return err
	})
	if err != nil {
		return err
	}
	return zw.Close()
}

// write checks the resource paths, then hands the descriptor and each CSV
// file to put.
func write(p Package, put func(name string, body []byte) error) error {
	if errs := checkPaths(p); len(errs) > 0 {
		return errs[0]
	}
	desc, err := p.Descriptor()
	if err != nil {
		return err
	}
	if err := put(DescriptorName, desc); err != nil {
		return err
	}
	for _, r := range p.Resources {
		body, err := r.CSV()
		if err != nil {
			return fmt.Errorf("%s: %w", r.Path, err)
		}
		if err := put(r.Path, body); err != nil {
			return err
		}
	}
	return nil
}

// CSV returns the resource's CSV file: a header row of the field names,
// then the rows, quoted by encoding/csv where a value needs it (commas,
// quotes, line breaks). Lines end in "\n"; there is no byte-order mark.
func (r Resource) CSV() ([]byte, error) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	header := make([]string, len(r.Schema.Fields))
	for i, f := range r.Schema.Fields {
		header[i] = f.Name
	}
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	if err := cw.WriteAll(r.Rows); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// checkPaths reports resource paths that are empty, absolute, not clean,
// leave the package folder, repeat, or take the descriptor's name.
func checkPaths(p Package) []error {
	var errs []error
	seen := map[string]bool{DescriptorName: true}
	for i, r := range p.Resources {
		bad := ""
		switch {
		case r.Path == "" || path.IsAbs(r.Path) || strings.Contains(r.Path, `\`) || filepath.IsAbs(r.Path):
			bad = "must be a relative slash-separated path"
		case path.Clean(r.Path) != r.Path || r.Path == ".." || strings.HasPrefix(r.Path, "../"):
			bad = "must be clean and stay inside the package"
		case seen[r.Path]:
			bad = "is used twice"
		}
		if bad != "" {
			errs = append(errs, fmt.Errorf("%s: resources[%d] path %q %s", DescriptorName, i, r.Path, bad))
		}
		seen[r.Path] = true
	}
	return errs
}
