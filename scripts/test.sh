#!/usr/bin/env bash
# kefu's whole test suite from a clean clone on a fresh Debian machine with the Rust
# toolchain and python3: installs what the tests need (python3-pip, python3-yaml; chromium,
# nodejs and npm for the browser test; postgresql for the shared-store tests), then runs every
# test in release
# (candle is many times slower unoptimised; one profile also shares the build with `serve`).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
python3 -m pip --version >/dev/null 2>&1 || need_apt+=(python3-pip)
# tools/locale/check.py reads the reply templates and knowledge/zh with PyYAML.
python3 -c 'import yaml' >/dev/null 2>&1 || need_apt+=(python3-yaml)
# The browser test drives the system's Chromium (never a downloaded one) from Node.
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
# The postgres store's tests start a real server (initdb + postgres) in a temporary directory.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 ||
  need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]}"
  apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
fi

echo "test.sh: NLU data matches its sources and passes the checker"
python3 tools/nlu_data/generate.py --check
python3 tools/nlu_data/check.py >/dev/null
python3 tools/nlu_data/zh/generate.py --check
python3 tools/nlu_data/zh/check.py >/dev/null
echo "test.sh: the Chinese replies, FAQ, policies and catalogue names match English (keys, variables, ids, terms)"
python3 tools/locale/check.py zh >/dev/null
echo "test.sh: the demo shop's category pictures match their script"
python3 tools/demo_shop/draw_images.py --check

echo "test.sh: building"
cargo build --release --bins
echo "test.sh: fetching the base encoder (idempotent)"
./target/release/kefu model fetch
echo "test.sh: fetching the Chinese model's base encoder, multilingual-e5-small (idempotent)"
./target/release/kefu model fetch --base multilingual-e5-small
echo "test.sh: running the suite"
cargo test --release

echo "test.sh: browser test (headless Chromium, playwright-core)"
if [ ! -d node_modules/playwright-core ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
node --test tests/browser/
