"""Hand-written Chinese TEST sentences, first batch (issue 32): other wording, other
products and values than the training sources; never varied. Markup as src_train.py.
"""

TEST = {}

TEST["greet"] = """
亲在么
老板在吗？
你好呀
"""

TEST["goodbye"] = """
好，先这样，拜拜
我去忙了，回聊
"""

TEST["thanks"] = """
感谢感谢
+ 谢谢亲，太贴心了❤️
"""

TEST["affirm"] = """
嗯，对的
好啊
"""

TEST["deny"] = """
不了不了
不是那个
"""

TEST["chitchat"] = """
你是人工智能吗
你每天工作几个小时
"""

TEST["out_of_scope"] = """
帮我算一下房贷
今晚有什么电影好看
"""

TEST["search_product"] = """
预算[四百块](price_max)封顶，有没有[登山包](product_type)
想找[安踏](brand)的[板鞋](product_type)
有[真丝](material)的[睡衣](product_type)吗
想给自己挑条[红色](color)[围巾](product_type)
[39码](size)的[雪地靴](product_type)有吗
"""

TEST["refine_search"] = """
有[粉色](color)的吗
只看[一千](price_max)以下的
按[销量](sort)排一下
"""

TEST["recommend"] = """
给[我老公](recipient)推荐一个[剃须刀](product_type)
有什么好用的[保温杯](product_type)推荐吗
"""

TEST["product_info"] = """
这件[毛衣](product_type)起球吗
[AirPods Pro](product)[防水](feature)吗
"""

TEST["compare_products"] = """
[索尼](brand)和[Bose](brand)的[耳机](product_type)哪个音质好
[棉](material)的跟[麻](material)的哪个透气
"""

TEST["check_price"] = """
[AirPods Pro](product)卖多少
这件[风衣](product_type)什么价格
"""

TEST["check_stock"] = """
[38码](size)还有货吗
[卡其色](color)的什么时候到货
"""

TEST["add_to_cart"] = """
给我来[两双](quantity)
把[粉色](color)那件加购物车
"""

TEST["order_status"] = """
我买的东西到哪儿了
帮我看看[A7X92Q](order_id)这单
"""

TEST["cancel_order"] = """
订单[31508](order_id)帮我撤销
我不想要了，取消吧
"""

TEST["return_item"] = """
不合适能退吗
[外套](product_type)想换个颜色
"""

TEST["refund_status"] = """
退的钱到哪了
- 说好三天退款，现在还没收到
"""

TEST["shipping_info"] = """
发到[西藏](location)要运费吗
一般几天能到
"""

TEST["payment_info"] = """
能用信用卡付吗
这个券怎么领
"""

TEST["warranty_info"] = """
[吹风机](product_type)保修几年
坏了去哪修
"""

TEST["complaint"] = """
少发了一件
[杯子](product_type)碎了
"""

TEST["human_agent"] = """
我要找人工
别让机器人回了，要真人
"""

TEST["check_price"] += """
這雙[鞋](product_type)多少錢
"""

TEST["shipping_info"] += """
請問發什麼快遞
"""

TEST["search_product"] += """
[三千](price_max)以下的[洗碗机](product_type)有吗
[Puma](brand)家的[拖鞋](product_type)你们卖吗
"""

TEST["greet"] += """
亲～在不在呀
"""

TEST["order_status"] += """
物流显示派送中好几天了
"""

# The cart (December 7), written apart from src_train_cart.py: other wording, other things.
TEST["view_cart"] = """
车里现在都放了啥
我挑好的那些一共要多少钱
购物车里还有[雨伞](product_type)吗
帮忙瞄一眼我的购物车
购物车打开给我瞧瞧
加购了几样东西了
我那个[瑜伽垫](product_type)放进购物车没有
"""

TEST["remove_from_cart"] = """
[雨伞](product_type)从车里撤掉
那件[格子衬衫](product_type)帮我去掉
后面那个[花瓶](product_type)不想要了，购物车里删一下
把[第四](ordinal)样删了
[蓝色](color)那个删一下吧
不小心多加了个[枕头](product_type)，去掉
[收纳盒](product_type)就不要了，拿出去吧
"""

TEST["update_cart"] = """
[枕头](product_type)要[两只](quantity)，改下数量
数量我要[七个](quantity)
刚才那个改成[一份](quantity)
[蓝色](color)那个要[三个](quantity)
购物车里的[花瓶](product_type)改为[两个](quantity)
[瑜伽垫](product_type)一个不够，来[两张](quantity)
[口红](product_type)数量变成[三支](quantity)
"""

TEST["empty_cart"] = """
购物车里的全给我删光
把购物车搞空
全部清掉不买了
我要把购物车里的商品全部移出
购物车一件都不留
购物车东西全撤了吧
车里的一股脑全删
"""
