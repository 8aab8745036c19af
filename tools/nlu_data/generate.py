#!/usr/bin/env python3
"""Build knowledge/nlu/{train,test}.jsonl from the hand-written sources, and
knowledge/nlu/vocabulary.tsv from the training annotations (vocabulary.py).

Sources (hand-written, one annotated sentence per line, markup [value](slot)):
    src_train_conv.py, src_train_shop.py, src_train_orders.py,
    src_train_extra.py, src_train_messy.py, src_train_more.py,
    src_train_tone.py, src_train_slots.py, src_train_cues.py,
    src_train_names.py, src_train_unfamiliar.py,
    src_train_kinds.py, src_train_cart.py          -> train
    src_test.py                                                -> test (never varied)

Generator: for some hand-written train lines that carry domain-free slots
(order_id, price_min, price_max, location, quantity, recipient, color, size,
ordinal) one variant is made by swapping those slot values (fixed seed). Each
hand-written line yields at most one variant, so no sentence frame produces more
than two examples. Variants are marked "source": "gen", hand lines "source": "hand".

Run:  python3 tools/nlu_data/generate.py && python3 tools/nlu_data/check.py
      python3 tools/nlu_data/generate.py --check   (CI: the JSONL files match the sources)
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
import vocabulary  # noqa: E402
import src_train_conv  # noqa: E402
import src_train_shop  # noqa: E402
import src_train_orders  # noqa: E402
import src_train_extra  # noqa: E402
import src_train_messy  # noqa: E402
import src_train_more  # noqa: E402
import src_train_tone  # noqa: E402
import src_train_slots  # noqa: E402
import src_train_cues  # noqa: E402
import src_train_names  # noqa: E402
import src_train_unfamiliar  # noqa: E402
import src_train_kinds  # noqa: E402
import src_train_cart  # noqa: E402
import src_test  # noqa: E402
import lexicon  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "knowledge", "nlu")
SEED = 20261127
GEN_PER_FRAME = 8         # generated variants per hand-written frame with slots, at most
MAX_FRAME_SHARE = 0.045   # a frame's share of its intent (check.py allows 5%)
GEN_SHARE_MAX = 1.2       # generated variants per hand-written line of an intent, at most

ORD_WORDS = ["first", "second", "third", "fourth", "fifth", "last", "sixth", "second to last"]
ORD_SHORT = ["1st", "2nd", "3rd", "4th", "5th", "6th"]
LETTER_SIZES = set(lexicon.LETTER_SIZES)
SHOE_SIZES = set(lexicon.SHOE_SIZES)
PLURAL_ONLY = ("headphones", "earbuds", "jeans", "leggings", "trainers", "chinos", "joggers",
               "shorts", "tights", "pyjamas", "boxers", "sunglasses", "scissors", "binoculars",
               "cufflinks", "earrings", "nappies", "dumbbells", "pliers")
KIDS = ("toddler", "baby", "newborn", "kid", "child", "twin", "little", "year", "yo", "preschool",
        "tween", "grandkid")
FEMALE = ("mum", "mom", "wife", "sister", "daughter", "girl", "grandma", "niece", "aunt", "gf",
          "nan", "granny", "fiancee", "mother", "bride")
MALE = ("dad", "husband", "brother", "son", "boy", "grandpa", "nephew", "uncle", "bf", "stepdad",
        "fiance", "grandad", "hubby", "father")
PRONOUN = re.compile(r"\b(he|she|his|her|him|hes|he's|she's|they|their|them)\b")
SWAP_P = 0.85     # chance that one slot value of a frame is swapped in a variant
TYPO_P = 0.15     # chance that a variant gets one typo outside its slot values


def recipient_group(value):
    words = re.findall(r"[a-z]+", value.lower())
    if any(w.startswith(FEMALE) for w in words):
        return "f"
    if any(w.startswith(MALE) for w in words):
        return "m"
    if any(w.startswith(KIDS) for w in words) or any(ch.isdigit() for ch in value):
        return "k"
    return "n"


class Pools:
    """Swap pools with every value of the test file removed, so the test keeps measuring
    values the model never saw in training."""

    def __init__(self, test_values):
        self.banned = {v.lower() for v in test_values}
        self.domains = {name: {k: self.allowed(v) for k, v in d.items()}
                        for name, d in lexicon.DOMAINS.items()}
        self.materials = self.allowed(sorted({m for d in lexicon.DOMAINS.values()
                                              for m in d["materials"]}))
        self.colors = self.allowed(lexicon.COLORS)
        self.sorts = self.allowed(lexicon.SORTS)
        self.locations = self.allowed(lexicon.LOCATIONS)
        self.recipients = {g: self.allowed(v) for g, v in lexicon.RECIPIENTS.items()}
        self.letter_sizes = self.allowed(lexicon.LETTER_SIZES)
        self.shoe_sizes = self.allowed(lexicon.SHOE_SIZES)
        self.other_sizes = self.allowed(lexicon.OTHER_SIZES)
        self.q_digits = self.allowed(lexicon.QUANTITY_DIGITS)
        self.q_words = self.allowed(lexicon.QUANTITY_WORDS)
        self.owner = {}
        for name, d in lexicon.DOMAINS.items():
            for key in ("types", "brands", "products"):
                for v in d[key]:
                    self.owner.setdefault(v.lower(), name)

    def allowed(self, values):
        return [v for v in values if v.lower() not in self.banned]

    def domain_of(self, spans):
        for value, slot in spans:
            if slot in ("product_type", "brand", "product"):
                low = value.lower()
                if low in self.owner:
                    return self.owner[low]
                if low.endswith("s") and low[:-1] in self.owner:
                    return self.owner[low[:-1]]
        return None


def keep_case(old, new):
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def near_number(rng, n):
    if n == 0:
        return 0
    m = rng.randint(max(1, int(n * 0.4)), max(2, int(n * 2.2)))
    if m >= 100:
        m = int(round(m, -1))
    if m >= 1000:
        m = int(round(m, -2))
    return m


def is_plural(value):
    low = value.lower()
    return low.endswith("s") and not low.endswith(("ss", "us")) or low.endswith(PLURAL_ONLY)


def pluralise(value):
    if value.endswith("s") or value.endswith(PLURAL_ONLY):
        return value
    if re.search(r"[^aeiou]y$", value):
        return value[:-1] + "ies"
    if value.endswith(("x", "ch", "sh")):
        return value + "es"
    return value + "s"


def order_id(rng):
    form = rng.choice(lexicon.ORDER_ID_FORMS)
    out = "".join(str(rng.randint(0, 9)) if ch == "#" else
                  rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") if ch in "AX" else ch for ch in form)
    return out.lower() if rng.random() < 0.5 else out


def price(rng, value, n=None, form=None):
    digits = re.search(r"\d[\d,]*", value)
    base = int(digits.group(0).replace(",", "")) if digits else rng.choice([20, 50, 80, 150, 300])
    n = n or near_number(rng, base)
    form = form or rng.choice(lexicon.PRICE_FORMS)
    if "{k}" in form:
        if n < 1000:
            form = "${n}"
        return form.format(k=max(1, round(n / 1000)), n=n)
    return form.format(n=n)


def size(rng, pools, value):
    low = value.lower()
    if low in LETTER_SIZES:
        return rng.choice(pools.letter_sizes)
    if low in SHOE_SIZES or re.fullmatch(r"(uk|eu|us) ?\d+(\.5)?|\d\d(\.5)?|\d(\.5)?", low):
        return rng.choice(pools.shoe_sizes)
    if re.search(r"\d", value):
        return rng.choice(pools.other_sizes)
    return None


def swap(rng, pools, domain, slot, value, text):
    """A new value for one span, or None to keep it."""
    d = pools.domains[domain]
    low = value.lower()
    if slot == "product_type":
        new = rng.choice(d["types"])
        return pluralise(new) if is_plural(value) else new
    if slot == "brand":
        return rng.choice(d["brands"])
    if slot == "product":
        return rng.choice(d["products"])
    if slot == "material":
        return rng.choice(d["materials"] or pools.materials)
    if slot == "feature":
        return rng.choice(d["features"])
    if slot == "sort":
        return rng.choice(pools.sorts)
    if slot == "color":
        return rng.choice(pools.colors)
    if slot in ("price_min", "price_max"):
        return price(rng, value)
    if slot == "order_id":
        return order_id(rng)
    if slot == "location":
        return rng.choice(pools.locations)
    if slot == "recipient":
        group = recipient_group(value)
        if group in ("n", "k") and PRONOUN.search(text.lower()):
            return None
        return rng.choice(pools.recipients[group])
    if slot == "size":
        return size(rng, pools, value)
    if slot == "quantity":
        return rng.choice(pools.q_digits if value.isdigit() else pools.q_words)
    if slot == "ordinal":
        if low in ORD_WORDS:
            return rng.choice(ORD_WORDS)
        if low in ORD_SHORT:
            return rng.choice(ORD_SHORT)
        if value.isdigit():
            return str(rng.randint(1, 6))
    return None


def typo(rng, word):
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1:]                          # dropped letter
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swapped letters
    return word[:i] + word[i] + word[i:]                        # doubled letter


def add_typo(rng, marked):
    """One typo in a word outside the slot spans (offsets are computed after)."""
    parts = SPAN.split(marked)   # text, value, slot, text, value, slot, ..., text
    texts = [i for i in range(0, len(parts), 3)]
    words = [(i, m) for i in texts for m in re.finditer(r"[a-z]{5,}", parts[i])]
    if not words:
        return marked
    i, m = rng.choice(words)
    parts[i] = parts[i][:m.start()] + typo(rng, m.group(0)) + parts[i][m.end():]
    out = []
    for k in range(0, len(parts), 3):
        out.append(parts[k])
        if k + 2 < len(parts):
            out.append("[%s](%s)" % (parts[k + 1], parts[k + 2]))
    return "".join(out)


ARTICLE = re.compile(r"(^|\s)(an?)\s$", re.I)


def variant(rng, pools, marked):
    """The marked line with some slot values swapped (inside one domain), or None."""
    spans = SPAN.findall(marked)
    domain = pools.domain_of(spans) or rng.choice(sorted(pools.domains))
    plain = SPAN.sub(lambda m: m.group(1), marked)
    # a range keeps its order and one currency: min < max
    ranged = {}
    slots = [sl for _, sl in spans]
    if "price_min" in slots and "price_max" in slots:
        low = rng.choice([10, 20, 30, 50, 80, 100, 150, 200, 300, 500])
        form = rng.choice([f for f in lexicon.PRICE_FORMS if "{k}" not in f])
        ranged = {"price_min": price(rng, "", low, form),
                  "price_max": price(rng, "", int(low * rng.uniform(1.3, 3.0)), form)}
    out, pos, changed = [], 0, False
    for m in SPAN.finditer(marked):
        before = marked[pos:m.start()]
        value, slot = m.group(1), m.group(2)
        if slot in ranged:
            new = ranged[slot]
        else:
            new = swap(rng, pools, domain, slot, value, plain) if rng.random() < SWAP_P else None
        art = ARTICLE.search(before)
        if new and art and slot == "product_type" and new.lower().endswith(PLURAL_ONLY):
            new = None   # "a [jeans]"
        if new and new.lower() != value.lower():
            changed = True
            new = keep_case(value, new)
            if art:
                an = "an" if new[:1].lower() in "aeiou" else "a"
                an = an.capitalize() if art.group(2)[:1].isupper() else an
                before = before[:art.start(2)] + an + before[art.end(2):]
            out.append(before + "[%s](%s)" % (new, slot))
        else:
            out.append(before + m.group(0))
        pos = m.end()
    out.append(marked[pos:])
    line = "".join(out)
    if not changed:
        return None
    return add_typo(rng, line) if rng.random() < TYPO_P else line


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
                         src_train_tone, src_train_slots,
                         src_train_cues, src_train_names, src_train_unfamiliar,
                         src_train_kinds, src_train_cart], "TRAIN")
    test_src = collect([src_test], "TEST")
    test = [to_example(i, s, m) for i, s, m in test_src]
    train = [to_example(i, s, m, "hand") for i, s, m in train_src]
    seen = {norm(e["text"]) for e in train} | {norm(e["text"]) for e in test}
    # a variant (a typo added, values swapped) must not land on a test sentence's frame
    test_frames = {skeleton(e) for e in test if e["slots"]}

    pools = Pools(s["value"] for e in test for s in e["slots"])
    by_intent = {}
    for i, s, m in train_src:
        by_intent.setdefault(i, []).append((s, m))
    # only frames with slots vary; an intent gets up to GEN_SHARE_MAX times its hand-written
    # lines, scaled down so generated lines stay fewer than hand-written ones overall
    wants = {}
    for intent in INTENTS:
        lines = by_intent.get(intent, [])
        n_slotted = sum(1 for _, m in lines if SPAN.search(m))
        wants[intent] = min(int(GEN_SHARE_MAX * len(lines)), GEN_PER_FRAME * n_slotted)
    budget = int(0.97 * len(train))
    scale = min(1.0, budget / max(1, sum(wants.values())))
    for intent in INTENTS:
        lines = by_intent.get(intent, [])
        candidates = [(s, m) for s, m in lines if SPAN.search(m)]
        want = int(wants[intent] * scale)
        # no sentence frame may exceed 5% of the intent's final examples
        cap = max(1, int(MAX_FRAME_SHARE * (len(lines) + want)))
        frames = {}
        for _, m in lines:
            frames[skeleton(m)] = frames.get(skeleton(m), 0) + 1
        made, tries = 0, 0
        while made < want and candidates and tries < 40 * want:
            tries += 1
            s, m = rng.choice(candidates)
            v = variant(rng, pools, m)
            if not v or frames.get(skeleton(v), 0) >= cap or frames[skeleton(m)] >= cap:
                continue
            if skeleton(v) in test_frames:
                continue
            ex = to_example(intent, s, v, "gen")
            if norm(ex["text"]) in seen:
                continue
            frames[skeleton(m)] += 1
            frames[skeleton(v)] = frames.get(skeleton(v), 0) + 1
            seen.add(norm(ex["text"]))
            train.append(ex)
            made += 1

    rng.shuffle(train)
    files = {name + ".jsonl": "".join(json.dumps(ex, ensure_ascii=False) + "\n" for ex in rows)
             for name, rows in (("train", train), ("test", test))}
    files["vocabulary.tsv"] = vocabulary.render(train, os.path.join(OUT, "vocabulary.tsv"))
    if "--check" in sys.argv[1:]:
        stale = []
        for name, body in files.items():
            path = os.path.join(OUT, name)
            if not os.path.exists(path) or open(path, encoding="utf-8").read() != body:
                stale.append(os.path.relpath(path, ROOT))
        if stale:
            print("%s out of date with tools/nlu_data/src_*.py: run "
                  "`python3 tools/nlu_data/generate.py`, then `kefu train` (see knowledge/nlu/README.md)"
                  % ", ".join(stale))
            sys.exit(1)
        print("knowledge/nlu/{train,test}.jsonl and vocabulary.tsv match their sources")
        return
    os.makedirs(OUT, exist_ok=True)
    for name, body in files.items():
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write(body)
    print("wrote %d train, %d test" % (len(train), len(test)))


if __name__ == "__main__":
    main()
