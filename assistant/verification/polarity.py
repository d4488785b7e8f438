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

import re

from assistant.verification.synonyms import term
from core.lexicon import NEGATIONS, STOPWORDS
from core.text import NO, YES, normalise

_MORE = frozenset(
    {"unable", "nor", "neither", "nowhere", "hardly", "negative", "free", "lack", "lacks", "absent", "unaware"}
)
# Where a negation stops: the next clause ('no fever, but a cough'; 'he has no pain, and his cough is better').
_SCOPE_END = re.compile(
    r"[;.!?]|\b(?:but|although|though|while|however|whereas|except|because|since|which|who|until|unless)\b"
    r"|,\s*(?:and|so|then)\b|\band\s+(?=(?:he|she|they|i|we|it|his|her|their|the|this|that|there|now)\b)",
    re.I,
)
SCOPE = 3
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
_TOKEN = re.compile(r"[A-Za-z\[\]_0-9']+|,")


def is_cue(token: str) -> bool:
    """A word that negates what follows it."""
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
    listing = False
    pos = 0
    text = normalise(text)
    for end in [*_SCOPE_END.finditer(text), None]:
        part = text[pos : end.start() if end else len(text)]
        # ', and diarrhoea' closes a negated list rather than starting a new clause.
        clause: list[tuple[str, bool, int]] = out[-1] if listing and out else []
        piece = clause[-1][2] + 1 if clause else 0
        left = SCOPE if listing else 0
        listing = False
        tokens = _TOKEN.findall(part)
        cue_at = -9
        filled = False
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
            if is_cue(t):
                # 'No, my brother is healthy': a 'no' set off by a comma answers a question; it negates nothing.
                answering = i == 0 and t in {"no", "nope"} and tokens[1:2] == [","]
                # 'not unaware', 'is not currently not pregnant': a second negation close after the first undoes it.
                undone = written and left > 0 and i - cue_at <= 2 and "," not in tokens[cue_at:i]
                left = 0 if answering or undone else SCOPE
                cue_at = i
            elif t in _MODIFIERS and left > 0:
                continue
            elif (t not in STOPWORDS and t not in ignore and t not in _PLAIN and len(t) > 1) or t.isdigit():
                clause.append((term(t), left > 0, piece))
                filled = left == 1
                left -= 1
        if not out or clause is not out[-1]:
            out.append(clause)
        sep = end.group(0) if end else ""
        listing = listing and bool(re.match(r",\s*(?:and|or)\b", sep))
        pos = end.end() if end else len(text)
    return [c for c in out if c]


def reply_polarity(reply: str) -> bool | None:
    """True for a 'no', False for a 'yes', None for anything else ('I'm not sure' is neither)."""
    if _UNSURE.match(reply):
        return None
    if NO.match(reply) or re.match(r"^\s*(?:nah|none|nothing|negative|denies|never)\b", reply, re.I):
        return True
    if YES.match(reply) or re.match(
        r"^\s*(?:uh-huh|mm-hmm|mhm|yea|sure|right|definitely|absolutely|i have)\b", reply, re.I
    ):
        return False
    return None


def evidence_polarity(
    turns: list[tuple[str, str | None]], ignore: frozenset[str] = frozenset()
) -> dict[str, set[bool]]:
    """stem -> the polarities the evidence says it with; each turn with the reply said next (or None)."""
    seen: dict[str, set[bool]] = {}
    for text, reply in turns:
        sents = [s for s in re.split(r"(?<=[.!?])\s+", normalise(text)) if s.strip()]
        for i, s in enumerate(sents):
            pairs = scoped(s, ignore)
            following = sents[i + 1] if i + 1 < len(sents) else reply
            answer = reply_polarity(following) if following else None
            asked = s.rstrip().endswith("?")
            if asked and answer is None:
                continue  # a question with no yes or no says nothing
            # A turn's last sentence takes the reply's yes or no only when it is a question, or runs on
            # unpunctuated (ACI's transcripts); 'I thought he was just lazy.' asks nothing, whatever comes next.
            run_on = following is reply and not re.search(r"[.!]\W*$", s)
            if answer is not None and (asked or run_on) and not NO.match(s) and not YES.match(s):
                # The question is its last words (an unpunctuated turn runs on: 'so any fever or chills').
                tail = min(len(pairs), QUESTION_WORDS)
                pairs = pairs[: len(pairs) - tail] + [(w, answer) for w, _ in pairs[len(pairs) - tail :]]
            # 'diarrhea no', 'any pain? pain no': a few words and then a 'no' deny those words.
            if len(s.split()) <= 4 and re.search(r"\b(?:no|nope)\W*$", s, re.I) and not asked:
                pairs = [(w, True) for w, _ in pairs]
            for w, neg in pairs:
                seen.setdefault(w, set()).add(neg)
    return seen


def contradiction(statement: str, seen: dict[str, set[bool]], ignore: frozenset[str] = frozenset()) -> str:
    """'negated' / 'plain' when the statement's polarity contradicts the evidence's ('' when not)."""
    groups: list[list[tuple[str, bool, int]]] = []
    # A question the statement quotes ('Asked "Any thoughts of harming yourself?", ...') asserts nothing.
    for piece in re.split(r"(?<=\?)", normalise(statement)):
        if piece.rstrip(" \"'\u201c\u201d").endswith("?"):
            continue
        groups.extend(clauses(piece, ignore, written=True))
    for group in groups:
        agree = disagree = 0
        negated = any(neg for _, neg, _ in group)
        for w, neg, _ in group:
            if not negated or not neg:
                continue
            pol = seen.get(w)
            if pol is None:
                continue
            if neg in pol:
                agree += 1
            else:
                disagree += 1
        if negated and disagree > agree:
            return "negated"
    for group in groups:
        plain = [w for w, neg, _ in group if not neg and w in seen]
        only_negated = sum(seen[w] == {True} for w in plain)
        # One negated word in a long plain clause is often said of something else ('no fever' near 'fever
        # clinic'); a short clause, or several such words, is a contradiction.
        short = 0 < len(group) <= 2 and only_negated == len(group)
        if short or (only_negated >= 2 and only_negated * 2 > len(plain)):
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
