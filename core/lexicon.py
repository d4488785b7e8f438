"""Word lists the verifier uses to find the facts in a statement that must appear in its evidence."""

from __future__ import annotations

import re
from functools import lru_cache

STOPWORDS = frozenset(
    """
    a an the and or but if then so of to in on at by for with from as is are was were be been being am
    do does did have has had having it its this that these those there here he she they them their
    theirs his her hers him we us our you your i me my mine myself themselves himself herself itself
    what which who whom whose when where why how whether all any some very just also too can could will
    would shall should may might must about into over under up down out off again further once more most
    other such only own same than s t don't doesn't didn't isn't wasn't aren't weren't said says asked
    told tell reported mentioned stated explained described noted added replied answered confirmed
    patient doctor person client practitioner worker speaker unknown really quite bit lot get got going
    go well yeah yes okay ok um uh like know think just now still
    """.split()  # noqa: SIM905 - a word list reads best as text
)

NEGATIONS = frozenset(
    """
    no not never n't without none nothing nobody neither nor cannot can't won't don't doesn't didn't
    isn't wasn't aren't weren't haven't hasn't hadn't couldn't wouldn't shouldn't denies denied deny
    """.split()  # noqa: SIM905 - a word list reads best as text
)

MEDICATIONS = frozenset(
    """
    paracetamol ibuprofen codeine co-codamol tramadol morphine oxycodone fentanyl naproxen diclofenac
    aspirin sertraline citalopram escitalopram fluoxetine paroxetine mirtazapine venlafaxine duloxetine
    amitriptyline trazodone diazepam lorazepam temazepam zopiclone zolpidem quetiapine olanzapine
    risperidone aripiprazole haloperidol clozapine lithium valproate lamotrigine levetiracetam
    carbamazepine phenytoin gabapentin pregabalin methadone buprenorphine metformin insulin gliclazide
    sitagliptin empagliflozin dapagliflozin amlodipine ramipril lisinopril enalapril losartan
    candesartan bisoprolol atenolol propranolol simvastatin atorvastatin rosuvastatin pravastatin
    warfarin apixaban rivaroxaban edoxaban dabigatran clopidogrel levothyroxine omeprazole lansoprazole
    ranitidine furosemide bendroflumethiazide spironolactone digoxin salbutamol beclometasone
    prednisolone hydrocortisone donepezil memantine rivastigmine galantamine amoxicillin flucloxacillin
    doxycycline clarithromycin trimethoprim nitrofurantoin lactulose senna laxido movicol adcal ferrous
    folic vitamin antidepressant antidepressants antibiotic antibiotics steroid steroids inhaler
    inhalers painkiller painkillers sleeping nicotine naloxone lisinopril hydrochlorothiazide
    montelukast tamsulosin finasteride allopurinol colchicine methotrexate cetirizine loratadine
    alendronic alendronate risedronate
    """.split()  # noqa: SIM905 - a word list reads best as text
)

MEDICATION_SUFFIX = re.compile(
    r"^\w{3,}(?:pril|olol|statin|azepam|oxetine|sartan|cillin|mycin|prazole|tidine|triptyline|zolam|floxacin"
    r"|gliptin|gliflozin|parin|xaban|dronate|semide|thiazide|afil)$",
    re.I,
)

_SUFFIXES = ("ingly", "edly", "ness", "ing", "ies", "ied", "ed", "es", "ly", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem so 'falls', 'falling' and 'fall' match; so do 'love', 'loves', 'loved' and 'try', 'tries'."""
    w = word.lower()
    if len(w) >= 5 and w.endswith(("ies", "ied")):
        return w[:-3] + "y"
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    # A final silent e is not part of the stem: 'love' and 'lov(es)' are one word to the checks.
    return w[:-1] if len(w) >= 4 and w.endswith("e") and not w.endswith("ee") else w


def is_medication(word: str) -> bool:
    """A medicine name or class, from the list or by its suffix."""
    w = word.lower().strip("'")
    return w in MEDICATIONS or bool(MEDICATION_SUFFIX.match(w))


_UNIT_WORDS = """
    zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
    seventeen eighteen nineteen
""".split()  # noqa: SIM905 - a word list reads best as text
_UNITS = {w: i for i, w in enumerate(_UNIT_WORDS)}
_TENS = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
# The spoken number words, for code that reads numbers token by token (verification.quantities).
UNIT_NUMBER_WORDS = frozenset(_UNITS)
TENS_NUMBER_WORDS = frozenset(_TENS)
_OTHER = {"once": 1, "twice": 2, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
          "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
          "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
          "nineteenth": 19, "twentieth": 20, "thirtieth": 30}  # fmt: skip
_ORDINAL_UNITS = {k: v for k, v in _OTHER.items() if 1 <= v <= 9 and k not in {"once", "twice"}}


def numbers_in(tokens: list[str], parts: bool = True) -> set[str]:
    """Every number the tokens state, as digits: 'twenty six' -> '26' (and '20', '6' when `parts`)."""
    found: set[str] = set()
    pending: int | None = None
    run: list[str] = []  # 'nine nine nine' -> '999', as phone numbers are said
    for t in [*tokens, ""]:
        if t in _UNITS and _UNITS[t] < 10:
            run.append(str(_UNITS[t]))
        else:
            if len(run) > 1:
                found.add(str(int("".join(run))))
            run = []
        if (t in _UNITS or t in _ORDINAL_UNITS) and pending is not None:
            unit = _UNITS.get(t, _ORDINAL_UNITS.get(t, 0))
            found.add(str(pending + unit))
            if parts:
                found.update({str(pending), str(unit)})
            pending = None
            continue
        if pending is not None:
            found.add(str(pending))
            pending = None
        if t.isdigit():
            found.add(str(int(t)))
        elif t in _TENS:
            pending = _TENS[t]
        elif t in _UNITS:
            found.add(str(_UNITS[t]))
        elif t in _OTHER:
            found.add(str(_OTHER[t]))
    return found


# --- who is who: the words people use for the roles in a visit -----------------------------------

RELATIONS: dict[str, str] = {
    # relation -> pronoun of the relative ('' when the word does not say)
    "son": "he", "daughter": "she", "husband": "he", "wife": "she", "partner": "", "mum": "she",
    "mother": "she", "mom": "she", "dad": "he", "father": "he", "sister": "she", "brother": "he",
    "grandson": "he", "granddaughter": "she", "grandmother": "she", "grandfather": "he", "nan": "she",
    "nana": "she", "grandma": "she", "grandad": "he", "granddad": "he", "aunt": "she", "auntie": "she",
    "uncle": "he", "nephew": "he", "niece": "she", "cousin": "", "stepdad": "he", "stepmum": "she",
    "friend": "", "neighbour": "", "boyfriend": "he", "girlfriend": "she", "guest": "",
}  # fmt: skip
CARER_WORDS = frozenset({"carer", "caregiver", "support worker", "foster carer", "care worker", "key worker"})
PRACTITIONER_WORDS = frozenset(
    """practitioner social worker doctor nurse clinician gp therapist occupational therapist officer
    assessor worker physician consultant dr""".split()  # noqa: SIM905
)
PERSON_WORDS = frozenset({"person", "client", "patient", "service user", "resident", "tenant", "child", "young person"})
INTERPRETER_WORDS = frozenset({"interpreter", "translator"})


def role_from_name(name: str) -> tuple[str, str | None]:
    """(role, relation) a speaker's display name or label says, e.g. 'Daughter' -> ('family', 'daughter')."""
    low = " " + re.sub(r"[^a-z ]+", " ", name.lower()) + " "
    for w in INTERPRETER_WORDS:
        if f" {w} " in low:
            return "interpreter", None
    for w in sorted(CARER_WORDS, key=len, reverse=True):
        if f" {w} " in low:
            return "carer", None
    for w in PRACTITIONER_WORDS:
        if f" {w} " in low:
            return "practitioner", None
    for rel in RELATIONS:
        if f" {rel} " in low:
            return "family", rel
    if low.strip() == "family":
        return "family", None
    for w in PERSON_WORDS:
        if f" {w} " in low:
            return "person", None
    return "unknown", None
