"""Hand-written TRAIN sentences: orders and policies intents.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default neutral); "//" comment.
"""

TRAIN = {}

TRAIN["order_status"] = """
where is my order
where's my package
wheres my stuff
track my order
can you track order [88213](order_id)
status of order [KF-20931](order_id)?
has my order shipped yet
has order [A7X92Q](order_id) been dispatched
when will my order arrive
when will i recieve my [headphones](product_type)
is my order on the way
order [ord-2024-0091](order_id) status pls
what's happening with my order
any update on my order
any updates on [55102](order_id)
my order number is [KF-77812](order_id), where is it
i ordered a [desk](product_type) last week, when's it coming
tracking number for order [99-3321](order_id)?
can i get a tracking link
where is order no. [40021](order_id)
order #[7723](order_id) where is it
is order [B2C-1180](order_id) out for delivery
when is my [dyson v15](product) being delivered
it's been 5 days, where's my order
- seriously where is my order, it's been ages
- still no sign of my package. where is it??
has my [lego](brand) order left the warehouse
is my parcel in [leeds](location) yet
did my order get shipped to [canada](location) already
what's the eta on order [X9Y8Z7](order_id)
expected delivery date for [order-5591](order_id)?
eta?
when is it coming
when will it get here
is it shipped
did it ship
has it been posted
is my order processing
my order says pending, what does that mean
why does my order say processing still
order status
check order status
check my order [3301457](order_id)
what's the status of my [ps5](product) order
has my order been confirmed
did you get my order
did my order go through
i placed an order yesterday, did it go through
can you look up order [KF-00412](order_id)
look up [ZX-88-01](order_id) for me
how far away is my delivery
which courier is delivering my order
who is delivering order [61120](order_id)
is it coming with dhl or ups
where is my parcel right now
the tracking hasn't updated in 3 days, is it still moving
my tracking says in transit, how long will that take
+ so excited, when does my [kindle](brand) arrive?
+ hi! just checking on order [K77-4410](order_id) 😊
will my order arrive before christmas
will it be here by friday
will order [220918](order_id) arrive by the weekend
is my delivery today
is it arriving today or tomorrow
what time will my package be delivered
can i see where the driver is
delivery window for order [AB123C](order_id)?
hey any news about my order [9021-KF](order_id)
order [kf20931](order_id) hasnt moved
i got a shipped email but no tracking
did both parts of my order ship
has the second half of my order shipped
when will the rest of my order come
i only got one box, where's the other
my order [H4-20-77](order_id) is split, where's part 2
has the [sofa](product_type) i ordered left yet
whens my [mattress](product_type) coming
is my [garmin forerunner 255](product) on its way
where are my [shoes](product_type)
did my [cat food](product_type) subscription ship this month
status of my last order
what's up with my latest order
can you check on my [red](color) [hoodie](product_type) order
has my order to [dublin](location) cleared customs
is my package stuck in customs
order [PL-2049-X](order_id) - any idea when it lands
where is [QW7781](order_id)
[88123](order_id) status
order [1189022](order_id)
- [KF-4410](order_id)?? where
where's order [R2D2-77](order_id) at
track [SHP-55120](order_id)
can u tell me if [77-K-110](order_id) is delivered
was my order delivered
it says delivered to [texas](location), is that right
my order to [my mum](recipient) - has it arrived
has the gift i sent to [my sister](recipient) been delivered
has my order for [3](quantity) [chairs](product_type) shipped
"""

TRAIN["cancel_order"] = """
cancel my order
i want to cancel my order
please cancel order [88213](order_id)
cancel [KF-20931](order_id)
can i still cancel
how do i cancel an order
i need to cancel order [A7X92Q](order_id) asap
i changed my mind, cancel it
cancel the [headphones](product_type) order
can i cancel just the [blue](color) [shirt](product_type) from my order
i ordered the wrong size, cancel it pls
cancel my last order
cancel the order i just made
stop my order
don't ship my order
halt order [55-1024](order_id)
please don't send it, i want to cancel
is it too late to cancel
is it too late to cancel [ord-2024-0091](order_id)
can i cancel if it already shipped
cancel order no. [44910](order_id)
i'd like to cancel my purchase
cancel purchase
cancel the [dyson v15](product)
cancel the [2](quantity) [mugs](product_type) from order [KF-30012](order_id)
remove the [second](ordinal) item from my order
take the [lamp](product_type) off my order, it hasn't shipped
i accidentally ordered twice, cancel one
i ordered [3](quantity) by mistake, cancel [2](quantity)
cancel my subscription
stop my [coffee](product_type) subscription
cancel my monthly [dog food](product_type) delivery
i don't want it anymore
i don't need the order anymore, cancel
- just cancel it, this is taking forever
- cancel the whole thing, i'm done waiting
- ugh cancel order [77120](order_id), found it cheaper elsewhere
cancel pls
cancel cancel cancel
cancel order
order cancellation
how to cancel
where's the cancel button
i can't find how to cancel my order
the cancel button doesn't work, cancel [Z9-8812](order_id) for me
can you cancel [kf55102](order_id)
cancel the one going to [leeds](location)
cancel the order for [my dad](recipient)
i want to cancel the gift for [my niece](recipient)
cancel my pre order for the [ps5 pro](product)
cancel my preorder of [nintendo switch 2](product)
i'd like to cancel and reorder in [black](color)
can i cancel and get a different size
cancel order [B-2231-X](order_id) and refund me
cancel it and give me my money back
if it hasn't shipped please cancel
cancel before it ships pls
i placed the order 10 minutes ago, can i cancel
what happens if i cancel
do i get charged if i cancel
is there a fee to cancel
will i be refunded if i cancel order [61120](order_id)
cancel [AB-77-CD](order_id) please and thanks
+ hi, could you cancel order [TT7741](order_id) please? thank you!
please void my order
void order [3301457](order_id)
revoke my order
undo my order
undo my last purchase
i want to back out of my order
cancel the [laptop](product_type) i bought this morning
i don't want the [sofa](product_type) anymore, cancel
cancel the [xl](size) [jacket](product_type)
cancel my order, the delivery date is too late
cancel my order, i found a better deal
please cancel, i ordered the wrong [iphone 15](product)
pls cancel [4](quantity) of the [6](quantity) [chairs](product_type)
cancel everything in my order except the [shoes](product_type)
cancel the [first](ordinal) order, keep the [second](ordinal)
i need to cancel my order to [canada](location)
cancel order [ORD-88-1102](order_id)
cancel [HX-402](order_id)
cancel [900213](order_id)
i'd like my order [K-5521](order_id) cancelled
get rid of my order
scrap that order
scrap order [P01-9921](order_id)
kill my order lol
abort order
i want out of this order
can you cancel an order for me
need a cancellation for [KF-88001](order_id)
"""

TRAIN["return_item"] = """
i want to return this
how do i return an item
i'd like to return my [shoes](product_type)
return order [88213](order_id)
can i return the [dress](product_type), it doesn't fit
how do i send back the [headphones](product_type)
start a return
i need a return label
can i get a return label for [KF-20931](order_id)
the [jeans](product_type) are too small, i want to return them
i want to exchange the [m](size) for an [l](size)
can i swap it for a different color
exchange for [blue](color) please
return the [second](ordinal) item in my order
i want to send the [blender](product_type) back
how many days do i have to return
what's your return policy
can i return something i bought on sale
can i return opened items
can i return the [airpods pro](product) if i opened them
return window?
is return shipping free
do i have to pay for return shipping
where do i drop off my return
can i return it in store
can i return it to a shop in [manchester](location)
return the [sofa](product_type), it doesn't fit through the door
i need to return [2](quantity) of the [3](quantity) [shirts](product_type)
i got the wrong item and want to return it
i want to return a gift from [my aunt](recipient)
can i return a gift without a receipt
i don't like it, can i send it back
- this [kettle](product_type) is rubbish, i'm sending it back
- i want to return this junk
- return it. now.
send back [A7X92Q](order_id)
return [ord-2024-0091](order_id) please
i'd like to exchange the [nike](brand) [trainers](product_type) for size [10](size)
can i exchange this
how do exchanges work
i want to return the [red](color) one and get the [black](color) one
the [wool](material) [jumper](product_type) is itchy, can i return it
return request for [77120](order_id)
how do i print the return label
i lost my return label
can you email me the return label again
can you pick up the return from my house
do you do return pickups
i already started a return, how do i ship it
the [lamp](product_type) was broken, i want to return it
it arrived damaged, i want to send it back
can i return half of my order
returning [1](quantity) [pillow](product_type)
i bought [4](quantity) [chairs](product_type) but only need [2](quantity), can i return the rest
how do i return the [ps5 controller](product)
the [macbook air m2](product) is not for me, how do i return it
can i return [underwear](product_type)
can i return [earrings](product_type)
are [swimsuits](product_type) returnable
is the [mattress](product_type) returnable after sleeping on it
can i return the [lego](brand) set if it's unopened
return my [kindle paperwhite](product)
i want my money back and to send this back
i'd like to return and get a refund
return for store credit please
can i get store credit instead
return for exchange
exchange the [xl](size) for [xxl](size)
swap the [white](color) one for [beige](color)
return policy on [electronics](product_type)?
how long do returns take to process
i'm in [ireland](location), how do i return something
can i return from [canada](location)
+ loved the service but the [coat](product_type) is too big, can i return it?
+ hi :) how do i return a [jacket](product_type)? it's lovely but not my style
i want to return order [B2-9910](order_id), it's too big
return [KF-5510](order_id) [hoodie](product_type)
need to return the [first](ordinal) thing i bought
return the [last](ordinal) thing on my order
return the [cast iron](material) [pan](product_type) it's too heavy
how do i return a [tv](product_type)
the [samsung](brand) [fridge](product_type) doesn't fit, how do i return it
can i return furniture
can i return a [plant](product_type)
can i return food
return pls
returns
return item
i wanna return smth
how to return stuff
i want to return the [fitbit charge 6](product) i got as a present
the [ninja](brand) [blender](product_type) is too loud, return it
return the [baby monitor](product_type) from order [PL-2049-X](order_id)
can i return the size [5](size) nappies
return the [shoes](product_type) in [42](size), i need a [43](size)
where do i send returns to
what address do i send my return to
is there a restocking fee
"""

TRAIN["refund_status"] = """
where is my refund
when will i get my refund
has my refund been processed
i returned my order, when do i get my money
refund status for [88213](order_id)
any update on my refund
i still haven't got my refund
how long do refunds take
how many days for a refund
did you get my return
have you received my return for [KF-20931](order_id)
my refund hasn't shown up in my account
the refund for [A7X92Q](order_id) isn't in my bank
when will the money be back on my card
is my refund on its way
refund for the [headphones](product_type), when?
i sent back the [dress](product_type) 2 weeks ago, where's my refund
- it's been a month and still no refund
- where is my money??
- you said 5 days, it's been 15. where's my refund
refund status
check refund
refund?
did my refund go through
was my refund approved
why was my refund rejected
why did i only get a partial refund
i got less back than i paid
how much will i get refunded
will i get the shipping cost refunded
is shipping refunded too
when will the refund for order [ord-2024-0091](order_id) arrive
my refund for [77120](order_id) is pending, what does that mean
how do i check my refund status
refund tracking
has the refund for my [ps5](product) been issued
i cancelled order [55-1024](order_id), when is the refund
i cancelled, where's my money
the order was cancelled but i haven't been refunded
when do i get the money back for the cancelled [laptop](product_type)
refund still hasn't arrived on my paypal
is my refund going to my card or store credit
did i get store credit or a refund
i got store credit, i wanted a refund
my bank says no refund received
can you send proof of the refund
can i get a refund reference number
refund for [B2C-1180](order_id) status
[KF-88001](order_id) refund?
what's happening with my refund for [Z9-8812](order_id)
i'm still waiting on my refund for the [sofa](product_type)
when will the refund for the [2](quantity) [shirts](product_type) i returned show up
has the refund for the [second](ordinal) item been processed
has my return been processed
is my return complete
did my return arrive at the warehouse
return tracking says delivered, when's my refund
the courier picked up my return last week, refund?
+ hey! just wondering when my refund will come through 😊
+ thanks for approving the return, when should i see the money?
refund timeline?
how long until the money shows up
how long does it take to get back on my credit card
are refunds instant
do refunds take 3-5 business days
i'm owed money for order [3301457](order_id)
you owe me a refund
i was promised a refund, where is it
refund status of [TT7741](order_id) please
when will my refund for [K-5521](order_id) be done
is the refund for my [garmin forerunner 255](product) processed yet
i returned the [nike](brand) [shoes](product_type), where's my money
the $89 refund hasn't come back
- my refund for the [blue](color) [jacket](product_type) is taking forever
- honestly how long do i have to wait for my refund
- refund still processing??
why is my refund taking so long
refund not received
no refund yet
haven't seen my refund
refund not showing
i got an email saying refunded but nothing in my account
the refund went to my old card, what now
will the refund go back to my gift card
can the refund go to a different account
double check my refund status pls
checking on a refund for [P01-9921](order_id)
was my money returned for [HX-402](order_id)
did you refund the [lego](brand) set
i returned [3](quantity) items but only got refunded for one
refund for order to [canada](location)?
has my refund for the gift to [my mum](recipient) gone through
- i returned my [kindle paperwhite](product) ages ago, refund pls
where's my money for the returned [wool](material) [coat](product_type)
when will klarna show my refund
"""

TRAIN["shipping_info"] = """
how much is shipping
do you ship to [canada](location)
how long does delivery take
how long does shipping take to [ireland](location)
is there free shipping
what's the free shipping threshold
free delivery over what amount
do you deliver to [alaska](location)
can you ship to [australia](location)
how much is shipping to the [uk](location)
do you offer express shipping
is next day delivery available
can i get it by tomorrow
can i get it delivered on saturday
do you deliver on weekends
what shipping options do you have
which couriers do you use
do you ship internationally
do you ship to [germany](location)
how much does it cost to ship to [new zealand](location)
shipping to [hawaii](location)?
do you deliver to po boxes
can i pick it up in store
is click and collect available
how long will it take to get to [texas](location)
if i order today when will it arrive in [london](location)
delivery times to [scotland](location)?
do you deliver to [northern ireland](location)
is shipping free on orders over $50
what's the cheapest shipping option
how much is express delivery
is there same day delivery in [manhattan](location)
can i change my delivery address
can i ship to a different address
can i send it to [my mum](recipient)'s house
can i ship a gift to [my sister](recipient) in [spain](location)
can you deliver to my work
can i choose a delivery time
do i need to be home to sign for it
will the driver leave it at the door
can you leave it with a neighbour
do you ship [furniture](product_type) to [puerto rico](location)
how much to ship a [sofa](product_type)
is shipping free for the [ps5](product)
does the [mattress](product_type) come with free delivery
how is a [fridge](product_type) delivered
do you do white glove delivery
do you install [washing machines](product_type) when you deliver
do you take away my old [tv](product_type)
how heavy can a package be
are there customs fees for [canada](location)
will i pay import duties in [norway](location)
do you ship to the [eu](location) after brexit
shipping cost?
delivery cost?
how long for delivery
delivery time
when would it arrive if i order now
what's the order cutoff for next day delivery
do you ship to apo addresses
do you ship to [guam](location)
can you ship to [mexico city](location)
shipping to [toronto](location) how long
+ do you ship to [singapore](location)? would love to order!
- why is shipping so expensive
- $25 shipping?? seriously?
can i upgrade to express shipping
can i combine shipping for [2](quantity) orders
is shipping calculated per item
does shipping depend on weight
sorry, do you use ups or fedex
do you ship with dhl
is there tracking included
is shipping insured
what if my package gets lost
shipping rates to [france](location)?
international shipping fees
do you ship [perfume](product_type) overseas
can you ship [lithium batteries](product_type) to [hawaii](location)
can i get [groceries](product_type) delivered
do you deliver [plants](product_type) in winter
how long do custom orders take to ship
when will the pre order ship
how fast is delivery for members
do members get free shipping
free shipping for students?
does the [lego](brand) set ship in plain packaging
can you ship it discreetly, it's a gift for [my husband](recipient)
can i get gift wrapping with delivery
do you deliver to rural areas
do you ship to [wales](location)
is it available for delivery to [ireland](location)
shipping to [the netherlands](location)
do u ship to [brazil](location)
do you ship to [india](location) and how long
how long does it take to ship [3](quantity) [chairs](product_type) to [denver](location)
"""

TRAIN["payment_info"] = """
what payment methods do you accept
can i pay with paypal
do you take apple pay
is google pay accepted
can i pay with a credit card
do you accept amex
can i pay cash on delivery
can i pay in instalments
do you offer klarna
is afterpay available
can i split the payment
buy now pay later options?
can i pay monthly for the [macbook pro](product)
do you have a payment plan for the [sofa](product_type)
interest free credit?
can i use a gift card
how do i use my gift card
can i use two gift cards
do you have a coupon code
any promo codes
is there a discount code for first orders
my coupon isn't working
where do i enter the promo code
can i use two coupons
can i stack discounts
does the 20% code work on sale items
is there a student discount
do you do military discounts
can i pay in euros
do you accept canadian dollars
what currency are prices in
can i pay with crypto
do you take bitcoin
can i pay by bank transfer
is it safe to enter my card details
is my payment secure
why was my card declined
my payment failed
- my card keeps getting declined, what's going on
- ugh why won't it take my card
it says payment error
i was charged but the order didn't go through
why is there a pending charge
can i change my payment method
can i update my card on my order [88213](order_id)
how do i add a new card
how do i remove a saved card
can i pay with someone else's card
can i pay with my hsa card
do you accept fsa cards
can i use venmo
do you take venmo
do you accept debit cards
can i pay with mastercard
is visa ok
do you accept ideal
do you support shop pay
can i pay with a voucher
where do i put my voucher
how do i redeem points
can i use my reward points
how many points do i have
do points expire
is there a loyalty program
do i get cashback
when will i be charged
do you charge when i order or when it ships
can i get an invoice
i need a vat invoice for order [KF-20931](order_id)
can i get a receipt
can i pay on invoice as a business
do you accept purchase orders
can i pay with paypal pay in 3
how does klarna work with you
is there a fee for paying in instalments
what's the minimum for afterpay
can i pay half now and half later
+ yay is there a discount code i can use? 🤞
+ love the shop! do you have any promo codes for newsletter subscribers?
coupon?
discount code?
promo?
payment options
how to pay
ways to pay
can i pay over the phone
can i pay in cash at pickup
can i use my target gift card here
do you have any vouchers
my promo code SAVE20 says invalid
the WELCOME10 code isn't working
does the coupon apply to shipping
can i use a coupon on the [dyson v15](product)
is the blackfriday code still valid
is there a discount for buying [10](quantity) or more
bulk discount for [50](quantity) units?
can i pay for [my mum](recipient)'s order with my card
can i pay in pounds
do you charge extra for card payments
is there a surcharge for amex
can i finance a [tv](product_type)
instalment plans for [laptops](product_type)?
"""

TRAIN["warranty_info"] = """
does this come with a warranty
how long is the warranty
what's the warranty on the [dyson v15](product)
is there a guarantee
how long is the guarantee on [laptops](product_type)
does the [iphone 15](product) have a warranty
what does the warranty cover
does the warranty cover accidental damage
is water damage covered
is the battery covered under warranty
how do i make a warranty claim
i want to claim on my warranty
my [headphones](product_type) broke, are they under warranty
the [blender](product_type) stopped working, is it still covered
is my [tv](product_type) still under warranty
can i get an extended warranty
how much is the extended warranty
do you sell protection plans
is applecare included
what's the warranty on [samsung](brand) [fridges](product_type)
is the warranty international
does the warranty work in [canada](location)
is it a manufacturer warranty or yours
who handles warranty repairs
do i need the receipt for warranty
i lost my receipt, can i still use the warranty
does the warranty transfer if i sell it
is the warranty valid for refurbished items
warranty on the [ps5](product)?
warranty?
guarantee?
how long is it guaranteed for
lifetime warranty?
do the [osprey](brand) [backpacks](product_type) have lifetime warranty
what's the guarantee on [le creuset](brand) pans
the [garmin forerunner 255](product) screen cracked, warranty?
- my [kettle](product_type) died after 8 months, it better be under warranty
- the [drill](product_type) broke, i expect you to honour the warranty
+ great product! just wondering how long the warranty is on the [ninja](brand) [air fryer](product_type)?
will you repair or replace it under warranty
do i send it to you or the manufacturer for warranty
how long do warranty repairs take
can i get a replacement instead of a repair
warranty claim status for order [88213](order_id)
i bought it with order [KF-20931](order_id), is it still under warranty
warranty claim for [A7X92Q](order_id)
does the 2 year warranty start from delivery
when does my warranty expire
how do i register my warranty
do i need to register the product for warranty
is the warranty void if i open it
does using third party chargers void the warranty
is there a warranty on [furniture](product_type)
what's the warranty on the [mattress](product_type)
does the [sofa](product_type) frame have a guarantee
warranty on [shoes](product_type)?
do [watches](product_type) come with a warranty
is the [kindle paperwhite](product) covered for 2 years
how long is the warranty on the [sony wh-1000xm5](product)
does the [macbook air m2](product) come with applecare
is there a warranty on refurbished [phones](product_type)
is the [battery](feature) warranty separate
does the warranty cover the [charger](feature)
is the [screen](feature) covered if it cracks
does the [bosch](brand) [dishwasher](product_type) have a 5 year warranty
is the warranty longer for premium members
can i buy extra protection for the [lg c3](product)
how much is a 3 year protection plan
my [fitbit charge 6](product) stopped syncing, is that covered
the zip on my [north face](brand) [jacket](product_type) broke, guarantee?
does the [vitamix e310](product) really have a 7 year warranty
is cosmetic damage covered
what isn't covered by the warranty
warranty terms
where can i read the warranty terms
do you cover wear and tear
the [leather](material) on my [sofa](product_type) is peeling, is that under guarantee
my [stroller](product_type) wheel broke after 6 months, is it covered
is the [car seat](product_type) covered under warranty
does the [dewalt](brand) [drill](product_type) have a 3 year warranty
warranty on [tools](product_type)
are [gaming chairs](product_type) covered for 2 years
my [robot vacuum](product_type) is broken, what's the warranty process
is the [roomba j7](product) warranty 1 year or 2 year
does it have a money back guarantee
satisfaction guarantee?
do you repair things out of warranty
my warranty ran out, can you still fix it
how do i claim the guarantee on the [samsonite](brand) [suitcase](product_type)
do [lego](brand) sets have a guarantee
is the [nintendo switch oled](product) under warranty in [australia](location)
is the warranty worldwide
warranty for the [second](ordinal) item in my order
does the [third](ordinal) one have a longer warranty
"""
