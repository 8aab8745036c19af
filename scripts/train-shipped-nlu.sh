#!/usr/bin/env bash
# Rebuilds the shipped NLU model (models/kefu-nlu) the way it was made: five models of the
# default recipe on knowledge/nlu/train.jsonl, differing only in seed and batching, packed
# into one ensemble and scored on knowledge/nlu/test.jsonl (docs/nlu.md, "The shipped
# model"). About 80 minutes a member on one thread of a 2-core AVX2 machine with two
# members side by side; JOBS sets how many train at once (default 2), THREADS the compute
# threads each (default 1). Writes models/kefu-nlu.new; move it over models/kefu-nlu when
# its scores (printed at the end) are what you want.
#
# FROM=models/kefu-nlu continues the shipped members on the data as it is now instead
# (`kefu train --from`, four epochs each at learning rate 0.001, about a fifth of the time):
# for an edit that adds sentences or intents but no slot type.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --bins
kefu=./target/release/kefu
"$kefu" model fetch
work=models/kefu-nlu.members
out=models/kefu-nlu.new
mkdir -p "$work"

# member folder and its flags: the model shipped alone until December 3, then four seeds
# with length grouping (same recipe, faster epochs)
members=(
  "m1-seed42 --seed 42 --random-batches"
  "m2-seed42-grouped --seed 42 --group-by-length"
  "m3-seed7-grouped --seed 7 --group-by-length"
  "m4-seed3-grouped --seed 3 --group-by-length"
  "m5-seed11-grouped --seed 11 --group-by-length"
)
running=0
k=0
for m in "${members[@]}"; do
  read -r name flags <<<"$m"
  k=$((k + 1))
  if [ -n "${FROM:-}" ]; then
    flags="--from $FROM --from-member $k"
  fi
  echo "training $name ($flags), log in $work/$name.log"
  # shellcheck disable=SC2086
  RAYON_NUM_THREADS=${THREADS:-1} "$kefu" train --data knowledge/nlu/train.jsonl \
    --test knowledge/nlu/test.jsonl $flags --out "$work/$name" >"$work/$name.log" 2>&1 &
  running=$((running + 1))
  if [ "$running" -ge "${JOBS:-2}" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

rm -rf "$out"
dirs=()
for m in "${members[@]}"; do
  read -r name _ <<<"$m"
  dirs+=("$work/$name")
done
"$kefu" ensemble --out "$out" --test knowledge/nlu/test.jsonl "${dirs[@]}"
"$kefu" eval --model "$out" --data knowledge/nlu/test.jsonl --json "$out/report.json" >/dev/null
echo "wrote $out; compare, then: rm -rf models/kefu-nlu && mv $out models/kefu-nlu"
