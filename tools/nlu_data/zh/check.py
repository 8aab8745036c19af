#!/usr/bin/env python3
"""Validates knowledge/nlu/zh/train.jsonl and test.jsonl (the Chinese NLU data) against the
format of the English files and the Chinese conventions of knowledge/nlu/README.md; prints a
summary; exits 1 on any problem.

Checks: JSON and fields; labels in the inventory; text[start:end] == value; no empty,
padded or overlapping spans; fixed sentiments (complaint negative, thanks positive); every
sentence has a Han character; a span never starts or ends with a particle (的 吗 呢 了 吧
啊 呀 么), never holds punctuation (a full stop between two digits, 1.5升, is a decimal
point), never cuts a Latin word or number; a price span holds an amount and no cue word
(以内 以下 以上 之间 不超过 左右 起); 码 right after a size span
belongs in it; no duplicate in a file; no sentence or template in both files; every intent
at least MIN_INTENT lines; each file at least the issue's size (GOAL lines).
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from labels import INTENTS, SLOTS, SENTIMENTS  # noqa: E402
from markup import skeleton  # noqa: E402

DATA = os.path.join(HERE, "..", "..", "..", "knowledge", "nlu", "zh")
MIN_INTENT = {"train": 60, "test": 12}
GOAL = {"train": 2500, "test": 500}
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PARTICLES = set("的吗呢了吧啊呀么")
PUNCT = set("，。？！、：；…～,.?!:;~（）()《》“”\"'")
AMOUNT = re.compile(r"[0-9〇零一二两三四五六七八九十百千万]")
DECIMAL = re.compile(r"(?<=[0-9])\.(?=[0-9])")
PRICE_CUES = ("以内", "以下", "以上", "之间", "不超过", "左右", "起")

problems = []


def is_latin_alnum(c):
    return c.isascii() and c.isalnum()


def check_span(where, text, s):
    st, en, val, slot = s["start"], s["end"], s["value"], s["slot"]
    if slot not in SLOTS:
        problems.append("%s: unknown slot %r" % (where, slot))
    if not (isinstance(st, int) and isinstance(en, int) and 0 <= st < en <= len(text)):
        problems.append("%s: span out of range %r" % (where, s))
        return
    if text[st:en] != val:
        problems.append("%s: text[%d:%d]=%r != value %r" % (where, st, en, text[st:en], val))
    if val != val.strip():
        problems.append("%s: padded slot value %r" % (where, val))
    if val[0] in PARTICLES or val[-1] in PARTICLES:
        problems.append("%s: %s span %r takes a particle; tag the word without it" % (where, slot, val))
    # a full stop between two digits is a decimal point (1.5升, 2.5kg), not punctuation
    if any(c in PUNCT for c in DECIMAL.sub("", val)):
        problems.append("%s: %s span %r holds punctuation" % (where, slot, val))
    if (st > 0 and is_latin_alnum(text[st - 1]) and is_latin_alnum(val[0])) or (
            en < len(text) and is_latin_alnum(text[en]) and is_latin_alnum(val[-1])):
        problems.append("%s: span %r cuts through a Latin word or number" % (where, val))
    if slot in ("price_min", "price_max"):
        if not AMOUNT.search(val):
            problems.append("%s: price span %r holds no amount" % (where, val))
        if any(cue in val for cue in PRICE_CUES):
            problems.append("%s: price span %r holds its cue word; the cue stays outside" % (where, val))
    if slot == "size" and text[en:en + 1] == "码":
        problems.append("%s: 码 after size %r belongs in the span" % (where, val))


def load(name):
    rows = []
    path = os.path.join(DATA, name + ".jsonl")
    if not os.path.exists(path):
        problems.append("%s: missing (run tools/nlu_data/zh/generate.py)" % path)
        return rows
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = "zh/%s:%d" % (name, n)
            try:
                ex = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append("%s: bad JSON (%s)" % (where, e))
                continue
            if not all(isinstance(ex.get(k), t) for k, t in
                       (("text", str), ("intent", str), ("slots", list), ("sentiment", str))):
                problems.append("%s: a field is missing or of the wrong type" % where)
                continue
            text = ex["text"]
            if text != text.strip() or not text:
                problems.append("%s: empty or padded text" % where)
            if not HAN.search(text):
                problems.append("%s: no Han character in %r" % (where, text))
            if ex["intent"] not in INTENTS:
                problems.append("%s: unknown intent %r" % (where, ex["intent"]))
            if ex["sentiment"] not in SENTIMENTS:
                problems.append("%s: unknown sentiment %r" % (where, ex["sentiment"]))
            if ex["intent"] == "complaint" and ex["sentiment"] != "negative":
                problems.append("%s: complaint must be negative" % where)
            if ex["intent"] == "thanks" and ex["sentiment"] != "positive":
                problems.append("%s: thanks must be positive" % where)
            spans = []
            for s in ex["slots"]:
                if not isinstance(s, dict) or set(s) != {"slot", "value", "start", "end"}:
                    problems.append("%s: bad slot object %r" % (where, s))
                    continue
                check_span(where, text, s)
                spans.append((s["start"], s["end"]))
            for a, b in zip(sorted(spans), sorted(spans)[1:]):
                if b[0] < a[1]:
                    problems.append("%s: overlapping spans %r %r" % (where, a, b))
            ex["_where"] = where
            rows.append(ex)
    return rows


def main():
    data = {name: load(name) for name in ("train", "test")}
    for name, rows in data.items():
        seen = {}
        for r in rows:
            if r["text"] in seen:
                problems.append("%s: duplicate of %s" % (r["_where"], seen[r["text"]]))
            seen.setdefault(r["text"], r["_where"])
        if len(rows) < GOAL[name]:
            problems.append("%s: %d lines (< %d, the issue's size)" % (name, len(rows), GOAL[name]))
        counts = collections.Counter(r["intent"] for r in rows)
        for i in INTENTS:
            if counts[i] < MIN_INTENT[name]:
                problems.append("%s: intent %s has %d lines (< %d)" % (name, i, counts[i], MIN_INTENT[name]))
    train_text = {r["text"]: r["_where"] for r in data["train"]}
    train_skel = {skeleton(r): r["_where"] for r in data["train"] if r["slots"]}
    for r in data["test"]:
        if r["text"] in train_text:
            problems.append("%s: also in train (%s)" % (r["_where"], train_text[r["text"]]))
        elif r["slots"] and skeleton(r) in train_skel:
            problems.append("%s: same template as %s" % (r["_where"], train_skel[skeleton(r)]))

    print("Chinese NLU data (knowledge/nlu/zh)")
    for name, rows in data.items():
        slots = collections.Counter(s["slot"] for r in rows for s in r["slots"])
        sent = collections.Counter(r["sentiment"] for r in rows)
        print("%s: %d lines (goal %d), %d spans; sentiment %s" % (
            name, len(rows), GOAL[name], sum(slots.values()),
            ", ".join("%s %d" % (k, sent[k]) for k in SENTIMENTS)))
        print("  slots: " + ", ".join("%s %d" % (s, slots[s]) for s in SLOTS))
    if problems:
        print("PROBLEMS (%d):" % len(problems))
        for p in problems[:200]:
            print("  " + p)
        sys.exit(1)
    print("OK: no problems found")


if __name__ == "__main__":
    main()
