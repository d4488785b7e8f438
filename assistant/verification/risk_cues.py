"""Risk and safeguarding cues: the words that say a risk category is being talked about.

Whether it is disclosed, denied, feared, asked about or only hypothetical is decided in
`assistant.verification.risk`; these patterns only find the topic.
"""

from __future__ import annotations

import re

_SELF = r"(?:my|them|him|her|your)sel(?:f|ves)"
_OBJ = r"(?:me|them|him|her|you)"
_WHO = r"(?:my|their|his|her|your)"
_POSS = r"(?:my |their |his |her |the |a |some |any |your )?(?:[a-z-]+ ){0,2}"
_MEDS = r"(?:doses?|medications?|medicines?|tablets?|pills?|meds|insulin|inhalers?|injections?|patch(?:es)?)"
_NOT = r"(?:not|never|no|hasn't|haven't|hadn't|didn't|doesn't|don't|isn't|wasn't|won't|can't|couldn't)"
_MONEY = r"(?:pension|benefits?|money|savings|wages|allowance|pip|bank ?card|cards?|pin|account|cash|purse|wallet)"
_PARTNER = r"(?:husband|wife|partner|boyfriend|girlfriend|fiance|fiancee|ex)"
_DRUG_NAMES = (
    r"(?:heroin|cocaine|coke|crack|cannabis|weed|skunk|spice|mamba|ketamine|ket|ecstasy|mdma|speed"
    r"|amphetamines?|methadone|smack|gear|dope|pot)"
)

# Alternatives per category, joined into one case-insensitive pattern each. Each list grew from the
# ways people in adult and children's social care visits say the thing (plain words, idioms, verb
# forms), not from any one visit's wording. Negated phrasings that are themselves the risk ("hasn't
# had a proper meal") start with their negation, so NEGATIVE_CUES keeps them from reading as denials.
_CUES: dict[str, list[str]] = {
    "suicide": [
        r"suicid\w*",
        rf"kill(?:s|ed|ing)? {_SELF}",
        rf"end(?:s|ed|ing)? (?:{_WHO} (?:own )?life|it all|things)",
        r"ending it",
        rf"(?:take|took|taken|taking) {_WHO} own life",
        r"(?:better off|be better) (?:dead|without (?:me|him|her))",
        r"(?:rather|sooner) be dead",
        r"stockpil\w*",
        rf"(?:saving|saved|save|hoarding|stashing|keeping) (?:up )?{_POSS}{_MEDS}",
        r"(?:want(?:ed|s)? to|wanna) die",
        r"(?:wish|wished|wishes) (?:i|he|she|they) (?:was|were|could be|'d be) (?:dead|gone)",
        r"(?:wish|wished|wishes) (?:i|he|she|they) (?:would(?:n't| not)|could just not|didn't|wouldn't) wake up",
        r"(?:not want(?:ing)?|don't want|doesn't want|didn't want) to (?:be here|live|go on|carry on|wake up)",
        r"(?:no|don't see the|doesn't see the|can't see the|what's the) point (?:in |of )?"
        r"(?:living|carrying on|going on|being here|it all)",
        r"(?:can't|cannot|couldn't) go on",
        r"(?:life is|life's) not worth living|not worth living",
        r"(?:thoughts|thought|thinking|think) (?:about|of) (?:dying|death|not being here|ending)",
        r"do something stupid",
        r"jump(?:ing)? (?:off|in front of)",
    ],
    "self_harm": [
        r"self[- ]?(?:harm|injur)\w*",
        rf"cut(?:s|ting)? {_SELF}",
        rf"cut(?:s|ting)? {_WHO} (?:arms?|wrists?|legs?|skin|thighs?)",
        r"cutting again",
        rf"(?:hurt|harm|burn|burnt|burned|burns|burning|scratch|scratches|scratched|scratching|punch|punches"
        rf"|punched|starve|starving|starved)(?:s|ing)? {_SELF}",
        rf"scratch(?:es|ed|ing)? at {_WHO} (?:skin|arms?|face)",
        r"(?:till|until) (?:it|they) (?:bleeds?|bled)",
        rf"bang(?:s|ed|ing)? {_WHO} head",
        r"head[- ]?bang\w*",
        rf"pull(?:s|ed|ing)? {_WHO} hair out",
        r"overdos\w*",
        rf"(?:took|taken|take|takes|taking|swallowed) (?:a load|loads|a handful|handfuls|a lot|too many|all|the lot|a"
        rf" whole (?:box|packet|strip)) of (?:{_WHO} )?(?:paracetamol|tablets|pills|{_MEDS})",
        r"ligature",
    ],
    "abuse": [
        r"abus\w*",
        rf"(?:hit|hits|hitting|beat|beats|beaten|beating) {_OBJ}",
        rf"hurt(?:s|ing)? {_OBJ}\b",
        r"slap\w*",
        r"punch\w*",
        rf"kick(?:s|ed|ing)? {_OBJ}",
        rf"pinch(?:es|ed|ing)? {_OBJ}",
        rf"grab(?:s|bed|bing)? (?:{_OBJ}|{_WHO} (?:arm|wrist|hair|neck|throat))",
        rf"(?:shout|shouts|shouted|shouting|scream|screams|screamed|screaming|yell|yells|yelled|yelling|swear"
        rf"|swears|swore|swearing) at {_OBJ}",
        rf"(?:rough|nasty|violent) with {_OBJ}",
        r"threaten\w*",
        rf"(?:frighten|frightens|frightened|frightening|intimidat\w*|bull(?:y|ies|ied|ying)) {_OBJ}",
        r"(?:scared|afraid|frightened|terrified) of (?:him|her|them|my \w+|your \w+)",
        rf"touch(?:es|ed|ing)? {_OBJ} (?:inappropriately|where|down there|there|in places)",
        r"(?:told|tells|tell) (?:me|her|him) not to tell",
        rf"made {_OBJ} (?:do things|undress|touch|watch)",
        rf"push(?:es|ed|ing)? {_OBJ}",
        rf"shov(?:es|ed|ing)? {_OBJ}",
        rf"(?:threw|throws|throw|throwing) (?:a |the |his |her |things |stuff )?\w* ?at {_OBJ}",
        rf"(?:calls?|called|calling) {_OBJ} (?:useless|stupid|names|a burden|fat|ugly|worthless|thick|an idiot)",
        rf"lock(?:s|ed|ing)? {_OBJ} (?:in|out)",
        # A bruise alone is no abuse (falls bruise arms, wrists and faces); unexplained marks, or marks where hands grip
        # or squeeze, are.
        r"unexplained (?:bruis\w*|marks|injur\w*)",
        rf"(?:bruis\w*|marks) (?:on|round|around) {_WHO} (?:upper arms?|neck|throat|inner thighs?)",
        r"(?:finger ?(?:tip )?|grip )marks",
        r"black eye",
        rf"(?:won't|doesn't|didn't|wouldn't|never) (?:let|lets) {_OBJ} (?:have|see|go|out|use|eat|leave|talk|speak)",
        rf"(?:won't|doesn't|didn't|wouldn't) give {_OBJ} (?:my |her |his |any )?(?:tea|food|meals?|dinner|money)",
        r"laid a (?:finger|hand) on",
        r"lash(?:es|ed|ing)? out",
        r"sexual\w*",
        r"rap(?:e|ed|es|ing)\b",
        r"molest\w*",
        rf"hands? (?:round|around) {_WHO} (?:neck|throat)",
        # A child hiding from what goes on at home ('I went under my bed', 'she hides in the wardrobe').
        r"(?:hid|hide|hides|hiding) (?:under|in|behind) (?:my|her|his|the) (?:bed|wardrobe|cupboard)"
        r"|(?:went|goes|go) under (?:my|her|his|the) bed",
    ],
    "neglect": [
        r"neglect\w*",
        r"no food in",
        r"not (?:been )?eating",
        r"(?:barely|hardly|stopped|stops|not) (?:eating|drinking (?:any|enough)|washing|bathing|showering)",
        r"left alone all day",
        r"dirty",
        r"soiled",
        r"unwashed",
        r"no heating",
        r"squalor",
        r"hoard\w*",
        r"not been fed",
        r"hungry",
        r"(?:hadn't|hasn't|haven't|had not|has not|have not) eaten",
        rf"{_NOT} (?:had |having |have |get |got |getting )?(?:a |any )?(?:proper|decent|hot|square) meals?",
        r"skip(?:s|ped|ping)? meals",
        r"(?:fridge|cupboards?) (?:was|were|is|are) (?:empty|bare)",
        r"empty fridge",
        r"(?:mou?ldy|rotten|rotting|out of date|gone off) food",
        r"nothing (?:else )?to eat",
        r"(?:lost|losing|lose|loses) (?:a lot of |so much |loads of |(?:a|two|three|\d+) stones?|weight)(?:weight)?",
        r"(?:trousers|clothes|skirt) (?:are |were )?(?:hanging|falling) off",
        r"skin and bones?",
        r"(?:same|dirty) clothes",
        r"(?:wet|soiled|dirty|soaked) (?:pad|bed|sheets|clothes|through)",
        rf"(?:nobody|no one|no-one) (?:had |has |ever )?(?:changed|fed|washed|checked on|been to see) {_OBJ}",
        rf"(?:carers?|they)(?: have| had| has)? {_NOT} (?:turned up|come|came|shown up|been in)",
        r"left (?:in bed|in (?:her|his) chair|on (?:her|his) own) (?:all day|for)",
        r"left in bed",
        r"dehydrat\w*",
        r"malnourish\w*|malnutrition|underweight",
        r"can't be bothered to (?:cook|eat|wash|get up)",
        r"smell(?:s|ed|ing)? of (?:urine|wee|faeces|feces)",
    ],
    "domestic_violence": [
        r"domestic (?:violence|abuse)",
        rf"{_PARTNER} (?:hits|hit|hurts|hurt|threatens|threatened|controls|beat|beats|attacked|pushed|slapped"
        rf"|punched|kicked|strangled|raped)",
        rf"(?:scared|afraid|frightened|terrified) of {_WHO} {_PARTNER}",
        r"controlling",
        r"coercive",
        rf"{_PARTNER} (?:gets|got) (?:violent|angry|nasty)",
        r"violen\w*",
        rf"checks? {_WHO} (?:phone|texts|messages)",
        r"walking on eggshells",
        r"(?:strangl|throttl)\w*",
        r"(?:keeps?|kept) (?:turning|coming) (?:up|round) (?:at|to) the (?:house|door|flat)",
        r"(?:bang|bangs|banged|banging|hammer|hammers|hammered|hammering|pound|pounded|pounding|kick|kicked|kicking)"
        r" (?:on|at|in) (?:the|my|our|her|his) (?:front |back )?(?:door|windows?)",
        # ... or shouting there: what a child hears of it ('he was shouting at the door'; 'banging' is often misheard).
        r"(?:shout|shouts|shouted|shouting|yell|yells|yelled|yelling|scream|screams|screamed|screaming)"
        r" (?:at|through) (?:the|my|our|her|his) (?:front |back )?(?:door|windows?|letterbox)",
    ],
    "exploitation": [
        r"exploit\w*",
        r"county lines",
        r"cuckoo\w*",
        r"groom\w*",
        rf"(?:tak(?:es|ing|en)|took|take|has|had|got|keeps?|kept|holds?|uses?|using|used|spends?|spent|spending"
        rf"|steals?|stole|stolen|stealing) (?:all )?(?:of )?{_WHO} {_MONEY}",
        r"(?:takes?|took|taken|taking|stole|stolen|stealing|steals) money (?:from|off|out of) ",
        r"money (?:going|gone|coming|taken) out of",
        r"(?:payments?|transactions?|withdrawals?|charges|direct debits?)[^.?!]*\b(?:don't|didn't|doesn't)"
        r" recogni[sz]e",
        r"financial abuse",
        r"scam\w*",
        r"(?:con|cons|conned|conning) (?:me|him|her|them|you) out of",
        r"con(?:ned|man|men)|swindl\w*|fraud\w*",
        rf"ripp(?:ed|ing) {_OBJ} off",
        r"rogue trader\w*",
        r"borrow(?:s|ed|ing)? money",
        rf"(?:asks?|asking|asked) {_OBJ} for money",
        rf"(?:pressur\w*|push\w*) {_OBJ} (?:to|into) (?:change|sign|give|lend)",
        r"change (?:her|his|my) will",
        r"signed (?:the|her|his|my) house over",
        r"(?:card|bank|account|pin) (?:number|details)",
        r"(?:sending|sent|send|sends|wired|transferr\w*) (?:money|cash|thousands|hundreds|£)",
        rf"charged {_OBJ} (?:£ ?\d[\d,]*|\w+ (?:thousand|hundred|pounds|grand))",  # recognition writes sums in digits
        r"(?:keeps?|kept|keeping|pocket(?:s|ed)?) the change",
        r"owe(?:s)? (?:them|him|her) money",
        rf"made {_OBJ} (?:carry|sell|deliver)",
        rf"asked {_OBJ} to (?:carry|hold|deliver|sell)",
        rf"(?:using|use|uses|used|took over) {_WHO} (?:flat|house|home|place) (?:to|for)",
        r"(?:deal|dealing|sell|selling) (?:drugs )?from (?:his|her|my|the) (?:flat|house|place)",
        r"too (?:scared|frightened|afraid) to say no",
    ],
    "falls": [
        # Not 'fall asleep', 'fell out with', 'fall behind'.
        r"(?:fall|falls|fell|fallen|falling)(?! asleep| out\b| behind| apart| through| ill| in love| over laughing"
        r"| attendance| numbers| rolls?\b| off the roof| off (?:him|her|me)| into place| short| for\b| under| due)",
        r"tripp?(?:ed|ing|s)?\b(?! (?:away|abroad|out))",
        r"slipp(?:ed|ing)",
        r"(?:slid|slide|slides|sliding) (?:off|out of|down|onto)",
        r"tumbl\w*",
        r"(?:couldn't|can't|could not|cannot|wasn't able to) get (?:myself |herself |himself |themselves )?"
        r"(?:back )?up",
        r"on the (?:floor|ground|carpet|pavement)",
        rf"(?:lost|losing|lose|loses) {_WHO} (?:balance|footing)",
        r"(?:legs?|knees?) (?:just |suddenly |keep |kept |keeps )?(?:gave|give|gives|giving|went) (?:way|from under)",
        r"(?:went|goes|gone|going) over on {_WHO} (?:ankle|foot|leg)".replace("{_WHO}", _WHO),
        r"collaps(?:e|ed|es|ing)",
        r"keel(?:s|ed)? over",
        r"went flying",
        r"(?:unsteady|wobbly) on {_WHO} feet".replace("{_WHO}", _WHO),
        rf"lift(?:ed|s)? {_OBJ} (?:up )?(?:off|from) the (?:floor|ground)",
    ],
    "missed_medication": [
        rf"miss(?:ed|es|ing)? {_POSS}{_MEDS}",
        rf"forg(?:e|o)t(?:s|ten|ting)? (?:to take )?{_POSS}{_MEDS}",
        r"forg(?:e|o)t(?:s|ting)? to take",
        r"forg(?:e|o)ts? (?:the|her|his|my|their) (?:\w+ )?(?:ones|tablets|doses|pills|medicines?)",
        r"days missed",
        r"missed (?:a |any |some )?(?:days|doses)",
        rf"not taking {_POSS}{_MEDS}",
        rf"r[au]n(?:ning)? out of {_POSS}{_MEDS}",
        r"stopped taking",
        rf"stopped {_POSS}{_MEDS}",
        rf"skip(?:s|ped|ping)? {_POSS}{_MEDS}",
        rf"(?:don't|doesn't|didn't|won't) (?:bother|use|take) (?:with |taking )?{_POSS}{_MEDS}",
        rf"{_NOT} (?:had|have|has|given|give|gave|get|got|taken|take|took) (?:him |her |me |them )?{_POSS}{_MEDS}",
        r"blister (?:pack|packs) (?:is |are |was |were )?(?:still )?full",
        r"(?:dosette|pill) box (?:is |was )?(?:still )?full",
        rf"(?:chemist|pharmacy|prescription)(?: has| had)? {_NOT} (?:delivered|come|arrived|been)",
        r"(?:chemist|pharmacy|prescription)[^.?!]*\b(?:run|ran|running) out",
        r"spit(?:s|ting)? (?:them|it|her tablets|his tablets) out",
    ],
}

# Care Act 2014 and Working Together categories the first list missed: each is a reason to stop
# and confirm, not a judgement.
_CUES |= {
    "carer_strain": [
        r"(?:can't|cannot|can no longer|couldn't) cope",
        r"(?:not|isn't|am not|aren't|struggling to) coping",
        r"at (?:the end of )?(?:my|their|his|her) (?:tether|rope)",
        r"wits'? end",
        r"breaking point",
        r"exhausted",
        r"burn(?:ed|t) out|burnout",
        r"worn (?:out|down)",
        r"running on empty",
        r"not sleeping",
        r"(?:haven't|hasn't|not|never) (?:slept|sleep|sleeping) (?:properly|well|a wink|through)",
        r"up (?:with (?:her|him|them) )?(?:\w+ times|all night|every hour) (?:a |in the |every |at )?night",
        r"how (?:much|long) (?:longer )?(?:i|she|he) can (?:keep|carry|go) (?:on|going|doing)",
        r"(?:can't|cannot|couldn't|won't be able to|not be able to) (?:keep|carry) (?:on|going|doing (?:this|it))",
        r"can't do (?:this|it) (?:any ?more|much longer)",
        r"(?:sit|sat|sitting) (?:in the car |in the kitchen )?and cry",
        r"in tears (?:every|all the time|most)",
        r"nothing left (?:to give|in the tank)",
        r"(?:i'm|i am|she's|he's) (?:really )?struggling"
        r"(?=[,.!]|$| to cope| with (?:it all|everything|caring|looking after))",
        r"no life of (?:my|her|his) own",
        r"too much for (?:me|her|him)",
    ],
    "missing": [
        r"(?:went|gone|go|going|goes) missing",
        r"missing episode",
        r"reported missing",
        r"ran away|run(?:s|ning)? away|ran off|run(?:s|ning)? off",
        r"abscond\w*",
        r"wander(?:s|ed|ing)?(?: off)?",
        r"(?:got|gets|getting|get) lost",
        r"(?:was|were|been) found (?:on|in|at|wandering|walking) ",
        rf"(?:police|neighbou?rs?) (?:brought|found|picked up|picked) {_OBJ} (?:home|back|up)",
        # Someone found the person out in the street ('Our neighbour, Mrs P, found her at the end of the road').
        rf"found {_OBJ} (?:wandering|walking|(?:at the (?:end|bottom|top) of|in|on|down|halfway down|in the middle of)"
        r" (?:the|a) (?:road|street|lane|high street|main road|motorway))",
        r"(?:trying|tries|tried|try) to get out",
        r"walked out",
        r"(?:nobody|no one|no-one) knew where (?:she|he|they) (?:was|were)",
        r"disappear(?:s|ed)? (?:for|overnight|again|off)",
        r"(?:didn't|hasn't|hadn't|not) come (?:home|back)",
        r"(?:left|leaves|leaving) the house (?:at|in the) (?:night|\d|one|two|three|four|five)",
        r"(?:got|gets|getting) out (?:of )?the (?:front |back )?door (?:at|in the) (?:night|\d|one|two|three|four"
        r"|five)",
        r"in (?:her|his) (?:nightie|nightdress|pyjamas|pajamas|dressing gown|slippers) (?:in|on|at) the"
        r" (?:street|road|park)",
    ],
    "pressure_sores": [
        r"pressure (?:sore|ulcer|area|damage)s?",
        r"bed ?sores?",
        r"sores? on (?:her|his|my|the|their) (?:heels?|bottom|back|hips?|sacrum|bum|elbows?|bottom)",
        r"(?:skin|it|bottom)(?:'s| has| is| had)? (?:broken|breaking|broke) down",
        r"red (?:patch|area|mark)s? on (?:her|his|my|their) (?:heels?|bottom|hips?|sacrum|back|bum)",
        r"(?:doesn't|don't|does not|didn't) (?:fade|blanch|go white) when",
        r"non[- ]blanching",
    ],
    "choking": [
        r"chok(?:e|ed|es|ing)",
        r"swallowing (?:difficult|problem)\w*",
        r"(?:difficulty|trouble|problems?) swallowing",
        r"(?:can't|cannot|struggl\w* to) swallow",
        r"splutter\w*",
        r"(?:went|goes|going|go) down the wrong (?:way|hole)",
        r"aspirat\w*",
        r"(?:food|it|meat|drink) (?:gets|got|getting) stuck",
    ],
    "unsafe_home": [
        r"damp",
        r"(?:black )?mou?ld(?:y)?",
        r"heating (?:is |was |has been )?(?:off|broken)",
        r"no (?:heating|hot water|electric\w*|gas|power)",
        r"boiler(?:'s| is| has| had| was)? (?:been )?(?:broken|broke|not working|packed up|gone|bust)",
        rf"(?:sit|sits|sitting|sat) in {_WHO} coat",
        r"(?:can't|cannot|couldn't) afford to (?:heat|put the heating on|turn the heating on)",
        r"fire (?:risk|hazard)",
        r"trip hazard",
        r"gas leak",
        r"(?:left|leaves|leaving) the (?:gas|cooker|hob|oven|iron|chip pan) on",
        r"(?:pans?|chip pan|saucepan|kettle) on the (?:hob|cooker|stove)",
        r"smoke alarm (?:goes|went|going|keeps going) off",
        r"(?:no|broken) smoke alarm",
        r"(?:ceiling|roof)(?:'s| has| had| is)? (?:come|came|coming|fallen) (?:down|in)",
        r"wiring|sparks|sparking|exposed wires",
        r"smok(?:es|ing) in bed",
        r"burn marks|scorch\w*",
        r"(?:piles|boxes|stacks|heaps|mountains) of (?:papers|boxes|rubbish|stuff|newspapers|junk|bags)",
        r"(?:can't|cannot|couldn't) get (?:through|into|in) the (?:hallway|hall|kitchen|bedroom|room|front door)",
        r"clutter\w*",
        r"infest\w*|rats|mice|cockroaches|bed ?bugs",
    ],
    "alcohol": [
        r"alcohol\w*",
        r"drunk",
        r"booze",
        r"(?:heavy|binge) drinking",
        r"(?:been|stopped|started|was|were|is|she's|he's|i'm) drinking"
        r"(?! (?:water|tea|coffee|enough|any water|fluids))",
        r"drink(?:s|ing)? (?:too much|a lot|heavily|every (?:day|night)|alcohol|at all|more|all day|in the morning"
        r"|to cope|to forget|to sleep)",
        r"(?:bottles?|boxe?s?|cans?|litres?|pints?|crates?|glass(?:es)?) of (?:wine|beer|cider|vodka|spirits|lager"
        r"|whisky|whiskey|gin|rum|brandy|sherry)",
        r"on the (?:whisky|whiskey|vodka|gin|bottle|drink|booze|sauce|cider|lager)",
        r"hung ?over|hangovers?",
        r"(?:down|at|in|to) the pub",
        r"teetotal|tee-total",
    ],
    "drugs": [
        r"(?:taking|take|takes|took|using|uses|use|used|on) (?:any )?drugs",
        r"drug (?:use|user|habit|problem|dealer|debt|debts)",
        r"cannabis",
        r"heroin",
        r"cocaine",
        r"weed",
        r"spice",
        r"methadone|ketamine|ecstasy|mdma|amphetamines?",
        rf"(?:on|using|smoking|smokes|smoke|taking|takes|take|doing) (?:the )?{_DRUG_NAMES}",
        rf"(?:buy|buys|bought|buying|get|gets|got|getting) (?:\w+ )?"
        rf"(?:diazepam|valium|tablets|pills|gear|{_DRUG_NAMES})"
        r" (?:off|from) (?:a |some |this |the )?(?:lad|bloke|guy|dealer|mate|man|someone|street)",
        r"dealer",
    ],
}

RISK_PATTERNS: dict[str, re.Pattern[str]] = {
    name: re.compile(r"\b(?:" + "|".join(alts) + r")\b", re.I) for name, alts in _CUES.items()
}

RISK_LABELS = {
    "suicide": "suicide or suicidal thoughts",
    "self_harm": "self-harm",
    "abuse": "abuse",
    "neglect": "neglect",
    "domestic_violence": "domestic violence",
    "exploitation": "exploitation",
    "falls": "falls",
    "missed_medication": "missed medication",
    "carer_strain": "carer strain or exhaustion",
    "missing": "missing or wandering",
    "pressure_sores": "pressure sores",
    "choking": "choking or swallowing",
    "unsafe_home": "unsafe or unhealthy home",
    "alcohol": "alcohol",
    "drugs": "drug use",
}

# Cues whose own words carry a negation ("couldn't get up", "no heating"): it is not a denial.
NEGATIVE_CUES = re.compile(
    r"couldn't|can't|cannot|can no longer|could not|wasn't able|not|no|don't|doesn't|didn't|won't|hadn't|hasn't"
    r"|haven't|had not|has not|never|nobody|nothing|barely|hardly",
    re.I,
)
# Cues that are themselves a denial ('I'm teetotal').
DENYING_CUES = re.compile(r"teetotal|tee-total", re.I)


def risk_categories(text: str) -> list[str]:
    """The risk categories a piece of text mentions, in a fixed order."""
    return [name for name, pattern in RISK_PATTERNS.items() if pattern.search(text)]


def risk_matches(text: str) -> list[tuple[str, re.Match[str]]]:
    """(category, first match) for each category the text mentions."""
    found = []
    for name, pattern in RISK_PATTERNS.items():
        m = pattern.search(text)
        if m:
            found.append((name, m))
    return found
