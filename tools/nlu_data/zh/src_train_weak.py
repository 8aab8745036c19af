"""Hand-written Chinese TRAINING sentences, third batch (December 7): more ways to say what
the shipped model read worst by its per-intent and per-slot scores (cancelling an order
beside payment and order-status words, adding to the cart beside paying later, complaints
about deliveries and orders, bare greetings, refusals and agreements, thanks after trouble;
recipients, ranking wishes, features and counts), written from imagination with values
kept out of the test pools. Markup and conventions as src_train.py.
"""

TRAIN = {}

TRAIN["cancel_order"] = """
还没付款的那个订单帮我取消
付完款了还能取消订单吗
钱付了但是不想要了，订单取消
订单号[31908](order_id)帮我撤销
刚下的单能取消吗
我要取消订单，刚买重了
下错单了，帮我撤掉
订单先别发了，我不要了
还没发货的话帮我取消
地址填错了，想取消重新拍
用花呗付的能取消订单吗
申请取消订单
取消订单怎么操作
我付了定金，订单还能取消吗
那个订单不要了，还没发货吧，取消掉
物流还没动，订单撤了吧
订单[KF-11077](order_id)不要了，取消
拍错了，订单取消
怎么撤单
撤销我昨天下的单
帮我把刚才那一单取消了
- 等太久了不想要了，取消订单
付款成功了但我想取消
拍下了还没付钱，取消一下
订单还在待发货，能直接取消吗
刚付了款，后悔了，撤单
"""

TRAIN["add_to_cart"] = """
先加购物车，晚点付款
加入购物车，等发工资再买
先放购物车里，月底一起结算
帮我加到购物车，我用花呗付
这个[两件](quantity)加购物车
加购，一会儿一起付
我要买这个，先加到购物车
放进购物车吧，等会儿下单
把[黑色](color)的加入购物车
再来[一个](quantity)[充电宝](product_type)放购物车
加购物车，凑满减
帮我加个车
加车
放车里
收进购物车
[三包](quantity)[纸巾](product_type)加购物车
加[五支](quantity)[中性笔](product_type)到购物车
要[一打](quantity)，加购
付款前先把这个也加上
这个也加进去，一起付款
"""

TRAIN["complaint"] = """
- 等了一个礼拜还没到，你们太慢了吧
- 物流一直不更新，什么破店
- 说好的三天发货，现在还没发，太离谱了
- 订单被你们莫名其妙取消了，什么意思
- 我没取消订单，怎么就给我关了
- 快递员态度极差，东西扔门口就走
- 发错货了，气死我了
- 收到的东西是坏的，差评
- 客服一直不回消息，太差劲了
- 质量太差了，穿一次就破了
- 包装烂成这样，你们怎么发货的
- 催了三次了都没人管
- 订单显示签收了，我根本没收到，太坑了
- 退款拖了半个月，你们到底管不管
"""

TRAIN["greet"] = """
亲在线吗
客服在线吗
有人吗？？
在么亲
嗨嗨
早呀
晚上好
下午好呀亲
hello在吗
喂，在吗
老板在不在
掌柜的在不
"""

TRAIN["deny"] = """
不了，谢谢
不是这个意思
不必了
都不要
不想看了
没兴趣
不考虑了
先不要
不用推荐了
不是我想要的
"""

TRAIN["affirm"] = """
好的好的
嗯，可以的
行吧
好呀
嗯嗯，是这个
没错
对，没错
好的，就这么办
是的呢
确认
"""

TRAIN["thanks"] = """
+ 虽然等了挺久，还是谢谢你
+ 问题解决了，谢谢
+ 麻烦你了，谢谢耐心解答
+ 谢谢亲，一开始还以为出问题了
+ 谢谢你帮我查
+ 感谢感谢，帮大忙了
+ 谢谢客服小姐姐
+ 好的收到，谢谢
+ 解决了就好，谢谢啊
"""

TRAIN["recommend"] = """
送[我表妹](recipient)的生日礼物推荐一下
给[女同事](recipient)挑个小礼物，[一百块](price_max)以内
[我哥](recipient)喜欢跑步，送什么好
想给[班主任](recipient)买个礼物，有推荐吗
[我岳母](recipient)怕冷，推荐点[保暖](feature)的
给[我小侄子](recipient)买个玩具，推荐[最受欢迎](sort)的
帮[客户](recipient)选个伴手礼
[新婚夫妻](recipient)送什么比较好
[我干妈](recipient)过生日，送啥合适
推荐一款[最畅销](sort)的[电动牙刷](product_type)
哪款[扫地机](product_type)[评分最高](sort)，推荐一下
给[我舅舅](recipient)推荐个[速热](feature)的[电热水壶](product_type)
"""

TRAIN["search_product"] = """
有没有[自清洁](feature)的[扫地机](product_type)
有[速热](feature)的[电热水壶](product_type)吗，要[最实惠](sort)的
找一款[大屏](feature)的[平板](product_type)
有[防泼水](feature)的[冲锋衣](product_type)吗
想买[除螨](feature)的[吸尘器](product_type)
[磁吸](feature)的[充电宝](product_type)有没有
有没有[低噪音](feature)的[加湿器](product_type)，按[销量](sort)排
"""

TRAIN["refine_search"] = """
[评分从高到低](sort)给我排个序
换成[评论最多](sort)的
只看[带夜光](feature)的
要[可机洗](feature)的
有没有[恒温](feature)的，这几个都不是
按[价格最低](sort)的排
[销量最好](sort)的放前面
"""
