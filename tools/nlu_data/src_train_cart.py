"""Hand-written TRAIN sentences: the cart in the conversation (view, remove, change a
quantity, empty). Adding stays add_to_cart (src_train_shop.py); taking something out of
an *order* stays cancel_order.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default neutral); "//" comment.
"""

TRAIN = {}

TRAIN["view_cart"] = """
what's in my cart
whats in my basket
show me my cart
show my basket please
can i see my cart
let me see my basket
open my cart
view cart
cart
basket?
my cart
what have i got in my basket so far
what did i put in my cart
what's in my bag so far
how many things are in my cart
how many items have i got in the basket
how much is my cart
how much is everything in my basket
what's my cart total
what's the total of my basket
total please
what does my basket come to
what do i owe for the stuff in my cart
remind me what i added
what have i added so far
which items did i add
did the [headphones](product_type) go in my cart
is the [yoga mat](product_type) in my basket
did you add the [kindle paperwhite](product) to my cart
is the [blue](color) one in my cart now
did my [2](quantity) [mugs](product_type) make it into the basket
check my cart
check what's in my basket
can you list my cart
list everything in my cart
read me back my basket
go over my cart with me
summarise my basket
cart summary
basket summary please
what am i buying so far
what am i about to buy
what's waiting in my cart
is anything in my cart
is my basket empty
do i have anything in my cart
have i got anything in the basket yet
did i already add something
is there stuff in my cart from before
what's still in my cart from yesterday
show me the cart before i check out
before i pay, what's in the basket
before checkout show me everything
let's review the cart
review my basket
can i double check my cart
double check my basket for me
i want to check my cart
i'd like to see my basket
could you show me what's in my trolley
what's in the trolley
show trolley
what's in my shopping bag
my shopping cart please
shopping cart
view my shopping basket
pull up my cart
bring up my basket
whats in ma cart
wat is in my basket
show cart pls
show me teh cart
whts in my crt
my cart??
how many [jackets](product_type) are in my cart
how many of the [socks](product_type) did i add
did i add [one](quantity) or [two](quantity) of the [candles](product_type)
what size did i put in the cart for the [hoodie](product_type)
which colour of the [kettle](product_type) is in my basket
what's the subtotal
subtotal?
how much have i spent so far
how much is it all together
how much altogether
what does it all add up to
add it all up for me
what's the damage so far
+ ooh let me see my haul so far
+ show me my lovely basket
- ugh what's even in my cart right now
- my cart looks wrong, show me what's in it
- the page says my cart is empty but i added stuff, what's in it
the header says 0 items, what's actually in my cart
does the cart still have the [lego](brand) set
is the [nintendo switch oled](product) still in my basket
are the [trainers](product_type) in the cart in size [9](size)
show me the basket again
and the cart now?
what's in it now
what's left in my cart
what's in the cart after that
so what's in my basket now
ok what have i got now
"""

TRAIN["remove_from_cart"] = """
remove the [mug](product_type) from my cart
take the [headphones](product_type) out of my basket
delete the [candle](product_type) from the cart
remove it from my cart
take it out of the basket
take that out
remove that one
i don't want the [scarf](product_type) anymore, remove it
get rid of the [yoga mat](product_type) in my cart
drop the [socks](product_type) from my basket
drop the [second](ordinal) item
remove the [first](ordinal) thing in my cart
take out the [last](ordinal) one
remove item [2](ordinal) from my basket
remove the [3rd](ordinal) line
scrap the [water bottle](product_type)
lose the [hoodie](product_type)
ditch the [blender](product_type), i changed my mind
nix the [sunglasses](product_type)
remove the [nike](brand) ones
take the [adidas](brand) [trainers](product_type) out
remove the [red](color) one from my cart
take out the [black](color) [backpack](product_type)
remove the [kindle paperwhite](product) from my basket
please remove the [dyson v8](product) from the cart
take the [lego millennium falcon](product) out of my cart
i changed my mind about the [lamp](product_type), take it out
actually i don't need the [charger](product_type), remove it
no longer want the [tent](product_type)
i don't need the [cable](product_type) anymore
the [kettle](product_type) can go
the [throw pillow](product_type) can come out of the basket
cancel the [rug](product_type) in my cart
un-add the [book](product_type)
unadd that
undo adding the [earbuds](product_type)
undo the last thing i added
oops, i didn't mean to add that, take it off
oops wrong item, remove it
i added the wrong [shoes](product_type), remove them
that was a mistake, remove the [jacket](product_type)
remove everything except the [mug](product_type)
remove the [mugs](product_type) but keep the [plates](product_type)
take the size [m](size) [tee](product_type) out
remove the [large](size) one
remove the [puma](brand) [shorts](product_type) in [grey](color)
take one thing off my basket
can you remove the [notebook](product_type)
could you take the [pens](product_type) out of my cart please
would you delete the [phone case](product_type) from my basket
i'd like to remove the [monitor](product_type) from my cart
i want to remove the [desk lamp](product_type)
i wanna take out the [cushion](product_type)
pls remove the [blanket](product_type)
rmv the [bottle](product_type) frm cart
remvoe the [hat](product_type) from my basket
delte the [toaster](product_type)
take teh [socks](product_type) out
remove it pls
get that out of my cart
take it off the list
strike the [umbrella](product_type) off
cross the [planner](product_type) off my basket
forget the [speaker](product_type)
forget about the [gloves](product_type), take them out
scratch the [frying pan](product_type)
nevermind the [coffee grinder](product_type), remove it
never mind the [iphone case](product_type), take it out of the cart
on second thoughts remove the [watch](product_type)
second thoughts on the [candle set](product_type), out it goes
- just remove the stupid [cable](product_type)
- that's not what i wanted, get it out of my cart
- why is the [blender](product_type) in my cart? remove it
- i never added the [vase](product_type), take it out
+ perfect, just take the [spare strap](product_type) out and i'm good
= remove the [poster](product_type)
too many things, remove the [frame](product_type)
my basket's too expensive, drop the [speaker](product_type)
over budget, remove the [most expensive](sort) one
take out whatever is [most expensive](sort)
remove the [cheapest](sort) one
remove the [teapot](product_type) from my shopping bag
remove the [dress](product_type) from the trolley
remove the [sandals](product_type) from my basket, they won't fit
take the kids [raincoat](product_type) out
delete both [mugs](product_type)
remove all the [socks](product_type)
remove all [3](quantity) [candles](product_type)
take all the [batteries](product_type) out
remove the [samsung](brand) thing
take the [logitech](brand) [mouse](product_type) off
remove the [apple](brand) one
remove the [lavender](color) [candle](product_type)
remove the one in [navy](color)
take away the [beanie](product_type)
i'll pass on the [hoodie](product_type) after all, take it out
don't want the [glasses](product_type) anymore
i don't want it in my cart
delete line [2](ordinal)
remove number [1](ordinal)
remove #[3](ordinal)
"""

TRAIN["update_cart"] = """
change the [mugs](product_type) to [2](quantity)
make it [3](quantity)
make that [two](quantity)
i want [4](quantity) of the [socks](product_type) instead
actually i need [3](quantity) of those
change the quantity of the [candles](product_type) to [5](quantity)
set the [water bottle](product_type) to [1](quantity)
update the [towels](product_type) to [6](quantity)
update my cart: [2](quantity) [pillows](product_type)
can you make it [a pair](quantity) instead
just [one](quantity) please, not two
only [1](quantity) of the [plates](product_type)
i only need [one](quantity) [lamp](product_type)
reduce the [glasses](product_type) to [4](quantity)
lower the [batteries](product_type) to [2](quantity)
increase the [notebooks](product_type) to [10](quantity)
bump the [pens](product_type) up to [12](quantity)
up the [coffee pods](product_type) to [3](quantity) boxes
make the [tees](product_type) [three](quantity)
change it to [five](quantity)
change the amount to [2](quantity)
change quantity to [8](quantity)
set quantity [3](quantity)
qty [2](quantity)
quantity [4](quantity) please
can i have [2](quantity) of the [mug](product_type) instead of one
[2](quantity) of the [headphones](product_type) not 1
i meant [3](quantity), not two
sorry i meant [a dozen](quantity)
oops, i need [2](quantity) of those, not just one
wait, make that [a couple](quantity)
one more of the [mugs](product_type), so [3](quantity) in total
make the [first](ordinal) item [2](quantity)
set the [second](ordinal) line to [4](quantity)
the [last](ordinal) one, [3](quantity) please
change the [nike](brand) ones to [2](quantity)
make the [red](color) [scarves](product_type) [three](quantity)
i need [6](quantity) of the [kindle paperwhite](product) for the office
change the [airpods pro](product) to [2](quantity)
update the [lego](brand) set quantity to [3](quantity)
can you change how many [towels](product_type) i'm getting to [4](quantity)
i want fewer [cups](product_type), make it [2](quantity)
i want more [cups](product_type), make it [8](quantity)
halve the [napkins](product_type)
double the [candles](product_type)
double it
make it [10 packs](quantity)
[three](quantity) of them, not four
only [two](quantity) of the [socks](product_type) please
4 is too many, make it [2](quantity)
too many [plates](product_type), just [6](quantity)
i accidentally added 5, i wanted [1](quantity)
could you change the [beanies](product_type) to [2](quantity)
would you set the [mugs](product_type) to [4](quantity)
i'd like [3](quantity) of the [lamp](product_type) instead
id like [two](quantity) of those instead pls
chnage it to [2](quantity)
mak it [3](quantity)
updte the [socks](product_type) to [5](quantity)
set [hoodie](product_type) qty to [2](quantity)
the [pillows](product_type) should be [2](quantity) not 4
change the [mugs](product_type) from 4 to [2](quantity)
adjust the [glasses](product_type) to [six](quantity)
adjust quantity of the [candles](product_type)
change the quantity of the [cushions](product_type)
i want to change how many [plates](product_type) i have
can i change the quantity in my cart
edit the quantity of the [mugs](product_type)
update the amount of [tea](product_type)
change the number of [towels](product_type)
- no, i said [2](quantity) [mugs](product_type), fix it
- why are there 3 in my cart? i want [1](quantity)
- ugh it added too many, set it to [1](quantity)
+ great, make it [2](quantity) of those please!
+ love it, actually make that [three](quantity)
= [5](quantity) of the [pencils](product_type)
for the [plates](product_type), [8](quantity) instead
keep the [mug](product_type) but only [1](quantity)
keep the [socks](product_type) but make it [3](quantity) pairs
make the [large](size) [tees](product_type) [2](quantity)
the size [10](size) [trainers](product_type), just [one](quantity) pair
the [grey](color) one, [2](quantity) of them
change my 4 [candles](product_type) to [2](quantity)
bring the [filters](product_type) down to [2](quantity)
take the [bowls](product_type) down to [3](quantity)
put the [bowls](product_type) up to [5](quantity)
add one more [mug](product_type) to what's in the cart, [3](quantity) total
actually [4](quantity) of the [second](ordinal) one
make it [2](quantity) of the [first](ordinal) please
"""

TRAIN["empty_cart"] = """
empty my cart
empty the basket
clear my cart
clear the basket please
clear cart
empty cart
remove everything from my cart
remove all items from my basket
take everything out of my cart
delete everything in my basket
delete all items in my cart
get rid of everything in my cart
wipe my cart
wipe the basket
reset my cart
reset the basket
start my cart over
start over with an empty cart
i want to start my basket again
scrap the whole cart
scrap everything in my basket
ditch the whole basket
dump my cart
throw out everything in my cart
cancel my cart
cancel everything in my basket
i don't want anything in my cart
i don't want any of it
i don't want any of these anymore, clear the cart
forget everything i added
forget my whole cart
forget all of it
never mind all of it, empty the cart
nevermind, clear my basket
remove all
remove all of them
remove them all
take them all out
delete all of it
clear it all
clear everything
clear all items
empty it
empty everything
empty the lot
get rid of all of it
bin the whole lot
could you empty my cart
can you clear my basket please
would you clear out my cart
please empty the cart for me
i'd like to empty my basket
i want to clear my cart
i wanna empty the cart
let's clear the cart
let's start fresh, empty my basket
fresh start, clear the cart
empty my shopping bag
clear my shopping basket
empty the trolley
clear trolley
emtpy my cart
clera my basket
empty teh cart pls
empyt cart
cleer cart
delet everything in my crt
- just empty the whole thing
- this is a mess, clear my cart
- forget it, empty the cart, i'm done
- ugh remove everything, none of it is right
+ all good, you can clear my cart now, thanks
= empty the basket now
just clear everything out
can we empty the cart
i'd like a clean basket
take every single thing out of my cart
remove the lot
clear the cart of everything
get my basket back to empty
throw away my basket
i'm not buying any of this, clear it out
none of these, empty my trolley
undo everything i added
undo all the adds
remove all [3](quantity) things
empty the [2](quantity) items in my cart
cart is wrong, clear it all
could you clear everything in my bag
empty out the cart please
clear out my basket, i'll shop later
clear my cart, i'll come back tomorrow
remove everything and start again
take everything out and let's start over
can you empty it and start again
i changed my mind about everything, clear it
i changed my mind on all of it, empty my basket
none of it, clear the cart
nothing in my cart please, empty it
my cart should be empty, clear it
make my cart empty
set my basket to empty
zero out my cart
remove all [4](quantity) items
remove all the items
"""

# The values shoppers name a cart line by, in the mix the add_to_cart lines have them
# (materials, colours, brands, model names, sizes): the first cart lines named lines
# mostly by product type alone (December 7, seventh session).
TRAIN["view_cart"] += """
is the [linen](material) [tablecloth](product_type) still in my cart
did the [leather](material) [wallet](product_type) go in the basket
is the [wool](material) [jumper](product_type) in there in [navy](color)
which [oak](material) [shelf](product_type) did i add
have i got the [silver](color) [necklace](product_type) in my basket
is the [sony wh-1000xm4](product) still in my cart
did the [garmin venu 3](product) get added
is the [apple watch se](product) in the basket or not
did i put the [nike pegasus 40](product) in size [10](size)
what size is the [levi's 511](product) in my cart
are the [adidas](brand) [joggers](product_type) in my basket
is the [patagonia](brand) one in the cart
did the [hydro flask](brand) [bottle](product_type) make it into my basket
is the [cotton](material) [duvet cover](product_type) in [king](size) in my cart
which colour [velvet](material) [cushion](product_type) is in my basket
did i add the [glass](material) [teapot](product_type) or the [steel](material) one
"""

TRAIN["remove_from_cart"] += """
remove the [linen](material) [shirt](product_type)
take the [leather](material) [belt](product_type) out of my cart
drop the [wool](material) [socks](product_type) from the basket
get the [oak](material) [side table](product_type) out of my cart
remove the [marble](material) [coasters](product_type)
take out the [stainless steel](material) [pan](product_type)
the [cashmere](material) [scarf](product_type) can go
remove the [cast iron](material) [skillet](product_type), too heavy
take out the [silk](material) [pillowcase](product_type) in [ivory](color)
remove the [green](color) [jumper](product_type)
drop the [pink](color) one
take the [grey](color) [hoodie](product_type) in [medium](size) out
remove the [size 8](size) [boots](product_type)
remove the [small](size) one, it won't fit
remove the [xxl](size) [tee](product_type)
remove the [sony wh-1000xm4](product)
take the [fitbit charge 6](product) out of my basket
please remove the [instant pot duo](product)
i don't want the [airpods max](product) anymore
remove the [nespresso vertuo](product) from my cart
get the [ray-ban wayfarer](product) out of the basket
remove the [le labo](brand) [candle](product_type)
take the [birkenstock](brand) [sandals](product_type) out
drop the [north face](brand) [jacket](product_type)
remove anything from [ikea](brand) in my cart
take the [uniqlo](brand) [fleece](product_type) out of my basket
"""

TRAIN["update_cart"] += """
make the [linen](material) [napkins](product_type) [8](quantity)
change the [wool](material) [socks](product_type) to [3](quantity) pairs
could i get [2](quantity) of the [leather](material) [notebooks](product_type) instead
set the [glass](material) [jars](product_type) to [six](quantity)
[4](quantity) of the [cotton](material) [tea towels](product_type) please
change the [oak](material) [coasters](product_type) to [a set of 4](quantity)
make the [copper](material) [mugs](product_type) [two](quantity)
change the [white](color) [plates](product_type) to [12](quantity)
i want [3](quantity) of the [black](color) ones instead
make it [two](quantity) of the [purple](color) [candles](product_type)
change the [medium](size) [tees](product_type) to [3](quantity)
set the [size 6](size) [socks](product_type) to [2](quantity) pairs
[2](quantity) of the [kindle paperwhite](product) please, not one
change the [sony wh-1000xm4](product) to [2](quantity)
make the [yeti rambler](product) [three](quantity)
i'd like [a pair](quantity) of the [airpods pro](product) instead of one
make the [lego](brand) ones [2](quantity)
change the [stanley](brand) [cups](product_type) to [4](quantity)
[two](quantity) of the [denby](brand) [mugs](product_type), not four
set the [muji](brand) [pens](product_type) to [10](quantity)
"""

TRAIN["empty_cart"] += """
empty my cart, i don't want the [linen](material) [sheets](product_type) or anything else
clear everything, including the [sony wh-1000xm4](product)
remove everything, the [nike](brand) stuff too
empty the basket, even the [red](color) [dress](product_type)
"""
