"""Hand-written TRAIN sentences, fifth batch: long rambling messages, more
domains (groceries, pets, garden, tools, books, baby, furniture, beauty) and more
hard negatives between confusable intents.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["search_product"] = """
hi so my old [lawnmower](product_type) finally died and i need a new one, [cordless](feature) if possible, garden's pretty small
looking for [potting soil](product_type) and some [terracotta](material) [pots](product_type)
do you have [waterproof](feature) [watches](product_type)
got any [hedge trimmers](product_type) from [bosch](brand)
i need [nappies](product_type) size [3](size) and [baby wipes](product_type)
[puppy food](product_type) [small breed](feature)
have you got [fiction books](product_type) by [harpercollins](brand)
[pasta sauce](product_type) [no added sugar](feature)
[bookshelves](product_type) in [oak](material), [180cm](size) tall
[hair clippers](product_type) from [wahl](brand)
show me [retinol serums](product_type)
[aquarium filters](product_type) for a [60 litre](size) tank
i'm trying to find a [bird feeder](product_type) that squirrels can't get into
[screwdriver sets](product_type) with [magnetic](feature) tips
[toddler beds](product_type) in [white](color)
looking for some [sci-fi novels](product_type) for [my dad](recipient), he reads loads
[olive oil](product_type) [extra virgin](feature) [1l](size)
[ps5](product) + [headset](product_type) bundle?
need [curtains](product_type) [blackout](feature) [grey](color) [90 inch](size) drop
+ i'm setting up my first flat!! looking for a [dining table](product_type) for [4](quantity) that's not too pricey 😊
- been searching for ages, do you have [ankle boots](product_type) in [wide](size) or not
my dog needs a new [harness](product_type), he's a big lab, size [xl](size)
anyone selling [weighted blankets](product_type) [7kg](size)
"""

TRAIN["refine_search"] = """
hmm these are nice but i was hoping for something a bit [darker](color), like [navy](color) or [charcoal](color)
can you show me the same kind of thing but in [oak](material) instead of pine
ok cool now just the ones under [£25](price_max) and sorted by [best rated](sort)
anything cheaper than these?
the [second](ordinal) one is close, got more like that?
just show [bosch](brand) and [makita](brand)
too small, need at least [2 metres](size)
+ these are great, can you show a few more in [yellow](color)?
- none of these are [grain free](feature), i said grain free
anything that's in stock now
can i only see dog stuff
show me the other page
back to the first results please
"""

TRAIN["recommend"] = """
ok so my sister just had a baby and i have no clue what to get, something useful for [a new mum](recipient) maybe, around [£40](price_max)?
what [compost](product_type) would you recommend for tomatoes
what's a good first [novel](product_type) for [a 12 year old](recipient) who hates reading
which [cat litter](product_type) do you recommend, mine stinks
any good [shampoo](product_type) for curly hair?
what [drill](product_type) would you get for putting up shelves
what [cot](product_type) would you recommend, [wooden](material) ideally
+ my dog loves everything! what [toys](product_type) would you suggest for [a puppy](recipient)?
- i've returned 3 [pillows](product_type) already, just tell me which one actually works
which [foundation](product_type) is good for sensitive skin
"""

TRAIN["product_info"] = """
is the [casio g-shock ga-2100](product) [waterproof](feature)
ok random q but does the [bosch](brand) [hedge trimmer](product_type) come with a [battery](feature) or is that separate, the listing doesn't say
how many [servings](feature) are in the [myprotein impact whey](product) [1kg](size)
is this [puppy food](product_type) ok for [a 10 week old](recipient)
does the [wahl](brand) [clipper](product_type) set have [guards](feature)
is the [oak](material) table [solid](feature) or veneer
what's the [spf](feature) of the [la roche-posay anthelios](product)
does the [cot](product_type) [convert](feature) to a toddler bed
how [long](feature) is the [garden hose](product_type)
is the [olive oil](product_type) [cold pressed](feature)
is the [book](product_type) [hardback](feature) or paperback
does the [aquarium](product_type) come with a [light](feature)
+ the [moomin](brand) [mug](product_type) is so cute, is it [dishwasher safe](feature)?
- why doesn't the page say what the [second](ordinal) one is made of
is the [weighted blanket](product_type) [cooling](feature)
"""

TRAIN["compare_products"] = """
i've narrowed it down to the [dyson v12](product) and the [samsung jet 75](product), which one would you go for if i have a long haired cat
is the [ps5](product) better than the [switch](product) for [a 9 year old](recipient)
[bosch](brand) or [ryobi](brand) for [garden tools](product_type)
which [puppy food](product_type) is better, the [first](ordinal) or the [second](ordinal)
[paperback](feature) vs [hardback](feature), any difference besides price
what's the difference between [retinol](feature) and [retinal](feature) serums
+ ooh both are cute, which [cot](product_type) is [safer](feature)?
- these two look exactly the same to me, is one actually better
"""

TRAIN["check_price"] = """
how much is the [bosch](brand) [hedge trimmer](product_type)
what do the [nappies](product_type) cost for a box of [80](quantity)
price of a [20kg](size) bag of [dog food](product_type)?
how much is the [oak](material) [bookshelf](product_type)
how much would it be for the [casio g-shock ga-2100](product) in [black](color)
is the [la roche-posay](brand) [sunscreen](product_type) on offer
how much are [tomato plants](product_type)
hey quick one, how much does the [aquarium](product_type) with the [filter](feature) cost altogether
- how much?? the [cot](product_type) price isn't showing anywhere
+ how much is the gorgeous [velvet](material) [armchair](product_type)? 😍
"""

TRAIN["check_stock"] = """
do you have the [bosch](brand) [hedge trimmer](product_type) in stock
are [nappies](product_type) size [4](size) available
is the [oak](material) [bookshelf](product_type) in stock or made to order
any [tomato seedlings](product_type) left
is the [la roche-posay anthelios](product) [50ml](size) back
do you have [6](quantity) [dining chairs](product_type) in [walnut](color) in stock
- i've been waiting for the [weighted blanket](product_type) to come back for a month, any news
+ is the [moomin](brand) [mug](product_type) still available? hope so!
"""

TRAIN["add_to_cart"] = """
right, i've decided, stick the [oak](material) [bookshelf](product_type) in my basket and also [2](quantity) of the little [storage baskets](product_type)
add [2](quantity) boxes of [nappies](product_type) size [3](size)
add the [puppy food](product_type) and the [harness](product_type) in [xl](size)
add [one](quantity) [tomato plant](product_type)
i'll take the [casio g-shock ga-2100](product)
yes add the [la roche-posay](brand) one
+ ahh so happy, adding the [velvet](material) [armchair](product_type) now!
- fine. add the [second](ordinal) one, they're all the same anyway
"""

TRAIN["order_status"] = """
hey so i ordered a [bookshelf](product_type) like 2 weeks ago and the tracking just says 'label created', is it actually coming or what
has my [nappies](product_type) order been sent
is my [dog food](product_type) delivery still coming today
where's my [plant](product_type) order, it's [KF-70021](order_id)
did my order [ZT-4419](order_id) go out yet
"""

TRAIN["cancel_order"] = """
hi, i just ordered the [cot](product_type) but my mum already bought one, can i cancel order [KF-60182](order_id) before it ships please
cancel the [dog food](product_type) subscription, he's switched food
cancel the [tomato plants](product_type), i ordered too many
- cancel [LT-5503](order_id) immediately, it's been stuck for 2 weeks
"""

TRAIN["return_item"] = """
the [bookshelf](product_type) is lovely but it doesn't fit the alcove, how do i send it back
the [puppy food](product_type) is unopened, can i return it
can i return [nappies](product_type) if the box is opened
the [sunscreen](product_type) gave me a rash, i want to send it back
- the [hedge trimmer](product_type) is useless, i want to return it for a refund
"""

TRAIN["refund_status"] = """
i sent the [bookshelf](product_type) back last week, any sign of my refund yet
has the refund for the [cot](product_type) come through
where's my refund for [KF-60182](order_id), i cancelled it days ago
- still no refund for the [hedge trimmer](product_type) i returned, this is getting silly
"""

TRAIN["shipping_info"] = """
do you deliver [garden sheds](product_type) to [the isle of wight](location)
how much is delivery on a [bookshelf](product_type)
do you deliver [plants](product_type) to [northern ireland](location)
can [dog food](product_type) be delivered every month
is delivery free on [nappies](product_type)
"""

TRAIN["payment_info"] = """
can i pay for the [cot](product_type) in instalments
does the baby club discount work on [nappies](product_type)
can i use my boots advantage card points here
"""

TRAIN["warranty_info"] = """
is there a guarantee on the [hedge trimmer](product_type)
what's the warranty on the [oak](material) [bookshelf](product_type)
does the [cot](product_type) come with a warranty
"""

TRAIN["complaint"] = """
the [bookshelf](product_type) arrived with two shelves cracked and the screws missing, honestly so fed up
the [dog food](product_type) i got was out of date
the [tomato plants](product_type) arrived dead
the [nappies](product_type) leak every single night
"""

TRAIN["human_agent"] = """
i have a question about a big [garden furniture](product_type) order, can i speak to someone
please can a real person help, my order is for [my dad](recipient) and it's urgent
"""

# price_min in more positions and intents
TRAIN["search_product"] += """
more than [£30](price_min) is fine for a good [bird feeder](product_type)
[garden benches](product_type), anything from [150](price_min) up
i'm looking at [prams](product_type) north of [$600](price_min)
[perfume](product_type) gift sets [60 quid](price_min) and over
"""

TRAIN["refine_search"] += """
hmm go higher, at least [$120](price_min)
filter to [50 euros](price_min) minimum
- these are all flimsy, only show ones above [£40](price_min)
"""

TRAIN["recommend"] += """
what [pram](product_type) would you suggest if i'm willing to go over [£500](price_min)
"""

TRAIN["check_stock"] += """
any [rugs](product_type) over [£200](price_min) in stock in [green](color)
"""

TRAIN["check_price"] += """
does anything in [garden furniture](product_type) go above [£1500](price_min)
"""
