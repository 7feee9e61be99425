// validate.js [--rows] PATH...: loads each data package (a datapackage.json
// or a zip) with the Frictionless reference library in strict mode, then
// reads every resource with its rows cast by the Table Schema and foreign
// keys resolved. Prints a JSON array with one report per package: its name,
// profile, licences, resources (rows read; with --rows the rows themselves)
// and problems. Exits 1 if any package has a problem. Test-only; see
// frictionless_test.go.
'use strict'
const { Package } = require('datapackage')

async function check (file, withRows) {
  const report = { path: file, resources: [], problems: [] }
  const problems = report.problems
  let pkg
  try {
    pkg = await Package.load(file, { strict: true })
  } catch (err) {
    problems.push(`descriptor: ${err.message}`)
    for (const e of err.errors || []) problems.push(`descriptor: ${e.message}`)
    return report
  }
  report.name = pkg.descriptor.name
  report.profile = pkg.descriptor.profile
  report.licenses = pkg.descriptor.licenses
  for (const resource of pkg.resources) {
    const name = resource.name
    const before = problems.length
    let rows = []
    try {
      rows = await resource.read({ cast: true, relations: true, forceCast: true })
    } catch (err) {
      rows = []
      problems.push(`${name}: ${err.message}`)
    }
    let good = 0
    for (const row of rows) {
      if (!(row instanceof Error)) {
        good++
        continue
      }
      problems.push(`${name}: ${row.message}`)
      for (const e of row.errors || []) problems.push(`${name}: ${e.message}`)
    }
    const entry = { name, rows: good }
    if (withRows && problems.length === before) entry.data = await resource.read({ cast: true })
    report.resources.push(entry)
  }
  return report
}

async function main (args) {
  const withRows = args.includes('--rows')
  const files = args.filter(a => a !== '--rows')
  if (!files.length) {
    console.error('usage: node validate.js [--rows] PATH...')
    process.exit(2)
  }
  const reports = []
  for (const file of files) reports.push(await check(file, withRows))
  process.stdout.write(JSON.stringify(reports, null, 2) + '\n')
  const bad = reports.filter(r => r.problems.length)
  for (const r of bad) console.error(`${r.path}:\n  ${r.problems.join('\n  ')}`)
  process.exit(bad.length ? 1 : 0)
}

main(process.argv.slice(2)).catch(err => {
  console.error(String((err && err.stack) || err))
  process.exit(1)
})
