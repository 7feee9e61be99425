package web

import (
	"bytes"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/casebook/casebook/catalog"
	"github.com/casebook/casebook/internal/datapackage"
)

// packageZip is a state's data package as a zip, built on first request.
// Only a server with a base URL keeps it: without one, the URLs in the
// package come from each request's host.
type packageZip struct {
	once sync.Once
	body []byte
	err  error
}

// apiDataPackage answers the catalogue as a Frictionless Data Package in a
// zip: the tables of catalog.DataPackage with the content version, the
// licence and the site's address.
func (s *Server) apiDataPackage(c *gin.Context, st *state) error {
	build := func() ([]byte, error) {
		p := catalog.DataPackage(st.cat, catalog.PackageInfo{Version: st.version, BaseURL: s.absURL(c, ""),
			Created: st.loaded, Licence: s.licence})
		var buf bytes.Buffer
		err := datapackage.WriteZip(&buf, p)
		return buf.Bytes(), err
	}
	var body []byte
	var err error
	if s.baseURL != "" {
		st.zip.once.Do(func() { st.zip.body, st.zip.err = build() })
		body, err = st.zip.body, st.zip.err
	} else {
		body, err = build()
	}
	if err != nil {
		return err
	}
	name := "casebook-datapackage"
	if st.version != "" {
		name += "-" + st.version
	}
	attachment(c, name+".zip")
	send(c, http.StatusOK, "application/zip", body)
	return nil
}
