#!/usr/bin/env python3
"""Builds knowledge/nlu/zh/train.jsonl and test.jsonl (issue 32) from the Chinese sources,
with the English sources' markup and labels:

* src_train.py, src_train_cart.py (the cart), src_train_weak.py (where the model was
  weak), src_train_other.py (its error classes on other people's messages), src_test.py:
  hand-written lines, taken as written ("source": "hand" in train; no source field in
  test);
* src_gen_train.py, src_gen_test.py: hand-written frames, each filled several times with
  slot values drawn from src_gen_values.py (TRAIN values for train, TEST values for test)
  and with untagged fillers (openers, endings); "source": "gen". A filled test line whose
  text or template (skeleton) is also in train is dropped, so test never holds a twin of a
  training line. Draws use a fixed seed: the output is a pure function of the sources.

    python3 tools/nlu_data/zh/generate.py && python3 tools/nlu_data/zh/check.py
    python3 tools/nlu_data/zh/generate.py --check   (CI: the JSONL files match the sources)
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
from labels import DEFAULT_SENTIMENT, INTENTS  # noqa: E402
from markup import parse, skeleton, split_sentiment  # noqa: E402
import src_gen_test  # noqa: E402
import src_gen_train  # noqa: E402
import src_gen_values  # noqa: E402
import src_test  # noqa: E402
import src_train  # noqa: E402
import src_train_cart  # noqa: E402
import src_train_other  # noqa: E402
import src_train_weak  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(ROOT, "knowledge", "nlu", "zh")
SEED = 32
# generated lines per intent: conversation intents need fewer (short, few ways to say them)
CONVERSATION = {"greet", "goodbye", "thanks", "affirm", "deny", "chitchat", "out_of_scope"}
TARGET = {"train": (85, 125), "test": (12, 22)}
# the shopping intents carry most slot types (prices, sorts, features): more lines there
TRAIN_MORE = {"search_product": 200, "refine_search": 150, "recommend": 150}
HOLE = re.compile(r"\{(~?)([a-z_0-9]+)\}")


def lines(block):
    for line in block.strip().splitlines():
        line = line.strip()
        if line and not line.startswith("//"):
            yield line


def example(intent, marked, source):
    sentiment, marked = split_sentiment(marked, intent, DEFAULT_SENTIMENT)
    text, slots = parse(marked)
    ex = {"text": text, "intent": intent, "slots": slots, "sentiment": sentiment}
    if source:
        ex["source"] = source
    return ex


def hand(table, source):
    return [example(intent, line, source) for intent, block in table.items() for line in lines(block)]


def fill(frame, values, fillers, rng):
    """{pool2} draws from pool too, never the value {pool} drew in the same line."""
    picked = set()

    def one(m):
        if m.group(1):
            return rng.choice(fillers[m.group(2)])
        pool = m.group(2).rstrip("2")
        value = rng.choice([v for v in values[pool] if v not in picked])
        picked.add(value)
        return "[%s](%s)" % (value, src_gen_values.ALIASES.get(pool, pool))
    return HOLE.sub(one, frame)


DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
DIGIT["两"] = 2
UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}


def amount(value):
    """The number in a price value (300元, ¥399, 两千五, 六十块); None if unreadable."""
    digits = re.search(r"\d+", value)
    if digits:
        return int(digits.group())
    total, num, last_unit = 0, 0, 1
    for c in value:
        if c in DIGIT:
            num = DIGIT[c]
        elif c in UNIT:
            last_unit = UNIT[c]
            total += (num or 1) * last_unit
            num = 0
    return total + num * (last_unit // 10 if num and last_unit > 1 else 1) or None


def sensible(ex):
    """A drawn price range must run from low to high, and two values drawn side by side
    must not run two Latin words together (JBL + polo衫)."""
    text = ex["text"]
    for sp in ex["slots"]:
        a, b = text[sp["end"] - 1], text[sp["end"]:sp["end"] + 1]
        if b and a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
            return False
    low = [amount(s["value"]) for s in ex["slots"] if s["slot"] == "price_min"]
    high = [amount(s["value"]) for s in ex["slots"] if s["slot"] == "price_max"]
    return not (low and high and low[0] and high[0] and low[0] >= high[0])


def vary(frames, values, fillers, target, taken_text, taken_skel, rng, more=None):
    """`rng`: one generator for every intent, or a function giving each intent its own."""
    rows = []
    shared = rng
    for intent in INTENTS:
        rng = shared(intent) if callable(shared) else shared
        block = [f for f in lines(frames.get(intent, ""))]
        want = (more or {}).get(intent) or (target[0] if intent in CONVERSATION else target[1])
        made, tries = 0, 0
        while block and made < want and tries < want * 60:
            frame = block[tries % len(block)]
            tries += 1
            ex = example(intent, fill(frame, values, fillers, rng), "gen")
            if not sensible(ex) or ex["text"] in taken_text or (ex["slots"] and skeleton(ex) in taken_skel):
                continue
            taken_text.add(ex["text"])
            rows.append(ex)
            made += 1
    return rows


def build():
    rng = random.Random(SEED)
    train = (hand(src_train.TRAIN, "hand") + hand(src_train_cart.TRAIN, "hand")
             + hand(src_train_weak.TRAIN, "hand") + hand(src_train_other.TRAIN, "hand"))
    test = hand(src_test.TEST, None)
    # generated train keeps clear of the hand-written test lines and their templates
    seen = {r["text"] for r in train + test}
    train += vary(src_gen_train.TRAIN, src_gen_values.TRAIN, src_gen_train.FILL,
                  TARGET["train"], seen, {skeleton(r) for r in test if r["slots"]}, rng, TRAIN_MORE)
    train_text = {r["text"] for r in train}
    train_skel = {skeleton(r) for r in train if r["slots"]}
    taken = train_text | {r["text"] for r in test}
    # test draws from its own generators, one per intent: a change to the training sources
    # moves no test line unless it takes that line's text or template, and then only lines
    # of that intent are drawn again
    test += vary(src_gen_test.TEST, src_gen_values.TEST, src_gen_test.FILL,
                 TARGET["test"], taken, train_skel,
                 lambda intent: random.Random("%d:%s" % (SEED + 1, intent)))
    return {name: "".join(json.dumps(ex, ensure_ascii=False) + "\n" for ex in rows)
            for name, rows in (("train", train), ("test", test))}


if __name__ == "__main__":
    files = build()
    if "--check" in sys.argv[1:]:
        stale = [name for name, body in files.items()
                 if not os.path.exists(os.path.join(OUT, name + ".jsonl"))
                 or open(os.path.join(OUT, name + ".jsonl"), encoding="utf-8").read() != body]
        if stale:
            print("knowledge/nlu/zh/%s.jsonl out of date with tools/nlu_data/zh/src_*.py: run "
                  "`python3 tools/nlu_data/zh/generate.py`" % ",".join(stale))
            sys.exit(1)
        print("knowledge/nlu/zh/{train,test}.jsonl match their sources")
        sys.exit(0)
    os.makedirs(OUT, exist_ok=True)
    for name, body in files.items():
        path = os.path.join(OUT, name + ".jsonl")
        with open(path, "w", encoding="utf-8") as f:
            f.write(body)
        print("wrote %s (%d lines)" % (os.path.relpath(path, ROOT), body.count("\n")))
