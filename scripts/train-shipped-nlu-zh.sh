#!/usr/bin/env bash
# Rebuilds the shipped Chinese NLU model (models/kefu-nlu-zh) the way it was made: one model
# on multilingual-e5-small, LoRA on its top 6 of 12 layers, length-grouped batches, ten
# epochs at most with early stopping on a seeded tenth of knowledge/nlu/zh/train.jsonl, scored
# on knowledge/nlu/zh/test.jsonl (docs/nlu.md, "Languages"). About 6 minutes alone on two
# cores (35 s an epoch). Writes models/kefu-nlu-zh.new; move it over models/kefu-nlu-zh
# when its scores (printed at the end) are what you want.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --bins
kefu=./target/release/kefu
"$kefu" model fetch --base multilingual-e5-small
"$kefu" train --base models/base/multilingual-e5-small \
  --data knowledge/nlu/zh/train.jsonl --test knowledge/nlu/zh/test.jsonl \
  --out models/kefu-nlu-zh.new --epochs 10 --patience 3 --group-by-length --lora-layers 6 "$@"
"$kefu" eval --model models/kefu-nlu-zh.new --base models/base/multilingual-e5-small \
  --data knowledge/nlu/zh/test.jsonl --record
