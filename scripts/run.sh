#!/usr/bin/env bash
# The main job on a fresh machine: install, build, import the gazetteer into MARSAD_HOME from the
# local copies beside the project, extract the seed page into events, then build the demo store
# (synthetic reports of examples/demo and the Idlib example agreement, in MARSAD_HOME/demo) and
# serve the dashboard on it until Ctrl-C. MARSAD_DEMO_PORT picks the port (default 8080);
# MARSAD_DEMO_SERVE=0 builds the demo store without serving it.
set -euo pipefail
cd "$(dirname "$0")/.."
# npm install, not npm ci: vite (through vitest) names an optional Windows-only package that the
# registry here does not serve, which npm ci refuses and npm install skips; the lock file still pins the rest.
npm install --no-audit --no-fund
npm run build
data="${MARSAD_DATA:-../shared/data}"
node dist/cli/main.js data import "$data"
node dist/cli/main.js extract ../shared/eval/seed/seed-article.txt --published 2019-06-05 --format pretty
if [ "${MARSAD_DEMO_SERVE:-1}" = 0 ]; then
  node dist/cli/main.js demo --no-serve
else
  node dist/cli/main.js demo --port "${MARSAD_DEMO_PORT:-8080}"
fi
