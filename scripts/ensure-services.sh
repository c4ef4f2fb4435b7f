#!/usr/bin/env bash
# Makes sure Postgres and Redis answer. Where they are installed locally but stopped, starts them (Debian's
# pg_ctlcluster, redis-server); otherwise says exactly what is missing and how to start it.
set -uo pipefail
cd "$(dirname "$0")/.."

if npx tsx scripts/check-services.ts 2>/dev/null; then
  echo "Postgres and Redis are reachable"
  exit 0
fi

started=""
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  for version in $(ls /etc/postgresql); do
    pg_ctlcluster --skip-systemctl-redirect "$version" main start >/dev/null 2>&1 && started="$started postgres-$version"
  done
fi
if command -v redis-server >/dev/null 2>&1 && ! (command -v redis-cli >/dev/null && redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" ping >/dev/null 2>&1); then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --maxmemory-policy noeviction >/dev/null 2>&1 && started="$started redis"
fi
[ -n "$started" ] && { echo "started:$started"; sleep 2; }

npx tsx scripts/check-services.ts && exit 0
echo "kubeclass test: the tests need Postgres and Redis. Start them with \`docker compose up -d postgres redis\`" >&2
echo "                (then DATABASE_URL=postgresql://kubeclass:kubeclass@127.0.0.1:5432/kubeclass), or set DATABASE_URL / REDIS_URL." >&2
exit 1
