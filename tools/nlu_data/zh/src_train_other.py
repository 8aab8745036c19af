"""Hand-written Chinese TRAINING sentences, fourth batch (December 8): the error classes the
shipped model showed on messages written by other people (never their lines, which were not
read), written here from imagination with values kept out of the test pools. Markup and
conventions as src_train.py:

* sizes and capacities with their unit are `size`, never a price ([两升], [1.5升], [2kg],
  [5斤装], [500ml], [45mm], [27寸], [65英寸]); only an amount with 元/块/¥ or a price cue is
  a price, so many lines carry both; 4K is a feature; body weights and ages stay untagged;
* counts with many classifiers and Chinese numerals ([二十份], [三台], [两本], [一瓶], [两箱]);
  money in a complaint (降了一百块), ages (六十大寿, 三岁), "those two" (那两本) and a price
  per unit (多少钱一箱) are no quantity;
* recipients as one span with their description ([我家三岁半的闺女], [上初中的儿子]);
  pronouns (他, 她, 他们, 人家) and 新手, 干皮, 猫 are no recipient;
* features as whole words apart from the product type ([降噪][头戴式耳机], [背光], [全画幅],
  [含绒量], [不粘], [控油], [双卡双待], [续航], [缓震]); use cases (露营, 通勤, 上网课), body
  words (膝盖, 体重) and stoves named for compatibility (燃气灶, 电磁炉) untagged;
* Latin and less known Chinese brands ([Dyson][吸尘器], [Garmin], [理肤泉], [皇家][猫粮]) and
  named models as one product ([乐高千年隼], [索尼A7M4], [大疆Pocket 3]); couriers and
  platforms (顺丰, 京东物流, 小红书) untagged;
* intents: short complaints and complaints about couriers and staff, frustrated calls for a
  person, out-of-scope requests (medicine, reports, homework, jokes, stock tips), chitchat
  about the bot, goodbyes with wishes, stock waits, shelf life / roast date / pairing as
  product_info, removing one line by ordinal vs emptying the cart, a price wish after
  results as refine_search, a search that names a delivery city in passing;
* ordinals on orders ([第二]个订单) and price ranges with a dash ([¥800]-[¥1200]).
"""

TRAIN = {}

TRAIN["search_product"] = """
有没有[两升](size)的[电饭煲](product_type)，[三百块](price_max)以内的
想买个[1.5升](size)的[烧水壶](product_type)，预算[一百二](price_max)
有[5斤装](size)的[大米](product_type)吗？[八十块](price_max)以内
[500ml](size)的[保温杯](product_type)有吗，别超过[120块](price_max)
找[两个](quantity)[2kg](size)的[哑铃](product_type)，[五十](price_max)以下
有没有[27寸](size)[4K](feature)的[电脑显示屏](product_type)，[两千](price_max)以内
想找[65英寸](size)的[电视](product_type)，要[4K](feature)，[5000元](price_max)以内
你们卖[2.5kg](size)的[猫砂](product_type)吗，能寄到[兰州](location)不
[750ml](size)的[运动水壶](product_type)有没有，[¥89](price_max)以下的
有木有[5升](size)的[空气炸锅](product_type)，[三百五](price_max)以内
有[45mm](size)的[智能手表](product_type)吗，[一千五](price_max)以内的
想買個[1.8米](size)的[床墊](product_type)，[三千](price_max)以內
有[1L](size)的[橄榄油](product_type)吗，[一百块](price_max)以内
要[两箱](quantity)[矿泉水](product_type)，[550ml](size)的
找[三台](quantity)[打印机](product_type)，办公室用的
想买[二十份](quantity)[伴手礼](product_type)，每份[五十块](price_max)以内
[15.6寸](size)的[笔记本电脑](product_type)有吗，[五千](price_min)以上的
你们卖[乐高](brand)吗，能寄到[贵阳](location)不
有[科颜氏](brand)的[面霜](product_type)吗，能发[温州](location)吗
你家有[理肤泉](brand)的[防晒霜](product_type)不？能寄到[林芝](location)吗
有没有[Dyson](brand)的[吸尘器](product_type)，能送到[苏州](location)吗
卖[皇家](brand)[猫粮](product_type)吗，要[4kg](size)那种
[Sony](brand)的东西你们有吗
想要[降噪](feature)的[头戴式耳机](product_type)，[Sony](brand)的最好
有[大屏](feature)的[手机](product_type)吗，给[我姥姥](recipient)用
找件[加绒](feature)的[外套](product_type)，[200元](price_max)以内
有没有[磨砂](feature)的[手机壳](product_type)
找个[背光](feature)的[键盘](product_type)，晚上躺床上打字用
有[全画幅](feature)的[微单](product_type)吗，[一万五](price_max)以内
有没有[不粘](feature)的[平底锅](product_type)，家里是燃气灶
想要[控油](feature)的[洗面奶](product_type)，我是大油皮
有[双卡双待](feature)的[手机](product_type)吗，[一千](price_max)左右
[续航](feature)长一点的[蓝牙耳机](product_type)有吗，通勤路上听歌
有没有[缓震](feature)好的[跑鞋](product_type)，我体重有点大
爬山穿的[防滑](feature)[登山鞋](product_type)有吗
露营用的[折叠椅](product_type)有吗，[¥150](price_max)以内
膝盖不好，有没有[缓震](feature)的[健步鞋](product_type)
你们这卖不卖[Garmin](brand)，寄[大理](location)方便吗
有[皇家](brand)的[狗粮](product_type)吗，[8kg](size)的，[三百八](price_max)以内
請問有[Dyson](brand)的[吹風機](product_type)嗎
"""

TRAIN["refine_search"] = """
都太贵了，有没有[500](price_max)以内的
这些都超预算了，[三百](price_max)以下的有吗
太贵了吧，[¥800](price_min)-[¥1200](price_max)的有没有
有没有[800](price_min)-[1200元](price_max)的，这几款价格不合适
价格[¥199](price_min)-[¥299](price_max)的再筛一下
这几款都不行，[两千](price_min)到[三千](price_max)之间的再找找
只看[1.5升](size)的
换成[2升](size)的看看
有没有大一点的，[65英寸](size)的
只要[4K](feature)的
要[55英寸](size)以上的，小的不要
有[500ml](size)以下的吗，太大了带着不方便
太贵了，[一百](price_max)以内的有没有，要[5斤装](size)的
看看[Garmin](brand)的
只要[Sony](brand)的，别的牌子不要
有[磨砂](feature)的吗，亮面的容易花
要[双卡双待](feature)的
能不能只看[续航](feature)长的
这些都太大了，[41mm](size)的有没有
- 一个比一个贵，[五百块](price_max)以下的有没有啊
换[3kg](size)的吧，小袋的不够吃
只看[不粘](feature)的
把[Dyson](brand)的去掉，看看别的
"""

TRAIN["recommend"] = """
给[我家三岁半的闺女](recipient)推荐个[绘本](product_type)
[上初中的儿子](recipient)要用的[台灯](product_type)，推荐一款
[我公公](recipient)六十大寿，送什么好
想给[刚毕业的表弟](recipient)买个[双肩包](product_type)，推荐下
推荐个[保温杯](product_type)，他冬天上班用
她皮肤干，推荐个[面霜](product_type)
干皮用什么[粉底液](product_type)好
新手用什么[相机](product_type)好，[五千](price_max)以内
家里猫三岁了，推荐个[猫粮](product_type)
[我们组长](recipient)要退休了，送啥好
人家过生日嘛，你推荐个礼物
给[我家两岁的小外甥](recipient)推荐个[玩具](product_type)，[一百](price_max)以内
送[我刚退休的老爸](recipient)什么好
[我那个爱钓鱼的舅舅](recipient)快过生日了，推荐个礼物
年会要准备[二十份](quantity)小礼品，每份[一百](price_max)以内，有推荐吗
推荐[两本](quantity)适合[上小学的女儿](recipient)看的[科普书](product_type)
推荐一款[降噪](feature)的[头戴式耳机](product_type)，他天天坐地铁
上网课用的[平板](product_type)推荐一下，[两千](price_max)以内
家里两只猫，推荐个[自动喂食器](product_type)
推荐个[大屏](feature)的[手机](product_type)给[我姥爷](recipient)
推荐点[乐高](brand)的[积木](product_type)，给[上三年级的侄子](recipient)玩
想给[刚上大学的妹妹](recipient)买台[笔记本电脑](product_type)，推荐一下
体重一百八，推荐个[缓震](feature)好点的[跑鞋](product_type)
膝盖不太好，推荐个[护膝](product_type)
送[怀孕的嫂子](recipient)什么好
他们两口子刚搬新家，送什么好
推荐[一瓶](quantity)好用的[护手霜](product_type)，放通勤包里
第一次去露营，推荐个[帐篷](product_type)，[八百](price_max)以内
给[我爸妈](recipient)推荐个[两升](size)的[电饭煲](product_type)
我是新手，推荐个[全画幅](feature)入门的[相机](product_type)
推薦一款適合[我家五歲兒子](recipient)的[兒童手錶](product_type)
过年给[小区保安大叔](recipient)送点东西，想买[三箱](quantity)[水果](product_type)，推荐哪种
"""

TRAIN["product_info"] = """
这个[咖啡豆](product_type)是哪天烘焙的
[挂耳咖啡](product_type)保质期多久
豆子是几号烘的？新不新鲜
[Garmin](brand)的[手表](product_type)怎么跟手机app配对
这个[耳机](product_type)蓝牙怎么连
[大疆Pocket 3](product)要下哪个app才能用
[Kindle Paperwhite](product)能连蓝牙听书吗
这口[炒锅](product_type)是[不粘](feature)的吗，电磁炉能用吗
燃气灶能用这个[砂锅](product_type)吗
[索尼A7M4](product)是[全画幅](feature)的吗
这个[键盘](product_type)有[背光](feature)吗
这件[含绒量](feature)多少
[乐高千年隼](product)有多少个零件，几岁能拼
这个[两升](size)的[电饭煲](product_type)够几个人吃
[5斤装](size)的是净重还是连包装
[65英寸](size)的[电视](product_type)挂墙上要留多宽
这个[面霜](product_type)开封以后能放多久
这款[智能手表](product_type)用什么app，苹果手机能配对吗
[Apple Watch Ultra 2](product)[续航](feature)能撑几天
連藍牙要怎麼配對
这款[跑鞋](product_type)[缓震](feature)怎么样，我一百九十斤
[Dyson](brand)[吸尘器](product_type)的[续航](feature)有多久
这个[手机](product_type)是[双卡双待](feature)吗
[科颜氏](brand)这个[面霜](product_type)保质期几年，快过期的不要
这个[蓝牙音箱](product_type)能同时连两台手机吗
这个[手环](product_type)第一次用怎么绑定app
这个[高压锅](product_type)电磁炉和燃气灶都能用吗
这件[羽绒服](product_type)的[含绒量](feature)是多少，填充的是鸭绒还是鹅绒
这个[烤箱](product_type)是[45升](size)的吗
这個[面膜](product_type)保存期限多久呀
"""

TRAIN["compare_products"] = """
[45mm](size)和[41mm](size)哪个更适合女生戴
[Garmin](brand)跟[华为](brand)的[运动手表](product_type)，哪个[续航](feature)更久
[索尼A7M4](product)和[佳能R6](product)哪个适合新手
[1.5升](size)和[两升](size)的差别大吗
[理肤泉](brand)和[科颜氏](brand)哪个适合干皮
[Dyson](brand)和[追觅](brand)的[吸尘器](product_type)哪个吸力大
[大疆Pocket 3](product)跟[Insta360 X4](product)选哪个
[55英寸](size)和[65英寸](size)的[电视](product_type)，客厅四米用哪个
"""

TRAIN["check_price"] = """
[两升](size)的多少钱
[65英寸](size)的[电视](product_type)现在什么价
[5斤装](size)的多少钱一箱
[大疆Pocket 3](product)多少钱
[三台](quantity)一起买能便宜吗
[二十份](quantity)的话总共多少钱
[乐高千年隼](product)现在卖多少
[500ml](size)的比[1L](size)的便宜多少
[Kindle Paperwhite](product)什么价位
"""

TRAIN["check_stock"] = """
这个什么时候到货
蹲了好久了，[乐高千年隼](product)什么时候补货
有没有[41mm](size)的
[Apple Watch SE](product)有[40mm](size)的吗
库存够不够[三台](quantity)
[44码](size)有没有
[大疆Pocket 3](product)现在有货吗，等好久了
[1.5升](size)的还有吗
这个[月饼礼盒](product_type)有[二十份](quantity)的库存吗
[45mm](size)的[午夜色](color)还有吗
我要[两箱](quantity)，仓库里够不够
[索尼A7M4](product)到货了没，蹲了一个月了
[皇家](brand)[猫粮](product_type)[10kg](size)的有货吗
這款[43碼](size)還有嗎
- 天天来看都是缺货，到底啥时候有
[27寸](size)的啥时候能到货
要[两本](quantity)，有货吗
[Garmin](brand)那款[运动手表](product_type)补货了没
"""

TRAIN["add_to_cart"] = """
给我加[三本](quantity)
这个[笔记本](product_type)来[五本](quantity)，加购物车
[两瓶](quantity)[洗衣液](product_type)加购物车，要[3kg](size)的
加[一盒](quantity)[口罩](product_type)
[三袋](quantity)[猫砂](product_type)放购物车
来[两支](quantity)[防晒霜](product_type)，加车
加[一箱](quantity)[牛奶](product_type)，[250ml](size)的那种
[二十份](quantity)加购，开会用
把[65英寸](size)那台加到购物车
加[一套](quantity)[乐高千年隼](product)到购物车
要[四盒](quantity)，帮我加购
[2kg](size)的来[两袋](quantity)
加[三台](quantity)，公司一起用
这本书加[两本](quantity)到购物车
[1.5升](size)的加[一个](quantity)到购物车
"""

TRAIN["update_cart"] = """
改成[三台](quantity)
两瓶不够，改成[五瓶](quantity)
数量改成[二十份](quantity)
那个[纸巾](product_type)改成[两箱](quantity)
[洗衣液](product_type)改[一瓶](quantity)就够了
"""

TRAIN["remove_from_cart"] = """
[最后](ordinal)一个不要
那两本删了
[第三](ordinal)个删掉，其他的不动
把[最后](ordinal)加的那个删了
那两瓶[洗发水](product_type)不要了
[第一](ordinal)个跟[第二](ordinal)个都删了
[Dyson](brand)那个先删掉
[65英寸](size)的那台从购物车拿掉
[最后](ordinal)一件不要了
"""

TRAIN["empty_cart"] = """
全清了吧，一个都不要
购物车全部清空，重新挑
一键清空购物车，太乱了
车里的东西全都删光
"""

TRAIN["order_status"] = """
我[第二](ordinal)个订单到哪了
[第一](ordinal)个订单怎么还没发货
查下[第三](ordinal)个订单的物流
顺丰那个单一直没更新，就是[第二](ordinal)个订单
京东物流显示今天派送，大概几点能到
[第一](ordinal)个订单显示已揽收，啥时候能到
"""

TRAIN["cancel_order"] = """
[第二](ordinal)个订单帮我取消
[最后](ordinal)一个订单不要了，取消掉
"""

TRAIN["return_item"] = """
[第一](ordinal)个订单里的[乐高](brand)想退
[第二](ordinal)个订单的[电饭煲](product_type)要换个[两升](size)的
"""

TRAIN["refund_status"] = """
[第二](ordinal)个订单的退款到账没
[第一](ordinal)个订单退款退到哪了
"""

TRAIN["shipping_info"] = """
发的顺丰还是京东物流
[10kg](size)的寄到[延吉](location)运费多少
"""

TRAIN["warranty_info"] = """
这台[洗碗机](product_type)保修几年
[大疆Pocket 3](product)摔坏了能保修吗
[Dyson](brand)的[吹风机](product_type)保修期是多久
"""

TRAIN["complaint"] = """
垃圾服务
什么态度
太坑了
坑人
骗子店
京东物流的快递员把东西扔驿站就走了，电话都不打
顺丰小哥态度太差了，还骂人
你们那个客服小王说话太冲了
买了三天就降了一百块，太恶心了
我前脚刚买后脚就降了两百，坑死人
快递员不送上楼还让我自己下去拿，什么服务
说好发顺丰，结果发了个慢得要死的快递
直播间说好的赠品一个都没给
店员态度真差，问两句就不耐烦
小红书上看着挺好，到手完全不是一回事
太坑了吧，[5斤装](size)的到手才四斤多
标的[500ml](size)，倒出来明显不够
送来的[电视](product_type)屏幕裂了，快递员还不让验货
你們服務太爛了
态度恶劣
刚买完就降价，也不给补差价
快递员冒充签收，东西根本没送到
"""

TRAIN["human_agent"] = """
- 跟真人说
- 你听不懂，换人
- 别自动回复了，我要人工
- 你根本听不懂我说啥，叫人工来
- 转人工！！
能让真人客服跟我聊吗
- 机器人别说了，找个活人来
- 说了八遍了你还听不懂，给我转人工
- 人呢？我要跟人说话
- 你说的都不对，让你们店长来
- 答非所问，换个真人
"""

TRAIN["out_of_scope"] = """
我头疼发烧该吃什么药
孩子咳嗽吃什么药好得快
布洛芬和对乙酰氨基酚能一起吃吗
我胃疼是怎么回事
帮我写一份工作周报
帮我写个实习报告，两千字
数学作业这道题怎么做
讲个笑话听听
推荐几支能涨的股票
明天大盘会涨吗
帮我翻译一段英文论文
喉咙痛要不要去医院
"""

TRAIN["chitchat"] = """
你累不累啊
你们几点下班
你每天要回多少消息
你晚上睡觉吗
客服也要加班吗
你有工资拿吗
你周末休息吗
一直回消息不烦吗
"""

TRAIN["goodbye"] = """
+ 祝生意兴隆，拜拜
再会
+ 祝你们生意越来越好，下次再来
+ 好了就这样，祝你工作顺利
+ 走啦，祝老板发大财
有空再来逛，再会啦
+ 就到这吧，新年快乐，拜拜
+ 祝你們生意興隆，再見
"""
