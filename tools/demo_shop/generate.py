#!/usr/bin/env python3
"""Builds the demo shop's knowledge files from the hand-written model lines in
catalogue.py: products.jsonl, brands.yaml, categories.yaml, relations.csv, orders.jsonl
and eval/attribute_labels.jsonl. Seeded: running it again gives the same files.

    python3 tools/demo_shop/generate.py knowledge/ [--relabel]

faq.yaml, attributes.yaml and policies/*.md are written by hand and not touched.
"""
import datetime as dt
import json
import random
import string
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from catalogue import (BRANDS, CATEGORIES, SPECS, FICTION_TITLES, COOKBOOKS, GUIDES,  # noqa: E402
                       DOG_FOOD, CAT_FOOD, COFFEES, TEAS)

rng = random.Random(20261127)
BRAND_NAME = {b[0]: b[1] for b in BRANDS}
APPAREL_SIZES = ["XS", "S", "M", "L", "XL"]
SHOE_SIZES = ["UK 5", "UK 6", "UK 7", "UK 8", "UK 9", "UK 10", "UK 11"]

# fact key in a template -> (attribute id, how to get the normalised value from facts)
FACT_ATTR = {
    "battery_h": ("battery_life_h", lambda f: f["battery_h"]),
    "battery_days": ("battery_life_h", lambda f: f["battery_days"] * 24),
    "water_m": ("water_resistance_m", lambda f: f["water_m"]),
    "atm": ("water_resistance_m", lambda f: f["atm"] * 10),
    "ip": ("ip_rating", lambda f: f["ip"]),
    "weight_g": ("weight_g", lambda f: f["weight_g"]),
    "weight_kg": ("weight_g", lambda f: round(f["weight_kg"] * 1000)),
    "capacity_ml": ("capacity_ml", lambda f: f["capacity_ml"]),
    "capacity_l": ("capacity_ml", lambda f: round(f["capacity_l"] * 1000)),
    "storage": ("storage_gb", lambda f: f.get("storage_gb") or f["storage_tb"] * 1000),
    "ram_gb": ("ram_gb", lambda f: f["ram_gb"]),
    "screen_in": ("screen_in", lambda f: f["screen_in"]),
    "gps_phrase": ("gps", lambda f: f["gps"]),
    "anc_phrase": ("noise_cancelling", lambda f: f["anc"]),
    "bt": ("bluetooth_version", lambda f: f["bt"]),
    "power_w": ("power_w", lambda f: f["power_w"]),
    "pages": ("pages", lambda f: f["pages"]),
    "warranty_y": ("warranty_years", lambda f: f["warranty_y"]),
    "spf": ("spf", lambda f: f["spf"]),
    "age": ("min_age", lambda f: f["age"]),
    "material": ("material", lambda f: f["material"].lower()),
}


def keys_of(template):
    return {k for _, k, _, _ in string.Formatter().parse(template) if k}


def derive(f):
    f = dict(f)
    if "atm" in f and "water_m" not in f:
        f["water_m"] = f["atm"] * 10
    if "gps" in f:
        f["gps_phrase"] = rng.choice(["built-in GPS", "dual-band GPS"]) if f["gps"] else "no built-in GPS (it uses your phone's)"
    if "anc" in f:
        f["anc_phrase"] = "active noise cancelling" if f["anc"] else "passive isolation rather than noise cancelling"
    if "storage_gb" in f:
        f["storage"] = f"{f['storage_gb']} GB"
    if "storage_tb" in f:
        f["storage"] = f"{f['storage_tb']} TB"
    for k in ("terrain", "type"):
        if k in f:
            f[k + "_cap"] = f[k][0].upper() + f[k][1:]
    return f


def price(p):
    p = float(p)
    if p >= 100:
        return float(round(p))
    return round(p, 2)


def date_added():
    return (dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(0, 990))).isoformat()


products, labels_pool = [], []
counter = {}


def new_id(prefix):
    counter[prefix] = counter.get(prefix, 0) + 1
    return f"{prefix}-{counter[prefix]:03d}"


def add(prefix, name, brand, category, p, text, facts_stated, attrs, variants=None, stock=None,
        consumable=False, line=None, fits=None):
    pid = new_id(prefix)
    rating = round(min(5.0, max(2.8, rng.gauss(4.3, 0.35))), 1)
    prod = {
        "id": pid, "name": name, "brand": brand, "category": category,
        "price": price(p), "currency": "EUR",
    }
    if variants:
        prod["variants"] = variants
    else:
        prod["stock"] = stock if stock is not None else rng.choice([0, 3, 8, 15, 24, 40, 75, 120])
    if attrs:
        prod["attributes"] = attrs
    prod.update({
        "description": text, "rating": rating, "review_count": int(rng.expovariate(1 / 180)),
        "image": f"/images/{category}.svg", "url": f"/products/{pid}",
        "added": date_added(), "consumable": consumable,
    })
    products.append(dict(prod, _line=line or name, _fits=fits))
    if facts_stated:
        labels_pool.append({"product": pid, "facts": facts_stated})
    return pid


def stated(template, f):
    out = {}
    for k in keys_of(template):
        if k in FACT_ATTR:
            attr, get = FACT_ATTR[k]
            out[attr] = get(f)
    return out


def structured(spec, f):
    attrs = {}
    for k in spec.get("attrs", []):
        if k in f:
            attrs[k] = f[k]
    return attrs


def variants_for(pid_hint, scheme, colours, colour=None):
    if scheme == "colours":
        return [{"sku": f"{pid_hint}-{c.lower().replace(' ', '-').replace('/', '-')}", "colour": c,
                 "stock": rng.choice([0, 2, 5, 9, 14, 30])} for c in colours]
    sizes = APPAREL_SIZES if scheme == "sizes-apparel" else SHOE_SIZES
    slug = colour.lower().replace(" ", "-").replace("/", "-")
    return [{"sku": f"{pid_hint}-{slug}-{s.lower().replace(' ', '')}", "size": s, "colour": colour,
             "stock": rng.choice([0, 0, 1, 3, 6, 10, 18])} for s in sizes]


for category, spec in SPECS.items():
    for brand, model, base, facts, tiers in spec["lines"]:
        for suffix, delta, over in tiers:
            f = derive({**facts, **over, "model": model, "brand": BRAND_NAME[brand]})
            name = model
            if suffix:
                name = f"{model} – {suffix}" if suffix in ("Men's", "Women's") else f"{model} {suffix}"
            f["model"] = name
            if f.get("wired") and "wired_text" in spec:
                templates = [spec["wired_text"]]
            else:
                templates = [t for t in spec["text"] if keys_of(t) <= set(f)]
                if not templates and "plain_text" in spec and keys_of(spec["plain_text"]) <= set(f):
                    templates = [spec["plain_text"]]
            template = rng.choice(templates) if templates else "{model} by {brand}."
            if "text" in f:  # a line with its own wording (the rng draw above keeps the seed stable)
                template = f["text"]
            text = template.format(**f)
            st = stated(template, f)
            attrs = structured(spec, f)
            scheme = spec.get("variants")
            if scheme in ("sizes-apparel", "sizes-shoes"):
                colours = spec["colours"]
                for colour in rng.sample(colours, k=min(len(colours), rng.choice([2, 3, 4]))):
                    hint = f"{spec['prefix']}{counter.get(spec['prefix'], 0) + 1:03d}"
                    add(spec["prefix"], f"{name}, {colour}", brand, category, base + delta, text, st, attrs,
                        variants=variants_for(hint, scheme, None, colour), line=model, fits=f.get("fits"))
            else:
                hint = f"{spec['prefix']}{counter.get(spec['prefix'], 0) + 1:03d}"
                variants = variants_for(hint, scheme, spec["colours"]) if scheme == "colours" else None
                add(spec["prefix"], name, brand, category, base + delta, text, st, attrs, variants=variants,
                    consumable=spec.get("consumable", False), line=model, fits=f.get("fits"))

# Books: each title in two formats.
for title, author in FICTION_TITLES:
    pages = rng.randrange(220, 520)
    publisher = "elmstead" if rng.random() < 0.7 else "bramble-books"
    blurb = rng.choice([
        "A novel of {theme}, told over one long summer.", "A story about {theme}, set between two wars.",
        "{theme_cap}, and the secrets a small town keeps.", "A debut about {theme} that critics called luminous.",
    ]).format(theme=(t := rng.choice(["family and inheritance", "grief and second chances", "friendship at sea",
                                      "a marriage under strain", "exile and return", "a stolen painting"])),
              theme_cap=t[0].upper() + t[1:])
    for fmt, p in (("Hardback", rng.choice([18.99, 20.0, 22.0])), ("Paperback", rng.choice([9.99, 10.99, 12.99]))):
        text = f"{blurb} By {author}. {fmt}, {pages} pages."
        add("bk", f"{title} ({fmt})", publisher, "fiction", p, text, {"pages": pages},
            {"author": author, "format": fmt.lower()}, line=title)
for title, author in COOKBOOKS:
    pages = rng.randrange(180, 360)
    recipes = rng.randrange(60, 140)
    for fmt, p in (("Hardback", rng.choice([24.99, 26.0, 28.0])), ("Paperback", rng.choice([14.99, 16.99]))):
        text = f"{recipes} recipes by {author}, photographed in the author's kitchen and tested twice. {fmt}, {pages} pages." if rng.random() < 0.5 else \
            f"{author}'s {recipes} recipes for real weeknights. {fmt} edition with {pages} pages and a lay-flat binding."
        add("cb", f"{title} ({fmt})", "larkspur", "cookbooks", p, text, {"pages": pages},
            {"author": author, "format": fmt.lower()}, line=title)
for place in GUIDES:
    pages = rng.randrange(160, 420)
    text = f"Routes, maps and where to sleep for {place}. Updated for 2026, {pages} pages, with a pull-out map."
    add("tg", f"{place}: The Walker's Guide", "bramble-books", "travel-guides", rng.choice([15.99, 17.99, 19.99]), text,
        {"pages": pages}, {"format": "paperback"}, line=place)

# Pet food: pack sizes are separate products (what people reorder).
for brand, name, base, protein, grain_free in DOG_FOOD:
    for kg, mult in ((2, 1.0), (6, 2.4), (12, 4.2)):
        pct = rng.randrange(22, 32)
        text = (f"Complete dry food with {protein} as the first ingredient, {pct}% protein"
                f"{', grain free' if grain_free else ''}. {kg} kg bag.")
        add("df", f"{name} {kg} kg", brand, "dog-food", base * mult, text, {},
            {"grain_free": grain_free, "protein": protein}, consumable=True, line=name)
for brand, name, base, protein, grain_free in CAT_FOOD:
    for size, mult in (("2 kg", 1.0), ("4 kg", 1.8)):
        if "Wet" in name and size == "4 kg":
            size, mult = "24 x 85 g", 1.9
        text = f"Complete food for adult cats with {protein} first, added taurine{', grain free' if grain_free else ''}."
        add("cf", f"{name} {size}" if "Wet" not in name or size != "2 kg" else name, brand, "cat-food",
            base * mult, text, {}, {"grain_free": grain_free, "protein": protein}, consumable=True, line=name)
for coffee, origin, roast, notes in COFFEES:
    for grams, p in ((250, rng.choice([10.5, 11.0, 12.5])), (1000, rng.choice([34.0, 36.0, 38.0]))):
        for grind in ("Whole Bean", "Ground for Filter"):
            weight = f"{grams} g" if grams < 1000 else "1 kg"
            text = f"{roast.capitalize()} roast from {origin}. Tasting notes: {notes}. {weight} bag, roasted to order."
            add("co", f"Saltmarsh {coffee}, {grind}, {weight}", "saltmarsh", "coffee-beans", p, text, {},
                {"roast": roast, "origin": origin}, consumable=True, line=coffee)
for tea, origin, kind in TEAS:
    for grams, p in ((100, rng.choice([7.5, 8.5, 9.5])), (250, rng.choice([16.0, 18.0, 19.5]))):
        text = f"Loose-leaf {kind} tea from {origin}. Brew 1 teaspoon per cup; {grams} g makes about {grams // 2} cups."
        add("te", f"Stillwater {tea} {grams} g", "stillwater-tea", "tea", p, text, {},
            {"tea_type": kind, "origin": origin}, consumable=True, line=tea)

# ---- relations ---------------------------------------------------------------------------
relations = set()
by_cat, by_line = {}, {}
for p in products:
    by_cat.setdefault(p["category"], []).append(p)
    by_line.setdefault(p["_line"], []).append(p)


def rel(kind, a, b):
    if a != b:
        relations.add((kind, a, b))


for p in products:
    fits = p.get("_fits")
    if fits and p["category"] == "phone-cases":
        for target in by_line.get(fits, []):
            rel("accessory-of", p["id"], target["id"])
    if fits and p["category"] == "watch-straps":
        for target in by_line.get(fits, []):
            rel("compatible-with", p["id"], target["id"])
for p in by_cat["chargers-cables"]:
    targets = by_cat["smartphones"] if "30W" in p["name"] or "25W" in p["name"] or "Cable" in p["name"] else []
    if "65W" in p["name"] or "140W" in p["name"]:
        targets = [x for x in by_cat["laptops"] if "Chromebook" not in x["name"]] + by_cat["smartphones"][:4]
    if "PowerCore" in p["name"]:
        targets = by_cat["smartphones"] + by_cat["earbuds"]
    for t in targets:
        rel("accessory-of", p["id"], t["id"])
for p in by_cat["storage"]:
    if "microSD" in p["name"]:
        for t in by_cat["cameras"] + by_cat["smart-home"][1:3]:
            rel("accessory-of", p["id"], t["id"])
    else:
        for t in by_cat["laptops"][:6]:
            rel("compatible-with", p["id"], t["id"])
for p in by_cat["keyboards-mice"]:
    for t in by_cat["laptops"][::3]:
        rel("compatible-with", p["id"], t["id"])
for t in by_cat["smartphones"][:3]:
    for e in by_cat["earbuds"][:3]:
        rel("bought-together", t["id"], e["id"])

pairs = [("coffee-beans", "coffee-makers"), ("tea", "kettles"), ("dog-food", "pet-accessories"),
         ("cat-food", "pet-accessories"), ("tents", "backpacks"), ("yoga", "yoga"), ("running-shoes", "smartwatches"),
         ("hiking-boots", "backpacks"), ("base-layers", "jackets"), ("sun-care", "backpacks"), ("cookware", "cookbooks"),
         ("cycling", "cycling"), ("televisions", "speakers"), ("cameras", "storage"), ("skincare", "skincare")]
for a, b in pairs:
    for p in by_cat[a]:
        for q in rng.sample(by_cat[b], k=min(2, len(by_cat[b]))):
            rel("bought-together", p["id"], q["id"])
# Substitutes: within a category, the nearest price from another model line.
for cat, items in by_cat.items():
    for p in items:
        others = [q for q in items if q["_line"] != p["_line"]]
        if not others:
            continue
        q = min(others, key=lambda q: abs(q["price"] - p["price"]))
        if ("substitute-for", q["id"], p["id"]) not in relations:
            rel("substitute-for", p["id"], q["id"])

# ---- orders ------------------------------------------------------------------------------
USERS = [("u-1001", "maya.lindqvist@example.com"), ("u-1002", "tom.okafor@example.com"),
         ("u-1003", "ines.duarte@example.com"), ("u-1004", "kenji.mori@example.com"),
         ("u-1005", "sara.weiss@example.com"), ("u-1006", "liam.byrne@example.com"),
         ("u-1007", "amara.nwosu@example.com"), ("u-1008", "jonas.keller@example.com")]
CARRIERS = [("DHL", "JD0146{n:08d}", "https://tracking.example.com/dhl/{num}"),
            ("UPS", "1Z999AA1{n:08d}", "https://tracking.example.com/ups/{num}"),
            ("PostNL", "3SKEFU{n:07d}", "https://tracking.example.com/postnl/{num}")]
STATES = (["placed"] * 4 + ["paid"] * 5 + ["shipped"] * 7 + ["delivered"] * 14 + ["cancelled"] * 4
          + ["returned"] * 4 + ["refunded"] * 4)
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


orders = []
for i, status in enumerate(STATES):
    user, email = USERS[i % len(USERS)]
    items = []
    for p in rng.sample(products, k=rng.choice([1, 1, 2, 3])):
        item = {"product": p["id"], "quantity": rng.choice([1, 1, 1, 2]), "unit_price": p["price"]}
        if p.get("variants"):
            item["sku"] = rng.choice(p["variants"])["sku"]
        items.append(item)
    # Delivered orders straddle the 30-day return window on purpose.
    age_days = {"placed": 0.2, "paid": 1, "shipped": 3, "cancelled": 6}.get(status, rng.choice([9, 14, 21, 27, 36, 48, 70]))
    placed = NOW - dt.timedelta(days=age_days, hours=rng.randrange(0, 10))
    o = {"id": f"KF-{20261000 + i * 7 + 3}", "user_id": user, "email": email, "status": status, "items": items,
         "total": round(sum(x["unit_price"] * x["quantity"] for x in items) + (0 if sum(x["unit_price"] for x in items) >= 50 else 4.95), 2),
         "currency": "EUR", "placed_at": iso(placed)}
    if status != "placed" and status != "cancelled" or (status == "cancelled" and i % 2 == 0):
        o["paid_at"] = iso(placed + dt.timedelta(minutes=3))
    if status in ("shipped", "delivered", "returned", "refunded") and not (status == "refunded" and i % 2):
        o["shipped_at"] = iso(placed + dt.timedelta(days=1, hours=4))
        carrier, fmt, url = CARRIERS[i % 3]
        num = fmt.format(n=4_200_000 + i * 131)
        o["tracking"] = {"carrier": carrier, "number": num, "url": url.format(num=num)}
    if status in ("delivered", "returned") or (status == "refunded" and "shipped_at" in o):
        o["delivered_at"] = iso(placed + dt.timedelta(days=3, hours=2))
    if status == "cancelled":
        o["cancelled_at"] = iso(placed + dt.timedelta(hours=5))
    if status == "returned" or (status == "refunded" and "delivered_at" in o):
        o["returned_at"] = iso(placed + dt.timedelta(days=12))
    if status == "refunded" or (status == "cancelled" and "paid_at" in o):
        if status == "refunded":
            o["refunded_at"] = iso(placed + dt.timedelta(days=14 if "returned_at" in o else 1))
    orders.append(o)

# ---- write -------------------------------------------------------------------------------
args = [a for a in sys.argv[1:] if not a.startswith("--")]
out = Path(args[0] if args else "knowledge")
(out / "eval").mkdir(parents=True, exist_ok=True)
HEADER = "// Generated by tools/demo_shop/generate.py from tools/demo_shop/catalogue.py; edit those, or edit here by hand.\n"
with open(out / "products.jsonl", "w") as fh:
    fh.write(HEADER)
    for p in products:
        fh.write(json.dumps({k: v for k, v in p.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
with open(out / "orders.jsonl", "w") as fh:
    fh.write("// The demo order book: one order per line. Generated by tools/demo_shop/generate.py.\n")
    for o in orders:
        fh.write(json.dumps(o, ensure_ascii=False) + "\n")
with open(out / "relations.csv", "w") as fh:
    fh.write("kind,from,to\n")
    for kind, a, b in sorted(relations):
        fh.write(f"{kind},{a},{b}\n")


def yq(s):
    return json.dumps(s, ensure_ascii=False)


with open(out / "brands.yaml", "w") as fh:
    fh.write("# Brands of the demo shop (all invented).\n")
    for bid, name, country, desc in BRANDS:
        fh.write(f"- id: {bid}\n  name: {yq(name)}\n  country: {country}\n  description: {yq(desc)}\n")
with open(out / "categories.yaml", "w") as fh:
    fh.write("# The category tree: `parent` names the category above.\n")
    for cid, name, parent, syn in CATEGORIES:
        fh.write(f"- id: {cid}\n  name: {yq(name)}\n")
        if parent:
            fh.write(f"  parent: {parent}\n")
        if syn:
            fh.write(f"  synonyms: [{', '.join(yq(s) for s in syn)}]\n")
labelled = rng.sample(labels_pool, k=50)
# The label file is a draft from the facts each template states; it was then read against
# every description by hand and corrected (facts written into a line's own `text` are not
# known to the draft). It is only rewritten with --relabel, so the corrections survive.
labels_path = out / "eval" / "attribute_labels.jsonl"
if "--relabel" in sys.argv or not labels_path.exists():
    with open(labels_path, "w") as fh:
        for lab in sorted(labelled, key=lambda x: x["product"]):
            fh.write(json.dumps(lab, ensure_ascii=False) + "\n")
print(f"{len(products)} products, {len(set(p['category'] for p in products))} categories used, "
      f"{len(BRANDS)} brands, {len(relations)} relations, {len(orders)} orders, 50 labelled of {len(labels_pool)}")
