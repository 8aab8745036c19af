#!/usr/bin/env bash
# kefu's whole test suite from a clean clone on a fresh Debian machine with the Rust
# toolchain and python3: installs what the tests need, then runs every test in release
# (candle is many times slower unoptimised; one profile also shares the build with `serve`).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]}"
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
fi

echo "test.sh: building"
cargo build --release --bins
echo "test.sh: fetching the base encoder (idempotent)"
./target/release/kefu model fetch
echo "test.sh: running the suite"
cargo test --release
