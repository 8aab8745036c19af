#!/usr/bin/env python3
"""Validate knowledge/nlu/train.jsonl and test.jsonl. Exit 1 on any problem.

Checks: JSON parses; required fields; labels in inventory; text[start:end] == value
(Python str = code point offsets); no empty / padded / overlapping spans; fixed
sentiments (complaint -> negative, thanks -> positive); minimum counts per intent
and per slot; no duplicate sentence inside a file; no sentence in both files
(case-insensitive); no train template shared with test; no template producing
more than 5% of an intent's train examples; hand-written share of train >= 50%;
no span that starts or ends inside a word; no two spans of one slot side by side.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from labels import INTENTS, SLOTS, SENTIMENTS  # noqa: E402
from markup import skeleton  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
NLU = os.path.join(ROOT, "knowledge", "nlu")
MIN_INTENT = {"train": 100, "test": 15}
MIN_SLOT = {"train": 60, "test": 15}
MIN_TEST_TOTAL = 420
MAX_TEMPLATE_SHARE = 0.05

problems = []


def problem(msg):
    problems.append(msg)


def norm(text):
    return " ".join(text.lower().split())


def load(name):
    path = os.path.join(NLU, name + ".jsonl")
    rows = []
    if not os.path.exists(path):
        problem("%s: missing file %s" % (name, path))
        return rows
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = "%s:%d" % (name, n)
            if not line.strip():
                problem("%s: empty line" % where)
                continue
            try:
                ex = json.loads(line)
            except json.JSONDecodeError as e:
                problem("%s: bad JSON (%s)" % (where, e))
                continue
            if not isinstance(ex, dict):
                problem("%s: not an object" % where)
                continue
            ok = True
            for key, typ in (("text", str), ("intent", str), ("slots", list), ("sentiment", str)):
                if not isinstance(ex.get(key), typ):
                    problem("%s: field %r missing or not %s" % (where, key, typ.__name__))
                    ok = False
            if not ok:
                continue
            text = ex["text"]
            if not text.strip() or text != text.strip():
                problem("%s: empty or padded text %r" % (where, text))
            if ex["intent"] not in INTENTS:
                problem("%s: unknown intent %r" % (where, ex["intent"]))
            if ex["sentiment"] not in SENTIMENTS:
                problem("%s: unknown sentiment %r" % (where, ex["sentiment"]))
            if ex["intent"] == "complaint" and ex["sentiment"] != "negative":
                problem("%s: complaint must be negative" % where)
            if ex["intent"] == "thanks" and ex["sentiment"] != "positive":
                problem("%s: thanks must be positive" % where)
            spans = []
            for s in ex["slots"]:
                if not isinstance(s, dict) or set(s) != {"slot", "value", "start", "end"}:
                    problem("%s: bad slot object %r" % (where, s))
                    continue
                if s["slot"] not in SLOTS:
                    problem("%s: unknown slot %r" % (where, s["slot"]))
                st, en, val = s["start"], s["end"], s["value"]
                if not (isinstance(st, int) and isinstance(en, int) and isinstance(val, str)):
                    problem("%s: bad slot types %r" % (where, s))
                    continue
                if not (0 <= st < en <= len(text)):
                    problem("%s: span out of range %r" % (where, s))
                    continue
                if text[st:en] != val:
                    problem("%s: text[%d:%d]=%r != value %r" % (where, st, en, text[st:en], val))
                if val != val.strip() or not val.strip():
                    problem("%s: empty/padded slot value %r" % (where, val))
                if (st > 0 and text[st - 1].isalnum()) or (en < len(text) and text[en].isalnum()):
                    problem("%s: span %r cuts through a word" % (where, val))
                spans.append((st, en, s["slot"]))
            spans.sort()
            for a, b in zip(spans, spans[1:]):
                if b[0] < a[1]:
                    problem("%s: overlapping spans %r %r" % (where, a, b))
                # the engine's decoder merges same-slot words with only spaces between
                if a[2] == b[2] and not text[a[1]:b[0]].strip():
                    problem("%s: two %s spans side by side %r %r (make them one)" % (where, a[2], a, b))
            src = ex.get("source", "hand")
            if src not in ("hand", "gen"):
                problem("%s: unknown source %r" % (where, src))
            ex["_where"] = where
            rows.append(ex)
    return rows


def main():
    data = {name: load(name) for name in ("train", "test")}
    intent_counts = {}
    slot_counts = {}
    sent_counts = {}
    for name, rows in data.items():
        ic = collections.Counter(r["intent"] for r in rows)
        sc = collections.Counter(s["slot"] for r in rows for s in r["slots"])
        sent = collections.Counter((r["intent"], r["sentiment"]) for r in rows)
        intent_counts[name], slot_counts[name], sent_counts[name] = ic, sc, sent
        for i in INTENTS:
            if ic[i] < MIN_INTENT[name]:
                problem("%s: intent %s has %d examples (< %d)" % (name, i, ic[i], MIN_INTENT[name]))
        for s in SLOTS:
            if sc[s] < MIN_SLOT[name]:
                problem("%s: slot %s has %d spans (< %d)" % (name, s, sc[s], MIN_SLOT[name]))
        seen = {}
        for r in rows:
            k = norm(r["text"])
            if k in seen:
                problem("%s: duplicate sentence %r (also %s)" % (r["_where"], r["text"], seen[k]))
            else:
                seen[k] = r["_where"]
    if len(data["test"]) < MIN_TEST_TOTAL:
        problem("test: %d examples (< %d)" % (len(data["test"]), MIN_TEST_TOTAL))

    # train/test overlap
    train_texts = {norm(r["text"]): r["_where"] for r in data["train"]}
    for r in data["test"]:
        if norm(r["text"]) in train_texts:
            problem("%s: sentence also in train (%s): %r" % (r["_where"], train_texts[norm(r["text"])], r["text"]))
    train_skel = {skeleton(r): r["_where"] for r in data["train"] if r["slots"]}
    for r in data["test"]:
        if r["slots"] and skeleton(r) in train_skel:
            problem("%s: same template as %s: %r" % (r["_where"], train_skel[skeleton(r)], r["text"]))

    # template share inside train
    skel = collections.Counter((r["intent"], skeleton(r)) for r in data["train"])
    for (intent, sk), n in skel.items():
        limit = MAX_TEMPLATE_SHARE * intent_counts["train"][intent]
        if n > limit:
            problem("train: template %r produces %d of %d %s examples (> 5%%)"
                    % (sk, n, intent_counts["train"][intent], intent))

    # hand-written share
    src = collections.Counter(r.get("source", "hand") for r in data["train"])
    n_train = max(1, len(data["train"]))
    if src["hand"] / n_train < 0.5:
        problem("train: only %d/%d hand-written (< 50%%)" % (src["hand"], n_train))
    if any(r.get("source", "hand") != "hand" for r in data["test"]):
        problem("test: generated examples in test")
    per_intent_src = collections.Counter((r["intent"], r.get("source", "hand")) for r in data["train"])

    # summary
    print("NLU data summary")
    print("================")
    print("train: %d examples (%d hand-written, %d generated variants); test: %d examples"
          % (len(data["train"]), src["hand"], src["gen"], len(data["test"])))
    print()
    print("%-18s %6s %6s %6s %6s   %-17s %-17s" % ("intent", "train", "hand", "gen", "test",
                                                 "train neg/neu/pos", "test neg/neu/pos"))
    for i in INTENTS:
        tr = sent_counts["train"]
        te = sent_counts["test"]
        print("%-18s %6d %6d %6d %6d   %-17s %-17s" % (
            i, intent_counts["train"][i], per_intent_src[(i, "hand")], per_intent_src[(i, "gen")],
            intent_counts["test"][i],
            "%d/%d/%d" % (tr[(i, "negative")], tr[(i, "neutral")], tr[(i, "positive")]),
            "%d/%d/%d" % (te[(i, "negative")], te[(i, "neutral")], te[(i, "positive")])))
    print("%-18s %6d %6d %6d %6d" % ("TOTAL", len(data["train"]), src["hand"], src["gen"], len(data["test"])))
    print()
    print("%-14s %6s %6s %8s %8s" % ("slot", "train", "test", "distinct", "distinct"))
    print("%-14s %6s %6s %8s %8s" % ("", "", "", "tr vals", "te vals"))
    vals = {name: collections.defaultdict(set) for name in data}
    for name, rows in data.items():
        for r in rows:
            for s in r["slots"]:
                vals[name][s["slot"]].add(s["value"].lower())
    for s in SLOTS:
        print("%-14s %6d %6d %8d %8d" % (s, slot_counts["train"][s], slot_counts["test"][s],
                                          len(vals["train"][s]), len(vals["test"][s])))
    print()
    for name in data:
        c = collections.Counter(r["sentiment"] for r in data[name])
        nslots = collections.Counter(min(len(r["slots"]), 4) for r in data[name])
        print("%s sentiment: %s; slots per example 0/1/2/3/4+: %s" % (
            name, ", ".join("%s %d" % (k, c[k]) for k in SENTIMENTS),
            "/".join(str(nslots[k]) for k in range(5))))
    for s in ("brand", "product", "product_type"):
        te = vals["test"][s]
        shared = te & vals["train"][s]
        print("test %s values also seen in train: %d of %d" % (s, len(shared), len(te)))
    print()
    if problems:
        print("PROBLEMS (%d):" % len(problems))
        for p in problems[:200]:
            print("  " + p)
        if len(problems) > 200:
            print("  ... %d more" % (len(problems) - 200))
        sys.exit(1)
    print("OK: no problems found")


if __name__ == "__main__":
    main()
