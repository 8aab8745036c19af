"""Hand-written TRAIN sentences, tenth batch: what the shipped model still read wrongly
after the ninth — written from its error *categories* on the test file and from its errors
on these sentences, never from test sentences or their product names:

- a named product without a model number ("the kindle paperwhite", "my nintendo switch")
  is one product span wherever it comes up: orders, returns, warranty, payment, stock;
  the same brand before a generic category stays brand + product_type;
- a second brand in "x or y" and after a correction ("... no, ...");
- "kids" / "mens" / "womens" in front of a product type stay outside it;
- word quantities ("one", "two", "a couple", "a few") and "these two";
- a material before a garment in questions and post-purchase lines ("the alpaca scarf");
- whole "my <two-word someone>" recipients in any intent;
- nouns that are not things for sale ("machine", "door", "banner", "road") left untagged
  in complaints, chitchat and out-of-scope lines;
- ranking wishes of several words ("lowest price", "top sellers", "priciest").

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["order_status"] = """
where is my [kindle paperwhite](product), it said tuesday
has the [nintendo switch](product) left the warehouse yet
any tracking for the [apple pencil](product) i ordered
my [instant pot duo](product) was meant to come yesterday
still waiting on the [stanley quencher](product) for [my sister in law](recipient)
+ omg is my [meta quest 3](product) out for delivery yet?? can't wait
when will the [airpods max](product) get here
the [kitchenaid artisan](product) i bought, is it on its way
whats happening with my [nespresso vertuo](product)
is the [bose](brand) [soundbar](product_type) dispatched
did my [nintendo](brand) [controller](product_type) ship
my [oura ring](product) order, any update
"""

TRAIN["return_item"] = """
i'd like to return the [nintendo switch](product), never opened
how do i send back my [fitbit versa](product)
can the [dyson airwrap](product) go back if i used it once
returning the [stanley quencher](product), the lid leaks
i want to swap the [birkenstock arizona](product) for a [38](size)
how do i return [2](quantity) [lululemon](brand) [leggings](product_type)
send back the [alpaca](material) [scarf](product_type), it's itchy
can i return a gift i bought for [my cousin's son](recipient)
"""

TRAIN["warranty_info"] = """
is the [kindle paperwhite](product) under warranty for 2 years
my [roomba](product) stopped charging, does the guarantee cover that
what warranty comes with the [peloton bike](product)
is the [vitamix](brand) [blender](product_type) guaranteed for the motor
does the [airpods max](product) warranty cover the headband
if my [garmin](brand) [watch](product_type) strap snaps is that covered
"""

TRAIN["payment_info"] = """
can i pay for the [nintendo switch](product) in 3 instalments
is klarna available on the [dyson airwrap](product)
can i use a gift card on the [kitchenaid artisan](product)
any payment plans for the [peloton bike](product)
can i split the cost of a [bose](brand) [soundbar](product_type)
do you take apple pay for orders over 1000
"""

TRAIN["cancel_order"] = """
cancel my [meta quest 3](product), found it cheaper
please stop the [instant pot duo](product) order
i need to cancel the [airpods max](product) i ordered by mistake
cancel the [2](quantity) [bose](brand) [speakers](product_type)
can you cancel the present for [my swim coach](recipient)
scrap the order for [my grandad's neighbour](recipient) pls
"""

TRAIN["check_stock"] = """
is the [nintendo switch](product) in stock anywhere
do you have the [kindle paperwhite](product) or is it sold out
any [stanley quencher](product) left in [sage](color)
are the [birkenstock arizona](product) back in [39](size)
is the [alpaca](material) [scarf](product_type) still available
have you got [lululemon](brand) [leggings](product_type) in [xs](size)
any [crocs](brand) or [birkenstock](brand) [sandals](product_type) in stock
do you have kids [wellies](product_type) in [size 10](size)
"""

TRAIN["add_to_cart"] = """
i'll have one [kindle paperwhite](product) please, add it
[two](quantity) [hydro flask](brand) [bottles](product_type) in the basket please
i'll need [a couple](quantity) of [tea towels](product_type) with that
chuck [a few](quantity) [tealight holders](product_type) in my basket
pop [one](quantity) of the [nintendo switch](product) in my cart
i'll take the [birkenstock arizona](product) in [40](size)
add the [alpaca](material) [scarf](product_type) in [charcoal](color)
[three](quantity) of the [bose](brand) [bookshelf speakers](product_type) for me pls
put the mens [gilet](product_type) in [l](size) in my basket
add [a dozen](quantity) [beeswax](material) [candles](product_type)
"""

TRAIN["product_info"] = """
does the [kindle paperwhite](product) have [warm light](feature)
is the [stanley quencher](product) ok for [hot drinks](feature)
how heavy is the [nintendo switch](product)
does the [oura ring](product) track [sleep](feature)
is the [peloton bike](product) [foldable](feature)
does the [airpods max](product) case [charge](feature) them
is the [alpaca](material) [scarf](product_type) [itchy](feature)
is the [velvet](material) [headboard](product_type) easy to clean
does the [bose](brand) [soundbar](product_type) have [hdmi](feature)
does the [roomba](product) work on [thick carpet](feature)
"""

TRAIN["check_price"] = """
how much is the [nintendo switch](product) right now
whats the price on the [dyson airwrap](product)
how much for [two](quantity) [hydro flask](brand) [bottles](product_type)
what does the [alpaca](material) [scarf](product_type) cost
price of the [oura ring](product)?
how much are kids [trainers](product_type)
"""

TRAIN["compare_products"] = """
[kindle paperwhite](product) or [kobo clara](product), which is better for the bath
how does the [nintendo switch](product) compare to the [switch lite](product)
[stanley quencher](product) vs [owala freesip](product)
[bose](brand) or [sonos](brand) for a [soundbar](product_type)
which is softer, [alpaca](material) or [cashmere](material)
[crocs](brand) vs [birkenstock](brand), which lasts longer
"""

TRAIN["search_product"] = """
do you sell the [nintendo switch](product)
looking for a [kindle paperwhite](product)
have you got the [dyson airwrap](product)
got any [bose](brand) [headphones](product_type)
[nintendo](brand) [games](product_type) for a 10 year old
womens [hiking boots](product_type) in [6](size)
kids [scooters](product_type) with [light up wheels](feature)
mens [swim shorts](product_type) in [navy](color)
i want [crocs](brand)... no wait, [birkenstock](brand) [sandals](product_type)
[sylvanian families](brand)? hmm actually show me [schleich](brand) [animals](product_type)
[lululemon](brand) or [gymshark](brand) [joggers](product_type)
any [alpaca](material) [jumpers](product_type)
"""

TRAIN["refine_search"] = """
sort them by [lowest price](sort)
show the [top sellers first](sort)
[priciest first](sort) please
the [cheapest first](sort) then
just the kids ones
only mens ones
only [bose](brand) or [sonos](brand)
only in [alpaca](material)
a couple more options please
"""

TRAIN["recommend"] = """
what's a good gift for [my window cleaner](recipient)
ideas for [my running club](recipient), about [£10](price_max) each
something for [my sister in law](recipient) who loves tea
what would [my chess tutor](recipient) like
[garmin](brand) or [polar](brand)? need a [smartwatch](product_type) recommendation
recommend [a few](quantity) [board games](product_type) for [my family](recipient)
what's the [top rated](sort) [kettle](product_type) you've got
"""

TRAIN["complaint"] = """
the courier threw my parcel over the fence into a puddle
my [nintendo switch](product) came with a dead pixel
the [stanley quencher](product) arrived dented, really poor
the [alpaca](material) [scarf](product_type) is already bobbling
the delivery van blocked my drive for an hour
"""

TRAIN["human_agent"] = """
can i speak to someone real instead of a bot
is there an actual human around to help
"""

TRAIN["chitchat"] = """
do you ever get bored of people asking about shoes
what's your favourite colour
"""

TRAIN["out_of_scope"] = """
what's the best route to the airport
how do i fix a squeaky door
"""

# eleventh pass, same rules: storage sizes are features, "wide fit" is a size, two brands
# side by side are two brands, a material asked about against another stays material.
TRAIN["compare_products"] += """
[nike](brand) or [puma](brand) for the gym
[le creuset](brand) vs [staub](brand), which one lasts
[asics](brand) or [brooks](brand) for flat feet
is [bosch](brand) better than [makita](brand) for drills
which is comfier, [linen](material) or [cotton](material) sheets
"""

TRAIN["product_info"] += """
is the throw [cotton](material) or [polyester](material)
is the [cashmere](material) on the [beanie](product_type) itchy at all
is the [pixel 8](product) [256gb](feature) worth it over the [128gb](feature)
does the [garmin forerunner 265](product) have [offline maps](feature)
"""

TRAIN["search_product"] += """
[extra wide](size) [trainers](product_type) for swollen feet
got any [wide fit](size) [school shoes](product_type)
[makita](brand) [drills](product_type), [best reviewed first](sort)
"""

TRAIN["warranty_info"] += """
whats the guarantee on [bosch](brand) [drills](product_type)
how long are [samsung](brand) [tvs](product_type) covered for
"""
