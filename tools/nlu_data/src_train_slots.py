"""Hand-written TRAIN sentences, eighth batch: the slot cues the model got wrong most
(price direction words, ranking wishes in many phrasings, material / brand / feature
words right before a product type, named models with their brand, unusual colours) and
look-alikes that stay untagged.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["search_product"] = """
// price ceilings, many cue words
[electric toothbrushes](product_type) no more than [£45](price_max)
anything in [wireless chargers](product_type) that won't cost more than [30 bucks](price_max)
[winter coats](product_type) capped at [$150](price_max)
need [desk chairs](product_type), [200](price_max) is the ceiling
show [air purifiers](product_type) at most [€180](price_max)
[gaming mice](product_type) up to [60 dollars](price_max) max
i can spend [120 euros](price_max) tops on [running watches](product_type)
[picnic blankets](product_type) within a [£25](price_max) budget
[dash cams](product_type) for less than [90](price_max)
what [yoga blocks](product_type) do you have below [$15](price_max)
[leather wallets](product_type) nothing above [£40](price_max) pls
looking for [table lamps](product_type), budget is [70 quid](price_max)
[robot vacuums](product_type) sub [300](price_max)
[baby carriers](product_type) no pricier than [$110](price_max)
[toasters](product_type) under [fifty pounds](price_max)
i'm after [hiking socks](product_type) but i won't pay over [£12](price_max)
kids [scooters](product_type) that are cheaper than [€60](price_max)
// price floors
[espresso machines](product_type) starting at [$400](price_min)
[office chairs](product_type) from [£250](price_min) upwards
only show [mattresses](product_type) above [600 euros](price_min), i want a good one
[headphones](product_type) north of [200 bucks](price_min)
[wool rugs](product_type) no cheaper than [£150](price_min)
[road helmets](product_type) pricier than [$80](price_min), i don't trust the cheap ones
[cameras](product_type) upwards of [1k](price_min)
[watches](product_type) at least [500 dollars](price_min)
[chef knives](product_type) more than [£60](price_min)
// both ends
[sofas](product_type) between [£500](price_min) and [£900](price_max)
[smart watches](product_type) in the [150](price_min) to [250](price_max) range
[perfume](product_type) somewhere from [$40](price_min) to [$70](price_max)
[air fryers](product_type) [80](price_min)-[120 euros](price_max)
[monitors](product_type) not under [£200](price_min) but not over [£350](price_max)
// ranking wishes
[wireless earbuds](product_type), [best reviewed](sort) at the top
[trail shoes](product_type) sorted [highest rated first](sort)
[desk fans](product_type), [lowest price first](sort) please
[board games](product_type) ranked by [popularity](sort)
show the [newest](sort) [phone cases](product_type)
[face serums](product_type) with the [most reviews first](sort)
[rain jackets](product_type) [best sellers](sort) only
whats [trending](sort) in [sneakers](product_type)
[bluetooth speakers](product_type) ordered [cheapest to most expensive](sort)
[bike lights](product_type) by [customer reviews](sort)
i want the [top selling](sort) [protein powders](product_type)
[throw pillows](product_type), [recently added first](sort)
// material, brand, feature, colour right before the product type
[velvet](material) [armchairs](product_type)
[bamboo](material) [cutting boards](product_type)
[linen](material) [duvet covers](product_type) in [terracotta](color)
[cast iron](material) [skillets](product_type)
[canvas](material) [backpacks](product_type) from [herschel](brand)
[suede](material) [loafers](product_type) in [chocolate brown](color)
[silk](material) [pillowcases](product_type)
[wicker](material) [laundry baskets](product_type)
[marble](material) [coasters](product_type)
[corduroy](material) [trousers](product_type) in [rust](color)
[stoneware](material) [dinner plates](product_type)
[alpaca wool](material) [throws](product_type)
[ceramic](material) [plant pots](product_type) in [sage green](color)
[stainless steel](material) [water bottles](product_type) from [klean kanteen](brand)
[anker](brand) [power banks](product_type)
[philips](brand) [electric toothbrushes](product_type)
[muji](brand) [storage boxes](product_type)
[karcher](brand) [window vacs](product_type)
[kenwood](brand) [stand mixers](product_type) in [pastel blue](color)
[berghaus](brand) [fleeces](product_type)
[smudge proof](feature) [eyeliner](product_type)
[cordless](feature) [hedge trimmers](product_type)
[dimmable](feature) [floor lamps](product_type)
[noise cancelling](feature) [earbuds](product_type) from [jabra](brand)
[reversible](feature) [bucket hats](product_type)
[non-slip](feature) [bath mats](product_type) in [charcoal](color)
[ergonomic](feature) [keyboards](product_type)
[gluten free](feature) [crackers](product_type)
[fragrance free](feature) [body wash](product_type)
// named models, brand included
do you stock the [kindle oasis](product)
got the [garmin fenix 7](product)?
is there a [bose quietcomfort 45](product) in stock anywhere
i'm looking for the [dyson v15 detect](product)
[nintendo switch lite](product) in [coral](color)
[apple pencil 2](product)
searching for [sony bravia a80l](product)
the [lego ideas treehouse](product) please
[hydro flask 40oz](product) in [sunflower yellow](color)
need a [tile mate](product)
[instant pot pro](product) or similar
[crocs echo clog](product) in [bone](color)
// look-alikes left untagged
a tent for [4](size) people, [waterproof](feature)
something i can use the first time i go climbing, [harness](product_type) maybe
[board games](product_type) for game night with friends
"""

TRAIN["refine_search"] = """
keep it below [£30](price_max)
nothing past [80 dollars](price_max)
[$50](price_max) is my max
cap it at [100](price_max)
my limit's [€75](price_max)
only ones over [£200](price_min)
nothing under [90](price_min), those look flimsy
raise the floor to [$40](price_min)
set the minimum at [60 euros](price_min)
between [30](price_min) and [45](price_max) then
[20](price_min) to [35 quid](price_max) range
sort these by [rating](sort)
put the [cheapest](sort) ones first
can you show [most popular first](sort) instead
[newest arrivals](sort) on top pls
reorder by [biggest savings](sort)
rank them [top rated first](sort)
switch to [price high to low](sort)
only [merino](material) ones
just the [oak](material) versions
any in [olive](color)?
the [navy](color) ones only
only [vegan](feature) options
filter to [machine washable](feature)
show only [asics](brand)
what about [new balance](brand) instead
do they come in [uk 8](size)
only in [xxl](size)
in [king size](size)?
"""

TRAIN["recommend"] = """
what [perfume](product_type) would you pick for [my mother in law](recipient), max [£60](price_max)
need a gift for [my brother](recipient), he's into cycling, around [50 quid](price_max)
suggest a [cookbook](product_type) for [a beginner cook](recipient)
what's your [top rated](sort) [tent](product_type) for festivals
recommend a good [espresso grinder](product_type) over [$150](price_min)
[best selling](sort) [board game](product_type) for [a family of four](recipient)?
i'd like a [cashmere](material) [scarf](product_type) for [my nan](recipient), what do you suggest
which [ergonomic](feature) [office chair](product_type) would you go for under [€400](price_max)
help me pick a [smartwatch](product_type) for [my dad](recipient), [100](price_min) to [200](price_max)
gift idea for [a 4 year old](recipient) who loves dinosaurs, under [$30](price_max)
what should i get [my partner](recipient) for our anniversary
"""

TRAIN["check_price"] = """
how much is the [shark stratos](product)
what does the [sage bambino plus](product) cost
price of the [oura ring 4](product)?
how much for [3](quantity) of the [linen](material) [tea towels](product_type)
what's the price on [lodge](brand) [dutch ovens](product_type)
are any [standing desks](product_type) under [£300](price_max)
how pricey are the [le creuset](brand) [mugs](product_type)
is the [fitbit inspire 3](product) still [$99](price_max) or less
"""

TRAIN["check_stock"] = """
is the [ps5 slim](product) back in stock
do you have the [hoka bondi 8](product) in [uk 9](size)
any [emerald](color) [velvet](material) [cushions](product_type) left
// "size" is not part of the size value
got size [10](size) in the [salomon speedcross 6](product)?
are the [wool](material) [socks](product_type) in stock in [medium](size)
when will the [sonos ace](product) be available again
"""

TRAIN["compare_products"] = """
[kindle paperwhite](product) vs [kobo libra 2](product)
which is better, [bamboo](material) or [cotton](material) [sheets](product_type)
[philips](brand) or [braun](brand) [shavers](product_type), which lasts longer
compare the [dyson v8](product) with the [shark anti hair wrap](product)
is [merino](material) warmer than [fleece](material)
difference between the [airpods 3](product) and [airpods pro](product)?
"""

TRAIN["add_to_cart"] = """
add [2](quantity) of the [oak](material) [photo frames](product_type) to my basket
put the [mustard](color) one in my cart in [l](size)
i'll take the [anker nano charger](product)
add the [second](ordinal) one, [a pair](quantity) please
chuck [6](quantity) [beeswax](material) [wraps](product_type) in my bag
"""

TRAIN["product_info"] = """
is the [wool](material) [blanket](product_type) [machine washable](feature)
does the [garmin venu 3](product) have [offline maps](feature)
what's the [battery life](feature) of the [jabra elite 8](product)
are the [canvas](material) [sneakers](product_type) [true to size](feature)
how heavy is the [brompton p line](product)
is the [bamboo](material) [toothbrush](product_type) [compostable](feature)
"""

TRAIN["complaint"] = """
the [linen](material) [shirt](product_type) shrank two sizes after one wash
the [sage green](color) [kettle](product_type) arrived dented
my [tefal](brand) [frying pan](product_type) is already peeling
the [nespresso vertuo pop](product) leaks every single time
"""

TRAIN["out_of_scope"] = """
what's the capital of canada again
how many pounds is 40 kilos
who won the match last night
can you recommend a good restaurant near the station
what's 18 percent of 250
translate good morning into italian
"""
