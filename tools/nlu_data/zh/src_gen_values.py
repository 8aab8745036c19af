"""Slot values for the Chinese variation (issue 32), own writing. TRAIN values fill the
training frames (src_gen_train.py), TEST values the test frames (src_gen_test.py); the two
lists differ on purpose so that test measures values the model has not seen. A frame's
placeholder names a pool here ({brand2}: a second, different value of the same pool);
ALIASES says which slot a pool's value is tagged as (a pool not in it is a slot name).
Pools split by what they go with (wear_feature vs gadget_feature) so that frames pair
values that make sense together.
"""

ALIASES = {
    "wear": "product_type", "shoe": "product_type", "gadget": "product_type",
    "shoe_size": "size", "wear_size": "size", "wear_material": "material",
    "wear_feature": "feature", "shoe_feature": "feature", "gadget_feature": "feature",
}

TRAIN = {
    "wear": ["羽绒服", "卫衣", "T恤", "衬衫", "连衣裙", "牛仔裤", "风衣", "毛衣", "运动裤",
             "冲锋衣", "夹克", "打底衫", "半身裙", "西装", "棉服", "睡衣", "短裤", "马甲"],
    "shoe": ["运动鞋", "跑步鞋", "板鞋", "登山鞋", "帆布鞋", "高跟鞋", "篮球鞋", "马丁靴",
             "拖鞋", "小白鞋", "雪地靴", "凉鞋"],
    "gadget": ["蓝牙耳机", "充电宝", "手机壳", "智能手表", "平板", "机械键盘", "鼠标",
               "音箱", "数据线", "电动牙刷", "吹风机", "保温杯", "台灯", "行李箱", "双肩包",
               "电饭煲", "空气炸锅", "加湿器", "手机", "笔记本电脑"],
    "brand": ["Nike", "Adidas", "李宁", "安踏", "华为", "小米", "Apple", "优衣库", "索尼",
              "Puma", "特步", "鸿星尔克", "OPPO", "vivo", "飞利浦", "波司登", "ZARA",
              "New Balance", "Converse", "罗技", "戴森"],
    "color": ["黑色", "白色", "红色", "藏青色", "卡其色", "米白色", "灰色", "粉色", "军绿色",
              "酒红色", "浅蓝色", "黄色", "紫色", "咖啡色", "银色"],
    "shoe_size": ["38码", "39码", "40码", "41码", "42码", "43码", "44码", "37码", "36码",
                  "45码"],
    "wear_size": ["S码", "M码", "L码", "XL码", "XXL码", "3XL码", "均码", "160/84A",
                  "170/88A", "180/96A"],
    "material": ["纯棉", "真皮", "羊毛", "羊绒", "亚麻", "涤纶", "不锈钢", "实木", "硅胶",
                 "蚕丝", "牛皮", "帆布", "灯芯绒"],
    "price_max": ["300元", "两百块", "五百", "一千", "199元", "800块", "1500元", "三百",
                  "¥399", "100块", "两千", "2500元", "六百块", "50元"],
    "price_min": ["200元", "五百", "一千", "100块", "三百", "1000元", "两千", "800"],
    "product": ["iPhone 15", "小米手环8", "AirPods Pro", "华为Mate 60", "Switch OLED",
                "iPad Air", "小米14", "华为P60", "Kindle", "MacBook Air", "索尼WH-1000XM5",
                "vivo X100", "大疆Mini 4"],
    "feature": ["防水", "降噪", "加绒", "无线", "快充", "速干", "防滑", "透气", "静音",
                "大容量", "轻薄", "保暖", "防晒", "可折叠"],
    "wear_material": ["纯棉", "羊毛", "羊绒", "亚麻", "涤纶", "蚕丝", "灯芯绒", "真丝", "牛仔布",
                      "摇粒绒"],
    "wear_feature": ["加绒", "速干", "透气", "保暖", "防晒", "防水", "弹力", "抗皱", "加厚"],
    "shoe_feature": ["防滑", "透气", "防水", "加绒", "减震", "轻便", "耐磨"],
    "gadget_feature": ["降噪", "无线", "快充", "静音", "大容量", "轻薄", "可折叠", "防水",
                       "长续航", "触屏", "语音控制"],
    "order_id": ["85231", "60917", "KF-20931", "KF-58820", "20241103772", "77413",
                 "31908", "KF-11077", "20241201456", "49925", "E20240088"],
    "quantity": ["两件", "一双", "三个", "一件", "两双", "五个", "2件", "3双", "一台", "两盒",
                 "四条", "一套"],
    "ordinal": ["第一", "第二", "第三", "第四", "第五"],
    "location": ["新疆", "西藏", "北京", "上海", "广州", "深圳", "成都", "杭州", "内蒙古",
                 "海南", "哈尔滨", "乌鲁木齐", "拉萨", "重庆", "澳门", "香港"],
    "sort": ["价格从低到高", "价格从高到低", "最便宜", "最新款", "销量最高", "好评最多",
             "卖得最好", "性价比最高", "销量", "评价最好"],
    "recipient": ["我女朋友", "我男朋友", "我妈", "我爸", "我老婆", "我老公", "同事",
                  "我奶奶", "小朋友", "七岁男孩", "闺蜜", "老师", "我儿子", "我女儿"],
}

TEST = {
    "wear": ["旗袍", "polo衫", "工装裤", "羊毛衫", "防晒衣", "背心", "阔腿裤", "汉服",
             "棒球服", "羽绒马甲"],
    "shoe": ["乐福鞋", "老爹鞋", "雨靴", "徒步鞋", "豆豆鞋", "洞洞鞋", "足球鞋"],
    "gadget": ["投影仪", "电子书阅读器", "剃须刀", "榨汁机", "路由器", "移动硬盘",
               "游戏手柄", "电热水壶", "扫地机器人", "显示器", "耳机"],
    "brand": ["Asics", "Under Armour", "回力", "森马", "海尔", "联想", "三星", "JBL",
              "Vans", "斐乐", "九阳", "Bose"],
    "color": ["墨绿色", "天蓝色", "杏色", "橘色", "玫红色", "深灰色", "奶白色", "焦糖色"],
    "shoe_size": ["35码", "46码", "34码", "47码"],
    "wear_size": ["XS码", "4XL码", "165/88A", "175/92A", "大码", "M"],
    "material": ["莫代尔", "羽绒", "聚酯纤维", "竹纤维", "PU皮", "陶瓷", "玻璃"],
    "price_max": ["400元", "六十块", "两千五", "¥159", "1200块", "九百", "250元", "七百元"],
    "price_min": ["150元", "四百", "¥600", "两千块", "3000元"],
    "product": ["iPhone 16 Pro", "荣耀Magic6", "Galaxy S24", "AirPods 4", "PS5",
                "华为FreeBuds 5", "红米K70", "Apple Watch S9"],
    "feature": ["抗菌", "防风", "蓝牙", "超长续航", "护眼", "耐磨", "可水洗", "弹力"],
    "wear_material": ["莫代尔", "羽绒", "竹纤维", "雪纺", "针织棉"],
    "wear_feature": ["抗菌", "防风", "可水洗", "冰丝凉感", "吸汗"],
    "shoe_feature": ["防臭", "增高", "软底"],
    "gadget_feature": ["蓝牙", "护眼", "超长续航", "一键连接", "防蓝光", "自动关机"],
    "order_id": ["93350", "KF-77502", "20240521190", "56002", "KF-30015", "E20231177"],
    "quantity": ["六件", "一对", "两台", "4个", "十包", "三条"],
    "ordinal": ["第六", "第三", "第二", "第一", "第四"],
    "location": ["青海", "甘肃", "宁夏", "厦门", "南京", "台湾", "武汉", "长沙"],
    "sort": ["最贵", "销量从高到低", "口碑最好", "最新上架", "好评率最高", "人气最高"],
    "recipient": ["我姐", "男同学", "我婆婆", "刚出生的宝宝", "我外公", "领导", "室友"],
}

# Second pass (more training values where the pools were thin); TRAIN lists only.
TRAIN["wear"] += ["阔腿裤", "针织开衫", "polo衫", "防晒衣", "大衣", "背带裤", "羊毛衫", "卫裤"]
TRAIN["shoe"] += ["老爹鞋", "乐福鞋", "切尔西靴", "洞洞鞋", "德训鞋"]
TRAIN["gadget"] += ["投影仪", "电热水壶", "路由器", "剃须刀", "按摩仪", "移动硬盘", "游戏手柄",
                    "耳机", "扫地机"]
TRAIN["brand"] += ["Under Armour", "Skechers", "The North Face", "Vans", "联想", "九阳",
                   "Anker", "回力", "森马", "格力"]
TRAIN["color"] += ["墨绿色", "奶白色", "雾霾蓝", "香槟金", "燕麦色", "杏色"]
TRAIN["wear_size"] += ["XS码", "4XL码"]
TRAIN["material"] += ["铝合金", "陶瓷", "PU", "莫代尔"]
TRAIN["wear_material"] += ["莫代尔", "天丝", "棉麻"]
TRAIN["price_max"] += ["四百块", "999元", "一千二", "¥599", "两百", "3000元"]
TRAIN["price_min"] += ["五十块", "¥1000", "三千", "1500"]
TRAIN["product"] += ["iPhone 16 Pro", "小米手环9", "华为Watch GT 4", "Apple Watch S9",
                     "AirPods 4", "Redmi K70"]
TRAIN["feature"] += ["防摔", "护眼", "显瘦", "无线充电"]
TRAIN["wear_feature"] += ["显瘦", "宽松", "免烫"]
TRAIN["shoe_feature"] += ["增高", "软底", "防臭"]
TRAIN["gadget_feature"] += ["防摔", "护眼", "无线充电", "蓝牙"]
TRAIN["location"] += ["青海", "宁夏", "三亚", "昆明", "大连", "呼和浩特"]
TRAIN["sort"] += ["评分最高", "最近上新", "口碑最好", "最贵"]
TRAIN["recipient"] += ["我爷爷", "我外婆", "男同事", "新手妈妈", "我对象", "宝宝", "小学生"]

# The cart (December 7): counts that go with a kind of thing, so that a frame changing a
# line's count pairs 件 with clothes and 双 with shoes. Tagged as quantity.
ALIASES.update({"wear_qty": "quantity", "shoe_qty": "quantity", "gadget_qty": "quantity"})
TRAIN["wear_qty"] = ["两件", "一件", "三件", "2件", "五件", "4件"]
TRAIN["shoe_qty"] = ["两双", "一双", "三双", "2双"]
TRAIN["gadget_qty"] = ["两个", "三个", "一个", "4个", "一台", "两台", "5个", "10个"]
TEST["wear_qty"] = ["七件", "6件", "八件", "一套"]
TEST["shoe_qty"] = ["四双", "3双", "五双"]
TEST["gadget_qty"] = ["六个", "八个", "3台", "两只", "九个"]
