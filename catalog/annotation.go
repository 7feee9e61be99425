package catalog

import (
	"fmt"
	"strings"
)

// GitHubAnnotation formats the problem as a GitHub Actions workflow command
// (::error file=F,line=N::message), which shows it on the line of the file
// in a pull request.
func (p Problem) GitHubAnnotation() string {
	props := "file=" + githubProperty.Replace(p.File)
	if p.Line > 0 {
		props += fmt.Sprintf(",line=%d", p.Line)
	}
	return fmt.Sprintf("::%s %s::%s", p.Severity, props, githubData.Replace(p.Message))
}

// Escapes of workflow command data and properties.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
