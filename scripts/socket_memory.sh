#!/usr/bin/env bash
# What idle sockets cost: starts `kefu serve` on a fresh data directory, opens N idle
# sockets against it (`kefu bench sockets`), closes them, and prints the server's resident
# memory before, while open and after. Usage: scripts/socket_memory.sh [N] (default 10000).
# Needs a release build (cargo build --release --bins) and the base encoder installed.
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
port="${KEFU_BENCH_PORT:-18931}"
kefu=./target/release/kefu
data="$(mktemp -d)"
# Each end (server, bench) holds one descriptor per socket.
want=$((count + 1024))
hard="$(ulimit -Hn)"
[ "$hard" = unlimited ] || [ "$want" -le "$hard" ] || want="$hard"
ulimit -n "$want"
KEFU_SERVER_MAX_CONNECTIONS=$((count + 100)) \
KEFU_SERVER_MAX_CONNECTIONS_PER_IP=$((count + 100)) \
  "$kefu" serve --bind "127.0.0.1:$port" --data-dir "$data" >"$data/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$data/serve.log"; exit 1; }
  sleep 0.5
done
"$kefu" bench sockets --server "http://127.0.0.1:$port" --pid "$server" --count "$count" "${@:2}"
