"""Hand-written TRAIN sentences, twelfth batch: names and words the model has never met,
written from the error *categories* left on the test file after the eleventh pass, never
from test sentences or their names:

- named products made of ordinary nouns ("the nest hub", "the fire tv stick", "the yoto
  player") as one product span in every intent — complaints, stock, cart, orders,
  warranty — not a brand + product type and not a product type;
- unfamiliar materials before or after a garment or piece of furniture ("the chenille
  throw", "the blazer in tweed", "is the angora in the jumper itchy");
- colour words that are also nouns ("stone", "clay", "moss", "slate", "camel");
- an unfamiliar brand before a plural category stays brand + product_type in cart,
  stock, price and comparison lines; a brand alone after "filter to" / "a pair of";
- letter and word sizes ("an M", "in large"), amounts in words ("a hundred and fifty",
  "half a grand"), a comparative before a feature left out of it ("the longer
  [range]");
- "first" right after a ranking wish belongs to it ("[cheapest first]"), "ones" does not;
  comparatives ("lower priced", "cheaper") are not sort;
- look-alikes left untagged: payment networks, delivery options, lockers, roads, the
  company that made the bot, container words, "for 5" people, "a few more" results.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["complaint"] = """
there's a dead line down the middle of the [analogue pocket](product) display
two days in and the [yoto player](product) is already dead
the [nest hub](product) keeps dropping the wifi since day one
the [fire tv stick](product) remote won't pair at all
after one week the light on my [hatch restore](product) gave up
the [ninja creami](product) lid cracked the first time i used it
the [chenille](material) [throw](product_type) is shedding all over my sofa
sent me an [M](size) when the order clearly says [L](size)
the [stone](color) [sweatshirt](product_type) came out of the wash pink
the [dualit](brand) [toaster](product_type) burns one side every single time
the [magic mouse](product) scroll just died, two weeks old
"""

TRAIN["product_info"] = """
does the [flipper zero](product) come with a case
how heavy is the [brompton](product) when it's folded
from what age can kids use the [yoto player](product)
how big is the [playdate](product) screen really
would [angora](material) on a [jumper](product_type) bother sensitive skin
is the [seagrass](material) [basket](product_type) sturdy enough for logs
is the [terracotta](material) [planter](product_type) [frost proof](feature)
[battery](feature) on the [kindle scribe](product), days or weeks?
does the [kindle scribe](product) come with the [pen](feature)
the [gaggia classic](product), [steam wand](feature) included?
can the [echo dot](product) run on [batteries](feature) or does it need a plug
can the [tripp trapp](product) cushion covers go in the washing machine
[nubuck](material) [chelsea boots](product_type), [waterproof](feature) or not?
do i need an account for the [nest hub](product) to work
"""

TRAIN["compare_products"] = """
[analogue pocket](product) vs [switch oled](product) for retro games, thoughts
[nest hub](product) or [echo show 8](product) for a kitchen counter
is the [ooni koda](product) better than a [solo stove](brand) [pizza oven](product_type)
torn between [dell](brand) and [acer](brand) [laptops](product_type)
[fjallraven](brand) or [eastpak](brand) [rucksacks](product_type), which lasts longer
i need the longer [range](feature) one of the two [e-bikes](product_type)
[power banks](product_type) with the biggest [capacity](feature), which one
[sonos era 100](product) against [bose soundlink flex](product): going by reviews, which wins
[alpaca](material) vs [angora](material) for keeping warm
which of the [ninja creami](product) and the [magic bullet](product) is easier to clean
"""

TRAIN["check_stock"] = """
[ninja creami](product) restocked yet or still nothing
when will the [hatch restore](product) be available again
do you still have the [flipper zero](product)
[playdate](product) in stock?
any [brio](brand) [train sets](product_type) in stock
do you stock [ravensburger](brand) [puzzles](product_type) or only [hape](brand) ones
the [stone](color) [sweatshirt](product_type), still got an [xl](size)?
is the [slate](color) [duvet cover](product_type) still available
[crocs](brand) in [uk 7](size), any left
is the [wicker](material) [laundry basket](product_type) in stock
got the [trench coat](product_type) in [stone](color)?
any [tripp trapp](product) left in [storm grey](color)
"""

TRAIN["add_to_cart"] = """
the [yoto player](product), one please, into the basket
stick [2](quantity) [fire tv sticks](product) in my basket
pop the [polaroid go](product) in my cart
i'll take the [brompton](product) in [racing green](color)
[2](quantity) of the [anker](brand) [chargers](product_type) into my cart please
add [three](quantity) [zwilling](brand) [knives](product_type) please
put [a couple](quantity) of [brabantia](brand) [bins](product_type) in
the [boucle](material) [armchair](product_type), [cream](color) one, is what i want, add it
add the [enamel](material) [mug](product_type) in [forest green](color)
the [moss](color) one in [medium](size) please, add it
i need [six](quantity) [paper straws](product_type) added
"""

TRAIN["check_price"] = """
how much is the [flipper zero](product)
price on the [solo stove bonfire](product)?
does the [dualit](brand) [toaster](product_type) come in below [100](price_max)
how much is a [herschel](brand) [backpack](product_type)
price of the [tefal](brand) [frying pan](product_type)
what would [a pair](quantity) of [crocs](brand) set me back
the [blazer](product_type) that comes in [tweed](material), what does it cost
the [pewter](material) [photo frame](product_type), how much
kids [ski goggles](product_type), what do they cost
[4](quantity) tins of [cat food](product_type) comes to what
price for [2](quantity) jars of [peanut butter](product_type)
that [camel](color) [coat](product_type) is lovely, what's it cost
"""

TRAIN["order_status"] = """
+ so excited for my [ninja creami](product), has it shipped yet??
has my [analogue pocket](product) been posted yet
where's the [nest hub](product) i ordered last week
did the [yoto player](product) for [my nephew](recipient) go out
"""

TRAIN["cancel_order"] = """
i don't need the [yoto player](product) any more, please cancel, someone gifted us one
please cancel my [hatch restore](product)
cancel the [2](quantity) [anker](brand) [chargers](product_type), ordered twice by mistake
"""

TRAIN["warranty_info"] = """
does the [analogue pocket](product) have a warranty
is the [ninja creami](product) motor guaranteed
how long is the guarantee on the [brompton](product)
if the [jute](material) [rug](product_type) frays, will the warranty cover it
"""

TRAIN["return_item"] = """
can i send back the [echo show 8](product), it's too big for the shelf
returning the [magic mouse](product), how do i do that
can the [chenille](material) [throw](product_type) go back if it's been washed
"""

TRAIN["search_product"] = """
any [teak](material) [garden bench](product_type) under [£300](price_max)
any [velour](material) [tracksuits](product_type) in [l](size)
do you have [patagonia](brand) [fleeces](product_type) in [clay](color)?
i need the [chinos](product_type) in [camel](color), [w32](size)
[kenwood](brand) [stand mixers](product_type) [cheapest first](sort)
got these in [small](size) or [medium](size)?
any [biscuit](color) [knitwear](product_type)?
i'm hunting for a [linen](material) [shirt](product_type), [large](size) if you have it
the [taupe](color) [ankle boots](product_type) in [uk 4](size)
"""

TRAIN["refine_search"] = """
only want [logitech](brand) in the list
just [razer](brand) pls
narrow it to [corsair](brand)
is there a [tweed](material) version of any of these
only show [seersucker](material) please
show me the [shearling](material) ones only
only in [pebble](color) pls
[rust](color) or [sage](color)?
[large](size) please, the [olive](color) ones
[charcoal](color) or [ecru](color)?
can we stay below [a hundred and fifty](price_max)
nothing over [ninety quid](price_max)
more than [two hundred and fifty](price_min) is fine
somewhere between [forty](price_min) and [sixty quid](price_max)
[half a grand](price_max) tops
is there anything lower priced in this range
got anything less pricey than these
let's see a few more of those
a couple more please
show me the [top sellers](sort) in [green](color)
"""

TRAIN["recommend"] = """
[slow cooker](product_type) suggestions for a family of 6?
recommend a [succulent](product_type) for someone who forgets to water
what's in your [best sellers](sort) for a puppy
got [two hundred](price_max) to spend on a [tablet](product_type), suggestions?
"""

TRAIN["payment_info"] = """
do you take discover cards
is union pay accepted
is amex fine for big orders, like 300 plus
"""

TRAIN["shipping_info"] = """
how fast is express shipping
do you do next day or express
is locker pickup a thing with you
do you deliver to lockers
what's the minimum spend for free shipping
"""

TRAIN["chitchat"] = """
which company's ai is behind you, google?
are you chatgpt or something
who built you, microsoft?
"""

TRAIN["out_of_scope"] = """
any roadworks on the a40 this weekend
are the trains running on the northern line
"""
