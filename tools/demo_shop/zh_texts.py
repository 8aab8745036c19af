#!/usr/bin/env python3
"""Writes knowledge/zh/products.jsonl: a Chinese name and description for every demo-shop
product, as a Chinese shop lists them (brand and model in Latin letters, then what the
thing is, its edition, colour and size in Chinese). Built from the English products and
the Chinese category names in knowledge/zh/categories.yaml; the words below are the
team's own. Run again after tools/demo_shop/generate.py:

    python3 tools/demo_shop/zh_texts.py knowledge/
"""
import json
import re
import sys
from pathlib import Path

# What the product is, by words of its English name (first match wins), else the
# category's Chinese name.
KIND = [
    ("Armour Case", "防摔手机壳"), ("Clear Case", "透明手机壳"), ("Case", "手机壳"),
    ("Titanium Bracelet", "钛合金表带"), ("Leather Strap", "真皮表带"), ("Sport Loop", "运动回环表带"),
    ("Strap", "硅胶表带"), ("Bracelet", "金属表带"),
    ("Mechanical Keyboard", "机械键盘"), ("Keys", "无线键盘"), ("Keyboard", "键盘"), ("Mouse", "鼠标"),
    ("Pocket SSD", "移动固态硬盘"), ("SSD", "固态硬盘"), ("microSD", "存储卡"),
    ("PowerCore", "充电宝"), ("Cable", "数据线"), ("Charger", "充电器"),
    ("Smart Plug", "智能插座"), ("Indoor Cam", "室内监控摄像头"), ("Video Doorbell", "可视门铃"),
    ("Climate Sensor", "温湿度传感器"),
    ("Kit Lens", "微单相机套机"), ("Body", "微单相机机身"), ("Compact", "便携数码相机"),
    ("OLED", "OLED电视"), ("QLED", "QLED电视"),
    ("Espresso Machine", "意式咖啡机"), ("Drip", "滴滤咖啡机"), ("Grinder", "磨豆机"),
    ("Cold Brew", "冷萃咖啡壶"), ("Moka", "摩卡壶"),
    ("Hand Blender", "手持料理棒套装"), ("Personal Blender", "便携榨汁杯"), ("Vacuum Blender", "真空破壁机"),
    ("Blender", "破壁料理机"), ("Kettle", "电水壶"),
    ("Frying Pan", "煎锅"), ("Casserole", "珐琅铸铁锅"), ("Saucepan Set", "奶锅套装"), ("Wok", "炒锅"),
    ("Serum", "精华液"), ("Barrier Cream", "修护面霜"), ("Cream", "面霜"), ("Cleanser", "洁面啫喱"),
    ("Face Oil", "面部精华油"), ("Sunscreen", "防晒霜"), ("Lotion", "防晒乳"), ("Roll-On", "儿童防晒滚珠"),
    ("Face Fluid", "面部防晒乳"), ("Hair Dryer", "吹风机"), ("Travel Dryer", "旅行吹风机"),
    ("Straightener", "直发夹板"), ("Shampoo", "洗发水"), ("Conditioner", "护发素"),
    ("Helmet", "骑行头盔"), ("Light", "自行车灯"), ("Lock", "自行车锁"), ("Bottle", "骑行水壶"),
    ("Computer", "码表"), ("Cork Block", "软木瑜伽砖"), ("Block", "瑜伽砖"), ("Strap", "瑜伽伸展带"),
    ("Mat", "瑜伽垫"),
    ("Dog Bed", "狗窝"), ("Lead", "牵引绳"), ("Harness", "胸背带"), ("Bowl", "宠物碗"), ("Cat Tree", "猫爬架"),
    ("Scratcher", "猫抓板"), ("Toy", "宠物玩具"),
    ("Daypack", "双肩背包"), ("Commuter", "通勤双肩包"),
    ("Floor Puzzle", "儿童地板拼图"),
    ("Jacket", "夹克"), ("Parka", "派克大衣"), ("Vest", "马甲"), ("Hoodie", "连帽卫衣"), ("Fleece", "抓绒外套"),
    ("Crew", "圆领衫"), ("Zip Neck", "半拉链打底衫"), ("Leggings", "打底裤"), ("Tights", "打底裤"),
    ("Tee", "T恤"), ("Cardigan", "开衫"), ("Jumper", "毛衣"), ("Sweater", "毛衣"),
]
# Whole words only for these short keys, so "Mat" is not found in "Matte".
COLOURS = {
    "Black": "黑色", "White": "白色", "Grey": "灰色", "Heather Grey": "麻灰色", "Charcoal": "炭灰色",
    "Navy": "藏青色", "Brown": "棕色", "Bottle Green": "墨绿色", "Oatmeal": "燕麦色", "Cream": "奶油色",
    "Coral": "珊瑚色", "Deep Teal": "深青色", "Teal": "青色", "Forest": "森林绿", "Moss": "苔绿色",
    "Olive": "橄榄绿", "Sage": "鼠尾草绿", "Sage Green": "鼠尾草绿", "Lavender": "薰衣草紫", "Plum": "梅子色",
    "Rust": "铁锈红", "Sand": "沙色", "Stone": "石灰色", "Slate": "岩灰色", "Slate Blue": "岩石蓝",
    "Ocean": "海洋蓝", "Midnight": "午夜色", "Midnight Blue": "午夜蓝", "Graphite": "石墨色",
    "Glacier White": "冰川白", "Silver": "银色", "Clear": "透明", "Matte Black": "哑光黑",
    "Brushed Steel": "拉丝钢", "Sunset Orange": "落日橙", "Volt": "荧光黄",
    "Black/White": "黑白", "Grey/Orange": "灰橙", "Navy/Gum": "藏青/生胶底",
}
ROAST = {"light": "浅烘", "medium": "中烘", "medium-dark": "中深烘", "dark": "深烘"}
TEA = {"black": "红茶", "green": "绿茶", "oolong": "乌龙茶", "white": "白茶", "herbal": "花草茶"}
PROTEIN = {"chicken": "鸡肉", "lamb": "羊肉", "duck": "鸭肉", "salmon": "三文鱼", "beef": "牛肉",
           "fish": "鱼肉", "turkey": "火鸡肉"}
ORIGIN = {"Brazil": "巴西", "Ethiopia": "埃塞俄比亚", "Costa Rica": "哥斯达黎加", "India": "印度", "China": "中国",
          "Indonesia": "印度尼西亚", "South Africa": "南非", "Peru": "秘鲁", "Colombia": "哥伦比亚",
          "Kenya": "肯尼亚", "Guatemala": "危地马拉", "El Salvador": "萨尔瓦多", "Rwanda": "卢旺达",
          "Japan": "日本", "Sri Lanka": "斯里兰卡", "Taiwan": "中国台湾", "Nepal": "尼泊尔", "Egypt": "埃及",
          "Honduras": "洪都拉斯", "Mexico": "墨西哥", "Panama": "巴拿马", "Yemen": "也门", "Vietnam": "越南",
          "Burundi": "布隆迪", "Uganda": "乌干达", "Tanzania": "坦桑尼亚", "Nicaragua": "尼加拉瓜", "Bolivia": "玻利维亚",
          "Papua New Guinea": "巴布亚新几内亚", "Germany": "德国", "Morocco": "摩洛哥", "Chile": "智利"}
SKIN = {"normal": "中性肌肤", "dry": "干性肌肤", "oily": "油性肌肤", "all": "各种肤质"}


def zh_categories(knowledge):
    out = {}
    for line in (knowledge / "zh" / "categories.yaml").read_text().splitlines():
        m = re.match(r"- \{id: ([^,]+), name: ([^,}]+)", line)
        if m:
            out[m.group(1).strip()] = m.group(2).strip()
    return out


def has_word(name, word):
    return re.search(r"(?<![A-Za-z])" + re.escape(word) + r"(?![A-Za-z])", name) is not None


def kind_of(name, category, cats):
    if category in ("fiction", "cookbooks", "travel-guides", "coffee-beans", "tea", "dog-food", "cat-food",
                    "building-sets", "board-games", "puzzles", "smartphones", "smartwatches", "fitness-trackers",
                    "headphones", "earbuds", "speakers", "laptops", "monitors", "tents", "running-shoes",
                    "hiking-boots", "sneakers", "backpacks"):
        specific = {"Floor Puzzle": "儿童地板拼图", "Daypack": "双肩背包", "Commuter": "通勤双肩包",
                    "Solar": None}
        for k, v in specific.items():
            if v and has_word(name, k):
                return v
        return cats[category]
    for key, zh in KIND:
        if has_word(name, key):
            return zh
    return cats[category]


def split_variant(name):
    """'Model – Men's, Black' -> ('Model', 'Men's', 'Black')."""
    colour = None
    if ", " in name:
        head, tail = name.rsplit(", ", 1)
        if tail in COLOURS or "/" in tail:
            name, colour = head, tail
    gender = None
    for g in ("Men's", "Women's", "Kids'"):
        if name.endswith(f" – {g}"):
            name, gender = name[: -len(f" – {g}")], g
    return name, gender, colour


def units(text):
    """'128 GB' -> '128GB', '55-inch' -> '55英寸', 'with' words out."""
    text = re.sub(r"(\d) (GB|TB|MB|mm|cm|kg|g|ml|L|W)\b", r"\1\2", text)
    text = re.sub(r"(\d+)-inch", r"\1英寸", text)
    text = text.replace("(2-pack)", "两只装").replace("(pair)", "（一对）").replace("(US)", "美式键位")
    return text


def product_name(p, cats):
    name, cat = p["name"], p["category"]
    a = p.get("attributes", {})
    if cat in ("fiction", "cookbooks"):
        m = re.match(r"(.*) \((Hardback|Paperback)\)$", name)
        title, fmt = m.group(1), m.group(2)
        what = "英文原版小说" if cat == "fiction" else "英文原版菜谱"
        return f"《{title}》{what} {'精装' if fmt == 'Hardback' else '平装'}"
    if cat == "travel-guides":
        return f"《{name}》英文原版徒步旅游指南"
    if cat == "coffee-beans":
        m = re.match(r"Saltmarsh (.*), (Whole Bean|Ground for Filter), (.*)$", name)
        coffee, grind, weight = m.groups()
        form = "咖啡豆" if grind == "Whole Bean" else "滴滤咖啡粉"
        return f"Saltmarsh {coffee} {ROAST.get(a.get('roast'), '')}{form} {units(weight)}"
    if cat == "tea":
        m = re.match(r"Stillwater (.*) (\d+ g)$", name)
        return f"Stillwater {m.group(1)} {TEA.get(a.get('tea_type'), '茶叶')} {units(m.group(2))}"
    if cat in ("dog-food", "cat-food"):
        what = "狗粮" if cat == "dog-food" else ("猫湿粮" if "Wet" in name else "猫粮")
        m = re.match(r"(.*?) ((?:\d+ x )?\d+ (?:kg|g))$", name)
        base, size = (m.group(1), units(m.group(2)).replace(" x ", "×")) if m else (name, "")
        flavour = PROTEIN.get(a.get("protein"), "")
        grain = "无谷" if a.get("grain_free") else ""
        return f"{base} {grain}{flavour}味{what} {size}".strip()
    base, gender, colour = split_variant(name)
    kind = kind_of(base, cat, cats)
    parts = [units(base), kind]
    if gender:
        parts.append({"Men's": "男款", "Women's": "女款", "Kids'": "童款"}[gender])
    if colour:
        parts.append(COLOURS.get(colour, colour))
    return " ".join(parts)


def features(p):
    a = p.get("attributes", {})
    out = []
    yes = {"nfc": "支持NFC", "wireless_charging": "支持无线充电", "heart_rate": "支持心率监测",
           "waterproof": "防水面料", "machine_washable": "可机洗", "induction": "电磁炉可用",
           "wireless": "无线连接", "vegan": "纯素配方", "variable_temperature": "可调温",
           "grain_free": "无谷配方"}
    for k, v in yes.items():
        if a.get(k) is True:
            out.append(v)
    if "camera_mp" in a:
        out.append(f"{a['camera_mp']}MP主摄")
    if "refresh_rate_hz" in a:
        out.append(f"{a['refresh_rate_hz']}Hz刷新率")
    if "resolution" in a:
        out.append(f"{a['resolution']}分辨率")
    if "volume_l" in a:
        out.append(f"{a['volume_l']}升容量")
    if "sleeps" in a:
        out.append(f"可睡{a['sleeps']}人")
    if "seasons" in a:
        out.append(f"{'三' if a['seasons'] == 3 else '四'}季帐篷")
    if "pieces" in a:
        out.append(f"{a['pieces']}块")
    if "players" in a:
        out.append(f"适合{a['players']}人游戏")
    if "gsm" in a:
        out.append(f"{a['gsm']}克重面料")
    if "skin_type" in a:
        out.append(f"适合{SKIN.get(a['skin_type'], a['skin_type'])}")
    if "origin" in a and p["category"] in ("coffee-beans", "tea"):
        place = " & ".join(ORIGIN.get(x.strip(), x.strip()) for x in a["origin"].split("&"))
        out.append(f"产地：{place}")
    if "author" in a:
        out.append(f"作者：{a['author']}")
    return out


def description(p, name_zh, cats):
    cat = cats[p["category"]]
    feats = features(p)
    text = f"{name_zh}。品类：{cat}" if cat not in name_zh else f"{name_zh}。"
    if feats:
        text = text.rstrip("。") + "，" + "，".join(feats) + "。"
    elif not text.endswith("。"):
        text += "。"
    if p.get("variants") and any(v.get("size") for v in p["variants"]):
        text += "尺码齐全，下单前请查看尺码表。"
    return text


def main():
    knowledge = Path(sys.argv[1] if len(sys.argv) > 1 else "knowledge")
    cats = zh_categories(knowledge)
    products = [json.loads(l) for l in (knowledge / "products.jsonl").read_text().splitlines()
                if l.startswith("{")]
    with open(knowledge / "zh" / "products.jsonl", "w") as fh:
        fh.write("// 商品的中文名和描述（issue 32），按 ../products.jsonl 的 id。"
                 "由 tools/demo_shop/zh_texts.py 生成，也可以手改。\n")
        for p in products:
            name = product_name(p, cats)
            fh.write(json.dumps({"id": p["id"], "name": name, "description": description(p, name, cats)},
                                ensure_ascii=False) + "\n")
    print(f"{len(products)} products written to {knowledge / 'zh' / 'products.jsonl'}")


main()
