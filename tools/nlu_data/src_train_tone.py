"""Hand-written TRAIN sentences, sixth batch: tone. Clearly annoyed / rude
(negative) and enthusiastic / warm (positive) messages for every intent whose
sentiment is not fixed, so the sentiment head sees more than neutral lines.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral; "//" comment.
"""

TRAIN = {}

TRAIN["greet"] = """
+ hiii!! 💖
+ good morning kefu, you're a gem
- hello?? is this even working
- hi. again. third time today
+ hey there, hope you're having a fab day
"""

TRAIN["goodbye"] = """
+ all sorted, thanks a mil, bye!!
+ laters, you've been ace 👋
- bye, waste of my time
- i give up, goodbye
+ bye bye, see you next payday lol
"""

TRAIN["affirm"] = """
+ yes yes yes, do it!
+ oh that's perfect, yes!
- yeah, that's what i said the first time
- yes. obviously. go on
+ yep!! love that
"""

TRAIN["deny"] = """
- no. i already told you no
- nope, that's useless
- no, stop
+ no thank you, all good here!
+ nah but thanks for checking 😊
"""

TRAIN["chitchat"] = """
+ lol i love chatting with you
+ you're the cutest little bot
- you're so dumb it hurts
- do you ever actually understand anything
+ haha you're hilarious
"""

TRAIN["out_of_scope"] = """
- ugh, can't you even tell me what time the game starts
- you're useless, just tell me if it will rain in rome
+ haha random but can you help me with my crossword? 7 letters
+ fun question, what's the tallest mountain in the world?
- why won't you book my flight, other bots can
"""

TRAIN["search_product"] = """
+ yay, finally payday! show me [designer](feature) [handbags](product_type) under [£400](price_max) 🎉
+ ooh do you have [matching](feature) [pyjamas](product_type) for the whole family? so cute
+ i'm obsessed with [le creuset](brand), show me [newest](sort) stuff first
- do you seriously not have a single [blue](color) [sofa](product_type) under [$700](price_max)
- why is it impossible to find [petite](size) [jeans](product_type) on this site
- ugh just show me [laptops](product_type), [cheapest first](sort), i don't care about the rest
"""

TRAIN["refine_search"] = """
+ love these! any in [emerald](color)?
+ ooh the [third](ordinal) one is gorgeous, show me more like it
+ perfect, now sort by [most popular](sort) please
- these are hideous, anything less ugly
- i said under [£30](price_max), why are you showing me £80 stuff
- no, [newest first](sort), not oldest
"""

TRAIN["recommend"] = """
+ you picked well last time! what [board game](product_type) would be fun for [my family](recipient)?
+ super excited, first [guitar](product_type) ever! what would you recommend under [$200](price_max)?
+ what's the [best rated](sort) [face mask](product_type)? i want to pamper myself 💆
- none of your suggestions are any good, just give me the [top rated](sort) one
- i asked for ideas for [my dad](recipient) not kids' toys
- whatever, just recommend a [phone](product_type) that isn't terrible
"""

TRAIN["product_info"] = """
+ the [ember mug](product) looks amazing, does it keep coffee [hot](feature) all day?
+ love the [kindle colorsoft](product)! how long does the [battery](feature) last?
+ ooh does the [third](ordinal) dress have [pockets](feature)? please say yes
- is the [second](ordinal) one actually [leather](material) or is that a lie too
- why can't i find the [dimensions](feature) anywhere, how big is the [ikea ektorp](product)
- does this [router](product_type) even support [wifi 6](feature) or not
"""

TRAIN["compare_products"] = """
+ so excited to upgrade! [pixel 9](product) or [iphone 16](product)?
+ both look amazing, which [coffee machine](product_type) makes better [espresso](feature)?
+ can't wait to buy one, is the [first](ordinal) or [second](ordinal) [e-bike](product_type) [faster](feature)?
- these all look the same, what is the point of the expensive one
- just tell me straight, is [samsung](brand) better than [lg](brand) or not
- you keep dodging, which is [cheapest](sort), [first](ordinal) or [last](ordinal)
"""

TRAIN["check_price"] = """
+ ooh love the [blush](color) [blazer](product_type), how much?
+ yay is the [lego christmas village](product) on sale? how much now
+ how much are the adorable [baby shoes](product_type)? 🥰
- how much is it?? why do you hide prices
- what do you mean 'price on request' for a [toaster](product_type), how much is it
- how much is the [dyson airwrap](product) really, the site says two different things
"""

TRAIN["check_stock"] = """
+ please tell me the [sage green](color) [dutch oven](product_type) is back in stock!
+ yay, is the [advent calendar](product_type) available yet?
+ hi! do you have the [cloud](feature) [slippers](product_type) in size [6](size)? would love them
- is ANYTHING in stock on this site
- seriously, when is the [xbox series x](product) coming back
- third time asking, do you have size [12](size) in the [boots](product_type) or not
"""

TRAIN["add_to_cart"] = """
+ oh it's perfect, add [2](quantity) please!
+ yes please add the [blush](color) one, i'm in love
+ adding the [ember mug](product) for [my mum](recipient), she'll love it
- just add the [cheapest](sort) one and let me pay
- ugh ok add the [black](color) one, it's the only one left anyway
- add it. and stop asking me about accessories
"""

TRAIN["order_status"] = """
+ hi lovely, any news on my order [MX-77102](order_id)? can't wait!
+ ooh has my [ember mug](product) shipped yet?
+ so excited for my new [sofa](product_type)! when does it arrive?
- where is my order. this is the last time i ask
- order [30991](order_id) was due monday, it's friday. where is it
- you said 3 days, it's been 10, where's my parcel
"""

TRAIN["cancel_order"] = """
+ hi! could you cancel my order please? changed my mind, sorry 😊
+ thanks in advance, please cancel [GB-2210](order_id)
- cancel it, i'm sick of waiting
- cancel order [44817](order_id) now, i'm not paying for this delay
- just cancel everything, your site is a mess
"""

TRAIN["return_item"] = """
+ the [dress](product_type) is beautiful but too long, could i swap it for a [petite](size)?
+ love the shop, but i need to return the [lamp](product_type), it's just not my style
- this [mattress](product_type) is awful, i want it gone, how do i return it
- how do i return this rubbish [phone case](product_type)
- i want to return the lot, none of it fits
"""

TRAIN["refund_status"] = """
+ thanks for taking the return back so quickly, when will i see the refund?
+ hi! just checking on my refund for [RF-9931](order_id), no rush
- where is my money, it's been 4 weeks
- i want my refund today, not in another 10 days
- seriously, the refund for [55031](order_id) still hasn't come
"""

TRAIN["shipping_info"] = """
+ ooh do you ship to [jersey](location)? i'd love to order
+ amazing, how fast can you get it to [cornwall](location)?
- why is delivery to [ireland](location) so expensive
- 2 weeks for delivery? are you sending it by horse
- do you ship anywhere outside [london](location) or not
"""

TRAIN["payment_info"] = """
+ yay, can i use my birthday voucher?
+ love that you take apple pay! can i split it with klarna too?
- why does your checkout keep failing
- my card works everywhere except here, what's going on
- the promo code is 'invalid' again, sort it out
"""

TRAIN["warranty_info"] = """
+ the [blender](product_type) is great, but just in case, how long's the warranty?
+ really happy with the [ember mug](product), does it have a guarantee?
- it's broken after 3 months, you'd better tell me it's under warranty
- what do you mean the warranty doesn't cover the [battery](feature)
- so the [coffee machine](product_type) dies after a year and that's it? no warranty?
"""

TRAIN["human_agent"] = """
+ hi, could i please speak to someone from your team? thank you!
+ would a real person be able to help me with a gift order? 😊
- get me a human, i'm done with this bot
- i want a manager. now.
- stop looping and transfer me to an agent
"""

# price formats: words, euro sign, decimals, thousands, k
TRAIN["search_product"] += """
[electric scooters](product_type) under [€500](price_max)
[robot mops](product_type) for less than [fifty bucks](price_max)? probably not lol
[road bikes](product_type) around [1,200](price_max) max
[sunglasses](product_type) under [a hundred](price_max)
[espresso machines](product_type) for more than [2k](price_min)
"""

TRAIN["refine_search"] += """
under [49.99](price_max) please
only over [€80](price_min)
can it be less than [twenty quid](price_max)
between [a hundred](price_min) and [two hundred](price_max)
no more than [1k](price_max)
"""

TRAIN["recommend"] += """
best [bike](product_type) you'd suggest for under [€900](price_max)
what [tv](product_type) would you get for [a grand](price_max) or less
"""

TRAIN["check_price"] += """
is the [vitamix](brand) below [$399.99](price_max) anywhere on the site
"""

TRAIN["compare_products"] += """
is a [$2,000](price_min)+ [sofa](product_type) better than the [ikea](brand) ones
"""
