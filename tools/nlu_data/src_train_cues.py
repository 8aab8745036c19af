"""Hand-written TRAIN sentences, ninth batch: the span shapes the shipped model still got
wrong after decoding was fixed — a whole "my <someone>" as one recipient, ranking wishes of
several words ("most bought", "lowest price first"), an unfamiliar brand right before a
product type or after "by" / "from", a material or colour word that could pass for a
product, named models of brand + model words + number, and packaging words ("a box of",
"bags of") that are neither quantity nor product type.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["recommend"] = """
// the whole "my <someone>" is the recipient, however unusual the someone
what should i get [my piano teacher](recipient) as a thank you
gift ideas for [my landlady](recipient)? she's been lovely
something small for [my hairdresser](recipient) for christmas
what do you get [my son's football coach](recipient), under [£20](price_max)
any ideas for [my stepbrother](recipient), he likes gaming
need a present for [my yoga instructor](recipient)
what would [my godmother](recipient) like, she bakes a lot
a leaving gift for [my work bestie](recipient), around [30 quid](price_max)
i'm stumped on [my babysitter](recipient), any tips
help me choose a [candle](product_type) for [my neighbour's daughter](recipient)
what can i get [my postman](recipient) that isn't chocolate
suggest a [mug](product_type) for [my physio](recipient)
ideas for [my book club](recipient), [10](price_max) each max
whats good for [my girlfriend's mum](recipient), first time meeting her
gift for [my nurse](recipient) who looked after me, nothing over [€25](price_max)
what would you get [my twin brother](recipient) turning 30
// ranking wishes of several words stay one sort span
recommend a [blender](product_type), the [most bought](sort) one
which [air purifier](product_type) is [most talked about](sort) at the moment
what's the [highest reviewed](sort) [pram](product_type) you sell
i want whichever [dehumidifier](product_type) has the [most five star reviews](sort)
which [sunscreen](product_type) is [bought the most](sort)
your [most liked](sort) [puzzle](product_type) for adults?
"""

TRAIN["search_product"] = """
// an unfamiliar brand right before a product type is a brand
do you carry [ninja](brand) [blenders](product_type)
got any [joseph joseph](brand) [chopping boards](product_type)
looking for [fjallraven](brand) [backpacks](product_type)
any [ember](brand) [mugs](product_type) in stock?
do u do [jbl](brand) [speakers](product_type)
need [tala](brand) [leggings](product_type)
[kong](brand) [dog toys](product_type) pls
[melissa and doug](brand) [puzzles](product_type) for a toddler
show me [vitamix](brand) stuff
anything from [carhartt](brand)?
[hario](brand) [coffee grinders](product_type)
do you sell [bugaboo](brand) [prams](product_type)
// brand after "by", "from", "frm", "made by"
[trail runners](product_type) made by [altra](brand)
[face masks](product_type) frm [the ordinary](brand)
[rucksacks](product_type) by [osprey](brand) or [deuter](brand)
any [hoodies](product_type) from [champion](brand)
[kettles](product_type) by [russell hobbs](brand) under [£40](price_max)
// material and colour words that could pass for products
[oatmeal](color) [jumpers](product_type) in [s](size)
[chocolate](color) [suede](material) [boots](product_type)
[honey](color) [leather](material) [belts](product_type)
[rattan](material) [bedside tables](product_type)
[jute](material) [doormats](product_type)
[terrazzo](material) [planters](product_type)
[teak](material) [garden benches](product_type)
[tweed](material) [flat caps](product_type)
[seersucker](material) [shirts](product_type) in [lilac](color)
// features stay apart from the product type
[waterproof](feature) [hiking boots](product_type)
[foldable](feature) [treadmills](product_type)
[cruelty free](feature) [mascara](product_type)
[bpa free](feature) [water bottles](product_type)
[insulated](feature) [lunch bags](product_type)
[unscented](feature) [candles](product_type)? weird i know
// named models: brand + model words + number is one product span
have you got the [lenovo legion go](product)
the [fujifilm x100vi](product), do you have it
looking for [dr martens jadon](product) boots in [uk 6](size)
[asics gel kayano 30](product) in [eu 42](size)
[vans authentic](product) in [navy](color)
// packaging words are not quantities or product types
[3](quantity) boxes of [herbal tea](product_type)
a bag of [dog biscuits](product_type)
[2](quantity) packs of [aa batteries](product_type)
// multi-word ranking wishes
[yoga mats](product_type), [most bought first](sort)
[pillows](product_type) sorted by [most reviews](sort)
show [kettles](product_type) [price low to high](sort)
[wallets](product_type) with the [highest ratings](sort)
"""

TRAIN["refine_search"] = """
put the [most bought](sort) at the top
sort by [most purchased](sort) pls
can u show [lowest price first](sort)
[most liked first](sort)
order by [highest ratings](sort) instead
the [most expensive first](sort), i want quality
[newest first](sort) please
can you filter to [ninja](brand)
only [hario](brand) ones
any by [fjallraven](brand)?
just [tweed](material) ones
in [jute](material)?
only [honey](color) ones
anything in [terracotta](color)
// price direction from the cue words, including negated ones
nothing above [£45](price_max)
no more than [70](price_max) please
nothing below [$30](price_min), they fall apart
no less than [50 euros](price_min)
raise the minimum to [£60](price_min)
set a floor of [40](price_min)
[90 bucks](price_max) is the most i'll pay
[200](price_max) max
[£35](price_max) absolute tops
between [100](price_min) and [150 dollars](price_max)
from [20](price_min) up to [40](price_max)
"""

TRAIN["check_price"] = """
how much is the [yeti rambler](product)
what do the [ninja](brand) [air fryers](product_type) go for
price of [2](quantity) packs of [oat cakes](product_type)
how much are the [rattan](material) [stools](product_type)
how much is a [tala](brand) [sports bra](product_type)
whats the [kong classic](product) cost
"""

TRAIN["check_stock"] = """
is the [lenovo legion go](product) in stock
have you got [jbl](brand) [headphones](product_type) available
any [teak](material) [benches](product_type) left
do you have the [oatmeal](color) one in [m](size)
is the [vans authentic](product) back in [uk 7](size)
"""

TRAIN["add_to_cart"] = """
add [2](quantity) [ninja](brand) [blenders](product_type) please
pop the [fujifilm x100vi](product) in my basket
add the [jute](material) [rug](product_type) in [large](size)
put [4](quantity) [hario](brand) [filters](product_type) in the cart
"""

TRAIN["order_status"] = """
where's my [lenovo legion go](product)
has the [ninja](brand) [blender](product_type) shipped yet
my [jbl](brand) [speaker](product_type) still hasn't come
any news on the [teak](material) [bench](product_type) i ordered for [my stepdad](recipient)
"""

TRAIN["cancel_order"] = """
cancel the [fujifilm x100vi](product) please
can you cancel the [jute](material) [rug](product_type)
i want to cancel the gift for [my piano teacher](recipient)
"""

TRAIN["return_item"] = """
i want to send back the [vans authentic](product)
returning the [honey](color) [belt](product_type), wrong size
how do i return a [tala](brand) [hoodie](product_type)
"""

TRAIN["complaint"] = """
the [ninja](brand) [blender](product_type) jug cracked on day two
my [lenovo legion go](product) won't turn on
the [rattan](material) [chair](product_type) came with a broken leg, useless
ordered [oatmeal](color) and got [grey](color), not happy
"""

TRAIN["product_info"] = """
is the [yeti rambler](product) [dishwasher safe](feature)
does the [fujifilm x100vi](product) have [image stabilisation](feature)
how [loud](feature) is the [ninja](brand) [blender](product_type)
is the [jute](material) [rug](product_type) [rough](feature) on bare feet
is the [tweed](material) [cap](product_type) [lined](feature)
"""

TRAIN["compare_products"] = """
[ninja](brand) or [vitamix](brand), which [blender](product_type) is quieter
the [lenovo legion go](product) vs the [asus rog ally x](product)
[hario](brand) vs [baratza](brand) [grinders](product_type)
is [teak](material) or [acacia](material) better outside
which lasts longer, [jute](material) or [sisal](material)
"""

TRAIN["warranty_info"] = """
is the [ninja](brand) [blender](product_type) covered for 2 years
what's the guarantee on the [lenovo legion go](product)
do [jbl](brand) [headphones](product_type) come with a warranty
"""

TRAIN["shipping_info"] = """
can you ship a [teak](material) [bench](product_type) to [the orkneys](location)
how long does delivery to [reykjavik](location) take
"""
