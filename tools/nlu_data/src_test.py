"""Hand-written TEST sentences (written separately from train: other shoppers,
other wording, other products/brands/values). Never varied by the generator.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default neutral, thanks positive, complaint negative); "//" comment.
"""

TEST = {}

TEST["greet"] = """
heyyyy good morning
hi hi anyone home
+ helloooo kefu!! 🌞
evening all
oi bot, awake?
hullo
hello there friend
hey what's up kefu
hi, got a sec?
mornin
yo whats good
+ hey hey hey 😄
good morning to you
hi hello hey
sup dude
hello!! need a hand pls
hi bot 🙂
howdy howdy
hey i'm back again
hi there, anyone around to help?
hey kefu, long time
"""

TEST["goodbye"] = """
right, i'm off now, bye
ok cool, later
bye bye kefu
+ thanks for everything, have a lovely evening, bye!
see ya later alligator
that's me done, cheerio
cheerio
gotta bounce
ok ttyl
nite
- this is pointless, bye
i'll be back later, bye for now
alright i'm logging out
peace
take it easy
im off to bed, night
k see u
bye, speak soon
ok, ending the chat now
all done, see you next time
later!
"""

TEST["thanks"] = """
thank you very much for the help
thx so much!!
ok ty
brilliant cheers
thanks buddy
appreciated!
legend, thanks
thanks, that sorted it
many thanks for your time
thank you, this was really useful
ta muchly
aw thanks 🥰
ah you found it, thanks heaps
that's super, thank you
thankyou so much kefu
u r a star ty
much obliged
ok perfect, thanks a ton
cheers for that
thank you for being patient with me
thanks a lot, really helped
"""

TEST["affirm"] = """
+ yes that's perfect
yeah yeah go on
yess please
sure, sounds fine
yep yep
ok do that
absolutely yes
yup, that's the one
that's it exactly
+ yes!! perfect
correctamundo
ok go
sounds about right
yah
yep, carry on
ok cool do it
sure sure
right on
yes, correct
aight
yeah that's fine by me
"""

TEST["deny"] = """
nah not that
no that's not what i meant
nope, not interested thanks
nah don't worry about it
no no no
- certainly not
not right now thanks
i'd rather not
nah, skip
no, that's incorrect
nope don't
no i don't want to
nah don't bother
not what i asked for
no, wrong one
nah mate
that's a no from me
nah, don't need it thanks
eh not really tbh
nope, maybe another time
no, i'm fine
"""

TEST["chitchat"] = """
how's your day going
are u real or a computer
what should i call you
is there a person typing this
do you like being a bot
+ you're actually pretty helpful lol
+ aww you're sweet
- ur kind of useless tbh
- dumb bot
are you a girl
what's your favourite movie
do you have a body
do you get lonely
haha ok
lol nice
whats new with you
do you ever take a break
what languages can you speak
are you made by openai
how smart are you
i'm just chatting, don't mind me
"""

TEST["out_of_scope"] = """
what's the forecast for seattle this week
is it hot in cairo in july
can you solve 5x - 4 = 21 for me
what's 345 divided by 15
who's the prime minister of canada
what's your opinion on the election
book a train to edinburgh for tomorrow
can you get me a dinner reservation tonight
my throat is sore, should i see a doctor
what's a good dose of melatonin
tell me something funny about penguins
what's the exchange rate for yen
who won the champions league
write my history assignment please
how do i jump start a car
what's the best way to learn guitar
help me plan a trip to bali
how many miles is it to the moon
can you help me with my divorce
what's the traffic like on the m25
is ethereum going up
"""

TEST["complaint"] = """
my [xiaomi 13t](product) arrived with a dead battery, so annoying
this is the third time my delivery has been late. unbelievable
the [linen](material) [curtains](product_type) came full of holes
got a [mint](color) [kettle](product_type) when i clearly ordered [ivory](color)
parcel was left in the rain and everything inside is soaked
order [SO-100234](order_id) is a mess, two items are broken
the [smeg](brand) [toaster](product_type) scorches everything, terrible
you took the money out of my account twice!!
the [puma](brand) [joggers](product_type) came with a hole in the seam
the [dr martens 1460](product) you sent have a scuff on the toe, not acceptable
my [steam deck](product) screen is flickering out of the box
i've had zero replies to my emails in 2 weeks
your driver damaged my front door
the [velvet](material) [cushion covers](product_type) faded after a week in the sun
i ordered a size [XL](size) but the tag says [S](size)
the [tonies box](product) doesn't charge at all, my kid is in tears
why is the quality so bad now
i'm really annoyed, order [ORD7781234](order_id) was supposed to arrive tuesday
the [ember mug 2](product) stopped heating after a few days
the [bamboo](material) [sheets](product_type) pilled straight away
this site is so buggy i can't even log in
"""

TEST["human_agent"] = """
pls let me chat with a human being
can i get put through to a rep
i need a live person please
- enough with the bot, get me a real agent
- i'm not talking to a machine anymore. human!
who do i call for help
what's the number for your helpline
can a real person contact me by phone
i'd like to speak to someone on your team about order [KX-55-9012](order_id)
is there a supervisor i can talk to
transfer to customer care
can a staff member help me with a big order of [80](quantity) [hoodies](product_type)
i want to talk to an actual employee about my [surface pro 9](product)
is someone from tech support around
can i speak with a person in sales
connect me with the returns team please
+ hi there, could you put me in touch with an advisor please? thanks!
need to talk to a human about my account
hand me over to a person pls
can i reach a real human on the weekend
please get someone to email me back
"""

TEST["search_product"] = """
do u sell [skullcandy](brand) [earbuds](product_type)
after a [merino wool](material) [base layer](product_type) in [medium](size)
need [waterproof](feature) [walking boots](product_type) womens [uk 6](size)
got any [breville](brand) [toasters](product_type) under [£70](price_max)?
show me [tablets](product_type) over [300 euros](price_min) with [stylus support](feature)
i'm searching for [vans old skool](product) in [checkerboard](color)
lookin for a [rattan](material) [garden chair](product_type)
any [mirrorless cameras](product_type) between [600](price_min) and [900 dollars](price_max)?
kids [scooters](product_type) pls
i need [a few](quantity) [storage boxes](product_type) with lids
where do i find [baby wipes](product_type)
got [sennheiser momentum 4](product)?
which [electric kettles](product_type) are [top rated](sort)
show [polarised](feature) [sunglasses](product_type) by [oakley](brand)
+ ooh do you have [uniqlo](brand) [fleece](material) [jackets](product_type) in [sand](color)?
[levi's 501](product) [w30 l32](size)
do you have [cosrx snail mucin](product)
i'm after a [turquoise](color) [swimsuit](product_type), size [12](size)
[portable](feature) [projector](product_type) for under [250 bucks](price_max)
- i've been scrolling forever, do you even have [wide fit](size) [work boots](product_type)??
find me the [lowest priced](sort) [dash cam](product_type)
looking for some [organic](feature) [green tea](product_type) bags
"""

TEST["refine_search"] = """
hmm anything a bit less expensive?
only the [ivory](color) ones pls
show me a few more
can u filter to [puma](brand)
nothing from [xiaomi](brand) please
nothing over [60 quid](price_max) please
nothing below [$150](price_min), i want decent quality
i wanna see [newest arrivals](sort) at the top
can you order them [price high to low](sort)
in [matte black](color) maybe?
only size [uk 5](size) please
[suede](material) ones only if u have them
only the [rechargeable](feature) ones
got anything similar to the [fourth](ordinal) pair?
what about ones from [marshall](brand)
- none of these are right, try again
+ ooh nice, can i see more in [peach](color)?
filter by [customer rating](sort)
just ones between [20](price_min) and [35 dollars](price_max)
do any of those come in [corduroy](material)
got lower priced ones than these?
[lavender](color) option?
"""

TEST["recommend"] = """
what would u suggest for a [camping stove](product_type)
i'm stuck, what do i get [my stepmom](recipient) for christmas
any gift ideas for [my goddaughter](recipient), she's 7
what's worth buying for [a 4yo](recipient) who loves dinosaurs
which [e-reader](product_type) would you pick under [£120](price_max)
got any recommendations for [a newborn baby](recipient)
what's your [top selling](sort) [face serum](product_type)
i'm a beginner climber, which [harness](product_type) should i go for
suggest a present for [my fiancé](recipient) around [$80](price_max)
what's a decent budget [projector](product_type) you'd recommend
+ you always have good picks! what [cookbook](product_type) should i get next?
- just pick something for me, i can't be bothered anymore
what [dog harness](product_type) would you recommend for a big dog
best [sleep mask](product_type) you'd suggest?
what's a fun [gadget](product_type) for [my flatmate](recipient)
which [pram](product_type) would you choose for city walks
i want to get into vinyl, what [record player](product_type) do you recommend
help, birthday gift for [my grandson](recipient) over [40 dollars](price_min)
what [houseplant](product_type) is hard to kill
which [hiking backpack](product_type) would you go for, [osprey](brand) or [deuter](brand)
any suggestions for [my 15 year old](recipient) who's into football
"""

TEST["product_info"] = """
is the [polar vantage v3](product) ok for swimming
can i take calls on the [marshall emberton ii](product), like is there a [mic](feature)
how long does the [beats fit pro](product) [battery](feature) actually last
[third](ordinal) one, what's it actually made from
can the [breville barista express](product) make [cold brew](feature)
is a [keyboard](feature) included with the [surface pro 9](product) or extra
is that [rug](product_type) [washable](feature)
are the [salomon xt-6](product) good in snow or are they slippery
what [chip](feature) is in the [thinkpad x1 carbon](product)
[instax mini 12](product) - how many [megapixels](feature)?
can i charge the [nothing ear 2](product) case [wirelessly](feature)
is the [yankee candle](brand) [jar](product_type) [soy](material) or [paraffin](material)
what age range is the [magna-tiles](product) set
- does the [ring video doorbell](product) even work without a subscription?
+ the [dji mini 4 pro](product) looks sick, how long can it [fly](feature) for?
the [2nd](ordinal) pair, are they [stretchy](feature) at all
do the [uniqlo ultra light down](product) jackets [pack](feature) into a bag
[coros pace 3](product) has a [touchscreen](feature) or [buttons](feature) only?
how thick is the [remarkable 2](product)
will the [delonghi magnifica](product) froth milk? does it have a [milk frother](feature) wand
is the [mohair](material) in the [cardigan](product_type) soft or scratchy
"""

TEST["compare_products"] = """
[oneplus 12](product) or [galaxy s24](product), which has better [battery](feature)
how does the [steam deck](product) stack up against the [rog ally](product)
compare the [first](ordinal) and the [fourth](ordinal) for me
is there much difference between [sennheiser](brand) and [audio-technica](brand)
[kobo libra 2](product) versus [remarkable 2](product) for reading pdfs
which is warmer, [fleece](material) or [down](material)
[breville](brand) vs [delonghi](brand) espresso, which one
what sets the [huawei watch gt 4](product) apart from the [withings scanwatch](product)
which of the two [strollers](product_type) is [lighter](feature)
- they look identical to me, what's the actual difference??
[vans](brand) or [converse](brand) for everyday
i'm torn between the [third](ordinal) and [fifth](ordinal) one
[ceramic](material) [cookware](product_type) or [stainless](material), which do chefs prefer
which is more [energy efficient](feature), the [smeg](brand) or the [bosch](brand) [fridge](product_type)
compare [thinkpad x1 carbon](product) with [surface laptop 5](product)
which [drone](product_type) has the longer [range](feature)
is the [beats fit pro](product) better than the [nothing ear 2](product) for running
[trail shoes](product_type): [salomon](brand) or [merrell](brand)?
+ can't decide, both [backpacks](product_type) are gorgeous! which is more [durable](feature)?
which one would suit [my dad](recipient) better, the [first](ordinal) or the [second](ordinal)
how do these [two](quantity) [blenders](product_type) differ
"""

TEST["check_price"] = """
what's the cost of the [marshall emberton ii](product)
how much for the [steam deck](product) [512gb](feature)
price on the [third](ordinal) one pls
how much would [5](quantity) [candles](product_type) come to
what are the [salomon xt-6](product) selling for
is the [breville barista express](product) discounted at the moment
how much do you charge for the [levi's 501](product)
how much is the [cardigan](product_type) in [mohair](material)
+ how much is the gorgeous [lavender](color) [throw](product_type)?
- how much is the [dyson supersonic](product)?? it better not be 400
what's this one going for
what's the cost per pack of [oat milk](product_type)
how much are [uniqlo](brand) [tees](product_type) each
how much is the [4th](ordinal) one with the discount applied
total price for [a pair](quantity) of [vans](brand)?
price of the kids [bike helmet](product_type)
does it cost more in [xxl](size)
how much is the [instax mini 12](product) bundle
how much for [3](quantity) bags of [dog treats](product_type)
what's the price tag on the [oneplus 12](product)
[rattan](material) [sun lounger](product_type) - what's that cost?
"""

TEST["check_stock"] = """
is the [steam deck](product) in stock or sold out
do u have the [salomon xt-6](product) in size [44](size)
any [xxl](size) left in the [sand](color) [hoodie](product_type)
is the [oneplus 12](product) available in [emerald](color)
when are the [sennheiser momentum 4](product) coming back in stock
is the [fifth](ordinal) one still in stock
got any [sourdough](product_type) left today
can i still order the [instax mini 12](product) in [peach](color)
- is the [rog ally](product) ever going to be available again??
do you have [8](quantity) of the [bar stools](product_type) available
is the [mohair](material) [jumper](product_type) available in [s](size)
any [dr martens 1460](product) in [cherry red](color) available
any [lego](brand)... no, any [playmobil](brand) sets in stock
is the [kobo libra 2](product) in stock at all
are the [magna-tiles](product) back yet
+ is the [ember mug 2](product) in [rose](color) back?? want it so bad
how many [garden chairs](product_type) are left
have you got the [vans](brand) in [uk 9](size)
is the [remarkable 2](product) out of stock
any [breville](brand) stuff available right now
are the [levi's 501](product) in [w34](size) in stock
"""

TEST["add_to_cart"] = """
pop the [third](ordinal) one in my basket
i'll grab [4](quantity) of them
can u put the [oneplus 12](product) in my cart
add [one](quantity) [steam deck](product) please
yes stick the [ivory](color) one in, size [S](size)
put [2](quantity) [marshall](brand) [speakers](product_type) in my cart
add the [fifth](ordinal) to my basket
ok i'm buying the [breville barista express](product)
+ ahh perfect, add the [peach](color) one to my bag!
- fine, add it, whatever
i want [six](quantity) of the [linen](material) [napkins](product_type)
add the [vans old skool](product) in size [8](size)
i'll go for the [mohair](material) [cardigan](product_type) in [lavender](color)
basket this one pls
throw in [a couple](quantity) of [oat milk](product_type) too
can you add the kids [bike helmet](product_type) in [small](size)
add another [dog bowl](product_type)
i'll have [3](quantity) of the [second](ordinal) one
add the [instax mini 12](product) and [2](quantity) film packs
stick the [levi's 501](product) [w30](size) in my cart
add the [sennheiser momentum 4](product) in [sand](color)
"""

TEST["order_status"] = """
whats the latest on my order [SO-100234](order_id)
any idea where my parcel is
has order [Q9R-88L](order_id) left yet
my [marshall](brand) [speaker](product_type) was meant to come today, where is it
can u tell me when [2024-11-778](order_id) is getting here
i placed order [aa93-221](order_id) on monday, has it been sent
has the package to [belfast](location) been delivered yet
- it's been 10 days and my order still hasn't moved
+ hiya! any update on when my [steam deck](product) ships? so excited
whats the tracking number for my last purchase
when will the [levi's 501](product) i ordered turn up
is order [KX-55-9012](order_id) with the courier yet
my order has been 'preparing' for a week, what's going on
did my order actually go through? i didn't get an email
is the delivery to [cork](location) going to be on time
track order [ORD7781234](order_id) pls
has the [oneplus 12](product) order been sent out
when is my parcel landing
delivery status for [TR-2233](order_id)
has the gift for [my goddaughter](recipient) arrived
is my stuff coming tomorrow
"""

TEST["cancel_order"] = """
i need to cancel [SO-100234](order_id) right away
please cancel the order i placed an hour ago
how can i cancel my purchase from yesterday
cancel the [steam deck](product) i ordered
i'd like to call off my order
can i still cancel order [Q9R-88L](order_id)
- cancel it, i'm not waiting another week
drop the [marshall](brand) [speaker](product_type) from my order
don't send the [2](quantity) [lamps](product_type), cancel them
i want to cancel the [third](ordinal) thing on the order
+ hey could u cancel my order pls, sorry for the hassle!
i'd like to cancel the delivery to [belfast](location)
kindly cancel [2024-11-778](order_id)
i accidentally bought it, please cancel
how do i cancel something that hasn't shipped
i picked the wrong colour by mistake, please cancel
can you stop the order for [my stepmom](recipient)
cancel my [oat milk](product_type) subscription
is cancelling free
please cancel [aa93-221](order_id), i don't need it anymore
i no longer want this order
"""

TEST["return_item"] = """
what's the process to send the [salomon xt-6](product) back
i want to return order [SO-100234](order_id)
the [linen](material) [trousers](product_type) don't fit, can i return them
i'd like to exchange the [s](size) for a [m](size)
return label for [Q9R-88L](order_id) please
- this [toaster](product_type) is awful, i want to send it back
can i swap the [mint](color) one for [cobalt](color)
what's the deadline for returns
do you charge for returns
how do i return something from [iceland](location)
+ love the shop but the [boots](product_type) are too tight, can i return them? :)
i'd like to return the [fourth](ordinal) item
can i return [2](quantity) of the [5](quantity) [candles](product_type)
i received a [cardigan](product_type) as a gift from [my flatmate](recipient), can i exchange it
return the [steam deck](product) please, i changed my mind
is there a drop off point for returns
can i get a prepaid return label
how do i return a damaged [lamp](product_type)
can i return sale items
i want to send back the [breville](brand) [kettle](product_type) for a refund
do i need the original box to return it
"""

TEST["refund_status"] = """
has my refund for [SO-100234](order_id) been sent
when do i get my money back for the [salomon xt-6](product)
- i'm STILL waiting for my refund, it's been 3 weeks
i returned the [cardigan](product_type), is my refund processed
how long till the refund hits my bank
refund for [Q9R-88L](order_id) hasn't come through
did you receive my return package yet
my refund shows as pending, why
+ hi! just checking if my refund went through, thanks 😊
i only got half my money back for [2024-11-778](order_id)
is the refund going back to my paypal
when will i see the refund for the [2](quantity) [lamps](product_type)
my return was delivered last week, where's the money
i cancelled [aa93-221](order_id), when does the refund come
refund still hasn't landed
[third](ordinal) item refund, approved yet?
when will my refund be credited
is my refund done yet
got an email saying refund issued but nothing on my card
i need an update on my refund please
- the refund for my [oneplus 12](product) is taking ages
"""

TEST["shipping_info"] = """
do u deliver to [iceland](location)
how long is shipping to [cyprus](location)
whats the delivery fee
how much is postage to [malta](location)
is delivery free if i spend over 40
any chance you deliver to [seoul](location)
how fast can you get something to [belfast](location)
do you have an express option
do you deliver on sundays
+ do you ship to [nairobi](location)? hoping so!
- why does delivery take 2 weeks??
can i collect from a locker
what courier do you ship with
is there a delivery charge for [furniture](product_type)
can i schedule my delivery
will i have to pay customs for [tasmania](location)
if i order now can i get it by friday
shipping to [arizona](location) possible?
can i send a gift straight to [my grandson](recipient)
can i have it shipped to [auckland](location)
standard shipping, how many days roughly?
"""

TEST["payment_info"] = """
do you take paypal
can i spread the cost over 3 months
what cards do you accept
can i pay with google pay
is there a discount code for new customers
my voucher code isn't working
- my payment keeps failing, what's wrong
can i pay with a giftcard and a card together
do you accept cash
do you do clearpay
how do i apply a promo code
is there a monthly payment option on the [steam deck](product)
can i pay with [my dad](recipient)'s card
why did my bank decline the payment
do you accept diners club
+ any discount codes going? would love to save a bit 😅
is paying by card safe here
can i get a vat receipt for [SO-100234](order_id)
when is my card charged
can i pay by apple pay on the app
do you accept revolut
"""

TEST["warranty_info"] = """
what's the warranty like on the [steam deck](product)
is the [breville barista express](product) covered if it breaks
how do i claim warranty on my [marshall](brand) [speaker](product_type)
- my [oneplus 12](product) died after 3 months, warranty better cover this
[smeg](brand) [appliances](product_type): guaranteed for how long?
does the warranty cover a cracked screen
can i extend the warranty on the [surface pro 9](product)
+ hi! quick question, is there a warranty on the [instax mini 12](product)?
is the warranty still valid if i bought it on sale
what do i need to make a warranty claim
is there a guarantee on the [dr martens 1460](product)
warranty period for [kitchen appliances](product_type)?
the strap on my [coros pace 3](product) broke, is it covered
does the warranty apply in [cyprus](location)
who do i contact for a warranty repair
is the [rattan](material) [garden set](product_type) guaranteed against weather
how long does a warranty claim take
my warranty claim for [Q9R-88L](order_id) - any news
is the [third](ordinal) one covered by a longer warranty
do [bikes](product_type) come with a frame warranty
is accidental damage included in the protection plan
"""

# second batch: more price / sort / id / location / recipient coverage and tone
TEST["search_product"] += """
show me [espresso grinders](product_type) priced from [£90](price_min)
[hiking poles](product_type) that cost at least [$50](price_min), the cheaper ones snap
need a [cashmere](material) [beanie](product_type) for [my partner](recipient), nothing over [70](price_max)
[jbl](brand) [party speakers](product_type) above [200 quid](price_min)
got [desk lamps](product_type) from [$25](price_min) to [$45](price_max)?
which [lip balms](product_type) are [most loved](sort) rn
show me [road bikes](product_type) [cheapest first](sort)
"""
TEST["refine_search"] += """
nothing less than [40 euros](price_min) pls
only stuff above [£25](price_min), the cheap ones break
hmm bump the minimum to [75](price_min)
[a grand](price_max) is my absolute limit
keep it under [a hundred and twenty](price_max)
ok now show me the [highest rated](sort) ones first
anything over [90](price_min)? these look cheap
rank them by [most sold](sort)
i'd go up to [$65](price_max) tops
"""
TEST["recommend"] += """
[baby monitor](product_type) with the [best reviews](sort), which would u recommend
i have between [30](price_min) and [50 pounds](price_max) to spend on [my coach](recipient), ideas?
what would you pick for [my bestie](recipient)'s birthday, max [€40](price_max)
something special for [my partner](recipient), happy to spend more than [$200](price_min)
"""
TEST["check_price"] += """
do any [air purifiers](product_type) cost less than [$120](price_max)
is the [smeg](brand) [kettle](product_type) under [100](price_max) or more than that
is anything in the [top sellers](sort) on offer right now
"""
TEST["check_stock"] += """
do you have any [headlamps](product_type) in stock for under [$30](price_max)
are any of your [cheapest](sort) [desk chairs](product_type) actually in stock
"""
TEST["add_to_cart"] += """
add whichever is [lowest price](sort) to my cart
pls add the [highest rated](sort) one, i trust the reviews
"""
TEST["compare_products"] += """
which is [better reviewed](sort), the [kobo libra 2](product) or the [pocketbook era](product)
anything over [$300](price_min) worth it vs the $150 ones?
"""
TEST["order_status"] += """
order [WB-7730-Z](order_id) still says label created, is it moving
when will [my partner](recipient)'s gift from order [661903](order_id) get to [lyon](location)
"""
TEST["return_item"] += """
can i return order [N5-1120-P](order_id) if i bought it for [my stepmom](recipient) and she hates it
"""
TEST["refund_status"] += """
refund on [rma-44190](order_id)?
"""
TEST["shipping_info"] += """
what's delivery to [goa](location) like, and is it free over €60
"""
TEST["payment_info"] += """
can i pay in instalments if the order's over 500
"""
TEST["complaint"] += """
- you promised under £20 on the banner, then charged me more
"""
TEST["human_agent"] += """
can a person check order [CX-90112](order_id), the bot keeps looping
"""

# third batch: messy language, hard negatives, more ids / ordinals / tone
TEST["greet"] += """
heloo
yo kefu 👋
g'morning all
"""
TEST["goodbye"] += """
cya tmrw
ok im gonna go now
right that's me, ta ta
"""
TEST["thanks"] += """
thx heaps
ta v much 🙌
"""
TEST["affirm"] += """
yea go on then
ye thats right
okie dokie
"""
TEST["deny"] += """
nah im alright
nope, wrong item
naw
"""
TEST["chitchat"] += """
wat are u exactly
r u a human or wat
do u have a fav emoji
"""
TEST["out_of_scope"] += """
wats 15% of 80
cn u help me write a cover letter
whats the best bar in lisbon
"""
TEST["search_product"] += """
need a [carbon fibre](material) [tripod](product_type) thats [lightweight](feature)
got any [snow boots](product_type) for [a 2 yr old](recipient)? size [6](size)
lookin for [hair oil](product_type) frm [olaplex](brand)
"""
TEST["refine_search"] += """
ugh too pricey, anythin cheaper
can i see the [sixth](ordinal) one but in other colours
[mauve](color) any good? show me those
"""
TEST["recommend"] += """
wat [trainers](product_type) wud u suggest for netball
can u recomend a [hamster cage](product_type)
which [airfryer](product_type) wud u pick, i cook for 5
"""
TEST["product_info"] += """
is the [sony zv-1](product) good in low light
[theragun prime](product) - [bluetooth](feature) or no?
r the [allbirds tree runners](product) [machine washable](feature)
"""
TEST["compare_products"] += """
[pocketbook era](product) or [kobo sage](product) wich is better for comics
[lenovo](brand) vs [asus](brand) [chromebooks](product_type)?? help
"""
TEST["check_price"] += """
whats the [sony zv-1](product) cost rn
how much r the [allbirds](brand) [runners](product_type)
how much is [seventh](ordinal) one
"""
TEST["check_stock"] += """
any [allbirds tree runners](product) in [9](size)?
is the [theragun prime](product) in stok
do u have the [sixth](ordinal) one in [oatmeal](color)
"""
TEST["add_to_cart"] += """
ok chuck the [theragun prime](product) in my basket
put [eight](quantity) [tealights](product_type) in the cart
add the [seventh](ordinal) pls
"""
TEST["order_status"] += """
wen will order [BN-4471-Q](order_id) arive
has [77x2-0051](order_id) shipped or nah
- i've waited 12 days for [sp0092831](order_id), where the hell is it
"""
TEST["cancel_order"] += """
cancell [BN-4471-Q](order_id) plz
+ oops ordered the wrong thing 🙈 can u cancel it?
i wanna cancel [sp0092831](order_id) before it ships
"""
TEST["return_item"] += """
how do i retun the [theragun prime](product)
can i send back [77x2-0051](order_id), wrong size
- this [tripod](product_type) is flimsy junk, sending it back
"""
TEST["refund_status"] += """
any news on my refnd for [BN-4471-Q](order_id)
my money for the returned [tripod](product_type) still hasnt showed up
- where's my refund?? its been a month
"""
TEST["shipping_info"] += """
can stuff be sent out to [kenya](location)
hw much is delivery to [the faroe islands](location)
can i get it next day to [bristol](location)
"""
TEST["payment_info"] += """
can i pay w apple pay
do u do student discount
- why does my coupon keep saying expired
"""
TEST["warranty_info"] += """
does the [theragun prime](product) hav a warranty
how long is the garantee on [sony](brand) [cameras](product_type)
"""
TEST["complaint"] += """
my [tripod](product_type) snapped on the first use, pathetic
ordered [oatmeal](color) got [mustard](color), this keeps happening
the parcel was left in a puddle, everything is ruined
"""
TEST["human_agent"] += """
can i tlk to some1 real
i need a human, this bots going in circles
"""

# fourth batch: margin on price / sort / recipient / quantity
TEST["search_product"] += """
[standing fans](product_type), [quietest](sort) ones first, not more than [£90](price_max)
something like a [tote bag](product_type) in [canvas](material) for [my stepsister](recipient), budget [€35](price_max) or so
[gaming headsets](product_type) pricier than [$80](price_min), sorted [best reviewed](sort)
"""
TEST["refine_search"] += """
reorder these by [lowest cost](sort) pls
ok show the [most wishlisted](sort) at the top
only the ones that are [fifty quid](price_min) and up
"""
TEST["recommend"] += """
i need [forty five](quantity) [party bags](product_type), which cheap ones would you suggest
something for [my dog walker](recipient) as a thank you, below [$25](price_max)?
which [rice cooker](product_type) sells [the most](sort)? i trust the crowd
"""
TEST["check_price"] += """
what's the [priciest](sort) [watch](product_type) you sell, just curious how much
"""
TEST["add_to_cart"] += """
bung [ten](quantity) of the [paper lanterns](product_type) in the basket
"""
TEST["check_stock"] += """
do you have [4](quantity) [camping chairs](product_type) for [my scout group](recipient) ready to ship
"""

# The cart in the conversation (written apart from src_train_cart.py: other shoppers,
# other wording, other products).
TEST["view_cart"] = """
so what's sitting in my basket rn
could u pull up my cart real quick
what all did i put in the cart earlier
remind me what's in my trolley
how many bits have i got in my bag
ok and the total for my basket is?
before i check out can i see everything i picked
do i still have the [bamboo](material) [cutting board](product_type) in my cart
did the [moka pot](product_type) get added or not
which size of the [rain jacket](product_type) is in my basket
my cart please, want to check it
show basket contents
what's the running total
what does my order come to so far, i haven't paid yet
- the cart icon says 3 but i only remember adding one, what's in there
+ yay let's see the basket!
list what's in the cart for me
is there anything in the basket yet or is it empty
"""

TEST["remove_from_cart"] = """
take the [bamboo](material) [cutting board](product_type) back out
pull the [moka pot](product_type) out of my basket please
i don't want the [ceramic](material) [vase](product_type) after all
scratch the [fourth](ordinal) item
kill the [le creuset](brand) one, too pricey
could you lose the [teal](color) [throw](product_type)
remove the [bose quietcomfort ultra](product) from the basket
can that last thing come out of my cart
erase the [phone stand](product_type) from my bag
get the [xl](size) [parka](product_type) out of my cart, wrong size
hmm take out the [2nd](ordinal) one
- i didn't ask for the [doormat](product_type), remove it
the [sourdough starter kit](product_type) can go, don't need it
out with the [picnic blanket](product_type)
chuck the [reading light](product_type) out of the basket
i'd rather not get the [hammock](product_type), pls remove
"""

TEST["update_cart"] = """
bump the [moka pot](product_type) to [2](quantity)
can i have [five](quantity) of the [tea towels](product_type) rather than three
switch the [coasters](product_type) to [a set of 8](quantity)
sorry, [2](quantity) [rain jackets](product_type) not one
drop the [wine glasses](product_type) down to [4](quantity)
change how many [beeswax wraps](product_type) to [three](quantity)
i'll want [a couple](quantity) of those instead of just the one
make it [6](quantity) of the [enamel](material) [mugs](product_type)
quantity on the [2nd](ordinal) line should be [3](quantity)
actually [seven](quantity) [napkin rings](product_type)
+ these are great, make it [4](quantity) please
- it's showing 10, i want [2](quantity)
fix the [candle](product_type) amount to [1](quantity)
i need one fewer [plate](product_type), so [5](quantity)
up it to [3](quantity)
the [stripy](color) [socks](product_type), go to [4](quantity) pairs
"""

TEST["empty_cart"] = """
wipe everything from my basket
clear the whole cart out
please bin everything i added
i want nothing in my trolley, empty it
start the cart from scratch
get everything out of my bag
delete my entire basket
empty it all, changed my mind
can u reset the basket to zero
- scrap all of that, empty the cart
remove every item please
clear out the cart completely
forget all the stuff i added, clear it
+ thanks, you can empty my cart now
take all of it out of my basket
let's wipe the cart and start over
"""
