"""Hand-written TRAIN sentences, second batch: more tone (negative / positive),
price ranges, sort wishes, comparisons and product questions.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["greet"] = """
+ heyyy!! so happy you guys have a chat now
+ hi kefu, hope your day's going great 😊
+ good morning!! ☀️
+ hello, lovely to be here
- hello. finally someone answers
- hi, this had better work this time
- ugh hi
+ hey hey, you're my fav shop 💜
"""

TRAIN["goodbye"] = """
+ bye, you've been brilliant
+ great chatting, see ya!
+ have an awesome weekend, bye
- bye, not that you helped
- forget this, i'm leaving
- i'm done. bye
+ night night, thanks kefu 💤
"""

TRAIN["affirm"] = """
+ yes please, that'd be amazing
+ ooh yes go for it
+ yes!!! exactly what i wanted
- yes, obviously
- yeah yeah fine, do it
- ugh ok, yes
+ sure, sounds perfect 😊
"""

TRAIN["deny"] = """
- no, that's not what i asked for at all
- nope. wrong again
- no, stop suggesting that
- absolutely not, are you kidding
+ no thanks, i'm all sorted 😊
+ nah i'm good, thank you though!
+ haha no, but nice try
"""

TRAIN["chitchat"] = """
+ you're honestly so helpful, are you a real person?
+ haha you made my day
+ i could chat with you all day lol
- can you even understand me
- you're the most annoying bot ever
- talking to you is like talking to a wall
+ how are you today, lovely bot?
"""

TRAIN["out_of_scope"] = """
- why can't you just tell me the football scores
+ lol can you write me a birthday song for my friend
- useless, you can't even tell me the time in tokyo
+ hehe can you help me pick a name for my puppy
what's the best route to drive to manchester
can you check my horoscope
"""

TRAIN["human_agent"] = """
- this is a waste of time, i need a human right now
- your bot is hopeless, let me speak to a manager
- for the 5th time: REAL PERSON
+ hi! is there a lovely human i could talk to about my order?
+ could a team member help me out? much appreciated 😊
"""

TRAIN["complaint"] = """
this is the second [vacuum](product_type) that's broken within a month
i paid £120 for [headphones](product_type) that sound like a tin can
the [ring](product_type) i ordered turned my finger black, it's meant to be [sterling silver](material)
the [nespresso](brand) pods you sent are expired
your app charged me in dollars instead of pounds
my order [HZ-33019](order_id) came with someone else's name on it
the [yoga mat](product_type) stinks of rubber and won't stop
the [cashmere](material) [jumper](product_type) is obviously not cashmere
three different couriers and still no parcel, it's a joke
the [air purifier](product_type) is louder than my fridge, what a waste of money
"""

TRAIN["search_product"] = """
any [sneakers](product_type) between [$60](price_min) and [$90](price_max)
show me [rugs](product_type) over [£80](price_min) in [wool](material)
[phones](product_type) under [400 bucks](price_max) with a good [camera](feature)
i want a [watch](product_type) that costs more than [1000](price_min)
[headphones](product_type) from [50](price_min) to [120](price_max)
[sofas](product_type) no more than [900](price_max)
show [dresses](product_type) [newest first](sort)
[cheapest](sort) [hdmi switch](product_type) you have
what are the [best selling](sort) [water bottles](product_type)
[highest rated](sort) kids [tablets](product_type)
[most popular](sort) [board games](product_type) under [$30](price_max)
[air purifiers](product_type) at least [$150](price_min)
looking for [jewelry](product_type) for [my wife](recipient) over [200 dollars](price_min)
[bluetooth speakers](product_type) less than [60 euros](price_max), [waterproof](feature) ideally
i need a [tent](product_type) around [$150](price_max) max
do you have [espresso cups](product_type) [lowest price first](sort)
[gaming monitors](product_type) above [300](price_min) sorted by [reviews](sort)
+ yay looking for [fairy lights](product_type) for my room, [cheapest](sort) pls!
- is there ANY [laptop](product_type) under [$500](price_max) on this site that isn't rubbish
+ so excited, i'm looking for a [wedding dress](product_type) between [1000](price_min) and [2500](price_max)
- i just want a [kettle](product_type) that isn't [plastic](material), is that too much to ask
[running watches](product_type) [best rated first](sort)
[trending](sort) [sneakers](product_type)
[new arrivals](sort) in [jackets](product_type)
[beanbags](product_type) for [a teenager](recipient) in [grey](color)
"""

TRAIN["refine_search"] = """
show me only ones above [$100](price_min)
nothing under [30](price_min) please, they look cheap
can you cap it at [£250](price_max)
set the max to [75](price_max)
between [£40](price_min) and [£60](price_max) please
no more than [200 euros](price_max)
up to [$35](price_max)
more than [500](price_min) is ok actually
minimum [80 bucks](price_min)
sort by [lowest price](sort)
order by [newest](sort)
put the [best sellers first](sort)
[price high to low](sort) please
[top rated](sort) only
sort them by [popularity](sort)
can you rank them by [customer reviews](sort)
[most recent first](sort)
+ amazing, now sort by [best rated](sort) pls
+ ooh these are cute, any under [$20](price_max)?
- these are way over my budget, under [£50](price_max) please
- stop showing me [samsung](brand), i said [apple](brand)
- no not those, [cheapest first](sort) like i asked
- too pricey, what's under [40](price_max)
+ perfect, just the [green](color) ones now
"""

TRAIN["recommend"] = """
what's the [best value](sort) [laptop](product_type) under [$800](price_max)
best [headphones](product_type) over [200](price_min) you'd suggest?
recommend a [watch](product_type) between [£100](price_min) and [£300](price_max) for [my husband](recipient)
what would you get [my sister](recipient) for under [40 euros](price_max)
what are the [top rated](sort) [air fryers](product_type) right now
which [mattress](product_type) is the [best reviewed](sort)
what's the [most popular](sort) gift for [teenagers](recipient)
i want something special for [my mum](recipient), can spend more than [$150](price_min)
+ i loved the last thing you suggested! what else for [my dad](recipient) under [$60](price_max)?
+ super excited to treat myself, what's the [best](sort) [perfume](product_type) you have
- everything you suggest is too expensive, what's decent under [£20](price_max)
- just recommend something, i don't have all day
+ what's a really cute gift for [my best friend](recipient)?
what [skincare](product_type) is [trending](sort) at the moment
what's the [newest](sort) [phone](product_type) you'd recommend
"""

TRAIN["product_info"] = """
can you tell me if the [nintendo switch oled](product) has a [kickstand](feature)
i'm curious about the [bose soundlink flex](product), can it [float](feature)
how [wide](feature) is the [second](ordinal) sofa
what's the [bristle](feature) type on the [philips sonicare 4100](product)
[kindle scribe](product) - does it need a [pen](feature) bought separately
+ the [le creuset](brand) [casserole](product_type) is gorgeous, is it [induction](feature) compatible?
- seriously, does the [vitamix 5200](product) have a [timer](feature) or anything
- this page says nothing, what [size](feature) is the [first](ordinal) one actually
for the [dyson v8](product), is the [battery](feature) removable
tell me about the [garmin venu 3](product)
what features does the [samsung galaxy watch 6](product) have
what are the specs on the [lenovo legion 5](product)
i'd like more info on the [third](ordinal) [jacket](product_type)
what [cut](feature) are the [levis 511](product)
will the [ninja creami](product) make [sorbet](feature)
do the [bamboo](material) [socks](product_type) shrink
how warm is the [patagonia](brand) [fleece](material) [vest](product_type)
the [last](ordinal) one, is it [real wood](material) or [mdf](material)
is the [weber](brand) [grill](product_type) [cover](feature) included
would the [ikea kallax](product) fit vinyl records
any info on how [quiet](feature) the [dyson purifier cool](product) is
can u check if the [bosch](brand) [drill](product_type) has [hammer](feature) mode
who's the [manufacturer](feature) of the [fourth](ordinal) one
does the [tent](product_type) come with [stakes](feature)
how many [cups](feature) does the [moccamaster](product) make
"""

TRAIN["compare_products"] = """
which is better for the money, [ps5](product) at [$450](price_max) or [xbox series s](product)
under [$300](price_max), [ipad](product) or [galaxy tab s9 fe](product)?
compare the [cheapest](sort) and the [best rated](sort) ones
i can't choose between the [sony a6400](product) and [fujifilm x-t30](product)
+ both are lovely! [linen](material) or [cotton](material) for summer [dresses](product_type)?
- just tell me which one is better, the [second](ordinal) or the [third](ordinal), stop waffling
how does [huel](brand) compare to [myprotein](brand)
which is more [accurate](feature), [polar h10](product) or [garmin hrm pro](product)
[whoop 4.0](product) vs [oura ring](product) for [sleep tracking](feature)
which of the [two](quantity) [kettles](product_type) boils faster
is the [airfryer xl](product) any better than the regular one
[marshall](brand) or [jbl](brand), which has better [bass](feature)
what's the real difference between [oled](feature) and [qled](feature) [tvs](product_type)
compare [vans old skool](product) and [converse chuck 70](product)
which one is cheaper in the long run
[ikea](brand) or [wayfair](brand) for a [bed frame](product_type)
which is [better rated](sort), the [ninja](brand) or [instant pot](brand)
which [kindle](brand) is better for [my grandma](recipient), the [paperwhite](product) or the [basic kindle](product)
"""

TRAIN["check_price"] = """
how much is the [xbox series s](product) now
+ omg how much is the [rose gold](color) [airwrap](product)?? want it
- how much is this [sofa](product_type), the page doesn't even say
- why does the price keep changing, what's the actual price of the [iphone 15](product)
+ how much for [two](quantity) of the lovely [linen](material) [tablecloths](product_type)?
does the [lego death star](product) cost over [$500](price_min)
are any [coffee machines](product_type) under [£100](price_max) or are they all more
is the [bose](brand) [speaker](product_type) less than [$200](price_max)
what's the [lowest](sort) price you've had the [ps5](product) at
what's the price of the [best selling](sort) [moisturiser](product_type)
"""

TRAIN["check_stock"] = """
+ yay, is the [lego](brand) [botanical](feature) set back in stock? need it for [my mum](recipient)
- third time asking, is the [ps5 pro](product) in stock or not
- why is the [ninja creami](product) always sold out
+ hi! any chance the [ivory](color) [knit](material) [cardigan](product_type) is back?
do you have the [cheapest](sort) one in stock
are any of the [top rated](sort) [strollers](product_type) available
do you have any [tvs](product_type) under [$500](price_max) in stock
"""

TRAIN["add_to_cart"] = """
+ yes!! add the [gold](color) one, i love it
+ this is perfect, put [2](quantity) in my cart please 😍
- ugh ok add the [second](ordinal) one, i can't be bothered looking more
- just add it already
add the [top rated](sort) [air fryer](product_type)
add the [newest](sort) model to my basket
"""

TRAIN["order_status"] = """
+ super excited for my [ps5](product)! any idea when it'll show up?
+ hiya, just wondering where order [RT-4471](order_id) is, no rush 😊
- this is ridiculous, where is order [58831](order_id)??
- 3 weeks. 3 WEEKS. where is my parcel
- tracking hasn't updated since monday, what's going on with [KF-19284](order_id)
"""

TRAIN["cancel_order"] = """
- cancel it, your delivery times are a joke
- i want order [HZ-30211](order_id) cancelled, i'm fed up
+ hi, sorry to be a pain, could you cancel my order? found what i needed elsewhere, thanks!
+ no worries if not, but can i cancel the [blender](product_type)?
"""

TRAIN["return_item"] = """
- this [jacket](product_type) is rubbish, how do i return it
- i want to return the [tv](product_type) and never buy from you again
+ great service but the [boots](product_type) don't fit, could i exchange for a [38](size)?
+ hi, how do i return a gift? [my aunt](recipient) bought me [2](quantity) of the same [book](product_type) haha
"""

TRAIN["refund_status"] = """
- this is a joke, where is my refund for [RX-55019](order_id)
- 30 days and still no refund. unacceptable
+ hi! any update on my refund? thanks so much
+ the return was so easy, just checking when the refund lands
"""

TRAIN["shipping_info"] = """
- why do you charge £6 for delivery, that's ridiculous
- shipping to [ireland](location) takes forever, why
+ do you deliver to [scotland](location)? would love to order 😊
+ amazing, is next day delivery free?
"""

TRAIN["payment_info"] = """
- why is there no paypal option, ridiculous
- your checkout keeps rejecting my card, fix it
+ love that you have klarna! how many instalments can i do?
+ ooh do students get a discount code?
"""

TRAIN["warranty_info"] = """
- it broke after 2 months, the warranty better cover this
- don't tell me the [headphones](product_type) aren't covered
+ lovely [toaster](product_type)! just wondering about the warranty
+ thanks for the great [drill](product_type), how long's the guarantee?
"""

TRAIN["thanks"] = """
thanks, that's made my day
thank you so much, you've been amazing
"""

# third batch: price_min coverage in many positions
TRAIN["search_product"] += """
over [$50](price_min) is fine, i just need decent [work gloves](product_type)
[road bike](product_type), not less than [£700](price_min)
show me [watches](product_type) above [3k](price_min)
[handbags](product_type) starting from [200](price_min)
i'm after a [suit](product_type), [wool](material), [300 pounds](price_min) or more
do u have any [espresso machines](product_type) that cost more than [400](price_min) and under [700](price_max)
[hiking boots](product_type) at least [120 euros](price_min), the cheap ones hurt my feet
- every [chair](product_type) here is junk, show me ones over [250](price_min)
something [premium](feature), [500 dollars](price_min) plus, [noise cancelling](feature) [headphones](product_type)
[skis](product_type) from [$400](price_min) upwards
"""

TRAIN["refine_search"] += """
only above [60](price_min) please
what about stuff over [£90](price_min)
anything pricier? like over [150](price_min)
raise the minimum to [$40](price_min)
i don't mind paying more, [250 euros](price_min) and up
starting at [20 bucks](price_min) is fine
filter out everything below [$75](price_min)
+ nice, now only ones from [100](price_min) to [200](price_max)
"""

TRAIN["recommend"] += """
what's a good [camera](product_type) for more than [$600](price_min)
happy to spend over [£70](price_min), what [running shoes](product_type) would you pick
best [mattress](product_type) above [800](price_min)?
i have at least [50 euros](price_min) to spend on [my brother](recipient), what do you suggest
"""

TRAIN["check_price"] += """
are there any [drones](product_type) that cost more than [$1000](price_min)
is anything in [jewellery](product_type) priced above [£500](price_min)
"""

TRAIN["check_stock"] += """
do you have any [gaming chairs](product_type) over [$200](price_min) available now
anything above [100](price_min) in stock for [blenders](product_type)
"""

TRAIN["compare_products"] += """
are [headphones](product_type) over [$300](price_min) really better than the cheap ones
is it worth going above [£1000](price_min) for a [laptop](product_type)
"""
