"""Chinese TRAINING frames for variation (issue 32), own writing. A frame is a source line
(markup of src_train.py) with placeholders: {pool} is a slot value from
src_gen_values.TRAIN (tagged as the slot ALIASES names), {~fill} is untagged filler from
FILL. generate.py fills each frame with several drawn values. Homophone typos (再吗, 有木有,
神马, 咋), traditional characters and 淘宝/京东 phrasing are written into the frames.
"""

FILL = {
    "open": ["", "亲，", "你好，", "请问", "老板，", "在吗？", "客服，", "亲亲，", "麻烦问下，", "hello，"],
    "q": ["", "？", "?", "？？"],
    "dot": ["", "。", "～", "！"],
    "hi": ["你好", "您好", "亲", "在吗", "在不在", "有人吗", "哈喽", "嗨", "老板", "客服",
           "掌柜的", "小姐姐", "再吗", "亲在吗", "有人在吗"],
    "bye": ["拜拜", "再见", "先这样", "回头聊", "下次见", "走了", "溜了", "下线了", "不聊了",
            "回见"],
    "thx": ["谢谢", "谢啦", "多谢", "感谢", "谢谢亲", "辛苦了", "麻烦了", "谢谢客服",
            "谢谢老板", "謝謝"],
    "yes": ["是的", "对", "好的", "可以", "嗯", "嗯嗯", "行", "没问题", "对的", "好",
            "要的", "就这样", "当然", "确定"],
    "no": ["不是", "不用", "不要", "算了", "不对", "不需要", "没有", "不行", "不用了", "不了",
           "别", "不想要"],
}

TRAIN = {}

TRAIN["greet"] = """
{~hi}{~q}
{~hi}，{~hi}
{~hi}～{~hi}
{~hi}，在吗{~q}
{~hi}{~dot}
"""

TRAIN["goodbye"] = """
{~bye}{~dot}
好的，{~bye}
那就{~bye}吧
先这样吧，{~bye}
没别的事了，{~bye}
"""

TRAIN["thanks"] = """
{~thx}{~dot}
好的，{~thx}
{~thx}，{~thx}
收到，{~thx}
+ {~thx}，服务态度真好
+ {~thx}，下次还来你家买
+ 收到货了，{~thx}，质量很好
知道了，{~thx}
"""

TRAIN["affirm"] = """
{~yes}{~dot}
{~yes}，{~yes}
{~yes}，就要这个
{~yes}，帮我下单吧
{~yes}，是这个
+ {~yes}，太好了
"""

TRAIN["deny"] = """
{~no}{~dot}
{~no}，谢谢
{~no}，{~no}
{~no}，不是这个
{~no}，我再看看
"""

TRAIN["chitchat"] = """
{~open}你是机器人吗{~q}
{~open}你叫啥名字{~q}
{~open}你是男的还是女的{~q}
{~open}你们几点下班{~q}
你好聪明啊{~dot}
{~open}你吃饭了吗{~q}
今天好无聊{~dot}
{~open}你们公司在哪个城市{~q}
你会唱歌吗{~q}
{~open}你平时都干嘛{~q}
你心情好吗{~q}
你能听懂方言吗{~q}
你是人工智障吧哈哈{~dot}
"""

TRAIN["out_of_scope"] = """
{~open}明天会下雨吗{~q}
帮我翻译一句话{~dot}
{~open}最近有什么好看的电视剧{~q}
{~open}比特币还能涨吗{~q}
帮我写个请假条{~dot}
{~open}怎么减肥最快{~q}
{~open}附近哪里有加油站{~q}
今天是几号{~q}
{~open}高铁票怎么退{~q}
{~open}考研报什么专业好{~q}
帮我算下个税{~dot}
{~open}周末去哪玩比较好{~q}
{~open}手机话费怎么充{~q}
"""

TRAIN["search_product"] = """
{~open}有没有{price_max}以内的{wear}{~q}
{~open}有没有{price_max}以内的{gadget}{~q}
{~open}我想买{color}的{wear}
想买一双{shoe_size}的{shoe}
{~open}有{brand}的{shoe}吗{~q}
{~open}有木有{wear_material}的{wear}
找一下{gadget_feature}的{gadget}
{brand}的{gadget}有哪些{~q}
{~open}{price_min}以上的{gadget}有吗{~q}
{price_min}到{price_max}之间的{shoe}
不超过{price_max}的{brand}{gadget}
有{wear_size}的{color}{wear}吗{~q}
给我搜一下{brand}的{wear}
我要找{shoe_feature}{shoe}，{shoe_size}
有没有{color}的{wear_material}{wear}
{~open}{price_max}左右的{gadget}推荐几款看看
想要个{gadget_feature}的{gadget}，预算{price_max}
有啥{brand}的{shoe}，{price_max}以下的
搜{wear_material}{wear}
帮我找找{color}{shoe}
店里有{gadget}卖吗{~q}
{~open}有沒有{brand}的{wear}
{price_min}起的{gadget}有哪些
要一件{wear_size}的{wear}，{color}
{shoe}有{shoe_size}的吗{~q}
你们家有{wear_feature}的{wear}吗{~q}
我在找{brand}{gadget}，{price_max}封顶
{~open}{price_min}以上的{wear}有吗{~q}
{price_min}到{price_max}的{brand}{shoe}
{sort}的{gadget}有哪些{~q}
{brand}的{shoe}按{sort}给我看看
想买{wear}，{price_min}以上，要{wear_feature}的
{~open}有没有{gadget_feature}的{gadget}，{price_min}到{price_max}
+ 你们家{wear}好好看，有{color}的吗{~q}
"""

TRAIN["refine_search"] = """
只要{color}的
换成{wear_size}看看
按{sort}排一下
有没有{price_max}以内的{~q}
只看{brand}的
要{feature}的那种
{sort}的是哪个{~q}
换个{color}的看看
{material}的有吗{~q}
再便宜点的有吗{~q}
有{shoe_size}的吗{~q}
价格再低一点，{price_max}以下
换{brand2}的看看
按{sort}排序
要{price_min}以上的
不要{color}，要{color2}的
还有别的款吗{~q}
只看有货的{~dot}
筛选一下{feature}的
有没有{material}的
{price_min}到{price_max}之间的有吗{~q}
按{sort}来
只看{sort}的
{sort}的排前面
{price_min}以下的不要
有{shoe_feature}的吗{~q}
"""

TRAIN["recommend"] = """
{~open}送{recipient}什么好{~q}
{~open}给{recipient}推荐个{gadget}
帮我推荐一款{sort}的{gadget}
有什么适合{recipient}的{wear}推荐吗{~q}
推荐几双{shoe}吧，{price_max}以内
{recipient}过生日，送啥礼物好{~q}
{~open}你们家{sort}的{gadget}是哪款{~q}
有什么{gadget_feature}的{gadget}推荐{~q}
想给{recipient}买双{shoe}，推荐一下
预算{price_max}，推荐个{gadget}
{recipient}喜欢{color}，推荐件{wear}
求推荐{brand}的{shoe}
{~open}哪款{gadget}{sort}{~q}
帮{recipient}挑一个{gadget}吧
有没有适合{recipient}的礼物，{price_max}以内
推荐下{wear_material}的{wear}
{price_min}到{price_max}的{gadget}推荐一个
+ 上次买的{gadget}很好用，再推荐个{gadget}给{recipient}
送{recipient}的，{price_min}以上，推荐点{sort}的
给{recipient}挑双{shoe_feature}的{shoe}
+ 想给{recipient}一个惊喜，有啥推荐{~q}
"""

TRAIN["product_info"] = """
{~open}这件{wear}是{wear_material}的吗{~q}
这款{gadget}有{gadget_feature}功能吗{~q}
{product}是什么材质的{~q}
{product}的{gadget_feature}怎么样{~q}
{~open}这个{gadget}质量咋样{~q}
{wear}会起球吗{~q}
这双{shoe}偏大还是偏小{~q}
{product}有几个颜色{~q}
这款{wear}{wear_size}适合多重的人穿{~q}
{product}是正品吗{~q}
这个宝贝是{material}的吗{~q}
{brand}的{gadget}是哪里产的{~q}
{product}的尺寸是多少{~q}
{shoe}的鞋底是什么材料{~q}
这件{color}的显黑吗{~q}
{product}支持{gadget_feature}吗{~q}
这個{gadget}怎麼用{~q}
{product}参数发我看看
+ 这件{wear}太好看了，是{wear_material}的吗{~q}
+ {product}看着不错，{gadget_feature}效果好吗{~q}
"""

TRAIN["compare_products"] = """
{product}和{product2}哪个好{~q}
{product}跟{product2}有啥区别{~q}
{brand}和{brand2}的{shoe}哪个舒服{~q}
{wear_material}的和{wear_material2}的差在哪{~q}
{ordinal}个和{ordinal2}个哪个好{~q}
{~open}{product}对比{product2}，哪个更值得买{~q}
{brand}跟{brand2}的{gadget}选哪个{~q}
{ordinal}款和{ordinal2}款有什么不同{~q}
{product}还是{product2}，纠结死了
{color}和{color2}哪个更好看{~q}
"""

TRAIN["check_price"] = """
{product}多少钱{~q}
{~open}{product}现在什么价{~q}
这件{wear}多少钱{~q}
{brand}的{shoe}什么价位{~q}
{~open}{gadget}怎么卖{~q}
{product}有优惠吗{~q}
{product}打折吗{~q}
{ordinal}个多少钱{~q}
{wear_size}和{wear_size}价格一样吗{~q}
{~open}这个{gadget}能便宜点吗{~q}
{product}双十一会降价吗{~q}
{brand}{gadget}最低多少{~q}
买{quantity}能便宜吗{~q}
{color}的为啥贵一点{~q}
"""

TRAIN["check_stock"] = """
{shoe_size}还有吗{~q}
{color}的有现货吗{~q}
{product}有库存吗{~q}
{~open}{wear_size}断货了吗{~q}
{color}{wear_size}还有吗{~q}
{product}什么时候补货{~q}
{~open}{brand}的{shoe}{shoe_size}有货吗{~q}
这款{wear}{color}还有几件{~q}
{~open}{gadget}还有货吗{~q}
{product}{color}的有吗{~q}
{shoe_size}的{color}还能拍吗{~q}
{ordinal}个还有货吗{~q}
我要{quantity}，库存够吗{~q}
{~open}{product}到货了吗{~q}
+ 好喜欢这个{color}，{wear_size}还有吗{~q}
"""

TRAIN["add_to_cart"] = """
把{color}的{wear}加入购物车
我要{quantity}{color}的，{wear_size}
再加{quantity}{shoe}
{~open}{product}帮我加购物车
来{quantity}{shoe_size}的
拍{quantity}{color}
加购{ordinal}个
{ordinal}个给我来{quantity}
{product}加{quantity}到购物车
就要{color}{shoe_size}，{quantity}
帮我把{gadget}加进购物车
我拍{quantity}，{wear_size}的
买了买了，{ordinal}款来{quantity}
购物车里再加{quantity}{gadget}
"""

TRAIN["order_status"] = """
{~open}订单{order_id}到哪了{~q}
帮我查一下订单{order_id}
{~open}单号{order_id}怎么还没发货{~q}
{order_id}这个单啥时候到{~q}
我的快递到哪了{~q}
{~open}我的包裹怎么还没到{~q}
- 订单{order_id}物流几天没动了
催一下{order_id}
{~open}查下物流，订单号{order_id}
我买的{gadget}发货了吗{~q}
- {order_id}都一周了还没到
昨天拍的{shoe}什么时候发{~q}
{order_id}显示签收了，但我没收到
订单号是{order_id}，帮忙看下到哪了
{~open}我的{product}发出了吗{~q}
"""

TRAIN["cancel_order"] = """
{~open}我想取消订单{order_id}
订单{order_id}不要了
帮我把{order_id}取消掉
拍错了，{order_id}能取消吗{~q}
{~open}刚下的单能取消吗{~q}
{gadget}不想要了，帮我取消订单
取消{order_id}这个单
- 等太久了，{order_id}我不要了
{product}的订单帮我撤了
{~open}还没发货的话帮我取消吧
我下错单了，{order_id}帮忙取消
"""

TRAIN["return_item"] = """
{~open}{wear}太小了，能换{wear_size}吗{~q}
{shoe}不合脚，想换{shoe_size}
我要退货，订单{order_id}
{~open}{gadget}能七天无理由退吗{~q}
{product}拆封了还能退吗{~q}
- {wear}质量太差，我要退
{~open}怎么申请退货{~q}
{~open}退货运费谁出{~q}
{color}的不喜欢，能换{color2}吗{~q}
订单{order_id}想退{quantity}
退货地址发我一下
{shoe}穿了一次能换吗{~q}
这个{gadget}我想退掉
{~open}換貨怎麼弄{~q}
"""

TRAIN["refund_status"] = """
{~open}订单{order_id}的退款到账了吗{~q}
退款什么时候到{~q}
{~open}我的退款怎么还没到{~q}
- {order_id}退款申请好几天了还没处理
{order_id}的钱退了吗{~q}
退货寄回去了，钱啥时候退{~q}
{~open}退的{gadget}钱到哪了{~q}
{~open}查一下{order_id}退款进度
退款退到哪里了{~q}
{product}的退款怎么还没到账{~q}
"""

TRAIN["shipping_info"] = """
{~open}寄到{location}要几天{~q}
{location}包邮吗{~q}
{~open}能发到{location}吗{~q}
{~open}发什么快递{~q}
{location}运费多少{~q}
{~open}能发顺丰吗{~q}
{~open}包邮吗{~q}
今天下单明天能到{location}吗{~q}
{~open}{location}能送货上门吗{~q}
{gadget}发货地是哪里{~q}
几点之前下单当天发{~q}
{~open}寄{location}走什么物流{~q}
{quantity}一起买包邮吗{~q}
"""

TRAIN["payment_info"] = """
{~open}可以用花呗吗{~q}
{~open}支持分期吗{~q}
{product}能分期付款吗{~q}
{~open}能货到付款吗{~q}
{~open}优惠券怎么用{~q}
满减怎么算{~q}
{~open}可以开发票吗{~q}
{~open}能用微信付吗{~q}
{gadget}能用信用卡吗{~q}
{~open}付款失败了怎么办{~q}
{~open}可以用支付宝吗{~q}
{~open}能开公司抬头的发票吗{~q}
"""

TRAIN["warranty_info"] = """
{~open}{gadget}保修多久{~q}
{product}保修几年{~q}
{~open}{product}是全国联保吗{~q}
{gadget}坏了能保修吗{~q}
{brand}的{gadget}有质保吗{~q}
{~open}过了保修期还能修吗{~q}
{shoe}开胶了保修吗{~q}
{~open}保修要带发票吗{~q}
{product}屏幕坏了保不保{~q}
{~open}延保怎么买{~q}
"""

TRAIN["complaint"] = """
收到的{wear}破了个洞
{color}的发成了{color2}
{product}是坏的
{shoe}穿一天就开胶了
{gadget}用了两天就坏了
发错尺码了，我要的是{shoe_size}
你们客服回复太慢了{~dot}
快递太慢了，{order_id}等了半个月
{wear}掉色掉得厉害
{gadget}和图片完全不一样
包装破了，{gadget}都压坏了
少发了{quantity}
{product}有划痕，什么质量
差评！{wear}有股怪味
"""

TRAIN["human_agent"] = """
{~open}转人工{~dot}
{~open}我要人工客服
找个真人{~dot}
人工人工{~dot}
{~open}能不能转人工{~q}
叫你们店长来
机器人听不懂，转人工
{~open}有没有人工客服{~q}
- 跟机器人说不清楚，找人工
我要投诉，给我转人工
不要机器人，要真人
{~open}人工客服在哪{~q}
"""

# Second pass (phrasing variety): short replies, A不A questions, follow-ups without a
# subject, 淘宝/京东 wording (运费险, 到手价, 撤单, 派送中, 先用后付), a few traditional lines.
FILL["yes"] += ["好滴", "好嘞", "可以可以", "嗯呢", "行吧", "没毛病", "妥", "好哒", "中",
                "OK的", "对对对", "就它了"]
FILL["bye"] += ["88", "拜拜啦", "先撤了", "回头见", "改天聊", "先忙了", "再見"]
FILL["thx"] += ["感谢感谢", "多谢多谢", "谢谢啦", "谢了", "谢谢你", "感恩", "太感谢了"]
FILL["no"] += ["不了不了", "不用不用", "暂时不用", "先不了", "不必了"]
FILL["hi"] += ["哈喽哈喽", "亲亲", "早上好", "晚上好", "在么", "有人在嘛"]

TRAIN["greet"] += """
{~hi}{~hi}
{~hi}呀
{~hi}，问一下
{~hi}，有人在吗{~q}
{~hi}，打扰一下
"""

TRAIN["goodbye"] += """
那{~bye}哈
好嘞，{~bye}{~dot}
没事了，{~bye}
行，{~bye}{~dot}
今天先到这，{~bye}
那我先去下单了，{~bye}
"""

TRAIN["thanks"] += """
真的{~thx}
好的呢，{~thx}
{~thx}你的耐心解答
+ {~thx}，你们家客服真贴心
明白了，{~thx}{~dot}
{~thx}，问题解决了
"""

TRAIN["affirm"] += """
{~yes}呀
{~yes}，就这个吧
{~yes}，拍了
{~yes}，没问题{~dot}
{~yes}{~yes}
{~yes}，那就这么办
{~yes}，可以可以
"""

TRAIN["deny"] += """
嗯…{~no}
{~no}，我再想想
{~no}，我不需要
{~no}，那算了
{~no}，先不用了
"""

TRAIN["chitchat"] += """
{~open}你们放假吗{~q}
{~open}你是真人吗{~q}
你们客服一天要回多少消息{~q}
{~open}你今天开心吗{~q}
你讲个笑话吧{~dot}
{~open}你们那边天气怎么样{~q}
你几岁了{~q}
"""

TRAIN["out_of_scope"] += """
{~open}帮我点个外卖{~dot}
{~open}附近哪有好吃的{~q}
{~open}驾照怎么考{~q}
{~open}这道题怎么做{~q}
{~open}今天股市怎么样{~q}
{~open}帮我订张机票{~dot}
{~open}世界杯谁夺冠了{~q}
"""

TRAIN["search_product"] += """
{~open}求个{wear_feature}的{wear}链接
想入一款{brand}的{gadget}
{~open}有卖{color}{shoe}的吗{~q}
有没有{price_max}以下的{wear_material}{wear}{~q}
帮我找一件{color}{wear}，{wear_size}
我想看看{gadget_feature}{gadget}
{~open}{gadget}有卖的吗{~q}
搜一下{shoe_size}的{brand}{shoe}
"""

TRAIN["refine_search"] += """
{wear_size}的呢{~q}
{shoe_size}的呢{~q}
{color}的呢{~q}
有没有便宜点的{~q}
换个颜色{~dot}
换成{color}的
{brand}的呢{~q}
{price_max}以内的呢{~q}
再看看{feature}的
{material}的呢{~q}
那{sort}的呢{~q}
按{sort}重新排一下
不要{brand}的，换{brand2}
只要{price_min}以上的
"""

TRAIN["recommend"] += """
{~open}有啥好用的{gadget}推荐{~q}
送{recipient}买什么{wear}好{~q}
{~open}帮我挑个{gadget}，{price_max}以内
{recipient}适合穿什么{shoe}{~q}
{~open}预算{price_max}，送{recipient}啥好{~q}
推荐几款{brand}的{gadget}
求推荐，{recipient}要用的{gadget}
闭眼入的{wear}有哪些{~q}
"""

TRAIN["product_info"] += """
这件{wear}暖不暖和{~q}
这个{gadget}重不重{~q}
{product}防不防水{~q}
这个{gadget}带不带{gadget_feature}功能{~q}
{wear}起不起球{~q}
这双{shoe}磨不磨脚{~q}
{~open}{product}是真的吗，正品吗{~q}
这件{wear}{wear_material}含量多少{~q}
{wear}缩不缩水{~q}
这双{shoe}{shoe_feature}吗{~q}
{product}续航多久{~q}
这个{color}的{wear}透不透{~q}
{wear}是{wear_feature}的吗{~q}
"""

TRAIN["compare_products"] += """
{brand}和{brand2}哪个牌子好{~q}
{product}和{product2}选哪个好{~q}
{wear_size}跟{wear_size2}差多少{~q}
{color}跟{color2}哪个耐脏{~q}
{~open}{ordinal}个跟{ordinal2}个差在哪{~q}
"""

TRAIN["check_price"] += """
{product}到手价多少{~q}
这双{shoe}多少米{~q}
{~open}{brand}{gadget}现在有活动吗{~q}
{quantity}一起买多少钱{~q}
{product}还能再便宜点吗{~q}
{~open}{wear}{wear_size}的多少钱{~q}
"""

TRAIN["check_stock"] += """
{wear_size}还有货不{~q}
{~open}{color}的缺货吗{~q}
{product}是现货还是预售{~q}
{shoe}{shoe_size}有现货吗，急用
{~open}{brand}的{gadget}还能买到吗{~q}
"""

TRAIN["add_to_cart"] += """
{color}{wear_size}来{quantity}
{~open}{ordinal}个加购物车
把{product}加入购物车
我要{quantity}{wear_size}的{wear}
这个{color}的也加上
"""

TRAIN["order_status"] += """
{~open}这单到哪了{~q}
{order_id}物流显示派送中，今天能到吗{~q}
{~open}我的{gadget}到哪了{~q}
{order_id}怎么一直显示待发货{~q}
- 催下单，{order_id}三天了还没发
{~open}帮我看看{order_id}的物流
快递到{location}了吗{~q}
{order_id}发的什么快递{~q}
"""

TRAIN["cancel_order"] += """
{order_id}不想要了{~dot}
{~open}帮我撤单，单号{order_id}
撤销订单{order_id}
{~open}{order_id}取消一下
{product}不想要了，能取消吗{~q}
- {order_id}一直不发货，取消吧
{~open}订单取消怎么操作{~q}
{~open}我拍的{wear}还没发吧，取消掉
{order_id}先别发了，帮我取消
{~open}取消订单{~dot}
"""

TRAIN["return_item"] += """
{~open}{wear}大了，换个{wear_size}
{gadget}收到了不喜欢，能退吗{~q}
{order_id}申请退货
{~open}退货怎么寄回去{~q}
{shoe}小了，能换大一码吗{~q}
"""

TRAIN["refund_status"] += """
{order_id}退款到账没{~q}
{~open}退款到哪一步了{~q}
- 退款怎么这么慢，{order_id}
{product}退货退款什么时候到账{~q}
"""

TRAIN["shipping_info"] += """
{~open}运费多少{~q}
{~open}有运费险吗{~q}
{location}包不包邮{~q}
{~open}发{location}几天能到{~q}
{~open}默认发什么快递{~q}
{gadget}从哪发货{~q}
{~open}多久发货{~q}
{location}加运费吗{~q}
{~open}能指定快递吗{~q}
买{quantity}包邮不{~q}
{~open}到{location}運費多少{~q}
"""

TRAIN["payment_info"] += """
{~open}能开发票吗{~q}
{product}可以开专票吗{~q}
{~open}支持花呗分期吗{~q}
{gadget}能分几期{~q}
{~open}有哪些付款方式{~q}
{~open}花呗免息吗{~q}
{product}分期有手续费吗{~q}
{~open}电子发票怎么开{~q}
{~open}能先用后付吗{~q}
{~open}付款显示失败，怎么回事{~q}
"""

TRAIN["warranty_info"] += """
{~open}{gadget}坏了怎么修{~q}
{product}售后怎么弄{~q}
{~open}{brand}的售后在哪{~q}
{gadget}质保多长时间{~q}
{product}过保了还能修吗{~q}
{~open}{shoe}开胶了给不给修{~q}
{gadget}保修期内坏了能换新吗{~q}
{~open}保修是寄回去修吗{~q}
"""

TRAIN["complaint"] += """
收到的{wear}颜色不对，要的是{color}
我要的{wear_size}，发来的是{wear_size2}
{gadget}到手就是坏的
{~open}{product}开箱就坏了
{wear}质量太差了，线头到处都是
{shoe}一大一小
{order_id}发错货了
{gadget}根本充不进电
说好的{color}，发来是{color2}
{wear}洗一次就缩水了
{product}是假货吧，跟专柜不一样
{~open}买完就降价，太坑了
"""

TRAIN["human_agent"] += """
{~open}转人工客服{~dot}
{~open}麻烦转一下人工
人工！人工！
{~open}帮我转真人客服
我不跟机器人说，转人工{~dot}
{~open}人工在不在{~q}
找你们人工来处理{~dot}
{~open}能不能换个人工来{~q}
"""

# The cart (December 7): view, take out, change a count, empty; 购物车 / 车里 / 加购 wording.
TRAIN["view_cart"] = """
{~open}购物车里有什么{~q}
{~open}我购物车里有啥{~q}
{~open}看看我的购物车{~dot}
{~open}帮我看下购物车{~dot}
{~open}购物车里一共多少钱{~q}
{~open}购物车总价是多少{~q}
{~open}我购物车里现在几件了{~q}
{~open}我刚才加了什么{~q}
{~open}我都加购了哪些{~q}
{~open}帮我列一下购物车{~dot}
{~open}购物车清单发我一下{~dot}
{~open}付款前帮我看看购物车{~dot}
{~open}{gadget}加进购物车了吗{~q}
{~open}我加的{gadget}还在购物车吗{~q}
{~open}{brand}的{shoe}在我购物车里吗{~q}
{~open}{color}的{wear}加上了没{~q}
{~open}{product}进购物车了没{~q}
{~open}购物车里有没有{gadget}{~q}
{~open}购物车里的{wear}是{wear_size}的吗{~q}
{~open}购物车里那双{shoe}是{shoe_size}吧{~q}
{~open}购物车里是不是有{gadget_qty}{gadget}{~q}
"""

TRAIN["remove_from_cart"] = """
{~open}把{gadget}从购物车里删掉{~dot}
{~open}{wear}不要了，删掉吧
{~open}购物车里的{shoe}去掉{~dot}
{~open}把{ordinal}个删了{~dot}
{~open}删掉{ordinal}件{~dot}
{~open}{color}那件{wear}不要了
{~open}{brand}的{gadget}移出购物车
{~open}{product}先不买了，从购物车拿掉
{~open}把{shoe_size}那双{shoe}删了
{~open}{wear_size}的那件删掉，买错码了
{~open}刚才加的{gadget}帮我删一下
{~open}加错了，{gadget}删掉{~dot}
{~open}我改主意了，{wear}不要了
{~open}购物车里{brand}那个拿出来
{~open}取消加购{gadget}
{~open}车里的{gadget}删了吧
{~open}{color}的{shoe}别要了
{~open}那个{wear}从购物车里去掉{~dot}
{~open}{brand}的{wear}不买了，删掉
"""

TRAIN["update_cart"] = """
{~open}{wear}改成{wear_qty}{~dot}
{~open}{shoe}要{shoe_qty}，改一下
{~open}数量改成{gadget_qty}{~dot}
{~open}把{gadget}的数量改为{gadget_qty}
{~open}{ordinal}个改成{gadget_qty}
{~open}{color}那件改成{wear_qty}
{~open}{brand}那双改成{shoe_qty}
{~open}买多了，{gadget}{gadget_qty}就够
{~open}{product}改成{gadget_qty}
{~open}购物车里的{wear}数量调成{wear_qty}
{~open}{shoe_size}的{shoe}要{shoe_qty}
{~open}只要{gadget_qty}{gadget}就行
{~open}刚才加少了，{wear}我要{wear_qty}
{~open}数量填错了，应该是{gadget_qty}
{~open}{wear}加到{wear_qty}
{~open}{gadget}减到{gadget_qty}
{~open}{wear_size}那件改成{wear_qty}
{~open}购物车里{brand}的{gadget}改成{gadget_qty}
"""

TRAIN["empty_cart"] = """
{~open}清空购物车{~dot}
{~open}帮我把购物车清空{~dot}
{~open}购物车里的东西全删了吧
{~open}全部删掉{~dot}
{~open}购物车全部清除{~dot}
{~open}都不要了，购物车清掉吧
{~open}一键清空购物车{~q}
{~open}购物车怎么清空{~q}
{~open}不买了，把购物车里的都删了
{~open}购物车里的宝贝全部移除{~dot}
{~open}把车里的东西全拿掉{~dot}
{~open}购物车重新来，先全清了
{~open}加购的东西都不要了，清空{~dot}
{~open}购物车里的全部删除{~dot}
"""
