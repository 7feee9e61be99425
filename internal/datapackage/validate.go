package datapackage

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxProblems caps what Validate reports; the rest are counted in one last error.
const maxProblems = 100

var (
	packageName  = regexp.MustCompile(`^[-a-z0-9._/]+$`)
	resourceName = regexp.MustCompile(`^[-a-z0-9._]+$`)
	licenseName  = regexp.MustCompile(`^[-a-zA-Z0-9._]+$`)
	integerText  = regexp.MustCompile(`^[+-]?(0|[1-9][0-9]*)$`) // no leading zeros, as the reference library
	numberText   = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$|^(NaN|INF|-INF)$`)
)

// Validate checks p as a Frictionless validator would: the descriptor (names,
// paths, licences, field types, keys that name existing fields and resources)
// and then every row of every resource: its width, that each value casts to
// its field's type (string, integer, number, boolean, date), the required,
// unique, enum, length, pattern, minimum and maximum constraints, that
// primary keys are present and unique, and that foreign keys resolve. It
// returns nil for a valid package and at most about 100 problems otherwise,
// each naming the file, row (1 is the first row after the header) and field.
func Validate(p Package) []error {
	v := &validator{patterns: map[string]*regexp.Regexp{}}
	v.descriptor(p)
	if len(v.errs) == 0 {
		keys := map[string]map[string]bool{}
		for _, r := range p.Resources {
			v.rows(r)
		}
		for _, r := range p.Resources {
			v.foreignKeys(p, r, keys)
		}
	}
	if v.more > 0 {
		v.errs = append(v.errs, fmt.Errorf("and %d more problems", v.more))
	}
	return v.errs
}

// validator collects problems up to maxProblems.
type validator struct {
	errs     []error
	more     int
	patterns map[string]*regexp.Regexp // compiled whole-value patterns
}

func (v *validator) add(format string, args ...any) {
	if len(v.errs) >= maxProblems {
		v.more++
		return
	}
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

// descriptor checks everything in datapackage.json.
func (v *validator) descriptor(p Package) {
	const d = DescriptorName
	if !packageName.MatchString(p.Name) {
		v.add("%s: name %q must be lower case letters, digits and -._/", d, p.Name)
	}
	for i, l := range p.Licenses {
		if l.Name == "" && l.Path == "" {
			v.add("%s: licenses[%d] needs a name or a path", d, i)
		}
		if l.Name != "" && !licenseName.MatchString(l.Name) {
			v.add("%s: licenses[%d] name %q is not an Open Definition identifier", d, i, l.Name)
		}
	}
	for i, s := range p.Sources {
		if s.Title == "" {
			v.add("%s: sources[%d] needs a title", d, i)
		}
	}
	if len(p.Resources) == 0 {
		v.add("%s: a package needs at least one resource", d)
	}
	for _, err := range checkPaths(p) {
		v.add("%v", err)
	}
	names := map[string]Resource{}
	for _, r := range p.Resources {
		if !resourceName.MatchString(r.Name) {
			v.add("%s: resource name %q must be lower case letters, digits and -._", d, r.Name)
		}
		if _, dup := names[r.Name]; dup {
			v.add("%s: resource name %q is used twice", d, r.Name)
		}
		names[r.Name] = r
	}
	for _, r := range p.Resources {
		v.schema(r, names)
	}
}

// schema checks one resource's Table Schema.
func (v *validator) schema(r Resource, resources map[string]Resource) {
	at := fmt.Sprintf("%s: resource %s", DescriptorName, r.Name)
	s := r.Schema
	if len(s.Fields) == 0 {
		v.add("%s: schema needs at least one field", at)
	}
	seen := map[string]bool{}
	for _, f := range s.Fields {
		if f.Name == "" || seen[f.Name] {
			v.add("%s: field name %q is empty or used twice", at, f.Name)
		}
		seen[f.Name] = true
		c := f.Constraints
		switch {
		case !slices.Contains([]string{TypeString, TypeInteger, TypeNumber, TypeBoolean, TypeDate}, f.Type):
			v.add("%s: field %s has unknown type %q", at, f.Name, f.Type)
		case f.Type != TypeString && (c.Enum != nil || c.MinLength != nil || c.MaxLength != nil || c.Pattern != ""):
			v.add("%s: field %s: enum, length and pattern constraints are for string fields", at, f.Name)
		case f.Type != TypeInteger && f.Type != TypeNumber && (c.Minimum != nil || c.Maximum != nil):
			v.add("%s: field %s: minimum and maximum are for integer and number fields", at, f.Name)
		}
		if _, err := regexp.Compile(c.Pattern); err != nil {
			v.add("%s: field %s: pattern: %v", at, f.Name, err)
		}
	}
	for _, k := range s.PrimaryKey {
		if !seen[k] {
			v.add("%s: primary key field %q is not in the schema", at, k)
		}
	}
	for _, fk := range s.ForeignKeys {
		for _, k := range fk.Fields {
			if !seen[k] {
				v.add("%s: foreign key field %q is not in the schema", at, k)
			}
		}
		target, ok := r, fk.Reference.Resource == ""
		if !ok {
			target, ok = resources[fk.Reference.Resource]
		}
		if !ok {
			v.add("%s: foreign key refers to resource %q, which the package lacks", at, fk.Reference.Resource)
			continue
		}
		if len(fk.Fields) == 0 || len(fk.Fields) != len(fk.Reference.Fields) {
			v.add("%s: foreign key %v must name as many fields as its reference %v", at, fk.Fields, fk.Reference.Fields)
		}
		for _, k := range fk.Reference.Fields {
			if fieldIndex(target.Schema, k) < 0 {
				v.add("%s: foreign key refers to field %q, which resource %s lacks", at, k, target.Name)
			}
		}
	}
}

// rows checks each row's width, casts and constraints, and the uniqueness
// of unique fields and of the primary key.
func (v *validator) rows(r Resource) {
	fields := r.Schema.Fields
	pk := indexes(r.Schema, r.Schema.PrimaryKey)
	unique := map[int]map[string]int{}
	for i, f := range fields {
		if f.Constraints.Unique {
			unique[i] = map[string]int{}
		}
	}
	pkSeen := map[string]int{}
	for n, row := range r.Rows {
		at := fmt.Sprintf("%s row %d", r.Path, n+1)
		if len(row) != len(fields) {
			v.add("%s: %d values, want %d (%s)", at, len(row), len(fields), strings.Join(fieldNames(fields), ", "))
			continue
		}
		for i, f := range fields {
			if err := v.checkValue(f, row[i], slices.Contains(pk, i)); err != nil {
				v.add("%s: %s: %v", at, f.Name, err)
				continue
			}
			if seen, ok := unique[i]; ok && row[i] != "" {
				c := canonical(f, row[i])
				if first, dup := seen[c]; dup {
					v.add("%s: %s: %q repeats row %d, but the field is unique", at, f.Name, row[i], first)
				} else {
					seen[c] = n + 1
				}
			}
		}
		if len(pk) > 0 {
			k := keyOf(fields, row, pk)
			if first, dup := pkSeen[k]; dup {
				v.add("%s: primary key %v repeats row %d", at, r.Schema.PrimaryKey, first)
			} else {
				pkSeen[k] = n + 1
			}
		}
	}
}

// foreignKeys checks that every non-null foreign key of r names a row of
// the referenced resource. keys caches each referenced key set.
func (v *validator) foreignKeys(p Package, r Resource, keys map[string]map[string]bool) {
	for _, fk := range r.Schema.ForeignKeys {
		target := r
		if fk.Reference.Resource != "" {
			i := slices.IndexFunc(p.Resources, func(t Resource) bool { return t.Name == fk.Reference.Resource })
			if i < 0 {
				continue // reported with the descriptor
			}
			target = p.Resources[i]
		}
		cacheKey := target.Name + "\x00" + strings.Join(fk.Reference.Fields, "\x00")
		set, ok := keys[cacheKey]
		if !ok {
			set = map[string]bool{}
			ref := indexes(target.Schema, fk.Reference.Fields)
			for _, row := range target.Rows {
				if len(row) == len(target.Schema.Fields) {
					set[keyOf(target.Schema.Fields, row, ref)] = true
				}
			}
			keys[cacheKey] = set
		}
		from := indexes(r.Schema, fk.Fields)
		for n, row := range r.Rows {
			if len(row) != len(r.Schema.Fields) || allEmpty(row, from) {
				continue
			}
			if !set[keyOf(r.Schema.Fields, row, from)] {
				v.add("%s row %d: foreign key %v = %q is not in %s %v", r.Path, n+1, fk.Fields, values(row, from), target.Name, fk.Reference.Fields)
			}
		}
	}
}

// checkValue reports why value does not cast to f or breaks its
// constraints; inKey makes it required as part of a primary key.
func (v *validator) checkValue(f Field, value string, inKey bool) error {
	c := f.Constraints
	if value == "" {
		if c.Required || inKey {
			return errors.New("a value is required")
		}
		return nil
	}
	switch f.Type {
	case TypeString:
		n := utf8.RuneCountInString(value)
		switch {
		case !utf8.ValidString(value):
			return errors.New("not valid UTF-8")
		case c.Enum != nil && !slices.Contains(c.Enum, value):
			return fmt.Errorf("%q is not one of %s", value, strings.Join(c.Enum, ", "))
		case c.MinLength != nil && n < *c.MinLength, c.MaxLength != nil && n > *c.MaxLength:
			return fmt.Errorf("%d characters is outside the allowed length", n)
		case c.Pattern != "" && !v.matches(c.Pattern, value):
			return fmt.Errorf("%q does not match %s", value, c.Pattern)
		}
	case TypeInteger, TypeNumber:
		var x float64
		var err error
		if f.Type == TypeInteger && integerText.MatchString(value) {
			var i int64
			i, err = strconv.ParseInt(value, 10, 64)
			x = float64(i)
		} else if f.Type == TypeNumber && numberText.MatchString(value) {
			x, err = strconv.ParseFloat(strings.Replace(value, "INF", "Inf", 1), 64)
		} else {
			err = errors.New("syntax")
		}
		if err != nil {
			return fmt.Errorf("%q is not of type %s", value, f.Type)
		}
		if c.Minimum != nil && x < float64(*c.Minimum) || c.Maximum != nil && x > float64(*c.Maximum) {
			return fmt.Errorf("%s is outside %s", value, bounds(c))
		}
	case TypeBoolean:
		if _, ok := booleans[value]; !ok {
			return fmt.Errorf("%q is not a boolean (true or false)", value)
		}
	case TypeDate:
		if _, err := time.Parse(time.DateOnly, value); err != nil {
			return fmt.Errorf("%q is not a date (YYYY-MM-DD)", value)
		}
	}
	return nil
}

// matches reports whether the whole of value matches pattern p, compiling
// each pattern once; a pattern that does not compile matches nothing.
func (v *validator) matches(p, value string) bool {
	re, ok := v.patterns[p]
	if !ok {
		re, _ = regexp.Compile(`^(?:` + p + `)$`)
		v.patterns[p] = re
	}
	return re != nil && re.MatchString(value)
}

// booleans are the Table Schema's default true and false values.
var booleans = map[string]bool{"true": true, "True": true, "TRUE": true, "1": true, "false": false, "False": false, "FALSE": false, "0": false}

// bounds describes a field's minimum and maximum.
func bounds(c Constraints) string {
	lo, hi := "-∞", "∞"
	if c.Minimum != nil {
		lo = strconv.Itoa(*c.Minimum)
	}
	if c.Maximum != nil {
		hi = strconv.Itoa(*c.Maximum)
	}
	return lo + ".." + hi
}

// canonical is value as its field casts it, so "01" and "1" are one integer.
func canonical(f Field, value string) string {
	switch f.Type {
	case TypeInteger:
		if i, err := strconv.ParseInt(value, 10, 64); err == nil {
			return strconv.FormatInt(i, 10)
		}
	case TypeNumber:
		if x, err := strconv.ParseFloat(value, 64); err == nil {
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
	case TypeBoolean:
		if b, ok := booleans[value]; ok {
			return strconv.FormatBool(b)
		}
	}
	return value
}

// keyOf joins the canonical values at idx into one map key.
func keyOf(fields []Field, row []string, idx []int) string {
	parts := make([]string, len(idx))
	for i, j := range idx {
		parts[i] = canonical(fields[j], row[j])
	}
	return strings.Join(parts, "\x00")
}

func values(row []string, idx []int) []string {
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = row[j]
	}
	return out
}

func allEmpty(row []string, idx []int) bool {
	return !slices.ContainsFunc(idx, func(j int) bool { return row[j] != "" })
}

// indexes returns the positions of names among s's fields.
func indexes(s Schema, names []string) []int {
	out := make([]int, len(names))
	for i, n := range names {
		out[i] = fieldIndex(s, n)
	}
	return out
}

func fieldIndex(s Schema, name string) int {
	return slices.IndexFunc(s.Fields, func(f Field) bool { return f.Name == name })
}

func fieldNames(fields []Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}
