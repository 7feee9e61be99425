package search

import (
	"strings"

	"github.com/casebook/casebook/catalog"
)

// synonymSet finds runs of query words that belong to a synonym group.
// Groups are expanded at query time, so members of several words work.
type synonymSet struct {
	groups  [][]string          // each member as folded words joined by spaces
	byFirst map[string][]member // first word -> members starting with it
}

type member struct {
	words []string
	group int
}

func newSynonymSet(groups [][]string) *synonymSet {
	s := &synonymSet{byFirst: map[string][]member{}}
	for gi, g := range groups {
		var norm []string
		for _, term := range g {
			words := strings.Fields(cleanWords(catalog.Fold(term)))
			if len(words) == 0 {
				continue
			}
			norm = append(norm, strings.Join(words, " "))
			s.byFirst[words[0]] = append(s.byFirst[words[0]], member{words: words, group: gi})
		}
		s.groups = append(s.groups, norm)
	}
	return s
}

// match returns the length of the longest group member starting at
// words[i] (folded words), and the other members of its group.
func (s *synonymSet) match(words []string, i int) (n int, others []string) {
	best := member{}
	for _, m := range s.byFirst[words[i]] {
		if len(m.words) <= len(best.words) || i+len(m.words) > len(words) {
			continue
		}
		ok := true
		for k, w := range m.words {
			if words[i+k] != w {
				ok = false
				break
			}
		}
		if ok {
			best = m
		}
	}
	if len(best.words) == 0 {
		return 0, nil
	}
	self := strings.Join(best.words, " ")
	for _, other := range s.groups[best.group] {
		if other != self {
			others = append(others, other)
		}
	}
	return len(best.words), others
}
