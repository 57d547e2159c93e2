#!/usr/bin/env bash
# The main job on a fresh machine: install, build, import the gazetteer into MARSAD_HOME from the
# local copies beside the project, and extract the seed page into events.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm install, not npm ci: vite (through vitest) names an optional Windows-only package that the
# registry here does not serve, which npm ci refuses and npm install skips; the lock file still pins the rest.
npm install --no-audit --no-fund
npm run build
data="${MARSAD_DATA:-../shared/data}"
node dist/cli/main.js data import "$data"
node dist/cli/main.js extract ../shared/eval/seed/seed-article.txt --published 2019-06-05 --format pretty
