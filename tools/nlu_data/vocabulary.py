"""knowledge/nlu/vocabulary.tsv: every value the training data annotates, with its slots.

kefu renames a slot the model confused ("ivory" read as a material) when the vocabulary lists
the whole value under exactly one slot (src/nlu/vocabulary.rs). The values written here are
the training annotations only: a value annotated under two slots is listed under both, which
leaves it to the model. Prices and order ids have a shape of their own and are not listed.
Nothing comes from the test file, so the test still measures the model on values it never saw
(the generator's swap pools leave test values out for the same reason).

A shop adds its own colours, materials and brands below the SHOP_MARKER line; generate.py
keeps those lines when it writes the file again.
"""
import os

SHAPED = ("price_min", "price_max", "order_id")
SHOP_MARKER = "# --- the shop's own values: kept when tools/nlu_data/generate.py runs again ---"
HEADER = """\
# kefu's vocabulary: value<TAB>slot, one a line (docs/nlu.md, "The shop's vocabulary").
# When the model tags a whole value listed here under exactly one slot as a colour,
# material, brand, product or feature, the parse takes the listed slot. A value listed
# under two slots is left to the model. Written by tools/nlu_data/generate.py from the
# annotations of knowledge/nlu/train.jsonl; add your own after the last line, which it keeps.
"""


def render(train_examples, path):
    """The file's text: the annotated values, then the shop's lines kept from `path`."""
    pairs = set()
    for e in train_examples:
        for s in e["slots"]:
            value = " ".join(s["value"].lower().split())
            if s["slot"] not in SHAPED and "\t" not in value:
                pairs.add((value, s["slot"]))
    body = "".join("%s\t%s\n" % p for p in sorted(pairs))
    shop = "\n"
    if os.path.exists(path):
        old = open(path, encoding="utf-8").read()
        at = old.find(SHOP_MARKER)
        if at >= 0:
            shop = old[at + len(SHOP_MARKER):]
    return HEADER + body + SHOP_MARKER + shop
