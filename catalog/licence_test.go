package catalog

import "testing"

func TestParseLicence(t *testing.T) {
	tests := []struct {
		in      string
		want    Licence
		wantErr bool
	}{
		{"CC-BY-4.0", DefaultLicence, false},
		{" cc0-1.0 ", Licences[3], false},
		{"MIT=https://opensource.org/license/mit", Licence{ID: "MIT", Title: "MIT", URL: "https://opensource.org/license/mit"}, false},
		{"GPL", Licence{}, true},
		{"", Licence{}, true},
		{"X=javascript:alert(1)", Licence{}, true},
		{"=https://example.org/", Licence{}, true},
		{"A B=https://example.org/", Licence{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseLicence(tt.in)
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("ParseLicence(%q) = %+v, %v; want %+v, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}
