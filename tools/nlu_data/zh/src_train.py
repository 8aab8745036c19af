"""Hand-written Chinese TRAINING sentences, first batch (issue 32). Same markup as the
English sources: [value](slot); prefix "+ " positive, "- " negative, "= " neutral
(default neutral, thanks positive, complaint negative). Conventions:
knowledge/nlu/README.md, "Chinese (zh)".
"""

TRAIN = {}

TRAIN["greet"] = """
亲，在吗？
在吗在吗
你好，有人吗
亲亲，在不在
+ 哈喽～客服小姐姐好
早上好
hi，在吗
您好，请问有人在吗
再吗？
"""

TRAIN["goodbye"] = """
好的，那我先走了
拜拜
那就这样吧，再见
+ 好嘞，回头见～
下次再来问
先不聊了
我下线了哈
"""

TRAIN["thanks"] = """
谢谢亲
好的谢谢
太感谢了！
多谢多谢
辛苦了，谢谢你
+ 谢啦，服务真好👍
麻烦你了，谢谢
"""

TRAIN["affirm"] = """
是的
对
好的
可以
嗯嗯
没问题
行，就这个
对的对的
"""

TRAIN["deny"] = """
不是
不用了
不要
算了
没有
不对
不是这个
不需要，谢谢
"""

TRAIN["chitchat"] = """
你是机器人吗
你叫什么名字
你几岁了
你是真人吗
你们客服好累吧
你会说英语吗
你喜欢什么颜色
"""

TRAIN["out_of_scope"] = """
明天北京下雨吗
帮我写一篇作文
一加一等于几
今天股市怎么样
给我讲个笑话
附近有什么好吃的
帮我订一张去上海的机票
"""

TRAIN["search_product"] = """
有没有[300元](price_max)以内的[运动鞋](product_type)
我想买一件[黑色](color)的[羽绒服](product_type)
有[Nike](brand)的[跑步鞋](product_type)吗
找一款[防水](feature)的[冲锋衣](product_type)
有没有[纯棉](material)的[T恤](product_type)
[李宁](brand)的[篮球鞋](product_type)有吗
想要一个[灰色](color)的[电脑包](product_type)
有没有[两百块](price_max)以下的[蓝牙耳机](product_type)
[五百](price_min)以上的[行李箱](product_type)有哪些
有[42码](size)的[登山鞋](product_type)吗
给我看看[真皮](material)的[钱包](product_type)
亲，有没有[加绒](feature)的[卫衣](product_type)
不超过[八百](price_max)的[大衣](product_type)
有[Adidas](brand)的[运动裤](product_type)吗？
有[XL码](size)的[衬衫](product_type)吗
有没有[白色](color)的[帆布鞋](product_type)，[一百](price_min)到[两百](price_max)之间的
[华为](brand)的[手表](product_type)有货吗
[¥299](price_max)以内有什么[双肩包](product_type)
"""

TRAIN["refine_search"] = """
有没有便宜一点的
只要[蓝色](color)的
换成[L码](size)的看看
按[价格从低到高](sort)排
有[最新款](sort)吗
只看[Nike](brand)的
再多给我看几个
有没有[500块](price_max)以内的
要[防水](feature)的那种
[最便宜](sort)的是哪个
"""

TRAIN["recommend"] = """
帮我推荐一款[性价比最高](sort)的[耳机](product_type)
送[我女朋友](recipient)什么礼物好
有什么适合[我爸](recipient)的[手表](product_type)推荐吗
推荐一双适合跑步的[鞋](product_type)
给[五岁小孩](recipient)买什么玩具好
你们[卖得最好](sort)的是哪款
[我妈](recipient)生日，推荐个[包](product_type)吧
有什么[一千](price_max)以内的[相机](product_type)推荐
"""

TRAIN["product_info"] = """
这件[衬衫](product_type)是[纯棉](material)的吗
这款[耳机](product_type)有[降噪](feature)吗
[iPhone 15](product)是什么材质的
这个[背包](product_type)能装15寸的电脑吗
[羽绒服](product_type)的[充绒量](feature)是多少
这双[鞋](product_type)偏大还是偏小
洗了会缩水吗
[小米手环8](product)[续航](feature)多久
这个颜色和图片一样吗
"""

TRAIN["compare_products"] = """
[iPhone 15](product)和[华为Mate 60](product)哪个好
这两款[耳机](product_type)有什么区别
[Nike](brand)和[Adidas](brand)的[跑鞋](product_type)哪个舒服
[羊毛](material)的和[羊绒](material)的差在哪
[小米手环8](product)跟[华为手环8](product)比怎么样
[第一](ordinal)个和[第二](ordinal)个哪个更耐穿
"""

TRAIN["check_price"] = """
这个多少钱
[iPhone 15](product)现在什么价
这双[鞋](product_type)打折吗
[羽绒服](product_type)什么价位
能便宜点吗
[李宁](brand)的[卫衣](product_type)多少钱一件
最低多少钱能卖
"""

TRAIN["check_stock"] = """
这款还有货吗
[42码](size)还有吗
[黑色](color)的有现货吗
[iPhone 15](product)有库存吗
[M码](size)断货了吗
什么时候补货
[白色](color)[L码](size)还有吗？
"""

TRAIN["add_to_cart"] = """
帮我加入购物车
把[蓝色](color)的[T恤](product_type)加到购物车
我要[两件](quantity)[白色](color)的，[M码](size)
再加[一双](quantity)[袜子](product_type)
就要这个，[三个](quantity)
拍[两件](quantity)
加购[第二](ordinal)个
"""

TRAIN["order_status"] = """
我的快递到哪了
订单[85238](order_id)到哪了
帮我查一下订单[57810](order_id)
怎么还没发货
物流一直不更新
- 都三天了还没到，什么情况
单号[KF-20931](order_id)现在在哪
催一下单
我昨天拍的什么时候发
"""

TRAIN["cancel_order"] = """
我想取消订单
订单[90211](order_id)不要了，帮我取消
拍错了，能取消吗
还没发货的话帮我退掉
取消刚才那个单
"""

TRAIN["return_item"] = """
我想退货
衣服太小了，能换大一号吗
七天无理由退货吗
退货地址是哪里
[鞋](product_type)不合脚，我要换
- 质量太差了，我要退
怎么申请换货
退货运费谁出
"""

TRAIN["refund_status"] = """
退款多久到账
我的退款怎么还没到
订单[77120](order_id)的退款退了吗
钱什么时候退回来
- 退款申请了一周了还没处理
"""

TRAIN["shipping_info"] = """
包邮吗
发什么快递
能发顺丰吗
寄到[新疆](location)要几天
[偏远地区](location)包邮吗
今天能发货吗
可以寄到[香港](location)吗
运费多少
"""

TRAIN["payment_info"] = """
可以用花呗吗
支持分期吗
能货到付款吗
有优惠券吗
满减怎么用
优惠码用不了
可以开发票吗
"""

TRAIN["warranty_info"] = """
保修多久
[手表](product_type)坏了能保修吗
有没有质保
[iPhone 15](product)是全国联保吗
过了保修期还能修吗
"""

TRAIN["complaint"] = """
收到的[裤子](product_type)破了个洞
颜色发错了
东西是坏的
包装都烂了
你们客服回复太慢了
[鞋子](product_type)开胶了
快递员态度太差
和图片完全不一样
"""

TRAIN["human_agent"] = """
转人工
我要人工客服
找个真人跟我说
人工人工
能不能换个人工
叫你们经理来
"""

# Second pass of the first batch: traditional characters, more price cues, sizes and
# English names inside Chinese, and 淘宝-style phrasing.
TRAIN["greet"] += """
老闆在嗎
掌柜的在吗
"""

TRAIN["thanks"] += """
謝謝你
+ 收到啦，谢谢老板，好评已给
"""

TRAIN["search_product"] += """
有沒有[黑色](color)的[外套](product_type)
[一千五](price_min)起的[扫地机器人](product_type)有哪些
想买[小米](brand)的[充电宝](product_type)，[一百](price_max)以内
有没有适合夏天穿的[亚麻](material)[衬衫](product_type)
[Under Armour](brand)的[速干衣](product_type)有吗
求推荐...不对，直接搜[无线](feature)[鼠标](product_type)
有[36码](size)的[高跟鞋](product_type)吗
[2000元](price_min)到[3000元](price_max)之间的[笔记本电脑](product_type)
有没有[New Balance](brand)的[老爹鞋](product_type)
要[藏青色](color)的[西装](product_type)，[175/92A](size)
"""

TRAIN["refine_search"] += """
有[大码](size)吗
按[价格从高到低](sort)
换个[白色](color)的
只看有货的
按[好评](sort)排序
"""

TRAIN["product_info"] += """
這件是什麼材質
[Switch OLED](product)能连电视吗
[保温杯](product_type)能保温几个小时
这个宝贝是正品吗
"""

TRAIN["check_stock"] += """
這款有現貨嗎
[蓝色](color)的还有几件
"""

TRAIN["add_to_cart"] += """
我要拍[三件](quantity)，帮我改下价
[黑色](color)[44码](size)来[一双](quantity)
"""

TRAIN["order_status"] += """
我的包裹到哪裡了
订单号[20240915883](order_id)，查下物流
显示已签收但我没收到
"""

TRAIN["return_item"] += """
請問可以退貨嗎
[裙子](product_type)尺码不对想换[S码](size)
好评返现的能退吗
"""

TRAIN["shipping_info"] += """
運費怎麼算
能寄到[台湾](location)吗
几点前下单当天发
"""

TRAIN["payment_info"] += """
可以用微信支付吗
好评返现怎么返
"""

TRAIN["complaint"] += """
等了半个月才到，太慢了
衣服有股怪味
- 说好的赠品没有
"""

TRAIN["human_agent"] += """
轉人工客服
机器人听不懂，给我转人工
"""

TRAIN["cancel_order"] += """
下错单了，帮我取消掉
"""

TRAIN["refund_status"] += """
退款到哪了，查一下
"""

TRAIN["recommend"] += """
[三十岁男生](recipient)送什么礼物好
预算[五百](price_max)，推荐个[蓝牙音箱](product_type)
"""

# Third pass: every intent to ten lines or more.
TRAIN["warranty_info"] += """
[扫地机器人](product_type)的电池保修吗
保修要带发票吗
[小米](brand)的[电饭煲](product_type)保几年
屏幕碎了在保修范围内吗
延保怎么买
"""

TRAIN["compare_products"] += """
[亚马逊](brand)和[掌阅](brand)的[阅读器](product_type)选哪个
[真皮](material)和[PU](material)的区别大吗
[iPad Air](product)和[iPad Pro](product)值得多花钱吗
这款和上一代比有什么升级
"""

TRAIN["cancel_order"] += """
订单[66309](order_id)我不要了
怎么取消订单啊
刚付的款，能撤回吗
多拍了一件，取消一件
"""

TRAIN["refund_status"] += """
退货已经寄回去了，钱呢
退款显示成功了但没收到
订单[40517](order_id)退款到哪一步了
退到花呗还是银行卡
"""

TRAIN["goodbye"] += """
没别的事了，拜拜
那我再看看，先走啦
晚安
"""

TRAIN["chitchat"] += """
你吃饭了吗
你们公司在哪里
+ 你好可爱哈哈
"""

TRAIN["out_of_scope"] += """
帮我翻译一句日语
今天几号
推荐一部电视剧
"""

TRAIN["check_price"] += """
[Switch OLED](product)多少钱一台
这个价格还能再少吗
双十一会降价吗
"""

TRAIN["affirm"] += """
嗯好的
就这样吧
"""

TRAIN["deny"] += """
不想要
没有了
"""

TRAIN["human_agent"] += """
有没有人工
客服电话多少
"""

TRAIN["check_stock"] += """
[粉色](color)的卖完了吗
"""

TRAIN["add_to_cart"] += """
这件我要了
"""

TRAIN["payment_info"] += """
能用京东白条吗
"""

# Fourth pass (phrasing variety): more ways shoppers write the same thing, short replies,
# A不A questions, 淘宝/京东 wording, follow-ups without a subject.
TRAIN["greet"] += """
亲亲在吗
老板在不在呀
哈喽哈喽
早啊亲
有人在嘛
在么
客服在吗，问个事
"""

TRAIN["goodbye"] += """
好嘞，那先这样
ok拜拜～
我先去忙了，回聊
那我先撤了
没啥事了，88
好的，下回再聊
就这些，再見
"""

TRAIN["thanks"] += """
好的好的，谢谢亲
感谢感谢，太贴心了
谢谢啦，麻烦你了
太给力了，谢谢！
明白了，多谢
收到～谢谢
非常感谢您的耐心解答
"""

TRAIN["affirm"] += """
好滴
行
可以可以
就这个吧
嗯嗯，对
好嘞
嗯呢
OK的
没毛病
要的要的
就它了
对，就是这单
"""

TRAIN["deny"] += """
不了不了，谢谢啦
暂时不需要
不用麻烦了
不是这件
那算了吧
不用不用
"""

TRAIN["chitchat"] += """
你是真人还是机器人
你们客服几点上班
你多大了呀
+ 哈哈你好逗
你们那边今天热不热
你们今天忙不忙
你平时追剧吗
"""

TRAIN["out_of_scope"] += """
帮我订个外卖
推荐个好吃的火锅店
帮我查下航班
怎么注册公司
能帮我写作业吗
股票怎么买
这道数学题怎么做
"""

TRAIN["search_product"] += """
求个[防晒](feature)[冲锋衣](product_type)的链接
店里有卖[Dyson](brand)[吹风机](product_type)的吗
我要买[婴儿车](product_type)，[一千](price_max)以内
有[白色](color)[帆布鞋](product_type)吗，[37码](size)
找[JBL](brand)的[音箱](product_type)
有没有[无线](feature)的[游戏手柄](product_type)
[500元](price_max)以内的[机械表](product_type)有吗
亲，想看看[羊毛](material)[大衣](product_type)
"""

TRAIN["refine_search"] += """
[L码](size)的呢
[40码](size)的呢
有没有便宜点的
换个颜色
[白色](color)的呢
再看看[Adidas](brand)的
只要[纯棉](material)的
[三百](price_max)以内的呢
按[销量](sort)排
还有别的颜色吗
有大一号的吗
换个便宜点的牌子
"""

TRAIN["recommend"] += """
有啥推荐的吗
帮我挑一款适合[学生](recipient)的[笔记本电脑](product_type)
你们家[卖得最好](sort)的是哪款
有没有推荐的[防晒霜](product_type)
帮我搭配一套，给[我男朋友](recipient)穿
哪款[性价比最高](sort)，推荐一下
你觉得哪个好看，帮我选一个
闭眼入的有哪些
"""

TRAIN["product_info"] += """
这件[羽绒服](product_type)暖不暖和
这个[行李箱](product_type)重不重
这款[手表](product_type)防不防水
[耳机](product_type)带不带麦
这双鞋磨不磨脚
这个是真的吗，正品吗
[羊绒](material)含量多少
这件衣服透不透
会不会掉色
[充电宝](product_type)能不能带上飞机
含不含电池
这个[杯子](product_type)能不能装开水
[床单](product_type)是[纯棉](material)的吗，缩不缩水
"""

TRAIN["compare_products"] += """
[华为](brand)和[Apple](brand)的[平板](product_type)哪个好用
这两款有啥不一样
[M码](size)和[L码](size)差多少
[白色](color)跟[黑色](color)哪个耐脏
左边那个和右边那个哪个好
[第一](ordinal)件和[第三](ordinal)件选哪个
"""

TRAIN["check_price"] += """
这个多少米
[iPhone 15](product)现在到手价多少
有券吗，能便宜多少
[两件](quantity)一起买有优惠吗
现在下单是活动价吗
[AirPods Pro](product)多少钱啊
"""

TRAIN["check_stock"] += """
还有货吗
[42码](size)还有货不
[黑色](color)什么时候补货
这款缺货吗
现货还是预售
有现货吗，急用
"""

TRAIN["add_to_cart"] += """
帮我加购物车
[黑色](color)[M码](size)来[一件](quantity)
我拍[两件](quantity)
就要这个，加购
[第二](ordinal)个加入购物车
给我来[一双](quantity)[39码](size)的
这个也加上
"""

TRAIN["order_status"] += """
这单到哪了
我的件到哪了
物流一直显示派送中
怎么还没发货啊
- 催一下发货，都三天了
帮我看看[88213](order_id)的物流
什么时候能发货
快递员电话多少
我的包裹是不是丢了
"""

TRAIN["cancel_order"] += """
不想要了，帮我取消
撤单
取消订单
我要撤销订单[70012](order_id)
订单能取消吗，还没发货
别发了，我不要了
- 发货太慢，取消吧
申请取消订单怎么操作
取消[KF-30415](order_id)
刚拍的那单不要了
"""

TRAIN["return_item"] += """
我要退货
七天无理由能退吗
衣服大了，换个[M码](size)
怎么寄回去
退货要自己出运费吗
穿着不合适可以退不
申请换货
"""

TRAIN["refund_status"] += """
退款几天能到账
退款到账了吗
- 退款怎么这么慢
仅退款申请通过了吗
退款退到余额了吗
"""

TRAIN["shipping_info"] += """
运费怎么收
包邮吗亲
有运费险吗
一般走哪家快递
几天能到
[新疆](location)包不包邮
能发顺丰吗，我补差价
今天下单今天发吗
偏远地区加运费吗
从哪里发货
多久发货
到[广州](location)大概几天
"""

TRAIN["payment_info"] += """
能开发票吗
可以开专票吗
支持花呗分期吗
能分几期
有哪些付款方式
支持微信付款不
花呗免息吗
能先用后付吗
付款了没显示怎么办
发票怎么开
电子发票还是纸质的
能用信用卡吗
"""

TRAIN["warranty_info"] += """
保修期是多久
坏了怎么修
售后怎么弄
有售后吗
坏了能换新吗
质保期多长
出了问题找谁修
过保了修要钱吗
[电动牙刷](product_type)的刷头保修吗
"""

TRAIN["complaint"] += """
收到的颜色不对
发错货了
我要的[L码](size)，给我发了[S码](size)
东西收到就是坏的
质量太差了吧
衣服线头好多
快递把盒子压扁了
一股味道，根本没法穿
这是假货吧
少发了一个
鞋子两只不一样大
客服态度太差了
刚买就降价了
"""

TRAIN["human_agent"] += """
转个人工吧
人工客服
我要找真人
帮我转一下人工
人工在吗
叫个活人来
能不能让人工跟我说
转人工服务
我要和客服人员说话
"""
