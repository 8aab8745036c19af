#!/usr/bin/env python3
"""Builds knowledge/nlu/zh/train.jsonl and test.jsonl from the hand-written Chinese sources
(src_train.py, src_test.py), with the English sources' markup and labels. No variation yet:
every line is "hand". Then run check.py.

    python3 tools/nlu_data/zh/generate.py && python3 tools/nlu_data/zh/check.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
from labels import DEFAULT_SENTIMENT  # noqa: E402
from markup import parse, split_sentiment  # noqa: E402
import src_test  # noqa: E402
import src_train  # noqa: E402

OUT = os.path.join(HERE, "..", "..", "..", "knowledge", "nlu", "zh")


def examples(table, source):
    rows = []
    for intent, block in table.items():
        for line in block.strip().splitlines():
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            sentiment, marked = split_sentiment(line, intent, DEFAULT_SENTIMENT)
            text, slots = parse(marked)
            ex = {"text": text, "intent": intent, "slots": slots, "sentiment": sentiment}
            if source:
                ex["source"] = source
            rows.append(ex)
    return rows


def write(name, rows):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + ".jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for ex in rows:
            f.write(json.dumps(ex, ensure_ascii=False) + "\n")
    print("wrote %s (%d lines)" % (os.path.relpath(path), len(rows)))


if __name__ == "__main__":
    write("train", examples(src_train.TRAIN, "hand"))
    write("test", examples(src_test.TEST, None))
