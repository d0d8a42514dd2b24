#!/usr/bin/env bash
# Starts a local Haven cluster on loopback: PostgreSQL, Redis and two Haven nodes sharing them.
#   scripts/cluster.sh            # nodes at http://127.0.0.1:5081 and http://127.0.0.1:5082
# Ctrl+C stops everything and deletes the temporary data. Needs the Debian packages postgresql
# and redis-server (./test.sh installs them). Demo members are seeded (password demo-haven-2026).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_PORT=${PG_PORT:-5433}
REDIS_PORT=${REDIS_PORT:-6380}
NODE_PORTS=(${NODE_PORTS:-5081 5082})
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -x "$pg_bin/initdb" ]] || { echo "PostgreSQL is not installed (apt-get install -y postgresql)"; exit 1; }
command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install -y redis-server)"; exit 1; }

work=$(mktemp -d /tmp/haven-cluster-XXXXXX)
chmod 755 "$work"
pids=()
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_pg "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

mkdir -p "$work/pg"
[[ $(id -u) == 0 ]] && chown postgres "$work/pg"
as_pg "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
as_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/log" -o "-p $PG_PORT -k $work/pg -c listen_addresses=127.0.0.1" start >/dev/null
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >"$work/redis.log" 2>&1 &
pids+=($!)

dotnet build src/Haven.Server -c Release -v q -nologo >/dev/null
export ASPNETCORE_ENVIRONMENT=Production
export Haven__Database__Provider=Postgres
export Haven__Database__ConnectionString="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
export Haven__Redis__Configuration="127.0.0.1:$REDIS_PORT"
export Haven__Redis__ChannelPrefix=haven-local
export Haven__Encryption__MessageKey=$(head -c 32 /dev/urandom | base64)
export Haven__Demo__Seed=true
for port in "${NODE_PORTS[@]}"; do
  dotnet src/Haven.Server/bin/Release/net10.0/Haven.Server.dll --urls "http://127.0.0.1:$port" >"$work/node-$port.log" 2>&1 &
  pids+=($!)
  # The first node migrates and seeds; the second starts once it is ready.
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do sleep 0.5; done
  echo "node ready: http://127.0.0.1:$port (log $work/node-$port.log)"
done
echo "PostgreSQL 127.0.0.1:$PG_PORT, Redis 127.0.0.1:$REDIS_PORT. Ctrl+C stops the cluster."
wait
