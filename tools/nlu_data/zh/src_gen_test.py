"""Chinese TEST frames for variation (issue 32), own writing, written apart from the
training frames: other wording, other fillers, and values from src_gen_values.TEST. Markup
and placeholders as src_gen_train.py. generate.py drops any filled line whose text or
template is also in train.
"""

FILL = {
    "open": ["", "亲爱的客服，", "打扰一下，", "问一下，", "店家，", "喂，"],
    "q": ["", "？", "?"],
    "dot": ["", "。", "~"],
    "hi": ["店家在吗", "有客服吗", "亲在么", "哈罗", "早呀", "晚上好", "您好呀", "在线吗"],
    "bye": ["拜了", "先撤了", "告辞", "晚安", "下回再聊", "那我走啦"],
    "thx": ["非常感谢", "谢谢您", "感恩", "谢谢啦亲", "蟹蟹", "万分感谢"],
    "yes": ["没错", "是滴", "好滴", "可以的", "对头", "就它了", "嗯呐"],
    "no": ["不必了", "并不是", "不是滴", "不考虑", "拒绝", "别了"],
}

TEST = {}

TEST["greet"] = """
{~hi}，我想咨询点事
哈喽哈喽
嘿，{~hi}
{~hi}{~q}
喂喂，{~hi}
{~hi}，打扰了
"""

TEST["goodbye"] = """
没事了，{~bye}
行吧，{~bye}
我先去下单了，{~bye}
{~bye}{~dot}
嗯嗯，{~bye}
今天就到这，{~bye}
"""

TEST["thanks"] = """
+ 问题解决了，{~thx}
+ {~thx}，你真棒
{~thx}{~dot}
明白了，{~thx}
+ {~thx}，解释得很清楚
"""

TEST["affirm"] = """
对对对
{~yes}，麻烦了
嗯嗯就这款
{~yes}{~dot}
{~yes}，就按你说的
嗯，{~yes}
"""

TEST["deny"] = """
{~no}，换一个
不不不
这个不行
{~no}{~dot}
{~no}，我不买了
哦，{~no}
"""

TEST["chitchat"] = """
你觉得我穿什么好看{~q}
{~open}你们老板人好吗{~q}
晚上加班好累啊{~dot}
{~open}你有男朋友吗{~q}
{~open}你们客服是外包的吗{~q}
你今天开心吗{~q}
你会不会累{~q}
{~open}你喜欢吃什么{~q}
你说话好可爱{~dot}
{~open}你是哪里人{~q}
"""

TEST["out_of_scope"] = """
{~open}怎么考驾照{~q}
帮我给朋友发个微信{~dot}
{~open}明天限行尾号是几{~q}
{~open}帮我查一下火车时刻表
{~open}狗狗不吃饭怎么办{~q}
{~open}北京房价多少一平{~q}
帮我起个公司名字{~dot}
{~open}世界杯谁夺冠了{~q}
{~open}感冒了吃什么药{~q}
"""

TEST["search_product"] = """
{~open}{price_max}内有什么{gadget}
{~open}求一款{color}的{shoe}
麻烦搜下{brand}{wear}，最好{price_max}以下
有卖{wear_material}{wear}的吗{~q}
{wear_size}的{wear}你们家有没有{~q}
看看{gadget_feature}的{gadget}
{brand}家的{shoe}，{shoe_size}，有吗
价格在{price_min}和{price_max}之间的{gadget}
{price_min}以上的{brand}{shoe}都有哪些
{~open}我需要一个{gadget_feature}{gadget}
有没有{price_min}往上的{wear}{~q}
{price_min}起步的{gadget}给我看看
店里{sort}的{wear}是哪几件{~q}
+ 上回买的很满意，这次想看看{brand}的{gadget}
预算{price_min}到{price_max}，想买{shoe}
"""

TEST["refine_search"] = """
能按{sort}排吗{~q}
只显示{color}的
{wear_size}的呢{~q}
{brand}的呢{~q}
限定{price_max}以下
只要{material}款
至少{price_min}以上的
{price_min}以上、{price_max}以下的有吗{~q}
排序改成{sort}
帮我按{sort}重新排
有没有带{feature}的{~q}
"""

TEST["recommend"] = """
{~open}{recipient}适合用什么{gadget}
打算送{recipient}一件{wear}，有推荐吗{~q}
{price_max}以内，给{recipient}挑个礼物
你觉得哪个{gadget}{sort}{~q}
想买{shoe}，你帮我推荐一款
{price_min}以上的{gadget}，哪款最值得买{~q}
+ 想挑个{sort}的{gadget}送{recipient}，谢谢推荐
"""

TEST["product_info"] = """
{product}防不防水{~q}
这条{wear}{wear_material}含量多少{~q}
问下{product}的{gadget_feature}是真的吗
{brand}这个{gadget}重不重{~q}
这双{shoe}适合宽脚吗{~q}
{product}带不带充电器{~q}
+ 这双{shoe}颜值好高，{shoe_feature}吗{~q}
"""

TEST["compare_products"] = """
{ordinal}个跟{ordinal2}个差别大吗{~q}
{product}比{product2}强在哪{~q}
{brand}对比{brand2}，谁家{gadget}更好{~q}
选{ordinal}个还是{ordinal2}个{~q}
{wear_material}和{wear_material2}哪种更舒服{~q}
"""

TEST["check_price"] = """
{quantity}一起买多少钱{~q}
{product}卖多少{~q}
问下{brand}{gadget}的价格
{wear}现在活动价多少{~q}
{ordinal}款什么价{~q}
{product}到手价是多少{~q}
"""

TEST["check_stock"] = """
{~open}{color}那款补货了没{~q}
{product}现在能买到吗{~q}
{color}{shoe_size}的还有没有{~q}
{wear_size}是不是卖完了{~q}
{brand}{gadget}缺货吗{~q}
{ordinal}款有没有货{~q}
"""

TEST["add_to_cart"] = """
先把{product}加购，晚点付款
{product}放进购物车
给我装{quantity}{color}的到购物车
{ordinal}个我要了，加{quantity}
帮我加{quantity}{wear_size}的{wear}
购物车加上{gadget}
"""

TEST["order_status"] = """
{~open}我{order_id}那单现在什么状态{~q}
{~open}东西发出来没{~q}
麻烦看看{order_id}走到哪了
{order_id}物流信息怎么查{~q}
- 我的{gadget}到现在还没收到
{~open}{order_id}派送了没{~q}
快递卡在中转站好几天了，单号{order_id}
"""

TEST["cancel_order"] = """
{~open}付完款还能撤单吗{~q}
- 太久不发货，{order_id}我要取消
订单{order_id}先不要了
{order_id}帮我撤销
{~open}那个{gadget}的订单我不想要了
麻烦把订单{order_id}关掉
怎么取消{order_id}{~q}
"""

TEST["return_item"] = """
{~open}退货要自己寄回吗{~q}
{wear}尺码偏小，想换成{wear_size}
{product}可以退吗{~q}
{shoe}有点挤脚，换{shoe_size}行不行{~q}
订单{order_id}申请退货
- 收到的{gadget}太差了，退掉
"""

TEST["refund_status"] = """
{~open}退款是退到花呗还是银行卡{~q}
{order_id}的退款为什么失败了{~q}
{~open}钱怎么还没退回来{~q}
{order_id}退款进度怎么样了{~q}
退回的{wear}钱退到哪了{~q}
- 退款拖了十天还没到账
{~open}钱退到原账户了吗{~q}
"""

TEST["shipping_info"] = """
{~open}一般几天能送到{location}{~q}
{~open}可以指定快递公司吗{~q}
{~open}运费险有吗{~q}
发{location}大概多久{~q}
{location}能不能包邮{~q}
{~open}默认走哪家快递{~q}
{location}可以发货吗{~q}
{~open}周末发货吗{~q}
"""

TEST["payment_info"] = """
{~open}能用Apple Pay吗{~q}
{~open}可以先用后付吗{~q}
{~open}下单后多久要付款{~q}
{~open}发票怎么开{~q}
{~open}有没有免息分期{~q}
{product}支持花呗分期吗{~q}
{~open}能拿京东白条付吗{~q}
{~open}红包可以抵扣吗{~q}
"""

TEST["warranty_info"] = """
{~open}保修期内换新还是维修{~q}
{product}出问题了，在质保里吗{~q}
{~open}人为损坏保修吗{~q}
{product}包修几年{~q}
{brand}{gadget}坏了去哪修{~q}
{~open}质保期从哪天开始算{~q}
{gadget}进水了保修吗{~q}
"""

TEST["complaint"] = """
客服态度也太敷衍了吧
{wear}穿一次就起球
{product}收到就开不了机
{wear}线头一大堆，太差了
我买的是{color}，你们寄来的是{color2}
{shoe}鞋底断了
快递把{gadget}摔坏了
"""

TEST["human_agent"] = """
要人工服务
{~open}真人客服什么时候在线{~q}
- 机器人答非所问，叫人来
请安排客服专员跟我对接
{~open}让人工来回答
能让真人客服跟我说话吗{~q}
我不想跟机器聊，换真人
{~open}请帮我转接人工
"""

# The cart (December 7), written apart from the training frames.
TEST["view_cart"] = """
{~open}我的购物车里现在装了些什么{~q}
{~open}瞧瞧购物车{~dot}
{~open}{gadget}有没有进我的购物车{~q}
{~open}购物车合计要付多少{~q}
{~open}我选的{brand}{shoe}在购物车里不{~q}
{~open}购物车里的东西念给我听听{~dot}
{~open}麻烦把购物车里的商品报一下{~dot}
{~open}{product}已经在购物车里了吧{~q}
{~open}购物车里{color}的{wear}是哪个码{~q}
"""

TEST["remove_from_cart"] = """
{~open}{gadget}我不打算买了，购物车里删掉吧
{~open}把{color}的{wear}从购物车挪走{~dot}
{~open}{ordinal}样商品不要了{~dot}
{~open}购物车里{brand}那件给我删了
{~open}{product}移出去吧{~dot}
{~open}帮我撤掉{shoe}{~dot}
{~open}{shoe_size}那双{shoe}删除{~dot}
{~open}那个{gadget}别放购物车了
"""

TEST["update_cart"] = """
{~open}{wear}数量改一下，要{wear_qty}
{~open}{gadget}给我调到{gadget_qty}{~dot}
{~open}{shoe}我改主意了，要{shoe_qty}
{~open}{ordinal}样改为{gadget_qty}{~dot}
{~open}{product}数量变成{gadget_qty}
{~open}多了，{wear}留{wear_qty}就好
{~open}{brand}那件改{wear_qty}{~dot}
{~open}帮我把数量改为{gadget_qty}{~dot}
"""

TEST["empty_cart"] = """
{~open}购物车里所有东西都删掉{~dot}
{~open}把我购物车弄空{~dot}
{~open}购物车能不能全部清掉{~q}
{~open}购物车里的商品一个都不要了
{~open}全部从购物车删除{~dot}
{~open}购物车给我清干净{~dot}
{~open}加购的东西全撤了{~dot}
{~open}车里全部清空{~dot}
"""
