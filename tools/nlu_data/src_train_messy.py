"""Hand-written TRAIN sentences, fourth batch: messy real-shopper language
(typos, fragments, slang, emoji, long rambling lines) and hard negatives
between confusable intents.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["greet"] = """
heyy kefu hru
hi ther
helllo
gd morning
hey hey 👋 u around?
hi!!! ok so
hey so um
hello i guess
"""

TRAIN["goodbye"] = """
ok thats all ty bye
alright cya l8r
k im off
byeee 👋👋
gtg dinner's ready bye
ok night x
"""

TRAIN["thanks"] = """
thx m8
ty ty
thank uuu
thanks v much
cheers luv
thx 4 the help
tysm ur a lifesaver
"""

TRAIN["affirm"] = """
yh
yeh
ye
ok ok
sure thang
yep yep yep
ya sure
yess
"""

TRAIN["deny"] = """
nah nah
nop
noo
nahh not rly
no ty im ok
na thx
nope nvm
"""

TRAIN["chitchat"] = """
r u real
u a bot?
wat r u
hru kefu
do u like ur job lol
whats ur fav song
are u even a person lol
u there bot?
"""

TRAIN["out_of_scope"] = """
wats the weather gonna b like tmrw
cn u do my homwork
whos gonna win the election lol
wheres the nearest mcdonalds
how do i unclog a toilet
can u book me a dentist appointment
"""

TRAIN["search_product"] = """
u got [vaccum cleaners](product_type)
lookin 4 [wirless](feature) [headfones](product_type) under [100](price_max)
need [sneakers](product_type) size [11](size) asap
[hoodies](product_type)?? [black](color) [xxl](size)
do yall sell [phone chargers](product_type)
ok so i need a [winter coat](product_type) but like not too puffy, [black](color) or [navy](color), size [m](size) and ideally under [$150](price_max) if that exists lol
anything for cats? like [scratching posts](product_type)
[matress](product_type) [double](size)
i want [jbl](brand) somethin
got [protien bars](product_type)?
do you do [kitchen scales](product_type)
[airpods](product) plz
[nike](brand) stuff for [my son](recipient) hes 10
[ps4 games](product_type) [cheapest](sort)
"""

TRAIN["refine_search"] = """
cheaper pls
smth cheaper?
anythin in [blak](color)
larger sizes?
sorry i meant womens not mens
nah those r ugly, other ones?
ok but under [30](price_max) tho
wat about [purple](color)
next
more plz
[cheapest](sort) 1st
only [cotton](material) ones pls
"""

TRAIN["recommend"] = """
wat shud i get [my bf](recipient) 4 his bday
any gud [earbuds](product_type) u recomend?
idk what to get [my mum](recipient) help 😭
whats a good gift for [my 7 yr old](recipient)
suggestions for [a 1 year old](recipient)??
i need smth for [my dad](recipient) who likes fishing, budget [£40](price_max)
wat [laptop](product_type) 4 uni
"""

TRAIN["product_info"] = """
does the [iphone 13](product) have [face id](feature)
the [second](ordinal) one got [pockets](feature)?
is it [wireless](feature)
hw long does the [battry](feature) last on the [airpods 3](product)
is the [3rd](ordinal) one [real gold](material)
r the [crocs](brand) [comfy](feature)
wat [material](feature) is the [blue](color) [shirt](product_type)
does it come w a [case](feature)
can u wash the [duvet](product_type) in the machine
"""

TRAIN["compare_products"] = """
[airpods](product) or [beats](brand)?? which 1
wich is beter [galaxy s23](product) or [iphone 14](product)
1st or 2nd? [first](ordinal) or [second](ordinal) i mean, which is better
diff between these 2
[xbox](brand) vs [playstation](brand) lol which is better
whats better for [my mom](recipient) the [first](ordinal) or [last](ordinal) one
"""

TRAIN["check_price"] = """
hw much
how much r they
$$ for the [xbox series x](product)?
price 4 the [blue](color) 1?
how mch is the [nintendo switch](product)
how much is dat
wats the price of the [2nd](ordinal) one
"""

TRAIN["check_stock"] = """
in stok?
u got any [8](size) left?
is the [hoodie](product_type) avail in [xl](size)
any [ps5](product) in stok
when r u gettin more
still got the [yellow](color) one?
"""

TRAIN["add_to_cart"] = """
ok add it
add 2 cart
yes add [2](quantity)
put it in ma basket
add the [1st](ordinal) 1
gimme [3](quantity) of those
ill take the [blue](color) 1 in [m](size)
add [airpods](product) 2 cart
"""

TRAIN["order_status"] = """
wheres my stuff at
when will i recieve my order
hav u shipped my order yet
wen is my order coming
order [5521930](order_id) wheres it
did u send my [nikes](brand) yet
track [KF-3391](order_id) plz
y hasnt my order shipped
"""

TRAIN["cancel_order"] = """
cancle my order
i wanna cancel [33120](order_id)
cancel it plz
how do i cancle
dont send it i dont want it no more
cancel [KF-1192](order_id) asap pls
"""

TRAIN["return_item"] = """
how do i retrun stuff
wanna send it bak
i want 2 return the [shoes](product_type) they dont fit
retun label pls
can i swap 4 a bigger size
return [KF-22018](order_id) pls
"""

TRAIN["refund_status"] = """
wheres my refund
refnd status?
when do i get my money bak
- still no refund smh
did u refund me yet
- refund for [88102](order_id)???
"""

TRAIN["shipping_info"] = """
do u ship 2 [canada](location)
hw long is shipping
is shipin free
how much 4 delivery to [spain](location)
wen wud it arrive if i order now
do u deliver on sat
"""

TRAIN["payment_info"] = """
can i pay w paypal
do u take klarna
any promo codes?? 🙏
my discount code dont work
can i pay in bits, like monthly
do u accept cash app
"""

TRAIN["warranty_info"] = """
is there warrenty
hw long is the garantee
does it hav a warranty
warranty on the [ps5](product) pls
is it coverd if it breaks
"""

TRAIN["complaint"] = """
ur delivery is sooo slow
my order came broke
wtf is this quality
smh the [shoes](product_type) r falling apart alrdy
this is a joke, ordered [blue](color) got [pink](color)
never again ffs
the [earbuds](product_type) keep cuttin out so annoying
"""

TRAIN["human_agent"] = """
get me a human plz
can i tlk to a real person
hooman pls
let me speak 2 someone
i want a real agent not a bot
is there any1 real here
"""
