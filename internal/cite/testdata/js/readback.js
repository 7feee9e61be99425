// readback.js FORMAT FILE: parses FILE (bibtex or ris) with citation-js and
// prints the entries it read as a CSL-JSON array. Test-only; see cite_test.go.
'use strict'
const fs = require('fs')
const { Cite } = require('@citation-js/core')
require('@citation-js/plugin-bibtex')
require('@citation-js/plugin-ris')
require('@citation-js/plugin-csl')

const [format, file] = process.argv.slice(2)
const types = { bibtex: '@biblatex/text', ris: '@ris/file' }
if (!types[format] || !file) {
  console.error('usage: node readback.js bibtex|ris FILE')
  process.exit(2)
}
const text = fs.readFileSync(file, 'utf8')
try {
  const cite = new Cite(text, { forceType: types[format] })
  process.stdout.write(JSON.stringify(cite.data.map(({ _graph, ...item }) => item), null, 2) + '\n')
} catch (err) {
  console.error(String(err && err.stack || err))
  process.exit(1)
}
