"""Hand-written TRAIN sentences: conversation intents, complaint, human_agent.

One example per line; markup [value](slot); prefix "+ " positive, "- " negative,
"= " neutral (default: neutral, thanks positive, complaint negative); "//" comment.
"""

TRAIN = {}

TRAIN["greet"] = """
hi
hello
hey
hey there
hiya
yo
sup
hellooo
heyy
hi there
good morning
good afternoon
good evening
morning!
gm
+ hi!! 😊
+ hello hello
+ heyyy kefu
hi kefu
hello bot
hey is anyone there
anyone there?
hi, can u help me
hello, i need some help
hey i have a question
hi i need help with something
hello? is this thing on
hi how does this work
howdy
greetings
+ good morning sunshine
hey you
hey hey
hi :)
hello :)
hiii
helo
hii there
hallo
hola
bonjour
heya
+ hey! hope ur having a good day
hi, hope you're well
hello there, quick question
hi again
hey, me again
+ hi! love this shop
ello
oi
wassup
whats up
what's good
hey kefu you there?
hi assistant
hello shopping assistant
good day
evening
afternoon
yo yo
hey buddy
hi friend
hey mate
hiya there
+ hello lovely
g'day
aloha
hey, you awake?
- hello?? anybody??
hi is this the help chat
hey is this customer support
hi there i'm new here
hello, first time using this
hi, just got here
heyo
hey whats up bot
hi hi
+ hey!!
morning kefu
good evening kefu
hey quick q
hi im back
hello again
howdy partner
hey guys
hi team
yo bot
sup kefu
ahoy
hi 👋
👋
hello 👋
hey 🙂
salut
namaste
hey can i ask something
hi could you help me out
hello, are you there?
hi, you online?
good morning, hope you can help
hi, hello
hiiiii
hey ya
"""

TRAIN["goodbye"] = """
bye
goodbye
bye bye
cya
see ya
see you later
later
ttyl
gotta go
i have to go now
ok bye
bye for now
that's all, bye
thats all for today
catch you later
good night
gn
night
talk soon
see you
peace out
i'm off
im done here bye
ok im leaving
bye kefu
goodbye bot
+ bye!! have a nice day
+ have a good one
+ take care!
+ cheers, bye
ok that's everything, bye
nothing else, bye
that'll be all
that is all thank u bye
i'll come back later
will check back tomorrow
gotta run
brb actually no, bye
logging off
signing off
farewell
adios
ciao
au revoir
tschüss
bye then
alright bye
ok cya
k bye
byee
byeee
bai
bye bye now
until next time
see ya tomorrow
talk to you later
i'll leave it there
i think thats it for now, bye
nope that's all, goodbye
ok ill be going
have to head out
i'm heading off now
gotta dip
+ peace ✌️
- whatever, bye
- forget it, bye
- ugh never mind, bye
im out
later gator
see you around
end chat
close chat
exit
quit
stop chatting
bye 👋
👋 bye
ok good night
night night
sleep time, bye
gtg
g2g
ok gtg
gtg bye
thx bye
ok that's it. bye!
done, bye
we're done here
that's everything for now
leaving now
signing out
chat later
later dude
bye bot
bye for today
goodbyeee
good bye
see ya soon
so long
ok bye now
i'll talk to you another time
"""

TRAIN["thanks"] = """
thanks
thank you
thx
ty
tysm
thank u
thanks a lot
thanks so much
thank you so much
many thanks
cheers
cheers mate
ta
much appreciated
appreciate it
appreciate the help
thanks for the help
thank you for your help
thanks for helping
that was helpful thanks
super helpful thank you
great, thanks
perfect thanks
awesome thank you
ok thanks
ok thx
k thx
thanks kefu
thank you bot
you're a star, thanks
lifesaver, thank you
thanks!!
thank youuu
thankss
thnx
thnks
tanks lol
ty so much
tyvm
thx a bunch
thanks a bunch
thanks heaps
big thanks
thanks a million
many many thanks
thank you kindly
i appreciate that
really appreciate it
i really appreciate your help
you've been very helpful
that helps a lot, thanks
that's exactly what i needed thanks
great help, cheers
nice one thanks
brilliant, thank you
amazing thanks
lovely, thank you
thanks for sorting that out
thanks for checking
thanks for the info
thanks for the quick reply
thanks for being so fast
thank you for your patience
thanks for explaining
thanks that answers my question
ok great thank you very much
thanks that's perfect
wonderful, thanks so much
🙏
thanks 🙏
thank you 😊
ty 💕
thanks ❤️
merci
gracias
danke
thanks again
thank you again
thx again
thanks, you're the best
you're the best
you rock
you're awesome thanks
bless you, thanks
cool thanks
cool cool thanks
sweet thanks
neat, thanks
great stuff thanks
ok that works thanks
thanks, got it
got it, thanks
thank you that's very kind
thank you for the recommendation
thanks for the suggestion
thanks for the tips
thanks for finding that
thank you for helping me find it
ta very much
thank you sm
thankyou
thank u so much!!
"""

TRAIN["affirm"] = """
yes
yeah
yep
yup
ya
yea
y
sure
sure thing
ok
okay
okey
k
kk
alright
sounds good
+ sounds great
that works
yes please
yes pls
yeah please
yeah go ahead
sure go ahead
go ahead
go for it
do it
please do
yes do that
correct
that's correct
that's right
right
exactly
exactly that
indeed
absolutely
definitely
of course
for sure
certainly
affirmative
i do
i agree
agreed
yes that's it
yeah that's the one
that one yes
yes that's what i want
yes i want that
yes i'm sure
yes confirm
confirm
confirmed
i confirm
yes proceed
proceed
continue
yes continue
ok let's do it
let's go
lets do this
+ yes!!
+ yesss
+ yes absolutely!
+ hell yeah
+ omg yes
+ yes yes yes
+ perfect, yes
👍
👍👍
✅
ok 👍
yeah sure
sure why not
why not
i guess so
i think so
probably yes
yeah i think so
mhm
uh huh
yessir
yes ma'am
aye
ja
si
oui
yep that's right
yep go ahead
yup sounds good
ok sure
ok fine
fine
fine, go ahead
yeah ok
yeah alright
alright then
ok then
yes, that's fine
that's fine
works for me
good with me
i'm good with that
that's ok with me
+ yes that would be great
+ that would be great
yes i'd like that
yes that's correct
yea thats right
"""

TRAIN["deny"] = """
no
nope
nah
na
n
no thanks
no thank you
nah thanks
nah i'm good
no i'm good
i'm good
not really
not at all
not now
not today
no way
nope not that
no that's wrong
that's wrong
wrong
incorrect
that's not right
that's not it
not that one
no not that one
negative
never
definitely not
absolutely not
of course not
i don't think so
don't think so
i dont want that
i don't
i do not
no i don't
don't do that
dont
please don't
no don't
stop
cancel that
no cancel
never mind
nevermind
nvm
forget it
skip
skip it
pass
i'll pass
no, skip that
no need
not needed
that's not necessary
i don't need that
no i dont need it
nah not interested
not interested
no interest
nope, no thanks
no ty
nah ty
no thx
nah that's ok
no that's ok
that's alright, no
no it's fine
its fine no
maybe later
maybe not
probably not
not sure, no
no i changed my mind
changed my mind, no
nah i'll leave it
no leave it
no just leave it
- no!!
- NOOO
- hell no
- ugh no
- nope nope nope
- no, stop asking
- i said no
👎
❌
no 👎
nah fam
nuh uh
nay
nein
non
no sir
not this time
not for me
doesn't work for me
that doesn't work
no that won't work
not quite
not exactly
no, something else
"""

TRAIN["chitchat"] = """
how are you
how r u
how are you doing today
how's it going
hows your day
what's up with you
are you a robot
r u a bot
are you a real person
am i talking to a human
are you human or ai
are you an ai
are you chatgpt
what are you
who are you
what's your name
whats ur name
do you have a name
who made you
who created you
who built you
how old are you
where are you from
where do you live
do you sleep
do you ever get tired
do you eat
do you have feelings
do you have friends
are you happy
are you single lol
do you like your job
do you get paid
what do you do for fun
what's your favourite color
what's your favorite food
do you like cats or dogs
do you like music
what music do you like
do you watch movies
can you sing
can you dance
+ you're funny
+ you're cute
+ ur so smart
+ you're pretty clever
+ i like you
+ i love you kefu
+ you're my favourite bot
+ you're doing great
+ good bot
+ nice to meet you
+ lol you're cool
- you're dumb
- bad bot
- you're kinda slow ngl
- are you stupid or what
- you don't understand anything do you
lol
haha
hahaha
lmao
omg
hmm
hmmm
interesting
cool
wow
i'm bored
im so bored rn
talk to me
tell me about yourself
what can you do
what can you help with
what are you able to do
how do you work
are you always online
do you work 24/7
are you there
you still there?
can you hear me
what's the meaning of life
do you believe in aliens
do you dream
are you alive
are you sentient
can you think
do you remember me
do you know me
what do you know about me
i had a long day
i'm tired
i'm so happy today
+ today was a great day
- i'm having a bad day
my cat is sitting on my keyboard lol
guess what
you know what
can we just chat
let's talk
wanna chat?
are you a boy or a girl
do you have a family
what language do you speak
do you speak spanish
can you speak french
what time is it where you are
are you busy
how was your weekend
what did you do today
"""

TRAIN["out_of_scope"] = """
what's the weather like today
whats the weather in paris
will it rain tomorrow
is it going to snow in chicago this weekend
how hot is it in dubai right now
solve 2x+3=7
what's 17 times 23
can you do my math homework
help me with my chemistry homework
write my essay on the french revolution
what's the capital of australia
who won the election
who should i vote for
what do you think about the president
is the government lying to us
book me a flight to rome
find me a cheap flight to tokyo
can you book a hotel in barcelona
reserve a table for two at 8pm
order me a pizza
call me an uber
i have a headache what should i take
is it safe to take ibuprofen with alcohol
my chest hurts what do i do
what are the symptoms of flu
can you diagnose this rash
tell me a joke
tell me a joke about cats
know any good jokes about lawyers
what's the meaning of the word ephemeral
translate hello into japanese
how do you say thank you in german
who won the football last night
what's the score of the lakers game
when is the next world cup
what's the price of bitcoin
should i buy tesla stock
how do i invest in index funds
how do i file my taxes
can you help me with my tax return
write me a poem about the sea
write a love letter for me
help me write my cv
how do i fix a python error
write a sql query for me
how do i center a div
what's the distance from london to paris
how do i get to the train station
directions to the nearest hospital
what time does the pharmacy close
who is the richest person in the world
how tall is the eiffel tower
when did ww2 end
who painted the mona lisa
recommend a good movie to watch tonight
what should i watch on netflix
whats a good recipe for lasagna
how long do i boil an egg
how do i lose weight fast
is coffee bad for you
how many calories in a banana
my girlfriend is mad at me what do i do
how do i get over a breakup
should i quit my job
can you set an alarm for 7am
remind me to call mom at 5
play some music
play despacito
turn on the lights
what's on my calendar today
send a text to john
what's the news today
latest news on the war
how do vaccines work
explain quantum physics
what is the speed of light
how many planets are there
is pluto a planet
convert 100 usd to euros
how many ounces in a cup
what day is it today
what year is it
where can i watch the game for free
how do i hack my neighbor's wifi
can you lend me money
can you help me with my visa application
how do i renew my passport
what's the best university for law
help me study for my exam
what's the answer to question 4 in my worksheet
is it going to be sunny in london tomorrow
whats the temperature outside
who's going to win the super bowl
what's the population of india
how do i make my dog stop barking
how do i train my cat to use the toilet
- ugh just tell me the weather
what's the best pizza place near me
is the restaurant on 5th street open
how do i change a flat tire on the highway
can you pick a lottery number for me
"""

TRAIN["complaint"] = """
this is ridiculous my order still hasn't arrived
my package came completely crushed
the [blender](product_type) i got is broken out of the box
you sent me the wrong item
i ordered a [blue](color) one and got [green](color)
the [shoes](product_type) are size [9](size)?? no i ordered [10](size)
hm actually the [hoodie](product_type) you sent is a [m](size) not an [xl](size)
worst service ever
this is the worst shopping experience i've had
order [48213](order_id) was supposed to be here last week and nothing
i've been waiting 3 weeks for order [KF-20931](order_id), unacceptable
the courier was so rude to me
delivery guy just threw the box over the fence
you charged me twice for the same order
i got charged but my order [A7X92Q](order_id) was never placed
the [jeans](product_type) shrank after one wash, terrible quality
the [cotton](material) on this [shirt](product_type) is so thin you can see through it
my [samsung](brand) [tv](product_type) has dead pixels already
the [airpods pro](product) you sent are clearly used
the box was open when it arrived and stuff was missing
half my order is missing
i only got 2 of the [3](quantity) things i ordered
your website keeps crashing when i try to check out
the app logged me out and deleted my cart
i've emailed you three times and no one answers
nobody ever replies to my emails
i was promised next day delivery and it took a week
the tracking has said out for delivery for 4 days
the [leather](material) [bag](product_type) smells like chemicals
the [wooden](material) [table](product_type) came with a huge scratch
the [ikea](brand) [bookshelf](product_type) is missing screws
i'm really disappointed with the quality
the color looks nothing like the photos
the [dress](product_type) looked [red](color) online but it's basically [orange](color)
my [kindle paperwhite](product) won't turn on and i just got it
the [phone case](product_type) doesn't even fit my phone
this is a scam
you guys are a joke
i want to complain about my last order
i'd like to make a complaint
how is it possible that my order [77120](order_id) got lost again
the [dyson](brand) [vacuum](product_type) stopped working after 2 days
the [lego](brand) set is missing pieces, my son is devastated
the packaging was soaked and the [books](product_type) are ruined
the [air fryer](product_type) arrived with a dent in it
i'm so fed up with these delays
every single order i make is late
the discount code didn't apply and i paid full price
you advertised it at $49 and charged me $69
hmm the price went up right after i added it to my cart, shady
the [headphnes](product_type) crackle in the left ear
the [nike](brand) [trainers](product_type) fell apart in a month
my [garmin forerunner 255](product) strap snapped already
i received someone else's order
the delivery driver left it at the wrong address
it was delivered to [leeds](location) instead of [york](location)
i've been on hold for an hour
your chat support is useless
the [wool](material) [sweater](product_type) is itchy and pilled after one wear
the size chart is completely wrong, everything is too small
it says delivered but i never got anything
package [ord-2024-0091](order_id) marked delivered, it's not here
the [kettle](product_type) leaks everywhere
the [baby monitor](product_type) keeps disconnecting, not ok
my dog food order came with the bags ripped open
the [plant pots](product_type) arrived shattered
i'm never ordering from here again
absolutely terrible, nothing works
the seller sent a fake [adidas](brand) [hoodie](product_type)
this [ps5 controller](product) is a knock off
the [mattress](product_type) smells awful and is sagging already
i paid for express shipping and it came standard
why did it take 10 days to ship
your return process is a nightmare
i sent the return back weeks ago and heard nothing
the refund amount is wrong, i was short changed
the instructions are in a language i can't read
the [drill](product_type) battery dies after 5 minutes
the [screen protector](product_type) cracked putting it on
product photos are misleading
i got [2](quantity) left shoes lol what
the [laptop](product_type) overheats constantly
my [macbook air m2](product) arrived with a cracked screen
very disappointed, the [candle](product_type) doesn't smell at all
the cheap zipper broke on day one
missing the charger in the box
your courier damaged my gate
the item was not as described
the customer service agent hung up on me
i can't believe how bad this is
this [stroller](product_type) wheel fell off on our first walk
not happy at all with order [55-9902](order_id)
two weeks and order [KF88410](order_id) hasn't even shipped
the [rice](product_type) bag was open and there were bugs
the [protein powder](product_type) was expired
the [toy car](product_type) has sharp edges, dangerous for a [a 3 year old](recipient)
i'm sick of being lied to about delivery dates
the estimated delivery keeps changing
the [coffee maker](product_type) makes everything taste burnt
my [fitbit charge 6](product) won't sync at all
the [gold](color) [necklace](product_type) turned my neck green
the [silk](material) [pillowcase](product_type) frayed after a week
"""

TRAIN["human_agent"] = """
can i talk to a human
i want to speak to a real person
connect me to an agent
agent
agent please
human please
real person pls
let me talk to someone
can i speak to customer service
get me a manager
i want to talk to your supervisor
transfer me to a human
put me through to a person
is there a phone number i can call
what's your customer service number
how do i call you guys
can someone call me back
i need a callback
is there live chat with a real person
i'd rather talk to a human
i don't want a bot, i want a person
can i chat with support staff
talk to support
contact support
how do i contact customer support
how can i reach a real agent
speak to representative
representative
operator
can i email someone
what's your support email
i need to talk to someone about my order
i need to speak to someone about order [88213](order_id)
can a human look at order [KF-55102](order_id)
get me someone who can actually help
- you're not helping, get me a human
- stop, i want a real person NOW
- this bot is useless, put me through to an agent
- i've asked 3 times, connect me to a person
- ugh just give me a human
- can i please talk to an actual human being
escalate this please
i want to escalate this
please escalate to a manager
can you pass me to a colleague
is anyone from the team available
are there any agents online
when is customer service open
what are your support hours
can i talk to someone in the returns department
i need someone from billing
connect me to the billing team
put me through to the warranty team
can i talk to a tech support person about my [laptop](product_type)
i'd like to speak with a specialist about the [sony wh-1000xm5](product)
is there a person who knows about [bikes](product_type)
i need an expert on [espresso machines](product_type)
live agent
live support
chat with human
talk to human
human
human agent
real human
a real person please
someone real
i want a person not a machine
can i get a human on the line
can you get someone to call me
please have someone call me
i want to file a complaint with a manager
who can i speak to about a refund
i need a human to sort out my refund for [A7Y22Z](order_id)
speak to someone about my return
can a person help me with a bulk order of [200](quantity) [mugs](product_type)
i'd like to talk to sales about ordering [50](quantity) [laptops](product_type)
business sales team please
connect me to your corporate sales
can i video call someone
do you have whatsapp support
can i dm someone on instagram
is there an actual store i can call
talk to a real agent pls
need human asap
+ hi, could i chat with one of your staff please?
+ would love to talk to a person if that's possible
could i talk to an employee
i want to speak to whoever is in charge
who's your manager
ok i need a real person for this one
this is too complicated for a bot, human please
can't you just connect me to someone
i'd like a human to review my case
reopen my ticket with an agent
my ticket number is TK-4412, can a person pick it up
an agent was helping me before, can i get them back
can i speak to the same agent as yesterday
i was disconnected from the agent, reconnect me
can i get support in spanish from a person
is there someone who speaks french
i need to report something to a person
call centre number?
hotline?
support phone
"""
