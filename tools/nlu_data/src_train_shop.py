"""Hand-written TRAIN sentences: shopping intents.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default neutral); "//" comment.
"""

TRAIN = {}

TRAIN["search_product"] = """
do u have [nike](brand) [running shoes](product_type) under [$80](price_max)
looking for a [waterproof](feature) [hiking jacket](product_type)
i need a new [laptop](product_type)
show me [bluetooth speakers](product_type)
[wireless earbuds](product_type) pls
got any [yoga mats](product_type)?
searching for [wool](material) [scarves](product_type) in [grey](color)
do you sell [air fryers](product_type)
i want [red](color) [converse](brand) [high tops](product_type) size [7](size)
find me a [standing desk](product_type) between [$200](price_min) and [$400](price_max)
[samsung](brand) [tvs](product_type) [65 inch](size)
i'm after a [linen](material) [shirt](product_type), [l](size)
where can i find [dog beds](product_type)
any [gaming chairs](product_type) over [150 bucks](price_min)
show me the [cheapest](sort) [electric toothbrush](product_type)
[newest](sort) [iphones](product_type)
i need [school shoes](product_type) for [my 8 year old](recipient)
do you carry [lego](brand)?
looking for [organic](feature) [baby food](product_type)
have u got [cast iron](material) [pans](product_type)
i want to buy a [robot vacuum](product_type)
searching mens [winter boots](product_type) size [44](size)
show me [le creuset](brand) stuff
[leather](material) [wallets](product_type) under [50 euros](price_max)
any [noise cancelling](feature) [headphones](product_type) less than [£150](price_max)
i'm looking for the [sony wh-1000xm5](product)
do you have the [ps5 slim](product)
need a [phone case](product_type) for [iphone 15 pro](product)
[usb-c](feature) [chargers](product_type)?
[4k](feature) [monitors](product_type) [27 inch](size)
looking for a [queen](size) [mattress](product_type)
show me [best rated](sort) [coffee grinders](product_type)
i want [black](color) [skinny jeans](product_type) [w32](size)
do you guys sell [plants](product_type)
[cat food](product_type) [grain free](feature)
where are the [garden hoses](product_type)
need [cordless](feature) [drill](product_type), [dewalt](brand) or [makita](brand)
have you got any [trail running shoes](product_type) in size [10.5](size)
im lookin for a [dress](product_type) for a wedding, [navy](color) or [green](color)
any kids [bikes](product_type)?
[cotton](material) [bedsheets](product_type) [king](size) size
show me [vegan](feature) [protein powder](product_type)
[ray-ban](brand) [sunglasses](product_type)
i need a [carry on suitcase](product_type) thats [lightweight](feature)
do you have [books](product_type) by [penguin](brand)
[board games](product_type) for [a family of 4](recipient)
searching for [tents](product_type) that sleep 4
looking for an [espresso machine](product_type) under [300 dollars](price_max)
any [apple watch](product) bands?
hey do u sell [whey protein](product_type)
[silver](color) [hoop earrings](product_type)
i'm hunting for a [vintage](feature) [denim jacket](product_type)
show [pink](color) [baby onesies](product_type) [0-3 months](size)
[gluten free](feature) [pasta](product_type)
[ergonomic](feature) [office chair](product_type) with [lumbar support](feature)
i'd like to see [kindle](brand) [e-readers](product_type)
got any [stainless steel](material) [water bottles](product_type)?
looking for [ps5 games](product_type)
[mechanical keyboards](product_type) under [100](price_max)
need a [blender](product_type) at least [1000w](feature)
show me [nintendo switch oled](product)
i want a [down](material) [puffer jacket](product_type) in [olive](color)
do u have [crocs](brand) in size [9](size)
cheap [printer ink](product_type)
[running shorts](product_type) for women [xs](size)
have u got [bamboo](material) [cutting boards](product_type)
[lawn mower](product_type) [electric](feature) not petrol
i need [2](quantity) [pillows](product_type) [memory foam](material)
[lowest price](sort) [hdmi cables](product_type)
im looking for something to hold my plants, like [plant stands](product_type)
- why is it so hard to find size [12](size) [shoes](product_type) on this site
[adidas samba](product) [white](color)
[the north face](brand) [backpack](product_type)
show me [dumbbells](product_type) [10kg](size)
[rain boots](product_type) for [a toddler](recipient)
i want a [smart watch](product_type) with [gps](feature) and [heart rate](feature)
[hair dryer](product_type) [dyson](brand) or anything similar
[most popular](sort) [perfumes](product_type)
looking for a [sofa](product_type) in [velvet](material) [emerald](color)
[fairtrade](feature) [coffee beans](product_type)
do you have [usb microphones](product_type) for streaming
[microwave](product_type) under [£100](price_max) pls
[ceramic](material) [mugs](product_type)
i need a [crib](product_type) for [my newborn](recipient)
show me [gold](color) [watches](product_type) over [$500](price_min)
[android phones](product_type) between [200](price_min) and [350](price_max)
got [wetsuits](product_type) [5mm](size)?
+ omg do you have the [stanley quencher](product) in [lilac](color)?!
[fishing rods](product_type)
i need [paint brushes](product_type) and [canvas](product_type)
anything but [samsung](brand) [phones](product_type)
anything from [patagonia](brand)
[merino](material) [socks](product_type)
find [airpods pro 2](product)
i'm looking for the [newest](sort) [kindle](brand)
[waterproof](feature) [mascara](product_type)
[acrylic](material) [nail kit](product_type)
"""

TRAIN["refine_search"] = """
any cheaper?
anything cheaper
show me cheaper ones
got anything less pricey
only in [blue](color)
just the [black](color) ones
do those come in [red](color) too
show more
more options pls
next page
show me more like this
anything else?
any others
what about [adidas](brand) instead
only [nike](brand) please
show only [sony](brand)
not [samsung](brand), something else
anything but [apple](brand)
under [$50](price_max) only
keep it below [100](price_max)
max [£30](price_max)
less than [40 bucks](price_max) pls
over [200](price_min) is fine, i want quality
at least [$1000](price_min)
between [50](price_min) and [80](price_max)
sort by [price low to high](sort)
sort by [best rated](sort)
[newest first](sort)
show the [cheapest first](sort)
[most reviewed first](sort) please
[highest rated](sort) at the top
[xl](size) only
size [8](size) only
do you have these in size [11](size)
only [m](size) please
filter by size [38](size)
[cotton](material) ones only
just [leather](material)
anything in [linen](material)?
no [plastic](material) please
with [gps](feature) only
only ones with [free shipping](feature)
only [wireless](feature)
[waterproof](feature) ones?
show ones that are [machine washable](feature)
i need [usb-c](feature) not lightning
smaller ones
bigger ones?
something [lighter](feature)
without [bluetooth](feature)
red ones?
[green](color)?
[pink](color) ones pls
in [white](color)?
what about in [beige](color)
only [4k](feature)
just [16gb](feature) ones
narrow it down to [gaming](feature) laptops
only kids sizes
show womens only
only mens
i meant running ones not walking
those are too expensive
- these are all way too expensive
- ugh none of these, show me something different
- nope, none of those
these are too big
too flashy, anything plainer?
anything more [modern](feature)?
something [simpler](feature)
different style please
can you show more [sneakers](product_type) like the [second](ordinal) one
more like the [first](ordinal) one
similar to the [third](ordinal) one but cheaper
what else do you have like the [last](ordinal) one
show me [the north face](brand) ones instead
switch to [jackets](product_type) instead of coats
actually i want [boots](product_type) not [sneakers](product_type)
not [shoes](product_type), [sandals](product_type)
same thing but in [stainless steel](material)
same but bigger
can i see the [32 inch](size) ones only
only [queen](size)
under [20](price_max) pls
only in stock items
hide out of stock stuff
only ones i can get by friday
sort by [relevance](sort)
sort [newest to oldest](sort)
sort by [discount](sort)
[biggest discount first](sort)
lowest price first pls
cheapest to most expensive
filter 4 stars and up
any with better reviews?
show the [popular](sort) ones
+ ooh show me more of these!
+ love these, any more in [green](color)?
less [sporty](feature) please
more [formal](feature)
only [vegan](feature)
just [organic](feature) ones
"""

TRAIN["recommend"] = """
what would you recommend
any suggestions?
can you recommend a good [laptop](product_type) for college
what [headphones](product_type) should i get
which [air fryer](product_type) is the best
gift ideas for [my dad](recipient)?
what should i get [my mum](recipient) for her birthday
need a present for [my girlfriend](recipient), any ideas
what's a good gift for [a 6 year old](recipient)
recommend something for [my boss](recipient) under [$30](price_max)
what's the [best rated](sort) [robot vacuum](product_type)
which [running shoes](product_type) do you recommend for beginners
i don't know what to buy, help
can u suggest a [phone](product_type) with a good [camera](feature)
what's your top pick for [coffee machines](product_type)
what [tv](product_type) would you get for around [500](price_max)
help me choose a [mattress](product_type)
which [stroller](product_type) is best for [a newborn](recipient)
what's a good [skincare](product_type) routine for dry skin
what's the best [protein powder](product_type) for muscle gain
suggest a [book](product_type) for [my teenage son](recipient)
i need gift ideas for [my wife](recipient), she likes gardening
what do people usually buy for [a new mom](recipient)
what's trending right now
what's popular this week
what are your [best sellers](sort)
recommend some [toys](product_type) for [a 3 year old](recipient)
what's a good [tablet](product_type) for [my grandma](recipient)
any recs for [hiking boots](product_type)?
which [smartwatch](product_type) has the best [battery life](feature)
whats the best budget [gaming mouse](product_type)
pls suggest a [perfume](product_type) for [my sister](recipient)
what's a nice gift under [£25](price_max)
secret santa ideas under [$20](price_max)
recommend me a [tent](product_type) for 2 people
what [blender](product_type) would you buy for smoothies
what's the best [dog food](product_type) for puppies
i'm new to running, what [shoes](product_type) should i get
what [camera](product_type) is good for beginners
any advice on which [vacuum](product_type) to buy
what would you suggest for someone who has everything
what do i get [my boyfriend](recipient) for our anniversary
thinking of getting [my nephew](recipient) something, he's 10, any ideas
what's a good [kitchen knife](product_type) set
best [wireless earbuds](product_type) for the gym?
what [moisturizer](product_type) do you recommend for oily skin
top [board games](product_type) for parties?
whats good for [a toddler](recipient) who loves music
could you suggest a [yoga mat](product_type) that's [non slip](feature)
help me pick a [sofa](product_type) for a small flat
which brand of [running shoes](product_type) is best
i want something nice for [my grandpa](recipient), he's 80
what would be a cool gift for [a gamer](recipient)
recommend a [laptop](product_type) for video editing under [1500](price_max)
ideas for a housewarming gift?
what's a thoughtful gift for [a coworker](recipient) who's leaving
+ i love cooking! what [gadgets](product_type) should i try
+ you gave me great advice last time, what else would you recommend?
- i've been looking for ages, just tell me what to buy
what [lipstick](product_type) shade would suit me
should i get [nike](brand) or [asics](brand) [running shoes](product_type)
which is the best [ipad](product) for drawing
what [plants](product_type) are good for beginners
recommend a [cat tree](product_type) for 2 big cats
best [baby carrier](product_type)?
what's the best [electric toothbrush](product_type) out there
suggest a [winter coat](product_type) that's actually [warm](feature)
im stuck on what to get [my in laws](recipient)
what's a nice [wine](product_type) to bring to dinner
what are good [stocking stuffers](product_type)
best thing to buy for [a teacher](recipient) at end of year
what would you recommend for back pain, like a [chair](product_type) or something
what's the best [drill](product_type) for a beginner diyer
what [snacks](product_type) are healthy and tasty
recommend a good [hair straightener](product_type)
i need a gift for [twins](recipient) turning 5
what [sunscreen](product_type) is best for kids
what should i buy with a [$100](price_max) gift card
which [console](product_type) should i get for [my kids](recipient)
what's a good starter [guitar](product_type)
any [lego](brand) sets you'd suggest for [an adult](recipient)
what's the [most popular](sort) [perfume](product_type) for women
which [laptop](product_type) is best for students on a budget
i need ideas, [my mom](recipient) likes tea and reading
help me find a gift, budget is [50 quid](price_max)
what pairs well with the [macbook air m3](product)
what accessories should i get with my [canon eos r50](product)
recommend something [eco friendly](feature)
i want to start baking, what should i buy first
what [wok](product_type) should i get, [carbon steel](material) or [cast iron](material)
whats a good [sleeping bag](product_type) for winter camping
which [printer](product_type) is cheapest to run
"""

TRAIN["product_info"] = """
is the [garmin forerunner 255](product) [waterproof](feature)
does the [iphone 15](product) have [usb-c](feature)
what's the [battery life](feature) on the [jbl flip 6](product)
is this [dishwasher safe](feature)
what is the [second](ordinal) one made of
are the [sony wh-1000xm5](product) [foldable](feature)
does the [ninja af101](product) come with a [recipe book](feature)
how big is the [dyson v15](product)
what's the [weight](feature) of this [tent](product_type)
is the [first](ordinal) one [machine washable](feature)
does it have [bluetooth](feature)?
does this [laptop](product_type) have a [backlit keyboard](feature)
what [material](feature) is the [third](ordinal) one
is it [100% cotton](material)
is the [north face nuptse](product) [warm](feature) enough for -10
what's the [screen size](feature) of the [galaxy tab s9](product)
does the [kindle paperwhite](product) have [ads](feature)
is the [lego millennium falcon 75257](product) suitable for [a 7 year old](recipient)
what [cable length](feature) does the [anker](brand) [charger](product_type) have
are these [headphnes](product_type) [noise cancelling](feature)
what are the [dimensions](feature) of the [ikea malm](product) dresser
do these [jeans](product_type) run small
are the [asics gel nimbus 25](product) [true to size](feature)
does it come with a [charger](feature)
is the [instant pot duo](product) [6 quart](size)
how many [watts](feature) is the [vitamix e310](product)
what [colors](feature) does the [stanley quencher](product) come in
is this [gluten free](feature)
does the [air fryer](product_type) have a [timer](feature)
can the [last](ordinal) one go in the microwave
what's the [storage](feature) on the [pixel 8](product)
does the [apple watch se](product) track [sleep](feature)
is the [ps5 slim](product) [disc](feature) or [digital](feature)
how [heavy](feature) is the [bugaboo fox](product) stroller
what's the [thread count](feature) on those [sheets](product_type)
is the [logitech mx master 3s](product) [rechargeable](feature)
are the [crocs](brand) [clogs](product_type) [non slip](feature)
can i use the [oral-b io](product) with other brush heads
sorry, i mean is the [second](ordinal) one [vegan](feature)
is this [sofa](product_type) [pet friendly](feature)
does it [fold](feature)
is the [fitbit inspire 3](product) [water resistant](feature)
does the [2nd](ordinal) one have [gps](feature)
what [ingredients](feature) are in the [cerave moisturizing cream](product)
is the [dog food](product_type) [grain free](feature)
what age is the [barbie dreamhouse](product) for
is the [dewalt dcd777](product) [brushless](feature)
what's the [max load](feature) of the [desk](product_type)
how many [people](feature) does the [coleman sundome](product) sleep
does the [macbook air m2](product) have a [fan](feature)
are these [earrings](product_type) [hypoallergenic](feature)
is the [dress](product_type) [lined](feature)
does the [hoodie](product_type) have [pockets](feature)
what's the [refresh rate](feature) of the [lg c3](product)
does the [samsung](brand) [fridge](product_type) have an [ice maker](feature)
- does this thing even have [wifi](feature) or what
+ the [bose quietcomfort ultra](product) looks amazing! does it have [multipoint](feature)?
is the [yeti rambler](product) [leak proof](feature)
is it [bpa free](feature)
how long does the [battery](feature) last
what [resolution](feature) is the [gopro hero 12](product)
does the [roomba j7](product) [map](feature) rooms
is the [first](ordinal) one [real leather](material) or fake
is the [wool](material) in this [jumper](product_type) itchy
what's the [fabric](feature) like on the [lululemon align](product) leggings
whats the [heel height](feature) on these
do the [airpods 3](product) have [anc](feature)
is the [nespresso vertuo](product) compatible with [original](feature) pods
how [loud](feature) is the [shark navigator](product)
is this [crib](product_type) [convertible](feature)
does the [kitchenaid artisan](product) come with a [whisk](feature)
can the [weber spirit ii](product) use [natural gas](feature)
how many [pages](feature) is the book
is the [chair](product_type) easy to assemble
is the [3rd](ordinal) one [organic](feature)
what [sizes](feature) do the [birkenstock arizona](product) come in
does the [tp-link deco](product) support [wifi 6](feature)
is the [coffee](product_type) [decaf](feature)
what's the [capacity](feature) of the [hydro flask](brand) [bottle](product_type)
is it [oven safe](feature)
are the [switch joy-cons](product) [wireless](feature)
do the [oakley](brand) [sunglasses](product_type) have [polarized](feature) lenses
does the [second](ordinal) one have [usb ports](feature)
is this [cream](product_type) [fragrance free](feature)
what's the [wattage](feature) on that [kettle](product_type)
what's the top [speed](feature) of the [segway ninebot max](product)
does the [graco 4ever](product) car seat fit [a newborn](recipient)
what [voltage](feature) does the [makita](brand) [drill](product_type) take
is the [hammock](product_type) [weatherproof](feature)
can i wash the [sherpa](material) [blanket](product_type)
does it come [assembled](feature)
is the [samsung s24 ultra](product) [dual sim](feature)
does the [iphone 14](product) support [5g](feature)
what [lens](feature) comes with the [sony a7 iv](product)
is the [fourth](ordinal) one suitable for [a baby](recipient)
"""

TRAIN["compare_products"] = """
[iphone 15](product) vs [pixel 8](product)
which is better, the [first](ordinal) or the [second](ordinal)
difference between [airpods pro](product) and [galaxy buds 2](product)?
compare [sony](brand) and [bose](brand) [headphones](product_type)
how does the [dyson v15](product) compare to the [shark stratos](product)
[ps5](product) or [xbox series x](product)
should i get the [kindle paperwhite](product) or the [kobo clara](product)
whats the difference between the [m2](product) and [m3](product) [macbook air](product_type)
[nike pegasus 40](product) vs [asics novablast 3](product) for running
is the [garmin fenix 7](product) better than the [apple watch ultra](product)
compare the [second](ordinal) and [third](ordinal) ones
which one has better [battery life](feature), the [first](ordinal) or [last](ordinal)
what's the difference between these two
compare these
which of these is [lighter](feature)
which is [quieter](feature), [roomba j7](product) or [roborock s8](product)
[ninja](brand) vs [cosori](brand) [air fryer](product_type) which is better
is [samsung](brand) better than [lg](brand) for [tvs](product_type)
[canon](brand) or [nikon](brand) for a beginner [camera](product_type)
differences between [cotton](material) and [linen](material) [sheets](product_type)?
[leather](material) vs [suede](material) [boots](product_type), which lasts longer
which [vacuum](product_type) is more powerful
[vitamix e310](product) versus [ninja professional](product)
how is the [pro](product) different from the normal one
is the [ipad air](product) worth it over the [ipad 10th gen](product)
whats better for gaming, [rtx 4060](product) or [rx 7600](product)
nah, compare [fitbit charge 6](product) and [garmin vivosmart 5](product)
the [first](ordinal) vs the [fourth](ordinal) one, which is [warmer](feature)
which one's got more [storage](feature)
which is cheaper to run, [gas](feature) or [electric](feature) [dryer](product_type)
[oral-b](brand) vs [philips sonicare](brand)
which is comfier, [memory foam](material) or [latex](material) [mattress](product_type)
[bugaboo fox](product) vs [uppababy vista](product)
side by side comparison of the [2nd](ordinal) and [5th](ordinal) please
how do the [sony a7 iv](product) and [canon r6](product) compare for video
[jbl charge 5](product) or [ue boom 3](product), which is [louder](feature)
is there a big difference between the [128gb](feature) and [256gb](feature)
which [stroller](product_type) folds smaller
what's the difference between [dyson](brand) and [shark](brand)
compare prices of [airpods](product) and [beats studio buds](product)
[hoka clifton 9](product) vs [brooks ghost 15](product)
which is better value, the [first](ordinal) or the [third](ordinal)
what makes the expensive one better than the cheap one
[switch oled](product) or [switch lite](product) for [my 8 year old](recipient)
which is better for [my mum](recipient), [ipad](product) or [kindle fire](product)
+ both look great! which one would last longer?
- honestly they look the same, what's even the difference
[nespresso](brand) or [keurig](brand)
[stainless steel](material) or [nonstick](material) [pans](product_type)
which of the two is more [waterproof](feature)
compare the [weber](brand) and [traeger](brand) [grills](product_type)
which [laptop](product_type) has the better [screen](feature), [dell xps 13](product) or [hp spectre x360](product)
how does [lululemon](brand) compare to [gymshark](brand)
is the [lego](brand) set better than the [mega bloks](brand) one
what's the diff between [series 9](product) and [se](product)
which is more [comfortable](feature), [birkenstock](brand) or [teva](brand)
which [mattress](product_type) is [firmer](feature), [casper](brand) or [emma](brand)
[iphone 15 pro](product) vs [15 pro max](product) is the [camera](feature) different
compare [weight](feature) of the [first](ordinal) and [second](ordinal)
[dewalt](brand) vs [milwaukee](brand) [impact drivers](product_type)
which [coffee](product_type) is stronger, the [colombian](feature) or [ethiopian](feature)
pros and cons of the [roomba j7](product) and [roomba i3](product)
which is the better deal
which one is better quality
help me decide between these two [jackets](product_type)
[down](material) vs [synthetic](material) [jacket](product_type), what's better in rain
which [tent](product_type) is [lighter](feature) for backpacking
is the [dog bed](product_type) from [casper](brand) better than the [orthopedic](feature) one
which has better reviews, [first](ordinal) or [second](ordinal)
[kitchenaid](brand) or [kenwood](brand) stand mixer
[wool](material) vs [acrylic](material) [blanket](product_type)
which is [safer](feature) for [a toddler](recipient)
[ps5 slim](product) vs [ps5 pro](product) worth the upgrade?
what's the difference between [eau de parfum](feature) and [eau de toilette](feature)
[samsung s24](product) vs [s23](product)
how does the [tefal](brand) compare with [le creuset](brand)
whats better the [bose](brand) or the [sony](brand)
which is more [durable](feature)
which has the bigger [screen](feature)
compare [electric](feature) vs [manual](feature) [toothbrush](product_type)
which one charges faster
cheap vs expensive [yoga mat](product_type), is there a difference
"""

TRAIN["check_price"] = """
how much is the [ps5](product)
price of [nike air max 90](product)?
what does the [kitchenaid](brand) [stand mixer](product_type) cost
how much for [2](quantity)
how much is it
how much does this cost
what's the price
whats the price on the [second](ordinal) one
how much are the [airpods pro 2](product)
is the [dyson v15](product) on sale
any discount on the [samsung](brand) [tvs](product_type)?
how much is the [first](ordinal) one
price?
cost?
how much for the [red](color) one in [xl](size)
how much would [3](quantity) [t-shirts](product_type) be
what's the [iphone 15](product) going for
how much are your [yoga mats](product_type)
is the [sofa](product_type) cheaper in [grey](color)
whats the price of the [lego titanic](product) set
just the item price pls for the [kettle](product_type), not shipping
is there a sale on [running shoes](product_type)
are the [adidas](brand) [hoodies](product_type) discounted
how much is the [garmin forerunner 265](product) rn
how much would it cost for [10](quantity) of them
what's the total for [4](quantity) [mugs](product_type)
how much do the [merino](material) [socks](product_type) cost
price check on the [ninja foodi](product)
is the price the same for size [12](size)
how much is the [king](size) [duvet](product_type)
what does the [macbook pro 14](product) cost with [32gb](feature)
- why is the [switch oled](product) so expensive, whats the actual price
is that the final price?
does the price include tax
is that price with vat
is the price in dollars or euros
how much is it in pounds
how much is the [third](ordinal) one after the discount
when does the sale end on the [robot vacuums](product_type)
will the [airpods](product) go on sale for black friday
has the price of the [pixel 8](product) dropped
is the [last](ordinal) one the cheapest
+ ooh how much is the [pink](color) [stanley](brand) cup?
how much for the [bundle](feature)
what's the price per kg on the [basmati rice](product_type)
how much is a [12 pack](quantity) of [la croix](brand)
how much are [2](quantity) pairs of [crocs](brand)
is the [dyson airwrap](product) cheaper anywhere else
price of the [canon eos r50](product) with [kit lens](feature)
how much is [dog food](product_type) [15kg](size) bag
how much would it be for the [64gb](feature) version
do you price match
how much are the [le creuset](brand) [dutch ovens](product_type)
whats the cost of the [oral-b io series 9](product)
how much does [apple care](feature) add
how much is the [weber kettle grill](product)
is 199 the lowest you can go on the [sony a6400](product)
how much are the [gold](color) ones vs the [silver](color) ones
cost of [6](quantity) bottles of the [cabernet](product_type)
whats the price for a [queen](size) [bed frame](product_type)
how much r the [jordans](brand)
how much is the [dewalt](brand) [combo kit](product_type)
how much are these [earrings](product_type)
what's the price difference between [small](size) and [large](size)
how much for the [2nd](ordinal) and [3rd](ordinal) together
is there a student discount on [laptops](product_type)
is the [lego](brand) stuff on offer
how much is the [graco](brand) [car seat](product_type)
how much do [pampers](brand) size [4](size) cost
- $400 for a [blender](product_type)?? is that right
what's the [cheapest](sort) price for the [ipad air](product)
how much is it per month
what's the going rate for [ps5 controllers](product_type)
any deals on [instant pot](brand) right now
how much is the [moisturizer](product_type) in the [50ml](size)
what do the [gold hoops](product_type) cost
how much is the [wool](material) [coat](product_type) in [camel](color)
are prices lower in the app
will the price go down
how much was the [vitamix](brand) last week
how much for a set of [4](quantity) [chairs](product_type)
whats it cost
how pricey is the [theragun mini](product)
how much is the [lululemon](brand) [belt bag](product_type)
is the price of the [hammock](product_type) $60 or more
price for [3](quantity) [bags](product_type) of [coffee](product_type)
how much is the [fitbit charge 6](product) in [black](color)
whats the price on [nike](brand) [socks](product_type) [6 pack](quantity)
how much are the [trail shoes](product_type) in size [10](size)
is it cheaper if i buy [2](quantity)
"""

TRAIN["check_stock"] = """
is the [xbox series x](product) in stock
do you have the [red](color) one in size [8](size)
when will the [airpods pro](product) be back in stock
any [m](size) left?
is it available in [navy](color)
is the [second](ordinal) one available
do you still have the [ps5 slim](product)
are there any size [10](size) left in the [new balance 574](product)
in stock?
is this in stock
is it available
do you have more of these
will you restock the [stanley quencher](product)
when are you getting more [lego](brand) sets
is the [dyson airwrap](product) sold out
- out of stock again?
- ugh is the [switch oled](product) ever going to be back in stock
how many do you have left
do you have [5](quantity) of them in stock
i need [20](quantity) [folding chairs](product_type), do you have that many
can i get the [blue](color) [xl](size) or is it gone
is the [king](size) size still available
are the [first](ordinal) ones still available in [black](color)
do you have [xs](size) in the [lululemon align](product)
have you got any [iphone 15 pro](product) in [titanium](color)
is the [1tb](feature) version in stock
can i order the [green](color) one now or is it pre order
when does the [pixel 9](product) become available
is it available in [australia](location)
do you stock [pampers](brand) size [5](size)
any [dewalt](brand) [drills](product_type) in stock
is the [last](ordinal) one still available
do you have any [oat milk](product_type)
are [ripe avocados](product_type) in stock
is the [graco](brand) [high chair](product_type) available
are the [crocs](brand) in size [6](size) available
do you have the [white](color) [samba](product) in [39](size)
will there be more [labubu](brand) [plushies](product_type)
any [gaming laptops](product_type) in stock rn
is the [lego titanic](product) back
can i still buy the old model
- why is everything out of stock
is it on backorder
when will it be available again
how long until you restock
do you have it in a [small](size)
any [large](size) left of the [third](ordinal) one
is the [32 inch](size) [lg](brand) [monitor](product_type) available
still got the [velvet](material) [sofa](product_type) in [green](color)?
do you have the [nespresso vertuo pop](product) in [red](color)
do u have the [cast iron](material) [skillet](product_type) in [12 inch](size)
can i get it in size [7.5](size)
+ yay is the [pink](color) one back in stock?
have you restocked the [pokemon cards](product_type)
do you have any [pumpkin seeds](product_type) for planting
do you still sell [garnier](brand) [micellar water](product_type)
are the [hoka bondi 8](product) available in [wide](size)
is the [owala freesip](product) in stock in [lilac](color)
is the [baby formula](product_type) available
have you got [aa batteries](product_type)
are the [wool](material) [rugs](product_type) in stock
how many of the [4th](ordinal) one are left
are you sold out of the [barbie](brand) [dolls](product_type)
is it in stock in the uk warehouse
is the [playstation portal](product) available yet
do you have [3](quantity) in stock
are there enough for [12](quantity)
do you have the [charcoal](color) one
any chance the [matcha](product_type) is back
is the [kindle scribe](product) available
out of stock? when will it be back
is the [nintendo switch 2](product) available to order
do you have it in [28](size) waist
is number [3](ordinal) available
have you got [organic](feature) [eggs](product_type) today
are the [taylor swift](brand) [vinyls](product_type) still around
can i still get the halloween [costumes](product_type)
are there any [refurbished](feature) [iphones](product_type) in stock
is it in stock at the chicago store or only online
are the [silver](color) ones available
anything left in size [13](size)
hmm is the [ikea billy](product) still sold
do you have the [maroon](color) version
is the [ninja creami](product) back in stock yet
do you have [cat litter](product_type) in stock
is the [sony a7c ii](product) available
when can i buy the [meta quest 3](product)
do you have [2](quantity) of the [blue](color) ones
are the girls [rain boots](product_type) in stock in [11](size)
"""

TRAIN["add_to_cart"] = """
add the [second](ordinal) one to my cart
i'll take [2](quantity)
put the [black](color) [xl](size) in my basket
add it to cart
add to basket
buy it
i'll buy it
i want that one
i'll take it
add [3](quantity) to my cart
put [2](quantity) of the [first](ordinal) one in my cart
add the [sony wh-1000xm5](product) to cart
can you add the [ninja air fryer](product) to my basket
add [1](quantity) [iphone 15](product) in [blue](color)
i'll take the [red](color) one in size [8](size)
add the [last](ordinal) one
yes add the [third](ordinal) one please
throw it in my cart
chuck [2](quantity) in the basket
add those [socks](product_type) too
add another one
add one more
make it [4](quantity)
change the quantity to [2](quantity)
can i get [two](quantity) of those
i want [a pair](quantity) of the [nike](brand) ones in [10](size)
add the [wool](material) one
put the [lego titanic](product) in my cart
+ omg yes, add it!!
+ love it, adding to cart
+ perfect, i'll take [3](quantity)!
add [5](quantity) [bags](product_type) of the [coffee](product_type)
add a [12 pack](quantity) of [sparkling water](product_type)
i want to buy the [stanley quencher](product) in [lilac](color)
add both to my cart
add all of them
put the [first](ordinal) and [second](ordinal) in my basket
buy the [cheapest](sort) one
add the [best rated](sort) one
purchase the [ps5 slim](product)
order the [dyson v15](product) for me
i wanna get the [medium](size)
add size [9](size) to cart
add [m](size) please
add the [navy](color) [m](size)
stick it in the cart
put it in my bag
save it to my cart
add this to my order
can you add [3](quantity) more
add it please
add this
add that
i'll have the [green](color) one
get me the [first](ordinal) one
i'd like to buy [two](quantity) [kindle paperwhite](product)
add the [bamboo](material) [toothbrushes](product_type)
add a [queen](size) [duvet](product_type) to my cart
add [10](quantity) [balloons](product_type)
add the [gift wrap](feature) option too
add the [matching](feature) [case](product_type)
also add the [charger](product_type)
and the [screen protector](product_type) too
ok add the [blender](product_type)
put [6](quantity) [cans](product_type) of [cat food](product_type) in
ok adding the [macbook air m3](product) to cart pls
add the [32 inch](size) one
add the [cotton](material) [pajamas](product_type) in [kids 6](size)
can u add the [leather](material) [belt](product_type) size [34](size)
i'll go with the [4th](ordinal) one
lets go with the [second](ordinal)
take the [last](ordinal) one
the [third](ordinal) one please, add it
add number [2](ordinal)
add #[3](ordinal) to the cart
i'll get [one](quantity) for me and [one](quantity) for [my sister](recipient)
add [2](quantity) for [my twins](recipient)
add the [yellow](color) [raincoat](product_type) in [3t](size)
pls add [garmin forerunner 255](product)
add [a dozen](quantity) [eggs](product_type)
add [2kg](size) of [basmati rice](product_type)
add the [bundle](feature) with the [controller](product_type)
put the [pixel 8](product) [128gb](feature) in my cart
i'd like to add [three](quantity) [candles](product_type)
add [4](quantity) [plates](product_type) and [4](quantity) [bowls](product_type)
grab me the [oral-b io](product)
yes i'll take the [grey](color) [sofa](product_type)
buy [2](quantity) of the [merino](material) [socks](product_type)
ok fine add the cheaper one
- fine whatever, just add the [black](color) one
add the [wide fit](size) in [11](size)
could you add the [lululemon align](product) in size [6](size) to my bag
put it in the basket, [2](quantity) please
"""
