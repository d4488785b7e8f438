"""Risk and safeguarding cues: the words that say a risk category is being talked about.

Whether it is disclosed, denied, feared, asked about or only hypothetical is decided in
`assistant.verification.risk`; these patterns only find the topic.
"""

from __future__ import annotations

import re

_SELF = r"(?:my|them|him|her|your)sel(?:f|ves)"
_OBJ = r"(?:me|them|him|her)"
_POSS = r"(?:my |their |his |her |the |a |some |any )?(?:[a-z-]+ ){0,2}"
_MEDS = r"(?:doses?|medications?|medicines?|tablets?|pills?|meds|insulin|inhalers?)"

# Alternatives per category, joined into one case-insensitive pattern each.
_CUES: dict[str, list[str]] = {
    "suicide": [
        r"suicid\w*",
        rf"kill(?:ing)? {_SELF}",
        r"end(?:ing)? (?:my|their|his|her|it) (?:life|all)",
        r"take (?:my|their|his|her) own life",
        r"better off dead",
        r"stockpil\w*",
        r"want(?:ed)? to die",
        r"wish(?:ed)? (?:i|they) (?:was|were) dead",
        r"(?:not want(?:ing)?|don't want) to (?:be here|live|go on)",
    ],
    "self_harm": [
        r"self[- ]?harm\w*",
        rf"cut(?:s|ting)? {_SELF}",
        rf"hurt(?:s|ing)? {_SELF}",
        rf"harm(?:s|ing)? {_SELF}",
        r"overdos\w*",
    ],
    "abuse": [
        r"abus\w*",
        rf"hit(?:s|ting)? {_OBJ}",
        rf"hurt(?:s)? {_OBJ}\b",
        r"slap\w*",
        r"punch\w*",
        rf"kick(?:s|ed)? {_OBJ}",
        rf"shout(?:s|ed|ing)? at {_OBJ}",
        r"threaten\w*",
        r"(?:scared|afraid) of (?:him|her|them)",
        rf"touched {_OBJ} inappropriately",
        rf"push(?:es|ed|ing)? {_OBJ}",
        rf"shov(?:es|ed|ing)? {_OBJ}",
        r"sexual\w*",
    ],
    "neglect": [
        r"neglect\w*",
        r"no food in",
        r"not (?:been )?eating",
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
        r"(?:fridge|cupboards?) (?:was|were|is|are) empty",
        r"empty fridge",
    ],
    "domestic_violence": [
        r"domestic (?:violence|abuse)",
        r"partner (?:hits|hit|hurts|hurt|threatens|controls)",
        r"controlling",
        r"coercive",
        r"(?:husband|wife|boyfriend|girlfriend|partner) (?:gets|got) (?:violent|angry)",
        r"violen\w*",
    ],
    "exploitation": [
        r"exploit\w*",
        r"county lines",
        r"groom\w*",
        r"(?:tak(?:es|ing|en)|took) (?:my|their|his|her) money",
        r"(?:has|got|took|keeps) (?:my|their|his|her) (?:bank )?card",
        r"financial abuse",
        r"scam\w*",
        r"borrow(?:s|ed|ing)? money",
        r"owe(?:s)? (?:them|him|her) money",
        rf"made {_OBJ} (?:carry|sell|deliver)",
        rf"asked {_OBJ} to (?:carry|hold|deliver|sell)",
    ],
    "falls": [
        # Not 'fall asleep', 'fell out with', 'fall behind'.
        r"(?:fall|falls|fell|fallen|falling)(?! asleep| out\b| behind| apart| through| ill| in love| over laughing"
        r"| attendance| numbers| rolls?\b| off the roof)",
        r"tripp?ed",
        r"slipped",
        r"couldn't get up",
        r"on the floor",
    ],
    "missed_medication": [
        rf"miss(?:ed|es|ing)? {_POSS}{_MEDS}",
        rf"forg(?:e|o)t(?:ten)? (?:to take )?{_POSS}{_MEDS}",
        r"forget to take",
        r"forg(?:e|o)ts? (?:the|her|his|my|their) (?:\w+ )?(?:ones|tablets|doses|pills|medicines?)",
        r"days missed",
        r"missed (?:a |any |some )?(?:days|doses)",
        rf"not taking {_POSS}{_MEDS}",
        rf"r[au]n(?:ning)? out of {_POSS}{_MEDS}",
        r"stopped taking",
    ],
}

# Care Act 2014 and Working Together categories the first list missed: each is a reason to stop
# and confirm, not a judgement.
_CUES |= {
    "carer_strain": [
        r"(?:can't|cannot|can no longer) cope",
        r"at (?:the end of )?(?:my|their|his|her) tether",
        r"breaking point",
        r"exhausted",
        r"burn(?:ed|t) out",
        r"not sleeping",
    ],
    "missing": [
        r"(?:went|gone|go|going) missing",
        r"missing episode",
        r"reported missing",
        r"ran away",
        r"wander(?:s|ed|ing)?(?: off)?",
        r"(?:left|leaves|leaving) the house (?:at|in the) (?:night|\d|one|two|three|four|five)",
        r"(?:got|gets|getting) out (?:of )?the (?:front |back )?door (?:at|in the) (?:night|\d|one|two|three|four"
        r"|five)",
    ],
    "pressure_sores": [r"pressure (?:sore|ulcer|area|damage)s?", r"bed ?sores?"],
    "choking": [r"chok(?:e|ed|es|ing)", r"swallowing (?:difficult|problem)\w*", r"difficulty swallowing"],
    "unsafe_home": [
        r"damp",
        r"(?:black )?mou?ld",
        r"heating (?:is |was |has been )?(?:off|broken)",
        r"no hot water",
        r"fire (?:risk|hazard)",
        r"gas leak",
    ],
    "alcohol": [
        r"alcohol\w*",
        r"drunk",
        r"booze",
        r"(?:heavy|binge) drinking",
        r"(?:been|stopped|started|was|were) drinking",
        r"drink(?:s|ing)? (?:too much|a lot|heavily|every (?:day|night)|alcohol|at all)",
        r"(?:bottles?|cans?) of (?:wine|beer|cider|vodka|spirits|lager)",
    ],
    "drugs": [r"(?:taking|take|takes|using|uses) drugs", r"cannabis", r"heroin", r"cocaine", r"weed"],
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
    r"couldn't|can't|cannot|can no longer|not|no|don't|hadn't|hasn't|haven't|had not|has not", re.I
)


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
