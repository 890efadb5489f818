#!/usr/bin/env bash
# `npm test`: the whole suite. Lint, typecheck, unit tests, integration tests on SQLite, the same
# integration tests on PostgreSQL, and browser journeys in Chromium. Outside CI a missing
# PostgreSQL or Chromium is reported plainly and that suite is skipped; in CI (CI=true) it fails.
set -uo pipefail
cd "$(dirname "$0")/.."
out=.test-output
rm -rf "$out"; mkdir -p "$out"
failures=0
note() { printf '\n==> %s\n' "$*"; }

note "lint (eslint + house-style dependency rules)"
npm run -s lint || failures=$((failures + 1))
note "typecheck"
npm run -s typecheck || failures=$((failures + 1))
note "build the web shells (the browser journeys serve them)"
npm run -s build:web || failures=$((failures + 1))

run_vitest() { # name, extra env..., -- vitest args
  local name=$1; shift
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  note "tests: $name"
  env "${envs[@]}" npx vitest run "$@" --reporter=default --reporter=json --outputFile.json="$out/$name.json" || failures=$((failures + 1))
}

run_vitest unit -- --project unit
run_vitest integration-sqlite -- --project integration

pg_dir=""
pg_url="${TEST_DATABASE_URL:-}"
if [ -z "$pg_url" ]; then
  pg_dir=$(mktemp -d /tmp/tiengdan-pg.XXXXXX)
  if pg_url=$(bash scripts/pg-throwaway.sh start "$pg_dir" 2>"$out/pg-start.log"); then
    trap 'bash scripts/pg-throwaway.sh stop "$pg_dir"' EXIT
  else
    pg_url=""
  fi
fi
if [ -n "$pg_url" ]; then
  run_vitest integration-postgres "TEST_DATABASE_URL=$pg_url" -- --project integration
else
  echo "PostgreSQL could not be started or reached ($(tail -n 1 "$out/pg-start.log" 2>/dev/null)); the PostgreSQL integration run is SKIPPED."
  [ "${CI:-}" = "true" ] && { echo "CI=true: PostgreSQL is required"; failures=$((failures + 1)); }
fi

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  run_vitest e2e "CHROMIUM_PATH=$chromium" -- --project e2e
else
  echo "Chromium not found at $chromium; the browser journeys are SKIPPED (apt-get install chromium)."
  [ "${CI:-}" = "true" ] && { echo "CI=true: Chromium is required"; failures=$((failures + 1)); }
fi

# A plain closing line CI can read, summed over every vitest run.
node -e '
const fs = require("fs"); let passed = 0, failed = 0, skipped = 0;
for (const file of fs.readdirSync(process.argv[1]).filter((f) => f.endsWith(".json"))) {
  const report = JSON.parse(fs.readFileSync(process.argv[1] + "/" + file, "utf8"));
  passed += report.numPassedTests; failed += report.numFailedTests; skipped += report.numPendingTests + (report.numTodoTests || 0);
  // A file that failed to load has no failed test, but it failed: count it once.
  for (const result of report.testResults) if (result.status === "failed" && !result.assertionResults.some((a) => a.status === "failed")) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$out"
if [ "$failures" -gt 0 ]; then echo "$failures step(s) failed"; exit 1; fi
