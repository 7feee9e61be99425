#!/usr/bin/env bash
# Installs the test-only npm packages that check Casebook's output with
# outside libraries, exactly as locked in each folder's package-lock.json:
#   internal/cite/testdata/js         citation-js reads back BibTeX and RIS
#   internal/datapackage/testdata/js  the Frictionless reference library
#                                     (npm datapackage) validates data packages
# Without them those tests skip; .ci/run calls this script and sets
# CASEBOOK_NODE_REQUIRED=1 so that they run or fail.
#
#   scripts/node-deps.sh        needs node and npm on the PATH
set -euo pipefail
cd "$(dirname "$0")/.."

dirs=(internal/cite/testdata/js internal/datapackage/testdata/js)

command -v node >/dev/null 2>&1 || { echo "node-deps: node is not on the PATH" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "node-deps: npm is not on the PATH" >&2; exit 1; }
echo "== node $(node --version), npm $(npm --version)"
for d in "${dirs[@]}"; do
  echo "== npm ci in $d"
  npm ci --no-audit --no-fund --loglevel=error --prefix "$d"
done
