package worldmap

// plainNames gives Natural Earth's short or formal names the plain English names
// Casebook's cases use; a country not listed keeps Natural Earth's name.
var plainNames = map[string]string{
	"Bosnia and Herz.":         "Bosnia and Herzegovina",
	"Central African Rep.":     "Central African Republic",
	"Congo":                    "Republic of the Congo",
	"Dem. Rep. Congo":          "Democratic Republic of the Congo",
	"Dominican Rep.":           "Dominican Republic",
	"Eq. Guinea":               "Equatorial Guinea",
	"Falkland Is.":             "Falkland Islands",
	"Fr. S. Antarctic Lands":   "French Southern and Antarctic Lands",
	"Macedonia":                "North Macedonia",
	"N. Cyprus":                "Northern Cyprus",
	"S. Sudan":                 "South Sudan",
	"Solomon Is.":              "Solomon Islands",
	"United States of America": "United States",
	"W. Sahara":                "Western Sahara",
	"eSwatini":                 "Eswatini",
}

// variants are other names people write for a country or region, lower case, with the
// name Casebook uses. Suggest offers them; the map itself only knows the plain names.
var variants = map[string]string{
	"usa": "United States", "us": "United States", "u.s.": "United States", "u.s.a.": "United States",
	"united states of america": "United States", "america": "United States",
	"uk": "United Kingdom", "u.k.": "United Kingdom", "great britain": "United Kingdom", "britain": "United Kingdom",
	"england": "United Kingdom", "scotland": "United Kingdom", "wales": "United Kingdom", "northern ireland": "United Kingdom",
	"republic of korea": "South Korea", "korea, republic of": "South Korea", "korea (south)": "South Korea",
	"democratic people's republic of korea": "North Korea",
	"holland":                               "Netherlands", "the netherlands": "Netherlands",
	"czech republic": "Czechia", "russian federation": "Russia", "viet nam": "Vietnam", "lao pdr": "Laos",
	"burma": "Myanmar", "ivory coast": "Côte d'Ivoire", "cote d'ivoire": "Côte d'Ivoire", "east timor": "Timor-Leste",
	"swaziland": "Eswatini", "macedonia": "North Macedonia", "türkiye": "Turkey", "turkiye": "Turkey",
	"the gambia": "Gambia", "the bahamas": "Bahamas", "cape verde": "Cabo Verde", "vatican": "Vatican City",
	"holy see": "Vatican City", "sao tome and principe": "São Tomé and Príncipe", "congo-brazzaville": "Republic of the Congo",
	"drc": "Democratic Republic of the Congo", "congo-kinshasa": "Democratic Republic of the Congo",
	"uae": "United Arab Emirates", "bosnia": "Bosnia and Herzegovina", "new zealand / aotearoa": "New Zealand",
	"eu": "European Union", "europe": "European Union",
	"global": "International", "worldwide": "International", "multinational": "International", "world": "International",
}

// regions are the places cases name that are not one country: their cases are counted
// beside the map, not on it.
var regions = []string{"International", "European Union"}

// smallState is a country too small for the 110m shapes, drawn as a dot at its capital.
type smallState struct {
	name     string
	iso      string // ISO 3166-1 numeric
	lat, lon float64
}

// smallStates are drawn as dots where they have cases.
var smallStates = []smallState{
	{"Andorra", "020", 42.51, 1.52},
	{"Antigua and Barbuda", "028", 17.12, -61.85},
	{"Bahrain", "048", 26.07, 50.56},
	{"Barbados", "052", 13.1, -59.61},
	{"Cabo Verde", "132", 14.93, -23.51},
	{"Comoros", "174", -11.7, 43.26},
	{"Dominica", "212", 15.3, -61.39},
	{"Grenada", "308", 12.06, -61.75},
	{"Hong Kong", "344", 22.32, 114.17},
	{"Kiribati", "296", 1.33, 172.98},
	{"Liechtenstein", "438", 47.14, 9.52},
	{"Maldives", "462", 4.18, 73.51},
	{"Malta", "470", 35.9, 14.51},
	{"Marshall Islands", "584", 7.1, 171.38},
	{"Mauritius", "480", -20.16, 57.5},
	{"Micronesia", "583", 6.92, 158.16},
	{"Monaco", "492", 43.73, 7.42},
	{"Nauru", "520", -0.52, 166.93},
	{"Palau", "585", 7.5, 134.62},
	{"Saint Kitts and Nevis", "659", 17.3, -62.72},
	{"Saint Lucia", "662", 14.01, -60.99},
	{"Saint Vincent and the Grenadines", "670", 13.16, -61.23},
	{"Samoa", "882", -13.83, -171.76},
	{"San Marino", "674", 43.94, 12.46},
	{"São Tomé and Príncipe", "678", 0.34, 6.73},
	{"Seychelles", "690", -4.62, 55.45},
	{"Singapore", "702", 1.35, 103.82},
	{"Tonga", "776", -21.14, -175.2},
	{"Tuvalu", "798", -8.52, 179.2},
	{"Vatican City", "336", 41.9, 12.45},
}
