#!/usr/bin/env python3
"""Draws one picture per category of the demo catalogue: web/images/<category-id>.svg.

    python3 tools/demo_shop/draw_images.py [web/images] [--check]

Simple line drawings in one style (a tinted card, a dark outline, one accent colour per
top-level category), so a product list reads at a glance: a shoe, a phone, a tent, a mug.
A category with no drawing of its own gets its parent's. Deterministic: running it again
writes the same files; --check exits 1 when a file on disk differs (or is missing).

The server knows nothing of these names: it serves web/ as it is, and a product without
an `image` of its own is shown with /images/<its category id>.svg, or its parent's, when
that file exists (docs/knowledge.md).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from catalogue import CATEGORIES  # noqa: E402

W, H = 320, 240
INK = "#27323a"

# Top-level category -> (card tint, accent fill).
PALETTE = {
    "electronics": ("#e7f0fb", "#7aa7e0"),
    "phones-wearables": ("#ece9fb", "#9b8ee6"),
    "audio": ("#fbe9f0", "#e58fb0"),
    "computers": ("#e6f4f4", "#6fbcbc"),
    "apparel": ("#fdf0e3", "#f0a766"),
    "shoes": ("#fbeeea", "#e58a74"),
    "home-kitchen": ("#eef6e6", "#9cc97a"),
    "beauty": ("#fcebf5", "#de8cc0"),
    "sports-outdoors": ("#e7f5ec", "#6fbf8c"),
    "toys": ("#fff6d9", "#f2c94c"),
    "books": ("#f3ede6", "#c49a6c"),
    "pets": ("#f6efe3", "#d6a65f"),
    "grocery": ("#f1eee6", "#a8865c"),
}


def stroke(width=6):
    return f'stroke="{INK}" stroke-width="{width}" stroke-linecap="round" stroke-linejoin="round"'


def rect(x, y, w, h, r=0, fill="A", sw=6):
    return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{r}" fill="{fill}" {stroke(sw)}/>'


def circle(cx, cy, r, fill="A", sw=6):
    return f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}" {stroke(sw)}/>'


def ellipse(cx, cy, rx, ry, fill="A", sw=6, rot=0):
    t = f' transform="rotate({rot} {cx} {cy})"' if rot else ""
    return f'<ellipse cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" fill="{fill}" {stroke(sw)}{t}/>'


def path(d, fill="none", sw=6):
    return f'<path d="{d}" fill="{fill}" {stroke(sw)}/>'


def line(x1, y1, x2, y2, sw=6):
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" {stroke(sw)}/>'


# "A" is the accent fill, "W" white, "L" the light tint; replaced per drawing.
SHIRT = "M120 62 L100 70 L70 96 L88 120 L104 108 L104 188 L216 188 L216 108 L232 120 L250 96 L220 70 L200 62 Q160 86 120 62 Z"
SHOE = "M62 150 L70 100 Q90 104 104 98 L150 128 Q200 134 246 148 Q262 154 260 170 L62 170 Z"

DRAWINGS = {
    # electronics
    "electronics": [circle(160, 120, 72, "W"), path("M170 66 L128 128 L160 128 L150 176 L194 110 L162 110 Z", "A")],
    "televisions": [rect(62, 52, 196, 122, 10, "W"), rect(76, 66, 168, 94, 4, "A", 4), line(160, 174, 160, 192), line(118, 194, 202, 194)],
    "cameras": [rect(72, 76, 176, 112, 16, "A"), rect(104, 58, 56, 24, 6, "W"), circle(160, 132, 38, "W"), circle(160, 132, 18, "A", 5), circle(222, 96, 6, "W", 4)],
    "smart-home": [path("M76 122 L160 56 L244 122", "none"), path("M96 110 L96 190 L224 190 L224 110", "W"),
                   path("M136 152 Q160 128 184 152", sw=6), path("M120 136 Q160 100 200 136", sw=6), circle(160, 168, 7, "A", 4)],
    "chargers-cables": [rect(112, 60, 96, 76, 14, "A"), line(136, 40, 136, 60), line(184, 40, 184, 60),
                        path("M160 136 L160 160 Q160 200 120 200 Q80 200 80 176")],
    # phones & wearables
    "phones-wearables": [rect(112, 40, 96, 164, 16, "W"), rect(124, 58, 72, 116, 4, "A", 4), circle(160, 188, 5, "W", 4)],
    "smartphones": [rect(116, 34, 88, 174, 18, "W"), rect(127, 52, 66, 130, 4, "A", 4), line(148, 43, 172, 43, 4), circle(160, 195, 5, "W", 4)],
    "phone-cases": [rect(112, 36, 96, 170, 22, "A"), rect(124, 48, 34, 48, 10, "W", 5), circle(141, 62, 7, "A", 4), circle(141, 82, 7, "A", 4)],
    "smartwatches": [rect(136, 30, 48, 44, 6, "A"), rect(136, 166, 48, 44, 6, "A"), rect(112, 70, 96, 100, 24, "W"),
                     line(160, 120, 160, 94), line(160, 120, 178, 130), line(210, 108, 210, 132, 8)],
    "fitness-trackers": [path("M100 70 Q160 40 220 70 L220 170 Q160 200 100 170 Z", "A"), rect(130, 88, 60, 64, 18, "W"), line(146, 120, 174, 120, 5)],
    "watch-straps": [rect(134, 26, 52, 188, 14, "A"), rect(122, 54, 76, 30, 8, "W"), line(160, 54, 160, 84, 5),
                     circle(160, 124, 5, "W", 4), circle(160, 148, 5, "W", 4), circle(160, 172, 5, "W", 4)],
    # audio
    "audio": [path("M130 170 L130 70 L210 56 L210 150"), circle(116, 172, 18, "A"), circle(196, 152, 18, "A")],
    "headphones": [path("M92 138 L92 118 Q92 54 160 54 Q228 54 228 118 L228 138"), rect(74, 124, 40, 70, 16, "A"), rect(206, 124, 40, 70, 16, "A")],
    "earbuds": [circle(118, 104, 30, "A"), path("M108 132 L100 190", sw=14), circle(204, 104, 30, "A"), path("M214 132 L222 190", sw=14),
                circle(118, 104, 10, "W", 4), circle(204, 104, 10, "W", 4)],
    "speakers": [rect(104, 38, 112, 168, 16, "W"), circle(160, 146, 36, "A"), circle(160, 146, 12, "W", 5), circle(160, 80, 16, "A", 5)],
    # computers
    "computers": [rect(70, 46, 180, 116, 10, "W"), rect(84, 60, 152, 88, 4, "A", 4), path("M140 162 L132 192 L188 192 L180 162")],
    "laptops": [rect(82, 50, 156, 106, 10, "W"), rect(95, 63, 130, 80, 4, "A", 4), path("M56 170 L82 156 L238 156 L264 170 Q264 182 252 182 L68 182 Q56 182 56 170 Z", "W")],
    "monitors": [rect(56, 42, 208, 128, 10, "W"), rect(70, 56, 180, 100, 4, "A", 4), line(160, 170, 160, 194), path("M116 198 L204 198", sw=8)],
    "keyboards-mice": [rect(40, 104, 170, 80, 10, "W"),
                       *[rect(54 + 24 * i, 118 + 22 * j, 16, 14, 3, "A", 3) for i in range(6) for j in range(2)],
                       rect(94, 160, 62, 12, 3, "A", 3), rect(232, 96, 52, 88, 26, "A"), line(258, 96, 258, 126, 5)],
    "storage": [path("M108 40 L196 40 L220 64 L220 200 L108 200 Z", "A"), rect(124, 136, 80, 48, 6, "W", 5),
                *[line(128 + 14 * i, 48, 128 + 14 * i, 70, 5) for i in range(5)]],
    # apparel
    "apparel": [path("M160 80 Q160 58 176 58 Q190 58 190 72 Q190 84 176 90 L160 98"), path("M160 98 L60 170 Q56 182 70 182 L250 182 Q264 182 260 170 Z", "A")],
    "jackets": [path("M120 50 L84 66 L60 184 L104 184 L104 206 L216 206 L216 184 L260 184 L236 66 L200 50 Q160 70 120 50 Z", "A"),
                line(160 - 0, 64, 160, 206, 5), path("M120 50 Q140 34 160 40 Q180 34 200 50", "W", 5), rect(118, 140, 26, 14, 3, "W", 4), rect(176, 140, 26, 14, 3, "W", 4)],
    "base-layers": [path("M122 54 L92 64 L62 196 L92 200 L108 110 L110 204 L210 204 L212 110 L228 200 L258 196 L228 64 L198 54 Q160 76 122 54 Z", "A"),
                    path("M122 54 Q160 76 198 54", sw=5)],
    "t-shirts": [path(SHIRT, "A"), path("M132 66 Q160 84 188 66", sw=5)],
    "knitwear": [path("M122 54 L92 64 L62 196 L92 200 L108 110 L110 204 L210 204 L212 110 L228 200 L258 196 L228 64 L198 54 Q160 76 122 54 Z", "A"),
                 *[line(124 + 12 * i, 186, 124 + 12 * i, 202, 4) for i in range(7)], path("M88 84 L232 84", sw=4), path("M80 120 L240 120", sw=4)],
    # shoes
    "shoes": [path(SHOE, "A"), path("M62 170 L260 170 L260 180 Q260 186 252 186 L70 186 Q62 186 62 180 Z", "W", 5), path("M104 98 Q96 120 106 130", sw=4)],
    "running-shoes": [path(SHOE, "A"), path("M62 170 L260 170 Q258 190 240 190 L74 190 Q60 190 62 170 Z", "W", 5),
                      path("M120 148 Q170 150 214 138", sw=5), line(116, 112, 130, 104, 4), line(124, 122, 140, 112, 4)],
    "hiking-boots": [path("M84 52 L146 52 L150 124 Q210 128 246 146 Q262 154 260 172 L72 172 L80 110 Z", "A"),
                     path("M70 172 L262 172 L262 186 Q262 194 252 194 L78 194 Q70 194 70 186 Z", "W", 5),
                     *[line(118, 70 + 16 * i, 150, 66 + 16 * i, 4) for i in range(4)], path("M80 150 L150 150", sw=4)],
    "sneakers": [path("M64 152 L74 112 Q96 116 110 108 L150 134 Q204 136 248 150 Q262 156 260 170 L64 170 Z", "W"),
                 path("M64 170 L260 170 L260 182 Q260 188 252 188 L72 188 Q64 188 64 182 Z", "A", 5), path("M216 142 Q252 148 260 170", "A", 5),
                 line(118, 118, 132, 112, 4), line(126, 128, 142, 120, 4)],
    # home & kitchen
    "home-kitchen": [path("M92 70 L92 170 Q92 194 116 194 L180 194 Q204 194 204 170 L204 70 Z", "A"), path("M204 94 Q246 94 246 128 Q246 160 204 158", sw=10),
                     path("M122 52 Q114 40 122 28 M150 52 Q142 40 150 28 M178 52 Q170 40 178 28", sw=4)],
    "kettles": [path("M104 92 L92 196 L216 196 L204 92 Z", "A"), path("M104 92 Q154 60 204 92", "W"), path("M204 110 Q246 112 244 154 L212 170", sw=8),
                path("M104 118 L70 90 L62 96", sw=8), rect(138, 58, 32, 12, 5, "W", 5)],
    "coffee-makers": [rect(90, 40, 140, 40, 8, "A"), rect(90, 80, 30, 120, 4, "A"), rect(90, 196, 140, 14, 4, "W", 5),
                      path("M150 140 L150 186 Q150 196 160 196 L196 196 Q206 196 206 186 L206 140 Z", "W", 5), rect(160, 80, 36, 16, 3, "W", 4), line(178, 104, 178, 126, 4)],
    "blenders": [path("M110 40 L210 40 L196 150 L124 150 Z", "W"), rect(104, 28, 112, 16, 6, "A", 5), rect(112, 150, 96, 54, 10, "A"),
                 circle(160, 177, 10, "W", 4), path("M136 118 L184 98 M136 98 L184 118", sw=4)],
    "cookware": [ellipse(140, 128, 84, 54, "A"), ellipse(140, 128, 60, 36, "W", 5), path("M222 120 L290 104", sw=16)],
    # beauty
    "beauty": [rect(126, 86, 68, 114, 14, "A"), rect(138, 58, 44, 28, 4, "W", 5), path("M160 34 Q148 48 160 58 Q172 48 160 34 Z", "A", 4)],
    "skincare": [rect(94, 110, 132, 86, 18, "W"), rect(88, 82, 144, 34, 10, "A"), rect(126, 140, 68, 28, 6, "A", 4)],
    "sun-care": [circle(230, 66, 26, "A"), *[line(230 + 40 * dx, 66 + 40 * dy, 230 + 50 * dx, 66 + 50 * dy, 5) for dx, dy in
                                              [(1, 0), (-1, 0), (0, 1), (0, -1), (.7, .7), (-.7, .7), (.7, -.7), (-.7, -.7)]],
                 path("M88 70 L176 70 L166 196 L98 196 Z", "W"), rect(104, 196, 56, 18, 4, "A", 5), rect(104, 110, 56, 40, 6, "A", 4)],
    "haircare": [path("M80 84 Q80 48 136 48 L228 60 Q252 64 252 92 Q252 120 228 124 L136 136 Q80 136 80 100 Z", "A"),
                 circle(128, 92, 22, "W", 5), path("M150 130 L160 196 Q162 206 172 204 L186 202 Q196 200 194 190 L180 128", "A"),
                 path("M262 78 L290 70 M264 94 L294 94 M262 110 L290 118", sw=4)],
    # sports & outdoors
    "sports-outdoors": [circle(228, 70, 22, "A"), path("M40 196 L124 78 L172 142 L204 104 L280 196 Z", "W"), path("M104 106 L124 78 L144 106 Q134 100 124 108 Q114 100 104 106 Z", "A", 4)],
    "backpacks": [path("M110 70 Q110 40 160 40 Q210 40 210 70 L218 192 Q218 206 204 206 L116 206 Q102 206 102 192 Z", "A"),
                  rect(124, 130, 72, 54, 10, "W", 5), path("M136 40 Q136 22 160 22 Q184 22 184 40", sw=6), line(124, 148, 196, 148, 4)],
    "tents": [path("M40 196 L160 44 L280 196 Z", "A"), path("M160 44 L124 196 M160 44 L196 196", sw=5), path("M128 196 L160 110 L192 196 Z", "W", 5),
              line(26, 196, 294, 196, 6)],
    "cycling": [circle(92, 150, 44, "none"), circle(228, 150, 44, "none"), path("M92 150 L136 90 L204 90 L228 150 M136 90 L162 150 L204 90 M92 150 L162 150", "none", 6),
                path("M126 76 L148 76", sw=8), path("M198 74 L212 70 L218 80", sw=6), circle(162, 150, 8, "A", 4)],
    "yoga": [path("M60 100 L230 100 Q266 100 266 140 Q266 180 230 180 L60 180 Z", "A"), ellipse(230, 140, 26, 40, "W", 5), ellipse(230, 140, 10, 18, "A", 4)],
    # toys
    "toys": [circle(110, 70, 22, "A"), circle(210, 70, 22, "A"), circle(160, 128, 72, "A"), ellipse(160, 150, 30, 22, "W", 5),
             circle(136, 112, 7, "none", 6), circle(184, 112, 7, "none", 6), circle(160, 142, 6, "none", 6)],
    "building-sets": [rect(70, 104, 180, 88, 8, "A"), *[rect(86 + 40 * i, 80, 28, 26, 5, "A", 5) for i in range(4)], line(70, 150, 250, 150, 4)],
    "board-games": [rect(70, 70, 104, 104, 18, "W"), *[circle(x, y, 8, "A", 4) for x, y in [(96, 96), (122, 122), (148, 148), (148, 96), (96, 148)]],
                    path("M222 98 Q204 98 204 118 Q204 132 214 138 L198 188 L246 188 L230 138 Q240 132 240 118 Q240 98 222 98 Z", "A")],
    "puzzles": [path("M90 80 L138 80 Q132 56 156 56 Q180 56 174 80 L222 80 L222 126 Q246 120 246 144 Q246 168 222 162 L222 200 L90 200 L90 160 "
                     "Q114 166 114 142 Q114 118 90 124 Z", "A")],
    # books
    "books": [rect(74, 150, 172, 36, 6, "A"), rect(88, 114, 150, 36, 6, "W"), rect(80, 78, 160, 36, 6, "A"), line(104, 96, 200, 96, 4), line(108, 132, 214, 132, 4)],
    "fiction": [path("M160 70 Q120 50 60 58 L60 182 Q120 174 160 194 Q200 174 260 182 L260 58 Q200 50 160 70 Z", "W"), line(160, 70, 160, 194, 5),
                *[line(80, 86 + 22 * i, 140, 92 + 22 * i, 4) for i in range(4)], *[line(180, 92 + 22 * i, 240, 86 + 22 * i, 4) for i in range(4)]],
    "cookbooks": [rect(90, 40, 140, 168, 10, "A"), line(110, 40, 110, 208, 5), path("M152 86 L152 166 M140 86 L140 110 Q140 120 152 120 Q164 120 164 110 L164 86", sw=5),
                  ellipse(198, 104, 12, 20, "W", 5), line(198, 124, 198, 166, 5)],
    "travel-guides": [rect(90, 40, 140, 168, 10, "A"), line(110, 40, 110, 208, 5), path("M170 72 Q142 72 142 100 Q142 122 170 156 Q198 122 198 100 Q198 72 170 72 Z", "W", 5),
                      circle(170, 100, 10, "A", 4)],
    # pets
    "pets": [ellipse(160, 150, 46, 40, "A"), ellipse(102, 104, 17, 23, "A", rot=-20), ellipse(138, 72, 17, 23, "A"), ellipse(182, 72, 17, 23, "A"),
             ellipse(218, 104, 17, 23, "A", rot=20)],
    "dog-food": [path("M96 52 L224 52 L234 204 L86 204 Z", "A"), path("M96 52 Q160 70 224 52", sw=5),
                 path("M126 128 L194 128 M120 116 Q110 116 112 128 Q110 140 120 140 M200 116 Q210 116 208 128 Q210 140 200 140", "W", 12),
                 path("M126 128 L194 128", sw=4)],
    "cat-food": [rect(86, 74, 148, 122, 14, "A"), ellipse(160, 74, 74, 16, "W", 5),
                 path("M118 136 Q150 108 190 136 Q150 164 118 136 Z M190 136 L212 120 L212 152 Z", "W", 5), circle(136, 132, 4, "A", 4)],
    "pet-accessories": [path("M60 136 L260 136 L238 190 Q234 198 224 198 L96 198 Q86 198 82 190 Z", "A"), ellipse(160, 136, 100, 18, "W", 5),
                        path("M124 96 Q116 84 126 78 Q134 74 138 84 L182 84 Q186 74 194 78 Q204 84 196 96 Q204 108 194 114 Q186 118 182 108 L138 108 Q134 118 126 114 Q116 108 124 96 Z", "W", 5)],
    # grocery
    "grocery": [path("M56 100 L264 100 L240 196 L80 196 Z", "A"), path("M110 100 L142 48 M210 100 L178 48", sw=6),
                line(122, 124, 128, 174, 5), line(160, 124, 160, 174, 5), line(198, 124, 192, 174, 5)],
    "coffee-beans": [ellipse(120, 110, 38, 54, "A", rot=-30), path("M104 70 Q134 110 136 150", sw=5),
                     ellipse(206, 134, 38, 54, "A", rot=25), path("M222 94 Q190 134 190 174", sw=5)],
    "tea": [path("M76 96 L210 96 L200 160 Q194 190 160 190 L126 190 Q92 190 86 160 Z", "W"), path("M208 112 Q246 112 242 138 Q238 158 204 156", sw=8),
            line(60, 200, 226, 200, 6), path("M150 96 L150 54", sw=3), rect(138, 34, 26, 22, 3, "A", 4), path("M116 80 Q110 68 118 58 M176 80 Q170 68 178 58", sw=4)],
}


def parents():
    return {cid: parent for cid, _, parent, _ in CATEGORIES}


def top_of(cid, parent):
    while parent.get(cid):
        cid = parent[cid]
    return cid


def svg(cid, name, parent):
    tint, accent = PALETTE[top_of(cid, parent)]
    # A category without a drawing of its own is drawn as its nearest ancestor with one.
    shape_of = cid
    while shape_of not in DRAWINGS:
        shape_of = parent[shape_of]
    body = "\n  ".join(d.replace('fill="A"', f'fill="{accent}"').replace('fill="W"', 'fill="#ffffff"') for d in DRAWINGS[shape_of])
    title = name.replace("&", "&amp;").replace("<", "&lt;")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img">\n'
            f'  <title>{title}</title>\n'
            f'  <rect width="{W}" height="{H}" fill="{tint}"/>\n'
            f'  {body}\n</svg>\n')


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else Path(__file__).resolve().parents[2] / "web" / "images")
    check = "--check" in sys.argv
    parent = parents()
    stale = []
    for cid, name, _, _ in CATEGORIES:
        text = svg(cid, name, parent)
        target = out / f"{cid}.svg"
        if check:
            if not target.exists() or target.read_text() != text:
                stale.append(str(target))
            continue
        out.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    if check:
        if stale:
            print("out of date (run tools/demo_shop/draw_images.py):", *stale, sep="\n  ")
            sys.exit(1)
        print(f"{len(CATEGORIES)} category pictures up to date")
    else:
        print(f"wrote {len(CATEGORIES)} category pictures to {out}")


if __name__ == "__main__":
    main()
