#!/usr/bin/env python3
"""Turns lines.tsv (one message a line: intent TAB sentiment TAB text with [value](slot)
markup) into lines.jsonl, and checks every line against the conventions in README.md.

    python3 build.py lines.tsv        # writes lines.jsonl beside it; exit 1 on any problem
"""
import collections, json, os, re, sys

INTENTS = ["greet", "goodbye", "thanks", "affirm", "deny", "chitchat", "out_of_scope",
           "search_product", "refine_search", "recommend", "product_info", "compare_products",
           "check_price", "check_stock", "add_to_cart", "view_cart", "remove_from_cart",
           "update_cart", "empty_cart", "order_status", "cancel_order", "return_item",
           "refund_status", "shipping_info", "payment_info", "warranty_info", "complaint",
           "human_agent"]
SLOTS = ["product_type", "brand", "color", "size", "material", "price_min", "price_max",
         "product", "feature", "order_id", "quantity", "ordinal", "location", "sort", "recipient"]
SENTIMENTS = ["negative", "neutral", "positive"]
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PARTICLES = set("的吗呢了吧啊呀么")
PUNCT = set("，。？！、：；…～,.?!:;~（）()《》“”\"'")
AMOUNT = re.compile(r"[0-9〇零一二两三四五六七八九十百千万]")
PRICE_CUES = ("以内", "以下", "以上", "之间", "不超过", "左右", "起")
MARK = re.compile(r"\[([^\[\]]+)\]\(([a-z_]+)\)")
MIN_PER_INTENT = 6


def parse(marked):
    text, slots, pos = "", [], 0
    for m in MARK.finditer(marked):
        text += marked[pos:m.start()]
        start = len(text)
        text += m.group(1)
        slots.append({"slot": m.group(2), "value": m.group(1), "start": start, "end": len(text)})
        pos = m.end()
    text += marked[pos:]
    return text, slots


def latin(c):
    return c.isascii() and c.isalnum()


def check(where, ex, problems):
    text = ex["text"]
    if "[" in text or "](" in text:
        problems.append(f"{where}: markup left in text (write [value](slot))")
    if not text or text != text.strip():
        problems.append(f"{where}: empty or padded text")
    if not HAN.search(text):
        problems.append(f"{where}: no Chinese character")
    if ex["intent"] not in INTENTS:
        problems.append(f"{where}: unknown intent {ex['intent']!r}")
    if ex["sentiment"] not in SENTIMENTS:
        problems.append(f"{where}: unknown sentiment {ex['sentiment']!r}")
    if ex["intent"] == "complaint" and ex["sentiment"] != "negative":
        problems.append(f"{where}: complaint must be negative")
    if ex["intent"] == "thanks" and ex["sentiment"] != "positive":
        problems.append(f"{where}: thanks must be positive")
    for s in ex["slots"]:
        val, slot, st, en = s["value"], s["slot"], s["start"], s["end"]
        if slot not in SLOTS:
            problems.append(f"{where}: unknown slot {slot!r}")
        if val != val.strip():
            problems.append(f"{where}: padded value {val!r}")
        if val[0] in PARTICLES or val[-1] in PARTICLES:
            problems.append(f"{where}: {slot} {val!r} takes a particle; tag the word without it")
        if any(c in PUNCT for c in val):
            problems.append(f"{where}: {slot} {val!r} holds punctuation")
        if (st > 0 and latin(text[st - 1]) and latin(val[0])) or (
                en < len(text) and latin(text[en]) and latin(val[-1])):
            problems.append(f"{where}: {val!r} cuts through a Latin word or number")
        if slot in ("price_min", "price_max"):
            if not AMOUNT.search(val):
                problems.append(f"{where}: price {val!r} holds no amount")
            if any(c in val for c in PRICE_CUES):
                problems.append(f"{where}: price {val!r} holds its cue word; the cue stays outside")
        if slot == "size" and text[en:en + 1] == "码":
            problems.append(f"{where}: 码 after size {val!r} belongs in the span")


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "lines.tsv"
    out = os.path.splitext(src)[0] + ".jsonl"
    problems, rows, seen = [], [], {}
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            where = f"{src}:{n}"
            parts = line.split("\t")
            if len(parts) != 3:
                problems.append(f"{where}: want intent TAB sentiment TAB text, got {len(parts)} fields")
                continue
            text, slots = parse(parts[2].strip())
            ex = {"text": text, "intent": parts[0].strip(), "slots": slots,
                  "sentiment": parts[1].strip()}
            check(where, ex, problems)
            if text in seen:
                problems.append(f"{where}: same text as line {seen[text]}")
            seen[text] = n
            rows.append(ex)
    with open(out, "w", encoding="utf-8") as f:
        for ex in rows:
            f.write(json.dumps(ex, ensure_ascii=False) + "\n")
    intents = collections.Counter(r["intent"] for r in rows)
    slots = collections.Counter(s["slot"] for r in rows for s in r["slots"])
    print(f"{len(rows)} lines, {sum(slots.values())} spans -> {out}")
    print("intents:", ", ".join(f"{i} {intents[i]}" for i in INTENTS))
    print("slots:  ", ", ".join(f"{s} {slots[s]}" for s in SLOTS))
    for i in INTENTS:
        if intents[i] < MIN_PER_INTENT:
            problems.append(f"intent {i}: {intents[i]} lines, want at least {MIN_PER_INTENT}")
    for p in problems:
        print("PROBLEM", p)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
