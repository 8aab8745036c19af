#!/usr/bin/env python3
"""Check the search query sets against their catalogues.

Applies the judgment rules of eval/search/*.jsonl to a catalogue and prints,
per query, how many in-stock products are relevant. Fails (exit 1) when a
judged query has no relevant in-stock product, when an `expect: none` query
matches something, when a `relevant` id is unknown or out of stock, when a
line is malformed, or when a query text appears twice in a set.

Usage (from the repository root):
    python3 eval/search/check_queries.py                # both sets
    python3 eval/search/check_queries.py --set demo     # demo shop only
    python3 eval/search/check_queries.py --set google --google-catalog PATH
    python3 eval/search/check_queries.py -v             # list the matches too
    python3 eval/search/check_queries.py --file NEW.jsonl   # one file, Google catalogue

Rule semantics (all conditions present must hold; only in-stock products count):
  name_any / name_all / name_none: phrases matched in the product name,
    case-insensitive, as whole words; a plural -s/-es of the phrase's last
    word also matches.
  brand_any: the brand's id or name equals one (case-insensitive).
  category_any: a category on the product's path (itself or an ancestor), by
    id or name (case-insensitive).
  colour_any: a variant colour or a colour attribute contains the word.
  price_min / price_max: inclusive bounds on the price.

expect "none" lines are checked by the query's own words: its content words (stop words
like "do you sell" dropped) as one phrase, singular too, must occur in no product name or
category of the catalogue, in stock or not (kind "absent": the shop never sold it). For
kind "out_of_stock" (the catalogue lists it, but nothing in stock) the phrase and its head
noun must occur in no in-stock name. This is a safety net; the judgment is by hand.

Demo shop: a product is in stock when its variants' stock (or its own stock when it has
no variants) adds up to more than 0. Google Merchandise Store: availability IN_STOCK; the
feed is mapped as kefu imports it: name = title, brand = brands[0], category =
categories[0], price = priceInfo.price, colours = colorInfo.colors.
"""
import argparse
import json
import os
import re
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
DEFAULT_GOOGLE = "/work/shared/data/google_merch_catalog/products.jsonl"

RULE_KEYS = {"name_any", "name_all", "name_none", "brand_any", "category_any",
             "colour_any", "price_min", "price_max"}
KINDS = {"type", "synonym", "typo", "plural", "brand_type", "constraint",
         "sort", "long", "gift", "attribute", "absent", "out_of_stock"}


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


STOP = set("""a an the do does you your sell selling sold have has any some is are i i'm im
me my we for to of in on with and or can get buy want need looking look find there here
stock carry please something anything got ya u what where which that this it its""".split())


def content_words(text):
    """Probe phrase of an expect-none query: its content words as one phrase, as typed and
    with a plural -s/-es taken off. 'do you sell surfboards' -> surfboards, surfboard."""
    words = [w for w in re.findall(r"[a-z0-9#][a-z0-9'-]*", text.lower()) if w not in STOP]
    if not words:
        return []
    phrase = " ".join(words)
    out = [phrase]
    for suf in ("es", "s"):
        if phrase.endswith(suf) and len(words[-1]) - len(suf) >= 3:
            out.append(phrase[: -len(suf)])
    return out


def phrase_re(phrase):
    words = phrase.lower().split()
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(r"(?<!\w)" + body + r"(?:s|es)?(?!\w)", re.IGNORECASE)


class Product:
    def __init__(self, pid, name, brand_keys, category_keys, price, colours, in_stock):
        self.id = pid
        self.name = name
        self.brand_keys = {k.lower() for k in brand_keys if k}
        self.category_keys = {k.lower() for k in category_keys if k}
        self.price = price
        self.colours = [c for c in colours if c]
        self.in_stock = in_stock


def load_yaml_list(path):
    try:
        import yaml  # type: ignore
        return yaml.safe_load(open(path, encoding="utf-8"))
    except ImportError:  # minimal fallback for the simple "- id: / key: value" files
        items, cur = [], None
        for line in open(path, encoding="utf-8"):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("- "):
                cur = {}
                items.append(cur)
                line = "  " + line[2:]
            if cur is not None and ":" in line:
                k, v = line.strip().split(":", 1)
                cur[k.strip()] = v.strip().strip('"')
        return items


def load_demo(knowledge):
    cats = {c["id"]: c for c in load_yaml_list(os.path.join(knowledge, "categories.yaml"))}
    brands = {b["id"]: b for b in load_yaml_list(os.path.join(knowledge, "brands.yaml"))}
    products = []
    for line in open(os.path.join(knowledge, "products.jsonl"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        p = json.loads(line)
        path, cid = [], p.get("category")
        while cid and cid in cats and cid not in path:
            path.append(cid)
            cid = cats[cid].get("parent")
        cat_keys = []
        for c in path:
            cat_keys += [c, cats[c].get("name", "")]
        b = brands.get(p.get("brand"), {})
        variants = p.get("variants") or []
        stock = sum(v.get("stock", 0) for v in variants) if variants else (p.get("stock") or 0)
        colours = [v.get("colour") for v in variants]
        attrs = p.get("attributes") or {}
        for k in ("colour", "color"):
            if isinstance(attrs.get(k), str):
                colours.append(attrs[k])
        products.append(Product(p["id"], p["name"], [p.get("brand", ""), b.get("name", "")],
                                cat_keys, float(p["price"]), colours, stock > 0))
    return products


def load_google(path):
    products = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line:
            continue
        p = json.loads(line)
        brand = (p.get("brands") or [""])[0]
        cat = (p.get("categories") or [""])[0]
        colours = list((p.get("colorInfo") or {}).get("colors") or [])
        products.append(Product(p["id"], p["title"], [brand, slug(brand)], [cat, slug(cat)],
                                float(p["priceInfo"]["price"]), colours,
                                p.get("availability") == "IN_STOCK"))
    return products


def matches(rule, p):
    name = p.name
    if "name_any" in rule and not any(phrase_re(x).search(name) for x in rule["name_any"]):
        return False
    if "name_all" in rule and not all(phrase_re(x).search(name) for x in rule["name_all"]):
        return False
    if "name_none" in rule and any(phrase_re(x).search(name) for x in rule["name_none"]):
        return False
    if "brand_any" in rule and not ({b.lower() for b in rule["brand_any"]} & p.brand_keys):
        return False
    if "category_any" in rule and not ({c.lower() for c in rule["category_any"]} & p.category_keys):
        return False
    if "colour_any" in rule:
        ok = any(re.search(r"(?<!\w)" + re.escape(w.lower()) + r"(?!\w)", c.lower())
                 for w in rule["colour_any"] for c in p.colours)
        if not ok:
            return False
    if "price_min" in rule and p.price < float(rule["price_min"]):
        return False
    if "price_max" in rule and p.price > float(rule["price_max"]):
        return False
    return True


def check_set(label, path, products, verbose):
    by_id = {p.id: p for p in products}
    errors, kinds, seen = [], Counter(), Counter()
    print(f"== {label}: {path} ({len(products)} products, "
          f"{sum(p.in_stock for p in products)} in stock)")
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.strip()
        if not line:
            continue
        try:
            q = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON: {e}")
            continue
        text = q.get("query", "")
        kind = q.get("kind", "?")
        kinds[kind] += 1
        key = " ".join(text.lower().split())
        seen[key] += 1
        if seen[key] == 2:
            errors.append(f"line {n}: duplicate query {text!r}")
        if kind not in KINDS:
            errors.append(f"line {n}: unknown kind {kind!r}")
        modes = [m for m in ("rule", "relevant", "expect") if m in q]
        if len(modes) != 1:
            errors.append(f"line {n}: needs exactly one of rule/relevant/expect: {text!r}")
            continue
        mode = modes[0]
        if mode == "expect":
            if q["expect"] != "none":
                errors.append(f"line {n}: expect must be 'none'")
            # The shop must have no such thing: no product name or category (for
            # kind out_of_stock: no in-stock one) may contain a content word of the query.
            pool = [p for p in products if p.in_stock or kind != "out_of_stock"]
            words = content_words(text)
            if kind == "out_of_stock" and words:  # also the head noun alone, against in-stock names
                head = words[0].split()[-1]
                words += [head] + ([head[:-1]] if head.endswith("s") and len(head) > 4 else [])
            hits = [p for p in pool if any(phrase_re(w).search(p.name) or w in p.category_keys
                                           for w in words)]
            count = len(hits)
            status = "ok" if count == 0 else f"FAIL (expect none, but names match {words})"
        elif mode == "relevant":
            ids = q["relevant"]
            bad = [i for i in ids if i not in by_id]
            oos = [i for i in ids if i in by_id and not by_id[i].in_stock]
            if bad:
                errors.append(f"line {n}: unknown ids {bad} in {text!r}")
            if oos:
                errors.append(f"line {n}: out-of-stock ids {oos} in {text!r}")
            hits = [by_id[i] for i in ids if i in by_id and by_id[i].in_stock]
            count = len(hits)
            status = "ok" if count else "FAIL (no relevant in-stock product)"
        else:
            rule = q["rule"]
            unknown = set(rule) - RULE_KEYS
            if unknown:
                errors.append(f"line {n}: unknown rule keys {sorted(unknown)}")
            hits = [p for p in products if p.in_stock and matches(rule, p)]
            count = len(hits)
            status = "ok" if count else "FAIL (rule matches no in-stock product)"
        if status.startswith("FAIL"):
            errors.append(f"line {n}: {status}: {text!r}")
        print(f"{count:4d}  {kind:12s} {text}" + ("" if status.startswith("ok") else f"   <-- {status}"))
        if verbose or (mode == "expect" and count):
            for p in hits:
                print(f"        {p.id:16s} {p.price:8.2f}  {p.name}")
    print(f"-- {label}: {sum(kinds.values())} queries; kinds: "
          + ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))
    for e in errors:
        print("ERROR", e)
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", choices=["demo", "google", "zh", "both"], default="both")
    ap.add_argument("--knowledge-dir", default=os.path.join(ROOT, "knowledge"))
    ap.add_argument("--google-catalog", default=DEFAULT_GOOGLE)
    ap.add_argument("--file", help="check this one query file instead (against the Google "
                    "catalogue, or the demo shop with --set demo)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    errors = []
    sets = []
    if a.file:
        label = os.path.splitext(os.path.basename(a.file))[0]
        products = load_demo(a.knowledge_dir) if a.set == "demo" else load_google(a.google_catalog)
        errors += check_set(label, a.file, products, a.verbose)
        if errors:
            print(f"FAILED: {len(errors)} problem(s)")
            sys.exit(1)
        print("OK")
        return
    if a.set in ("demo", "both"):
        sets.append(("demo-shop", os.path.join(HERE, "demo-shop.jsonl"), load_demo(a.knowledge_dir)))
    if a.set == "zh":
        for name in ("demo-shop-zh", "demo-shop-zh-test"):
            sets.append((name, os.path.join(HERE, "zh", f"{name}.jsonl"), load_demo(a.knowledge_dir)))
    if a.set in ("google", "both"):
        if not os.path.exists(a.google_catalog):
            print(f"google catalogue not found at {a.google_catalog}; skipping", file=sys.stderr)
        else:
            google = load_google(a.google_catalog)
            for name in ("google-merch", "google-merch-heldout", "google-merch-heldout2",
                         "google-merch-heldout3"):
                sets.append((name, os.path.join(HERE, f"{name}.jsonl"), google))
    for label, path, products in sets:
        errors += check_set(label, path, products, a.verbose)
        print()
    if errors:
        print(f"FAILED: {len(errors)} problem(s)")
        for e in errors:
            print("  ", e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
