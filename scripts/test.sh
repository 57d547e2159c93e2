#!/usr/bin/env bash
# Everything the test suite needs, on a fresh machine: npm packages, Debian packages (PostgreSQL
# and Redis, which the tests start on loopback; Chromium, poppler and Arabic fonts for the report's PDF), a
# build, then the tests. Servers started here are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -d /usr/share/fonts/truetype/noto ] || need_apt+=(fonts-noto-core)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
# The queue's resilience tests start their own redis-server (test/support/redis.ts).
[ -x /usr/bin/redis-server ] || command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "scripts/test.sh: missing Debian packages ${need_apt[*]} (run as root to install them)" >&2
  fi
fi

# npm install, not npm ci: vite (through vitest) names an optional Windows-only package that the
# registry here does not serve, which npm ci refuses and npm install skips; the lock file still pins the rest.
npm install --no-audit --no-fund
npm run build

if [ -x scripts/pg-test-server.sh ]; then
  eval "$(scripts/pg-test-server.sh start)"
  trap 'scripts/pg-test-server.sh stop >/dev/null 2>&1 || true' EXIT
fi

# vitest's own summary is for people; CI reads the plain closing line printed after it.
report=$(mktemp)
set +e
npx vitest run --reporter=default --reporter=json --outputFile="$report" "$@"
status=$?
set -e
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$report" || true
rm -f "$report"
exit $status
