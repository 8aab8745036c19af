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
    "yes": ["没错", "是滴", "好滴", "可以的", "yes", "对头", "就它了"],
    "no": ["不必了", "并不是", "不是滴", "不考虑", "拒绝", "别了"],
}

TEST = {}

TEST["greet"] = """
{~hi}{~q}
喂喂，{~hi}
{~hi}，打扰了
"""

TEST["goodbye"] = """
{~bye}{~dot}
嗯嗯，{~bye}
今天就到这，{~bye}
"""

TEST["thanks"] = """
{~thx}{~dot}
明白了，{~thx}
+ {~thx}，解释得很清楚
"""

TEST["affirm"] = """
{~yes}{~dot}
{~yes}，就按你说的
嗯，{~yes}
"""

TEST["deny"] = """
{~no}{~dot}
{~no}，我不买了
哦，{~no}
"""

TEST["chitchat"] = """
{~open}你有男朋友吗{~q}
{~open}你们客服是外包的吗{~q}
你今天开心吗{~q}
你会不会累{~q}
{~open}你喜欢吃什么{~q}
你说话好可爱{~dot}
{~open}你是哪里人{~q}
"""

TEST["out_of_scope"] = """
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
有卖{material}{wear}的吗{~q}
{wear_size}的{wear}你们家有没有{~q}
看看{feature}的{gadget}
{brand}家的{shoe}，{shoe_size}，有吗
价格在{price_min}和{price_max}之间的{gadget}
{price_min}以上的{brand}{shoe}都有哪些
{~open}我需要一个{feature}{gadget}
有没有{price_min}往上的{wear}{~q}
{price_min}起步的{gadget}给我看看
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
有没有带{feature}的{~q}
"""

TEST["recommend"] = """
{~open}{recipient}适合用什么{gadget}
打算送{recipient}一件{wear}，有推荐吗{~q}
{price_max}以内，给{recipient}挑个礼物
你觉得哪个{gadget}{sort}{~q}
想买{shoe}，你帮我推荐一款
{price_min}以上的{gadget}，哪款最值得买{~q}
"""

TEST["product_info"] = """
{product}防不防水{~q}
这条{wear}{material}含量多少{~q}
问下{product}的{feature}是真的吗
{brand}这个{gadget}重不重{~q}
这双{shoe}适合宽脚吗{~q}
{product}带不带充电器{~q}
"""

TEST["compare_products"] = """
{product}比{product2}强在哪{~q}
{brand}对比{brand2}，谁家{gadget}更好{~q}
选{ordinal}个还是{ordinal2}个{~q}
{material}和{material2}哪种更舒服{~q}
"""

TEST["check_price"] = """
{product}卖多少{~q}
问下{brand}{gadget}的价格
{wear}现在活动价多少{~q}
{ordinal}款什么价{~q}
{product}到手价是多少{~q}
"""

TEST["check_stock"] = """
{product}现在能买到吗{~q}
{color}{shoe_size}的还有没有{~q}
{wear_size}是不是卖完了{~q}
{brand}{gadget}缺货吗{~q}
{ordinal}款有没有货{~q}
"""

TEST["add_to_cart"] = """
{product}放进购物车
给我装{quantity}{color}的到购物车
{ordinal}个我要了，加{quantity}
帮我加{quantity}{wear_size}的{wear}
购物车加上{gadget}
"""

TEST["order_status"] = """
麻烦看看{order_id}走到哪了
{order_id}物流信息怎么查{~q}
- 我的{gadget}到现在还没收到
{~open}{order_id}派送了没{~q}
快递卡在中转站好几天了，单号{order_id}
"""

TEST["cancel_order"] = """
{order_id}帮我撤销
{~open}那个{gadget}的订单我不想要了
麻烦把订单{order_id}关掉
怎么取消{order_id}{~q}
"""

TEST["return_item"] = """
{wear}尺码偏小，想换成{wear_size}
{product}可以退吗{~q}
{shoe}有点挤脚，换{shoe_size}行不行{~q}
订单{order_id}申请退货
- 收到的{gadget}太差了，退掉
"""

TEST["refund_status"] = """
{order_id}退款进度怎么样了{~q}
退回的{wear}钱退到哪了{~q}
- 退款拖了十天还没到账
{~open}钱退到原账户了吗{~q}
"""

TEST["shipping_info"] = """
发{location}大概多久{~q}
{location}能不能包邮{~q}
{~open}默认走哪家快递{~q}
{location}可以发货吗{~q}
{~open}周末发货吗{~q}
"""

TEST["payment_info"] = """
{~open}有没有免息分期{~q}
{product}支持花呗分期吗{~q}
{~open}能拿京东白条付吗{~q}
{~open}红包可以抵扣吗{~q}
"""

TEST["warranty_info"] = """
{product}包修几年{~q}
{brand}{gadget}坏了去哪修{~q}
{~open}质保期从哪天开始算{~q}
{gadget}进水了保修吗{~q}
"""

TEST["complaint"] = """
{product}收到就开不了机
{wear}线头一大堆，太差了
我买的是{color}，你们寄来的是{color2}
{shoe}鞋底断了
快递把{gadget}摔坏了
"""

TEST["human_agent"] = """
{~open}让人工来回答
能让真人客服跟我说话吗{~q}
我不想跟机器聊，换真人
{~open}请帮我转接人工
"""
