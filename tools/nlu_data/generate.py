#!/usr/bin/env python3
"""Build knowledge/nlu/{train,test}.jsonl from the hand-written sources.

Sources (hand-written, one annotated sentence per line, markup [value](slot)):
    src_train_conv.py, src_train_shop.py, src_train_orders.py,
    src_train_extra.py, src_train_messy.py, src_train_more.py,
    src_train_tone.py                                          -> train
    src_test.py                                                -> test (never varied)

Generator: for some hand-written train lines that carry domain-free slots
(order_id, price_min, price_max, location, quantity, recipient, color, size,
ordinal) one variant is made by swapping those slot values (fixed seed). Each
hand-written line yields at most one variant, so no sentence frame produces more
than two examples. Variants are marked "source": "gen", hand lines "source": "hand".

Run:  python3 tools/nlu_data/generate.py && python3 tools/nlu_data/check.py
"""
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from labels import INTENTS, DEFAULT_SENTIMENT  # noqa: E402
from markup import SPAN, parse, skeleton, split_sentiment, iter_block  # noqa: E402
import src_train_conv  # noqa: E402
import src_train_shop  # noqa: E402
import src_train_orders  # noqa: E402
import src_train_extra  # noqa: E402
import src_train_messy  # noqa: E402
import src_train_more  # noqa: E402
import src_train_tone  # noqa: E402
import src_test  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "knowledge", "nlu")
SEED = 20261127
TARGET_PER_INTENT = 150   # hand + generated variants aimed at per intent

LOCATIONS = ["canada", "ireland", "perth", "leeds", "new zealand", "the uk", "berlin", "texas",
             "norway", "manila", "dublin", "toronto", "spain", "hawaii", "alaska", "glasgow",
             "singapore", "mexico", "lisbon", "the netherlands", "puerto rico", "vienna",
             "cape town", "brisbane", "ohio", "wales", "sweden", "montreal", "denver", "poland"]
# recipients are only swapped within the same group, so "my mum ... her birthday" stays coherent
RECIPIENTS = {
    "f": ["my mum", "my wife", "my girlfriend", "my sister", "my grandma", "my niece", "my aunt",
          "my mother in law", "my teenage daughter", "a new mom", "my gf", "my stepmum"],
    "m": ["my dad", "my husband", "my boyfriend", "my brother", "my grandpa", "my nephew",
          "my uncle", "my stepdad", "my 12 yo son", "my bf", "my father in law"],
    "k": ["a toddler", "my kids", "a newborn", "my little one", "the kids", "my baby"],
    "n": ["my boss", "a coworker", "my best friend", "my roommate", "my teacher", "a neighbour",
          "my cousin", "a friend", "my godson", "my neighbour"],
}
KIDS = ("toddler", "baby", "newborn", "kid", "child", "twin", "little")
FEMALE = ("mum", "mom", "wife", "sister", "daughter", "girl", "grandma", "niece", "aunt", "gf")
MALE = ("dad", "husband", "brother", "son", "boy", "grandpa", "nephew", "uncle", "bf", "stepdad")
PRONOUN = re.compile(r"\b(he|she|his|her|him|hes|he's|she's|they|their|them)\b")


def recipient_group(value):
    words = re.findall(r"[a-z]+", value.lower())
    if any(w.startswith(FEMALE) for w in words):
        return "f"
    if any(w.startswith(MALE) for w in words):
        return "m"
    if any(w.startswith(KIDS) for w in words):
        return "k"
    if any(ch.isdigit() for ch in value):
        return None   # an age: keep it, the sentence may depend on it
    return "n"
COLORS = ["red", "blue", "black", "white", "navy", "beige", "olive green", "pink", "grey", "gray",
          "burgundy", "cream", "teal", "mustard", "lilac", "silver", "gold", "rose gold", "khaki",
          "dark green", "charcoal", "brown", "tan", "coral", "purple", "orange", "yellow", "sky blue"]
LETTER_SIZES = ["xs", "s", "m", "l", "xl", "xxl", "xxxl", "small", "medium", "large", "x-large"]
NUM_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "ten", "twelve"]
ORD_WORDS = ["first", "second", "third", "fourth", "fifth", "last"]
ORD_SHORT = ["1st", "2nd", "3rd", "4th", "5th"]

SWAPPABLE = {"order_id", "price_min", "price_max", "location", "quantity", "recipient",
             "color", "size", "ordinal"}


def keep_case(old, new):
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def new_number(rng, digits):
    n = int(digits)
    if n == 0:
        return digits
    lo, hi = max(1, int(n * 0.5)), max(2, int(n * 1.8))
    m = rng.randint(lo, hi)
    if n >= 100:
        m = int(round(m, -1)) or m
    if n >= 1000:
        m = int(round(m, -2)) or m
    return str(m)


def swap_value(rng, slot, value, text=""):
    low = value.lower()
    if slot == "order_id":
        out = []
        for ch in value:
            if ch.isdigit():
                out.append(str(rng.randint(0, 9)))
            elif ch.isalpha() and ch.isupper():
                out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
            elif ch.isalpha():
                out.append(rng.choice("abcdefghjkmnprstuvwxyz"))
            else:
                out.append(ch)
        return "".join(out)
    if slot in ("price_min", "price_max"):
        if not re.search(r"\d", value):
            return None
        return re.sub(r"\d+", lambda m: new_number(rng, m.group(0)), value, count=1)
    if slot == "location":
        return keep_case(value, rng.choice(LOCATIONS))
    if slot == "recipient":
        group = recipient_group(value)
        if not low.startswith(("my ", "a ", "an ")) or group is None:
            return None
        if group in ("n", "k") and PRONOUN.search(text.lower()):
            return None
        return keep_case(value, rng.choice(RECIPIENTS[group]))
    if slot == "color":
        return keep_case(value, rng.choice(COLORS))
    if slot == "size":
        if low in LETTER_SIZES:
            return keep_case(value, rng.choice(LETTER_SIZES))
        if re.search(r"\d", value):
            return re.sub(r"\d+", lambda m: new_number(rng, m.group(0)) if int(m.group(0)) > 20
                          else str(max(1, int(m.group(0)) + rng.choice([-2, -1, 1, 2]))), value, count=1)
        return None
    if slot == "quantity":
        if value.isdigit():
            return str(rng.randint(2, 12))
        if low in NUM_WORDS:
            return keep_case(value, rng.choice(NUM_WORDS))
        return None
    if slot == "ordinal":
        if low in ORD_WORDS:
            return keep_case(value, rng.choice(ORD_WORDS))
        if low in ORD_SHORT:
            return rng.choice(ORD_SHORT)
        if value.isdigit():
            return str(rng.randint(1, 6))
        return None
    return None


def variant(rng, marked):
    """Return the marked line with its swappable slot values replaced, or None."""
    changed = [False]

    plain = SPAN.sub(lambda m: m.group(1), marked)

    def repl(m):
        value, slot = m.group(1), m.group(2)
        before = marked[:m.start()].lower()
        if before.endswith((" a ", " an ")) or before in ("a ", "an "):
            return m.group(0)   # keep "a"/"an" agreement
        if slot in SWAPPABLE:
            new = swap_value(rng, slot, value, plain)
            if new and new.lower() != value.lower():
                changed[0] = True
                return "[%s](%s)" % (new, slot)
        return m.group(0)

    out = SPAN.sub(repl, marked)
    return out if changed[0] else None


def collect(modules, attr):
    rows = []
    for mod in modules:
        for intent, block in getattr(mod, attr).items():
            if intent not in INTENTS:
                raise SystemExit("%s: unknown intent %s" % (mod.__name__, intent))
            for line in iter_block(block):
                sentiment, marked = split_sentiment(line, intent, DEFAULT_SENTIMENT)
                rows.append((intent, sentiment, marked))
    return rows


def to_example(intent, sentiment, marked, source=None):
    text, slots = parse(marked)
    ex = {"text": text, "intent": intent, "slots": slots, "sentiment": sentiment}
    if source:
        ex["source"] = source
    return ex


def norm(t):
    return " ".join(t.lower().split())


def main():
    rng = random.Random(SEED)
    train_src = collect([src_train_conv, src_train_shop, src_train_orders, src_train_extra,
                         src_train_messy, src_train_more,
                         src_train_tone], "TRAIN")
    test_src = collect([src_test], "TEST")
    test = [to_example(i, s, m) for i, s, m in test_src]
    train = [to_example(i, s, m, "hand") for i, s, m in train_src]
    seen = {norm(e["text"]) for e in train} | {norm(e["text"]) for e in test}

    by_intent = {}
    for i, s, m in train_src:
        by_intent.setdefault(i, []).append((s, m))
    for intent in INTENTS:
        lines = by_intent.get(intent, [])
        want = max(0, min(TARGET_PER_INTENT - len(lines), len(lines)))
        candidates = [(s, m) for s, m in lines
                      if any(sl in SWAPPABLE for _, sl in SPAN.findall(m))]
        rng.shuffle(candidates)
        made = 0
        # no sentence frame may exceed 5% of the intent (counted against hand lines only)
        cap = max(1, int(0.05 * len(lines)))
        frames = {}
        for _, m in lines:
            frames[skeleton(m)] = frames.get(skeleton(m), 0) + 1
        for s, m in candidates:
            if made >= want:
                break
            if frames[skeleton(m)] >= cap:
                continue
            v = variant(rng, m)
            if not v:
                continue
            frames[skeleton(m)] += 1
            ex = to_example(intent, s, v, "gen")
            if norm(ex["text"]) in seen:
                continue
            seen.add(norm(ex["text"]))
            train.append(ex)
            made += 1

    rng.shuffle(train)
    os.makedirs(OUT, exist_ok=True)
    for name, rows in (("train", train), ("test", test)):
        with open(os.path.join(OUT, name + ".jsonl"), "w", encoding="utf-8") as f:
            for ex in rows:
                f.write(json.dumps(ex, ensure_ascii=False) + "\n")
    print("wrote %d train, %d test" % (len(train), len(test)))


if __name__ == "__main__":
    main()
