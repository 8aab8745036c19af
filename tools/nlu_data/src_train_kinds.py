"""Hand-written TRAIN sentences, fourteenth batch (the thirteenth stayed on a branch): the
kinds of span the five-member shipped model still read wrongly, written from its error
*categories*, never from test sentences or their product and brand names (the names below
were checked against the test file's product and brand values and none of them is among
those):

- named products whose words look like ordinary nouns, with no brand word in front ("the
  switch lite", "my echo dot", "the fire stick", "a thermomix") are one product span in
  stock, cart, order, return, payment, warranty, price and comparison lines; a model that
  ends in a number keeps the number ("the fire hd 10", "the quest 2") — it is never a
  quantity, while a real quantity before the name stays a quantity ("two of the echo dot");
- a product name followed by one of its parts or attributes: the product span stops before
  the part ("the echo dot [mic]", "the pixel watch [screen]");
- a brand alone meaning its products ("any arc'teryx?", "the hoka in uk 8", "filter it to
  new balance") is brand, never product_type, in search, refine, stock, cart and price lines;
- materials in every position: after "in", "or", "not", at the start, in post-purchase
  lines ("the rattan chair came snapped"); fixed compounds ("paper towels", "tin foil",
  "glass cleaner") stay one product_type;
- size forms after a product: jeans waist and leg ("w32 l30"), "wide fit", "petite",
  "tall", "uk 7", "eu 41", "king size";
- ranking wishes of several words tagged whole ("most popular", "best reviewed",
  "most bought", "newest first");
- nouns that are not things for sale ("beginner", "climber", "walker", "road",
  "my neighbour's dog", vinyl records as a hobby) left untagged; recipients of several words
  ("my kid's teacher") tagged whole.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["check_stock"] = """
any [switch lite](product) in [coral](color) left or all gone?
[kindle scribe](product) back in stock yet? been waiting weeks
do u have the [ipad mini](product) in [purple](color)
is the [thermomix](product) actually available or backorder only
got the [echo dot](product) in stock? the [charcoal](color) one
the [garmin fenix 7](product), still available? shop near me has none
is there any [patagonia](brand) left or has it all sold out
the [hoka](brand) in [uk 8](size), do you still have them
any [new balance](brand) in [wide fit](size) still around
[teva](brand) back in stock?? need them for my hols
is the [linen](material) [shirt](product_type) still in stock in [petite](size)
have you got the [sherpa](material) [jacket](product_type) in [xxs](size) at all
[chinos](product_type) restocked in [w32 l30](size) yet? been checking daily
is the [cast iron](material) [skillet](product_type) out of stock everywhere
do u still have the [teak](material) [bench](product_type) or was that seasonal
can i click and collect the [apple tv](product) at [leeds](location) today
is the [vision pro](product) in stock at the [westfield](location) store
any [quest 2](product) left, even refurbished ones are fine
[chromecast](product) sold out again?? seriously
do you still stock [rab](brand) or did you drop them
"""

TRAIN["add_to_cart"] = """
add [two](quantity) of the [echo dot](product) please
put the [switch lite](product) in my basket
chuck a [chromecast](product) in the cart too while you're at it
i'll take [three](quantity) of the [yeti rambler](product) in [navy](color)
add [1](quantity) [playstation 5](product) to basket, the disc one
yes go on, add the [pixel watch](product) to my cart
[galaxy buds](product) in [white](color) into the basket pls
add a pair of [asics](brand) in [eu 41](size)
pop the [hoka](brand) in [uk 7](size) in my bag
[4](quantity) [anker](brand) [chargers](product_type) in my cart please
stick the [cashmere](material) [gloves](product_type) in [s](size) in there as well
add the [velvet](material) [footstool](product_type) in [emerald](color), [two](quantity) of them
can u add the [bamboo](material) [bedding set](product_type) in [king size](size)
add the [jeans](product_type) in [w36 l32](size)
the [roomba combo](product) on offer, add that one please
i want the [fire stick](product), whack it in the basket
add [a couple](quantity) of [fire hd 10](product) for the kids' car trips
add the [north face](brand) [gilet](product_type) in [m](size)
the [satin](material) [pillowcase](product_type) too please, add it
[six](quantity) [silicone](material) [baking mats](product_type) in my trolley
"""

TRAIN["order_status"] = """
where's my [kindle scribe](product)?? ordered it last monday
has the [thermomix](product) shipped yet, order [KF-48107](order_id)
tracking on the [playstation 5](product) pls
is the [vision pro](product) on its way or not
any news on my [quest 2](product)
the [teak](material) [garden table](product_type), when is that arriving
when do my [hoka](brand) get here
did the [rattan](material) [armchair](product_type) for [my kid's teacher](recipient) go out yet
has the present for [my nan's carer](recipient) been sent
order status on the [galaxy buds](product) please, it's [WEB339201](order_id)
is my [chromecast](product) still stuck on processing
the [marble](material) [coasters](product_type) haven't moved in tracking for 4 days
where are my [new balance](brand) at, it's been a week
+ ooh is the [apple tv](product) arriving today? 🙌
"""

TRAIN["cancel_order"] = """
cancel the [echo dot](product) order pls, changed my mind
i need to cancel the [ipad mini](product), picked the wrong colour
can u stop the [garmin fenix 7](product) before it ships
cancel [one](quantity) of the [galaxy buds](product), i only need the one pair
please cancel the [velvet](material) [sofa](product_type), delivery date is way too late
cancel the [patagonia](brand) order, found it in a sale elsewhere
scrap my [roomba combo](product) order
cancel the [oak](material) [bookcase](product_type) i got for [my godson](recipient)
i'd like to cancel [E4418203](order_id), that's the [apple tv](product)
- don't send the [fire stick](product), just cancel it, waited long enough
"""

TRAIN["return_item"] = """
can i return the [switch lite](product) if i've opened the box
sending back the [kindle scribe](product), the screen is too glossy for me
how do i return the [vision pro](product)? it gives me a headache
want to return [two](quantity) of the [echo dot](product), only needed the one
the [suede](material) [loafers](product_type) pinch, can i swap for [uk 10](size)
returning the [jeans](product_type), [w32 l30](size) is way too long in the leg
can i send the [denim](material) [jacket](product_type) back and get a [petite](size)
are the [merino](material) [socks](product_type) returnable if unopened?
i'd like to return the [asics](brand), they rub my heel
the [thermomix](product) jug is cracked, i want to send it back
return the [ceramic](material) [planter](product_type), shade is wrong
how to return a [playstation 5](product) bought for [my stepson](recipient)
exchange the [hoka](brand) in [eu 42](size) for half a size up
can the [cork](material) [yoga mat](product_type) go back if i used it once
"""

TRAIN["payment_info"] = """
can i pay for the [vision pro](product) monthly
does paypal work for the [thermomix](product)?
is there a pay in 3 option on the [playstation 5](product)
can i use two gift cards on the [ipad mini](product)
do you take google pay for the [garmin fenix 7](product)
will my card get charged now or when the [kindle scribe](product) ships
can i pay cash on delivery for the [teak](material) [dining table](product_type)
apple pay ok for the [apple tv](product)? lol
"""

TRAIN["warranty_info"] = """
warranty length on the [roomba combo](product)? can't find it anywhere
my [echo dot](product) [mic](feature) stopped working, is that covered
does the [quest 2](product) warranty include the [controllers](feature)
is the [pixel watch](product) [screen](feature) covered if it cracks
[garmin fenix 7](product) [battery](feature) is dying after 8 months, warranty job?
what's the guarantee on the [cast iron](material) [casserole dish](product_type)
does the [thermomix](product) come with an extended warranty option
the [switch lite](product) [joystick](feature) drifts, can i claim on that
any warranty on the [stainless steel](material) [pans](product_type)?
is the [vision pro](product) covered for accidental damage
the [fire hd 10](product) [charging port](feature) broke, am i covered
[oak](material) [desk](product_type) leg split after a month, does the guarantee cover it
"""

TRAIN["product_info"] = """
how long does the [bose qc ultra](product) [battery](feature) last on one charge
is there a [mic](feature) on the [echo dot](product) or is it speaker only
can you read the [kindle scribe](product) in the dark, is there a [backlight](feature)
will the [yeti rambler](product) survive the dishwasher, is it actually [dishwasher safe](feature)?
does the [apple tv](product) do [dolby atmos](feature)
what size is the [screen](feature) on the [ipad mini](product)
does the [pixel watch](product) [strap](feature) come off easily
can the [galaxy buds](product) [case](feature) charge wirelessly
is the [linen](material) [shirt](product_type) see through in [white](color)
does that one come in [suede](material) too
is the [satin](material) [slip dress](product_type) lined
is the [cast iron](material) [griddle](product_type) pre-seasoned or do i do it
does the [jute](material) [doormat](product_type) shed much
can i chuck the [tweed](material) [blazer](product_type) in the wash or is it dry clean only
is a [remote](feature) included in the [chromecast](product) box
does the [roomba combo](product) [mop](feature) lift up on carpet
how heavy is the [marble](material) [lamp base](product_type)
is the [disc drive](feature) included with the [playstation 5 slim](product)
do [hoka](brand) come up small?
is the [garmin fenix 7](product) [waterproof](feature) enough for open water
"""

TRAIN["check_price"] = """
how much r u selling the [switch lite](product) for rn
price on the [vision pro](product)? probably insane lol
what does the [thermomix](product) cost with delivery
price for [two](quantity) [chromecast](product)?
how much are [asics](brand) at the moment
what do [new balance](brand) go for on here
how much is that [cashmere](material) [wrap](product_type)
cost of the [oak](material) [coffee table](product_type)?
the [ipad mini](product) in [256gb](feature), what's that cost
is the [quest 2](product) still under [£250](price_max)
what's the [stainless steel](material) [water bottle](product_type) going for
[echo dot](product) price pls
how much would the [velvet](material) [ottoman](product_type) be
is [patagonia](brand) stuff ever discounted or always full price
"""

TRAIN["compare_products"] = """
[kindle scribe](product) or [ipad mini](product) for taking notes in lectures
[merino](material) vs [cashmere](material) for winter, which keeps you warmer
[rain jacket](product_type) from [patagonia](brand) or [north face](brand), which is more waterproof
[echo dot](product) vs [nest mini](product), which sounds better
[apple tv](product) or [fire stick](product) for an old telly
[playstation 5](product) vs [xbox series x](product) for a 12 year old
[quest 2](product) vs [vision pro](product), is the price gap worth it
[teak](material) or [acacia](material) for stuff that lives outside all year
[galaxy buds](product) or [pixel buds](product) with an android phone
[hoka](brand) vs [asics](brand) for marathon training
[cast iron](material) or [stainless steel](material) [pan](product_type) for a beginner cook
[fire hd 10](product) vs [ipad mini](product) for a kid's first [tablet](product_type)
"""

TRAIN["refund_status"] = """
refund for the [switch lite](product) still isn't in my account
- [vision pro](product) went back ages ago and my bank shows nothing
sent the [roomba combo](product) back 2 weeks ago, where's the refund
has the refund for the [suede](material) [chelsea boots](product_type) gone through
refund status on the [asics](brand) i sent back?
any update on my refund for the [echo dot](product), order [ORD-550128](order_id)
still waiting on money for the [cashmere](material) [socks](product_type)
- was only refunded half for the [apple tv](product)?? where's the rest
"""

TRAIN["complaint"] = """
[rattan](material) [chair](product_type) turned up with a snapped leg
my [echo dot](product) keeps disconnecting, absolutely useless
the [yeti rambler](product) lid leaks all over my bag
[kindle scribe](product) screen was scratched straight out of the box
this [linen](material) [dress](product_type) shrank after one wash, terrible quality
the [velvet](material) [armchair](product_type) already has a mark on it
the driver left the box by my neighbour's dog kennel in the rain
the road outside was open and your courier still said he couldn't get to me
ordered the [jeans](product_type) in [w34 l30](size) and you sent [w30 l30](size)
[chromecast](product) came without a power cable, rubbish
the [marble](material) [serving board](product_type) arrived in pieces
my [hoka](brand) fell apart after a month, not impressed at all
the [silicone](material) [ice cube trays](product_type) smell awful
"""

TRAIN["search_product"] = """
any [arc'teryx](brand) on here?
looking for [north face](brand) stuff
is the [thermomix](product) something you sell
have you got [jute](material) [placemats](product_type)
i'm a beginner runner, need some [running shoes](product_type)
want a [bamboo](material) [toothbrush](product_type) that isn't a rip off
[sherpa](material) [blankets](product_type), nothing over [£40](price_max)
[cork](material) [coasters](product_type)?
[tweed](material) [flat cap](product_type) for [my grandad](recipient)
do u stock [ugg](brand)
need a [marble](material) [side table](product_type) for the lounge
[satin](material) [bonnet](product_type) for sleeping in, curly hair
do you have [paper towels](product_type) in bulk
i'm a climber, looking for a decent [chalk bag](product_type)
[petite](size) [dresses](product_type) in [navy](color)?
[wide fit](size) [walking shoes](product_type) for a bad bunion
[linen](material) [duvet cover](product_type) in [king size](size)
need [tin foil](product_type) and [glass cleaner](product_type), do you do household stuff
"""

TRAIN["refine_search"] = """
[asics](brand) only thanks
can you filter it down to [new balance](brand)
[lowest price](sort) at the top please
can i see the [best reviewed](sort) ones
put the [most popular](sort) stuff up front
order them by [top rated](sort)
whats [bestselling](sort) out of this lot
just show what's [most bought](sort) this week
can it go [highest rated](sort) downwards
[newest first](sort) pls
i only care about [lowest cost](sort), order it that way
[oak](material) only, not [pine](material)
can i see them in [denim](material) instead
i'm a [w31 l34](size), just show those
only [tall](size) sizes
in [uk 7](size) or [uk 7.5](size)
what about in [merino](material)
just [patagonia](brand) or [north face](brand) please
only stuff above [£30](price_min)
"""

TRAIN["recommend"] = """
end of year gift ideas for [my kid's teacher](recipient)?
a present for [my piano teacher](recipient) under [£25](price_max)
what's the [most popular](sort) [air fryer](product_type) right now
recommend me whichever [hiking socks](product_type) are [best reviewed](sort)
i'm a keen walker, which [walking socks](product_type) do you rate
need something for [my son's football coach](recipient), any ideas
recommend a [ceramic](material) [frying pan](product_type) that's properly [non stick](feature)
what would suit [my new neighbours](recipient) as a housewarming gift
"""

TRAIN["shipping_info"] = """
how long does delivery take on the [thermomix](product)
do you ship the [teak](material) [garden bench](product_type) to [ireland](location)
can the [vision pro](product) be delivered next day
is delivery free on [marble](material) stuff, it's heavy
the road to my house is a dirt track, will your courier manage it
"""

TRAIN["chitchat"] = """
lol my cat just sat on the keyboard
i'm a total beginner at knitting, wish me luck
been getting into vinyl lately, do bots have taste in music?
do you like rainy days
the roads round here are a nightmare today haha
"""

TRAIN["out_of_scope"] = """
how do i get my neighbour's dog to stop barking at night
can you make me a marathon plan, i'm a beginner
how do you clean old vinyl records properly
did arsenal win last night
write me something for a birthday banner for my son
"""

TRAIN["human_agent"] = """
i need a real person about my [playstation 5](product) order
can an actual human look at my [apple tv](product) problem please
"""

TRAIN["thanks"] = """
thanks, the [kindle scribe](product) came and it's lovely
cheers for sorting the [roomba combo](product) refund so quick
"""

TRAIN["affirm"] = """
yes, the [oak](material) one
yeah the [galaxy buds](product) are the ones i meant
"""

TRAIN["deny"] = """
no not in [suede](material), i said [leather](material)
nah not the [switch lite](product)
"""
