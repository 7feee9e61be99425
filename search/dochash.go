package search

import (
	"encoding/binary"
	"fmt"
	"hash"
	"io"
	"math"
	"reflect"
)

// hashDocument writes every field of d to h, in order, each value with its
// length first so that no two documents write the same bytes. It is the
// document's identity in an index folder's manifest, computed for every
// case at each start-up: several times faster than hashing its JSON. It
// walks the struct's fields, so a field added to document is hashed too.
func hashDocument(h hash.Hash, d *document) {
	var buf [binary.MaxVarintLen64]byte
	num := func(n uint64) { h.Write(binary.AppendUvarint(buf[:0], n)) }
	str := func(s string) {
		num(uint64(len(s)))
		io.WriteString(h, s)
	}
	v := reflect.ValueOf(d).Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			str(f.String())
		case reflect.Slice:
			num(uint64(f.Len()))
			for j := range f.Len() {
				if e := f.Index(j); e.Kind() == reflect.String {
					str(e.String())
				} else {
					str(fmt.Sprint(e.Interface()))
				}
			}
		case reflect.Float64:
			num(math.Float64bits(f.Float()))
		default:
			str(fmt.Sprint(f.Interface()))
		}
	}
}
