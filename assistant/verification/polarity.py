"""Whether a statement says 'not' about the words its evidence says plainly, or the reverse, word by word.

A negation ('not', 'no', 'denies', 'without', "can't") reaches the words after it, to the end of its
clause ('denies cough or shortness of breath'; 'no fever, but a cough' stops at 'but'). The
evidence is read the same way, and a question takes its reply's polarity ('Any chest pain?' 'No.'
says no chest pain; a reply that is neither yes nor no leaves the question saying nothing). A
statement's word disagrees when the evidence says it only the other way round; the statement is
contradicted when its negated words disagree more than they agree, or a plain clause of it rests
mostly on words the evidence only negates.
"""

from __future__ import annotations

import math
import re
from itertools import pairwise

from assistant.verification.synonyms import term
from core.lexicon import NEGATIONS, STOPWORDS
from core.text import NO, YES
from core.text import normalise as _normalise

_SPLIT_NOT = re.compile(r"(?<=[a-z]) n't\b", re.I)
# 'hold off on doing any pottery', 'refrain from lifting', 'stay away from sugar': said as 'avoid', which negates.
_AVOID = re.compile(r"\b(?:hold(?:ing)? off(?: on)?|refrain(?:s|ed|ing)? from|stay(?:s|ed|ing)? away from)\b", re.I)


def normalise(text: str) -> str:
    """Straight quotes, single spaces, and a contraction written whole: ACI-BENCH's tokenised "i have n't"
    is "i haven't" (read apart, "i have" answers yes and "ca" is a word)."""
    return _AVOID.sub("avoid", _SPLIT_NOT.sub("n't", _normalise(text)))


_MORE = frozenset(
    {"unable", "nor", "neither", "nowhere", "hardly", "negative", "free", "lack", "lacks", "absent", "unaware"}
    # 'tries to avoid eating late' beside 'are you eating late?' 'no': what one avoids, one does not do.
    | {"avoid", "avoids", "avoided", "avoiding"}
)
# Where a negation stops: the next clause ('no fever, but a cough'; 'he has no pain, and his cough is better').
_SCOPE_END = re.compile(
    r"[;.!?]|\b(?:but|although|though|while|however|whereas|except|because|since|which|who|until|unless)\b"
    r"|,\s*(?:and|so|then)\b|\band\s+(?=(?:he|she|they|i|we|it|his|her|their|the|this|that|there|now)\b)"
    # Speech runs one clause into its consequence: "it's not her allergies so we stopped giving her Allegra".
    r"|\bso\s+(?=(?:he|she|they|i|we|you)\b)"
    # Unpunctuated dictation runs findings on: 'there is no peritoneal signs there is positive cva tenderness'.
    r"|\s(?=there(?:'s| is| are| was| were)\b)"
    # ... and a new subject with its verb: 'no rub no gallop your lungs are clear to auscultation'.
    r"|\s(?=(?:your|his|her|their|the) \w+ (?:is|are|was|were|looks?|feels?|seems?)\b)",
    re.I,
)
# In a note, 'and' before a verb starts a new predicate of the same subject: 'was not reported to the
# police and is a breach'. (Not in speech, where 'no and do you have any problems walking' asks on.)
_WRITTEN_END = re.compile(
    _SCOPE_END.pattern + r"|\band\s+(?=(?:is|are|was|were|has|have|had|does|did|do|will|can|could|would)\b)",
    re.I,
)
SCOPE = 3
PAIR_CLAUSE = 3  # content words: a plain clause this short is denied by a pair of its words said only negated
CLAUSE_MATCH = 2  # content words of a clause that must be said together for the clause to count as said
PIECE = 2  # content words: a comma-separated part this short is judged on its own
_UNSURE = re.compile(
    r"^\W*(?:i'm not sure|i am not sure|not sure|i don't know|i don't remember|i'm not certain)\b", re.I
)
QUESTION_WORDS = 8
_PLAIN = frozenset(
    {"yes", "no", "not", "don't", "didn't", "also", "ever", "any", "has", "have", "had"}
    # When, not what: 'is currently not pregnant' beside 'are you currently pregnant?' 'no'.
    | {"currently", "still", "really", "actually", "just"}
)
# Words that qualify what a negation denies ('no obvious signs of acute fracture'): not what is denied.
_MODIFIERS = frozenset(
    """obvious signs sign evidence acute significant known previous recent prior specific particular
    further new major real much history other additional""".split()  # noqa: SIM905 - a word list reads best as text
)
# 'two extra strength tylenol' and '2 Extra Strength Tylenol' say the same word.
_DIGITS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}  # noqa: SIM905
_MODIFIER_TERMS = frozenset(term(w) for w in _MODIFIERS)
# How long something lasts ('for the next couple of weeks').
_SPAN = frozenset(term(w) for w in "next couple few second minute hour day week fortnight month year".split())  # noqa: SIM905
# "you're not gonna like this", ACI-BENCH's "gon na": an auxiliary as spoken, no content word.
_SPOKEN_AUX = frozenset({"gonna", "gon", "wanna", "wan", "gotta", "na", "ta"})
_WHEN = frozenset(
    term(w)
    for w in """second minute hour day night week fortnight month year old ago age last past earlier later""".split()  # noqa: SIM905
)
# A finding's verb right after the negation ("I don't appreciate any lymphadenopathy", "haven't noticed any
# swelling"): what is denied is what was not found, so the verb takes no part of the reach.
_FINDING_VERBS = frozenset(
    """appreciate appreciated see seen saw hear heard notice noticed note noted feel felt detect detected
    identify identified palpate palpated find found""".split()  # noqa: SIM905
)
_TOKEN = re.compile(r"[A-Za-z\[\]_0-9']+|,")


def is_cue(token: str) -> bool:
    """A word that negates what follows it ("nobody's ever hurt her": a negation's contraction too)."""
    if token.endswith("'s") and len(token) > 2:
        token = token[:-2]
    return token in NEGATIONS or token in _MORE or token.endswith("n't")


def scoped(text: str, ignore: frozenset[str] = frozenset()) -> list[tuple[str, bool]]:
    """(stem, negated) for each content word of the text, in order.

    A negation reaches the next SCOPE content words of its clause, no further: in 'there is nothing
    I'm concerned about there, now on your heart exam you have a nice regular rhythm' the rhythm is plain.
    A negation heading a list reaches every short item of it: 'denies fevers, chills, nausea, and
    vomiting' denies all four. Modifiers ('no obvious signs of acute fracture') take no part of the scope.
    """
    return [(w, neg) for clause in clauses(text, ignore) for w, neg, _ in clause]


def clauses(
    text: str, ignore: frozenset[str] = frozenset(), written: bool = False
) -> list[list[tuple[str, bool, int]]]:
    """The text's clauses, each a list of (stem, negated, which comma-separated piece of the clause).

    `written`: the text is a note's, where a second negation close after a first undoes it ('not
    unaware'); speech doubles a negation for emphasis ('no no pain', "I don't have no money").
    """
    out: list[list[tuple[str, bool, int]]] = []
    listing = carry = False
    pos = 0
    text = normalise(text)
    for end in [*(_WRITTEN_END if written else _SCOPE_END).finditer(text), None]:
        part = text[pos : end.start() if end else len(text)]
        # ', and diarrhoea' closes a negated list rather than starting a new clause.
        clause: list[tuple[str, bool, int]] = out[-1] if listing and out else []
        piece = clause[-1][2] + 1 if clause else 0
        left = SCOPE if listing or carry else 0
        listing = False
        tokens = _TOKEN.findall(part)
        cue_at = neg_at = -9
        filled = lasting = False
        for i, t in enumerate(tokens):
            if t == ",":
                # A comma inside a negation's reach starts the list's next item, which it also reaches
                # (so does one right after an item that used the whole reach: 'denies weight loss, ...').
                listing = left > 0 or (listing and left == SCOPE) or filled
                filled = False
                left = SCOPE if listing else 0
                piece += 1
                continue
            t = t.lower().strip("'")
            if not t:
                continue
            # 'for the next couple of weeks': a duration runs from its 'for' through its time words
            lasting = t == "for" or (lasting and (t in STOPWORDS or t.isdigit() or term(t) in _SPAN))
            if is_cue(t):
                # 'No, my brother is healthy': a 'no' set off by a comma answers a question; it negates nothing.
                answering = i == 0 and t in {"no", "nope"} and tokens[1:2] == [","]
                # 'not unaware', 'is not currently not pregnant': a second negation close after the first undoes it.
                undone = written and left > 0 and i - cue_at <= 2 and "," not in tokens[cue_at:i]
                left = 0 if answering or undone else SCOPE
                cue_at = i
            elif (t in _MODIFIERS and left > 0) or t in _SPOKEN_AUX:
                continue
            elif left == SCOPE and not written and lasting and term(t) in _SPAN:
                # 'hold off for the next couple of weeks on doing any pottery': how long, said before what a negation
                # denies, is no part of it ('hadn't eaten for days' still denies the days).
                continue
            elif t in _FINDING_VERBS and left == SCOPE and not written:
                continue
            elif (t not in STOPWORDS and t not in ignore and t not in _PLAIN and len(t) > 1) or t.isdigit():
                # In a note a negation reaches to the end of the noun it denies: 'no bilateral lower extremity
                # edema', 'a history of chronic urinary tract infections' (the words run on, nothing between).
                neg = left > 0 or (written and neg_at == i - 1)
                clause.append((_DIGITS.get(t) or term(t), neg, piece))
                neg_at = i if neg else -9
                filled = left == 1
                left -= 1
        if not out or clause is not out[-1]:
            out.append(clause)
        sep = end.group(0) if end else ""
        # "I haven't been since the fall": a negation that reached nothing yet reaches past 'since' or 'until'.
        carry = cue_at >= 0 and left == SCOPE and bool(re.match(r"(?:since|until)\b", sep, re.I))
        listing = listing and bool(re.match(r",\s*(?:and|or)\b", sep))
        pos = end.end() if end else len(text)
    return [c for c in out if c]


# 'hmmm no not really', 'um, yes': a hesitation before the reply is no part of it.
_FILLER = re.compile(r"^\W*(?:(?:h?m+|h?mm+h?|u+m+|u+h+|er+m*|ah+|oh+)\b\W*)+", re.I)
# 'i have not at this point', "it doesn't go into my shoulder": a reply opening on its subject and a negated
# verb says no (read before YES, whose 'i have' it starts with).
_SUBJECT_NO = re.compile(
    r"^\W*(?:i|it|he|she|they|we|that)\s+(?:\w+n't|(?:have|has|had|do|does|did|was|were|am|is|are|can|could)"
    r"\s+(?:not|never)|never)\b",
    re.I,
)


def reply_polarity(reply: str) -> bool | None:
    """True for a 'no', False for a 'yes', None for anything else ('I'm not sure' is neither)."""
    reply = _FILLER.sub("", normalise(reply))
    if _UNSURE.match(reply):
        return None
    if (
        _SUBJECT_NO.match(reply)
        or NO.match(reply)
        or re.match(r"^\s*(?:nah|none|nothing|negative|denies|never)\b", reply, re.I)
    ):
        return True
    if YES.match(reply) or re.match(
        r"^\s*(?:uh-huh|mm-hmm|mhm|yea|sure|right|definitely|absolutely|i have)\b", reply, re.I
    ):
        return False
    return None


# Where an unpunctuated question starts: 'does that hurt', 'have you had', 'so any fever', 'what about ...'.
_QUESTION_START = re.compile(
    r"\b(?:do|did|have|are|were|can|could|would|will)\s+you\b"
    # ('the only thing i can think of is that i am active': 'is that' before a subject pronoun says what the thing is)
    r"|\b(?:does|did|is|was|has)\s+(?:it|that(?!\s+(?:i|we|he|she|they|it's|i'm)\b)|this|there|he|she|they)\b"
    r"|(?:^|\b(?:and|so|okay|ok|or|um|uh|alright|now|also|sure)\s+)any\b|\b(?:how|what) about\b",
    re.I,
)
QUESTION_MAX = 12
_SELF = re.compile(r"^\W*(?:i|i'm|i've|i'd|i'll|my|we|we've)\b", re.I)
# A question asked after a statement about oneself: 'i take it at night, is that ok?'.
_INVERTED = re.compile(
    r"\b(?:is|are|was|were|do|does|did|can|could|should|would|will|have|has)\s+(?:i|you|it|that|this|we|he|she|they)\b"
    r"|\b(?:what|why|how|when|where|who|which)\b|\bor\W*$",
    re.I,
)  # content words: an opener further back than this is not where the last question starts


def _question_start(sentence: str, ignore: frozenset[str] = frozenset()) -> int | None:
    """Where the sentence's last question starts: its earliest opener at most QUESTION_MAX words from the end."""
    for m in _QUESTION_START.finditer(sentence):
        if len(scoped(sentence[m.start() :], ignore)) <= QUESTION_MAX:
            return m.start()
    return None


def evidence_polarity(
    turns: list[tuple[str, str | None]], ignore: frozenset[str] = frozenset()
) -> dict[str, set[bool]]:
    """stem -> the polarities the evidence says it with; each turn with the reply said next (or None)."""
    return polarity_of(evidence_units(turns, ignore))


def polarity_of(units: list[list[tuple[str, bool]]]) -> dict[str, set[bool]]:
    """stem (and pair of stems said together) -> the polarities the evidence's sentences say it with."""
    seen: dict[str, set[bool]] = {}
    for pairs in units:
        for w, neg in pairs:
            seen.setdefault(w, set()).add(neg)
        # Two words said together ('chest pain') keep their polarity as a pair: 'any chest pain?' 'no'
        # denies chest pain even where 'relieved the pain' says pain plainly.
        for (a, na), (b, nb) in pairwise(pairs):
            if na == nb:
                seen.setdefault(f"{a} {b}", set()).add(na)
    return seen


def evidence_units(
    turns: list[tuple[str, str | None]],
    ignore: frozenset[str] = frozenset(),
    answered: dict[str, set[bool]] | None = None,
    texts: list[str] | None = None,
) -> list[list[tuple[str, bool]]]:
    """Each sentence of the evidence as (stem, negated) in order, a question read with its reply's yes or no.

    `answered`, when given, is filled with the polarities each word is given by a question's yes or no;
    `texts`, with each unit's sentence (and the reply it takes), in the same order.
    """
    units: list[list[tuple[str, bool]]] = []
    for text, reply in turns:
        sents = [s for s in re.split(r"(?<=[.!?])\s+", normalise(text)) if s.strip()]
        for i, s in enumerate(sents):
            pairs = scoped(s, ignore)
            following = sents[i + 1] if i + 1 < len(sents) else reply
            answer = reply_polarity(following) if following else None
            # 'i tend to lie on my right side and that seemed to help a little bit ?': a sentence about oneself,
            # said in a questioning tone but asking nothing, is said.
            asked = s.rstrip().endswith("?") and not (
                _SELF.match(s) and _question_start(s, ignore) is None and not _INVERTED.search(s)
            )
            if asked and answer is None:
                continue  # a question with no yes or no says nothing
            # A turn's last sentence takes the reply's yes or no only when it is a question, or runs on
            # unpunctuated (ACI's transcripts); 'I thought he was just lazy.' asks nothing, whatever comes next.
            run_on = following is reply and not re.search(r"[.!]\W*$", s)
            opener = _question_start(s, ignore) if asked or run_on else None
            if answer is None and run_on and opener is not None:
                # '... there is pain to palpation ... does that hurt at all' 'it's okay': the question says nothing.
                pairs = pairs[: len(pairs) - min(len(pairs), len(scoped(s[opener:], ignore)))]
            if answer is not None and (asked or run_on) and not NO.match(s) and not YES.match(s):
                # The question is its last words (an unpunctuated turn runs on: 'so any fever or chills'), from
                # where it starts when that can be told ('... the right anterior knee ... does that hurt at all').
                asks = len(scoped(s[opener:], ignore)) if opener is not None else QUESTION_WORDS
                tail = min(len(pairs), asks)
                pairs = pairs[: len(pairs) - tail] + [(w, answer) for w, _ in pairs[len(pairs) - tail :]]
                if answered is not None:
                    for w, _ in pairs[len(pairs) - tail :]:
                        answered.setdefault(w, set()).add(answer)
            # 'diarrhea no', 'any pain? pain no': a few words and then a 'no' deny those words.
            if len(s.split()) <= 4 and re.search(r"\b(?:no|nope)\W*$", s, re.I) and not asked:
                pairs = [(w, True) for w, _ in pairs]
            units.append(pairs)
            if texts is not None:
                texts.append(f"{s} {following}" if answer is not None and (asked or run_on) else s)
    return units


def said_as(
    group: list[tuple[str, bool, int]], units: list[list[tuple[str, bool]]], echo: dict[int, int] | None = None
) -> bool | None:
    """Whether a clause is said in the evidence in the same words the same way round (True), the other way
    round (False), or neither can be told (None).

    'Molecular testing is pending at this time' says 'molecular testing is not pending' the other way round,
    whatever else 'time' is said of: most of the clause's words, close together in one sentence, decide.
    """
    want = {w for w, _, _ in group}
    need = max(CLAUSE_MATCH, math.ceil(0.75 * len(want)))
    if len(want) < need:
        return None
    polarity = {w: neg for w, neg, _ in group}
    verdicts: set[bool | None] = set()
    count = {True: 0, False: 0}  # sentences saying it the same way round, and the other way
    closest = {True: -1, False: -1}  # the most of the statement's words a sentence saying it each way says
    width = len(want) + 4
    for u, unit in enumerate(units):
        found: set[bool | None] = set()
        for start in range(max(1, len(unit) - width + 1)):
            window = {w: neg for w, neg in reversed(unit[start : start + width]) if w in want}
            if len(window) >= need:
                # The other way round only when one side has no negation at all among these words.
                if any(window.values()) != any(polarity[w] for w in window) and not (
                    any(window.values()) and any(polarity.values())
                ):
                    found.add(False)
                else:
                    found.add(all(window[w] == polarity[w] for w in window) or None)
        verdicts |= found
        for way in (True, False):
            count[way] += way in found
            if way in found:
                closest[way] = max(closest[way], (echo or {}).get(u, 0))
    # Said both ways ('any shortness of breath?' 'I haven't noticed any shortness of breath' ... 'the
    # cough and some shortness of breath'): more sentences the other way round than this way decide.
    # As many each way: the sentence echoing the statement most ("I didn't know she went under the bed"
    # against 'I went under my bed', for 'She did know she went under the bed').
    if True in verdicts and count[False] == count[True] and closest[False] > closest[True]:
        return False
    if True in verdicts and count[False] <= count[True]:
        return True
    return False if False in verdicts else None


def _unsaid_negation(group: list[tuple[str, bool, int]], seen: dict[str, set[bool]], together: bool) -> bool:
    """A clause said in the evidence without its 'not', whose negation reaches only words the evidence
    never says: 'X-rays of the right knee were not taken' beside 'we did do an x-ray of that right knee'.

    `together`: the clause's words are said together in one sentence; otherwise at least two of its
    plain words must be said, each of them plainly somewhere.
    """
    negated = [w for w, neg, _ in group if neg]
    if not negated or any(w in seen for w in negated):
        return False
    plain = [w for w, neg, _ in group if not neg]
    return together or (len(plain) >= 2 and all(False in seen.get(w, {True}) for w in plain))


GROUND_WIDTH = 4  # words beyond the clause's own that a window of the evidence may hold


def _where_said(
    group: list[tuple[str, bool, int]],
    units: list[list[tuple[str, bool]]],
    echo: dict[int, int] | None = None,
    share: float = 0.34,
) -> list[list[tuple[str, bool]]]:
    """The stretches of the evidence that say most of a clause's words together (none when no stretch says
    at least two of them and a third): where the clause is said, and so where its polarity is decided.

    `echo`: for each unit, how many of the statement's words (stopwords too) its sentence says; of stretches
    saying as many of the clause's words, those in the sentences echoing the statement most are where it is
    said ('I went under my bed' and "I didn't know she went under the bed": 'She did know she went ...')."""
    want = {w for w, _, _ in group if w not in _MODIFIER_TERMS}
    denied = {w for w, neg, _ in group if neg} & want or want
    width = len(want) + GROUND_WIDTH
    best, where = (0, 0), []
    for u, unit in enumerate(units):
        for start in range(max(1, len(unit) - width + 1)):
            window = unit[start : start + width]
            said = {w for w, _ in window}
            n = (len(want & said), (echo or {}).get(u, 0)) if denied & said else (0, 0)
            if n > best:
                best, where = n, [window]
            elif n == best and n[0]:
                where.append(window)
    if best[0] < max(2, math.ceil(len(want) * share)):
        return []
    return where


def _ungrounded_negation(
    group: list[tuple[str, bool, int]], units: list[list[tuple[str, bool]]], echo: dict[int, int] | None = None
) -> bool:
    """A clause with a negation, said in the evidence in most of its words, where every stretch saying it
    has no negation at all: 'She has not been icing her wrist' beside "i've been icing it and wrapping it"."""
    if not any(neg for _, neg, _ in group) or len({p for _, _, p in group}) > 1:
        return False  # (a list's items are each asked and answered apart)
    where = _where_said(group, units, echo)
    return bool(where) and not any(neg for window in where for _, neg in window)


def _plain_where_denied(
    group: list[tuple[str, bool, int]], units: list[list[tuple[str, bool]]], echo: dict[int, int] | None = None
) -> bool:
    """A clause without a negation, said in the evidence in most of its words, where every stretch saying it
    says those words negated: 'She can get into the bath' beside "I can't get in the bath"."""
    if any(neg for _, neg, _ in group) or len({p for _, _, p in group}) > 1:
        return False
    want = {w for w, _, _ in group}
    where = _where_said(group, units, echo, share=0.6)
    return bool(where) and all(neg for window in where for w, neg in window if w in want)


# The verb or complement a clause asserts, after its auxiliary: 'has been needed', 'has been great',
# 'could remember', 'do interfere'; where a planted or dropped 'not' sits.
_PREDICATE = re.compile(
    r"\b(?:(?:is|are|was|were|has|have|had|does|do|did|can|could|will|would)\s+)+(?:(?:been|being|be)\s+)?"
    r"(?P<head>[a-z][a-z']+)\b",
    re.I,
)


def _plain_head_denied(
    statement: str, seen: dict[str, set[bool]], ignore: frozenset[str], units: list[list[tuple[str, bool]]]
) -> bool:
    """A clause without a negation whose predicate ('has been needed') the evidence says only negated, and
    first in what a negation reaches ("we haven't needed to wake anyone"; not the 'phone' of "she couldn't
    reach the phone"): the clause denies what its predicate asserts."""
    heads = {u[i][0] for u in units for i in range(len(u)) if u[i][1] and (i == 0 or not u[i - 1][1])}
    for part in _WRITTEN_END.split(normalise(statement)):
        if not part or any(is_cue(t.lower().strip("'")) for t in _TOKEN.findall(part)):
            continue
        for m in _PREDICATE.finditer(part):
            head = m.group("head").lower()
            if head in STOPWORDS or head in ignore or head in _PLAIN or head in _MODIFIERS or len(head) < 3:
                continue
            # 'is experiencing a persistent dry cough' beside 'not experiencing any pain' and 'a dry cough':
            # what the predicate takes, said only plainly, is what the clause asserts.
            rest = [t.lower() for t in _TOKEN.findall(part[m.end() :]) if t != ","]
            taken = [term(t) for t in rest if t not in STOPWORDS and t not in ignore and len(t) > 1]
            if (
                seen.get(term(head)) == {True}
                and term(head) in heads
                and not any(seen.get(w) == {False} for w in taken)
            ):
                return True
            break
    return False


def contradiction(
    statement: str,
    seen: dict[str, set[bool]],
    ignore: frozenset[str] = frozenset(),
    units: list[list[tuple[str, bool]]] | None = None,
    answered: dict[str, set[bool]] | None = None,
    texts: list[str] | None = None,
) -> str:
    """'negated' / 'plain' when the statement's polarity contradicts the evidence's ('' when not).

    With the evidence's sentences (`units`), a clause said there in the same words decides for itself.
    With the polarities questions' replies give words (`answered`), a short clause whose words were
    asked about takes the reply's side over a mention elsewhere ('Do you smoke?' 'No, I don't.'
    ... 'Smoking is gross.' denies 'She does smoke').
    """
    groups: list[list[tuple[str, bool, int]]] = []
    # A question the statement quotes ('Asked "Any thoughts of harming yourself?", ...') asserts nothing.
    for piece in re.split(r"(?<=\?)", normalise(statement)):
        if piece.rstrip(" \"'\u201c\u201d").endswith("?"):
            continue
        found = clauses(piece, ignore, written=True)
        # 'did not sit up unassisted until 1 years old': a clause after the first that only says when takes no
        # side (its numbers and dates are checked on their own).
        groups.extend(g for i, g in enumerate(found) if not i or not all(w.isdigit() or w in _WHEN for w, _, _ in g))
    mine = {t.lower() for t in _TOKEN.findall(normalise(statement)) if t != "," and not is_cue(t.lower())}
    # How much of the statement, word for word, each evidence sentence says (to tell where it is said).
    echo = (
        {u: len(mine & {t.lower() for t in _TOKEN.findall(normalise(x))}) for u, x in enumerate(texts)}
        if units and texts is not None and len(texts) == len(units)
        else None
    )
    said = [said_as(g, units, echo) if units else None for g in groups]
    for group, way in zip(groups, said, strict=True):
        if way is False:
            return "negated" if any(neg for _, neg, _ in group) else "plain"
        if way is not False and _unsaid_negation(group, seen, way is True):
            return "negated"
    if units:
        for group, way in zip(groups, said, strict=True):
            if way is not True and _ungrounded_negation(group, units, echo):
                return "negated"
            if way is not True and _plain_where_denied(group, units, echo):
                return "plain"
    groups = [g for g, way in zip(groups, said, strict=True) if way is not True]
    if groups and units and _plain_head_denied(statement, seen, ignore, units):
        return "plain"
    for group in groups:
        agree = disagree = 0
        head = True  # the first word a run of negated words says, where the negation's sense is
        headed = False
        for w, neg, _ in group:
            pol = seen.get(w)
            if not neg:
                head, headed = True, False
                continue
            if pol is None:
                continue
            if head:
                head = False
                headed = neg in pol
            # 'cannot get into the bath and strip washes at the sink' beside "I can't get in the bath
            # ... So I have a strip wash": a run whose first said word agrees is agreed with.
            if headed or neg in pol:
                agree += 1
            else:
                disagree += 1
        if disagree > agree:
            return "negated"
    for group in groups:
        core_said = [(w, neg) for w, neg, _ in group if w not in _MODIFIER_TERMS]
        if answered and 0 < len(core_said) <= 2 and all(len(seen.get(w, ())) == 2 for w, _ in core_said):
            replies = [answered.get(w, set()) for w, _ in core_said]
            negs = {neg for _, neg in core_said}
            if (
                len(negs) == 1
                and all(len(r) == 1 for r in replies)
                and {next(iter(r)) for r in replies} == {not next(iter(negs))}
            ):
                return "negated" if next(iter(negs)) else "plain"
        # A pair of words the statement says plainly ('reports chest pain') that the evidence says together
        # only negated, and never plainly, is denied, whatever else each word is said of.
        if not any(neg for _, neg, _ in group) and len(group) <= PAIR_CLAUSE:
            for (a, _, pa), (b, _, pb) in pairwise(group):
                if pa == pb and seen.get(f"{a} {b}") == {True}:
                    return "plain"
        plain = [w for w, neg, _ in group if not neg and w in seen]
        only_negated = sum(seen[w] == {True} for w in plain)
        # One negated word in a long plain clause is often said of something else ('no fever' near 'fever
        # clinic'); a short clause, or several such words, is a contradiction.
        # 'There is evidence of hydronephrosis': 'evidence of', 'history of' qualify; they make no clause longer.
        core = [w for w, _, _ in group if w not in _MODIFIER_TERMS]
        short = 0 < len(core) <= 2 and only_negated == len(core)
        # A word the evidence says both ways takes no side ('Any fever?' 'No.' ... 'the fever clinic').
        only_plain = sum(seen[w] == {False} for w in plain)
        if short or (only_negated >= 2 and only_negated > only_plain):
            return "plain"
        # 'They found him at home, he was confused, he had eaten for days': a short comma-separated part
        # of a clause, every word of which the evidence only negates, is a contradiction on its own.
        for part in {p for _, _, p in group}:
            ws = [w for w, neg, p in group if p == part]
            if (
                0 < len(ws) <= PIECE
                and all(seen.get(w) == {True} for w in ws)
                and not any(neg for w, neg, p in group if p == part)
            ):
                return "plain"
    return ""
