#!/usr/bin/env bash
# Runs every test kubeclass has: lint, typecheck, unit, integration (real Postgres and Redis), a production
# build, and e2e (Playwright driving Debian's Chromium against that build). Usage: npm test
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
fail() { echo "kubeclass test: $*" >&2; exit 1; }

node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || fail "Node.js 20.19 or newer is needed (found $(node -v))"

step "dependencies"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules is up to date"
fi

step "services (Postgres, Redis)"
bash scripts/ensure-services.sh

# A prefix of our own keeps this run's queues and heartbeats apart from a dev worker on the same Redis.
export QUEUE_PREFIX="kubeclass-test-$$"
export LOG_LEVEL="${LOG_LEVEL:-warn}"
export NEXT_TELEMETRY_DISABLED=1

step "generate (Prisma client, OpenAPI documents)"
npm run --silent generate

step "lint"
npm run --silent lint

step "typecheck"
npm run --silent typecheck

step "docker compose file"
if docker compose version >/dev/null 2>&1; then
  docker compose -f docker-compose.yml config -q && echo "docker-compose.yml is valid"
elif command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q && echo "docker-compose.yml is valid"
else
  echo "no docker compose here to validate docker-compose.yml with (install docker-compose to check it)"
fi

step "unit tests"
npx vitest run --project unit

step "integration tests"
npx vitest run --project integration

step "production build"
npm run --silent build

step "e2e tests"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || fail "Chromium not found at $chromium — install Debian's: sudo apt-get install -y chromium (or set CHROMIUM_PATH)"
base_url="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/kubeclass}"
export DATABASE_URL="${base_url%/*}/kubeclass_e2e_$$"
cleanup() {
  npx tsx scripts/db/drop-database.ts "$DATABASE_URL" >/dev/null 2>&1 || true
  npx tsx scripts/redis-clear-prefix.ts "$QUEUE_PREFIX" >/dev/null 2>&1 || true
}
trap cleanup EXIT
npx tsx scripts/db/migrate.ts
npx tsx prisma/seed.ts
npx playwright test

echo
echo "kubeclass: all test suites passed"
