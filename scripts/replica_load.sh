#!/usr/bin/env bash
# Load against 1, 2 or 3 kefu replicas on one PostgreSQL database (or one on sled, the
# baseline): starts the replicas (their own data directories, rate limits lifted) and runs
# scripts/replica_load.py against them, every conversation's turns spread over the replicas.
#   scripts/replica_load.sh postgres://user@host/db REPLICAS [CLIENTS] [SECONDS]
#   scripts/replica_load.sh sled 1 [CLIENTS] [SECONDS]
# Use an empty database per run. (Not `kefu bench chat`, which another change adds.)
set -euo pipefail
cd "$(dirname "$0")/.."
url=$1
n=${2:-1}
clients=${3:-8}
seconds=${4:-30}
kefu=target/release/kefu
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

addrs=()
for i in $(seq 1 "$n"); do
  mkdir -p "$tmp/data$i"
  env_store=()
  [ "$url" != sled ] && env_store=(KEFU_STORE_BACKEND=postgres "KEFU_STORE_URL=$url")
  env "${env_store[@]}" KEFU_KNOWLEDGE_WATCH=false \
    KEFU_SERVER_REST_REQUESTS_PER_SECOND=100000 KEFU_SERVER_REST_BURST=100000 \
    KEFU_SERVER_SESSION_TURNS_PER_SECOND=1000 KEFU_SERVER_SESSION_BURST=1000 \
    KEFU_MODEL_AUTO_FETCH=false KEFU_LOG=info NO_COLOR=1 \
    "$kefu" serve --bind 127.0.0.1:0 --data-dir "$tmp/data$i" 2>"$tmp/log$i" &
  pids+=($!)
done
for i in $(seq 1 "$n"); do
  until addr=$(grep -o 'listening on http://[0-9.:]*' "$tmp/log$i" | sed 's|listening on http://||'); do
    kill -0 "${pids[$((i-1))]}" || { cat "$tmp/log$i"; exit 1; }
    sleep 0.5
  done
  addrs+=("$addr")
done

python3 scripts/replica_load.py --seconds "$seconds" --clients "$clients" "${addrs[@]}"
