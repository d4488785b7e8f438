"""Reported speech by rule: first and second person become third, contractions are written out.

"I can't get in the bath" said by the person becomes "she cannot get in the bath"; "I'll refer
you" said by the practitioner becomes "the practitioner will refer her". Nothing is generated:
the words are the speaker's, with pronouns, verb agreement and contractions changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.draft import Participant

_OBJ = {"she": "her", "he": "him", "they": "them"}
_POSS = {"she": "her", "he": "his", "they": "their"}
_POSS_PRON = {"she": "hers", "he": "his", "they": "theirs"}
_REFL = {"she": "herself", "he": "himself", "they": "themselves"}
_BE = {"she": "is", "he": "is", "they": "are"}
_WAS = {"she": "was", "he": "was", "they": "were"}
_HAVE = {"she": "has", "he": "has", "they": "have"}
_DO = {"she": "does", "he": "does", "they": "do"}

_CONTRACTIONS = [
    (r"\bcan't\b", "cannot"),
    (r"\bwon't\b", "will not"),
    (r"\bshan't\b", "shall not"),
    (r"\b(is|was|were|are|could|would|should|has|have|had|did|must|need)n't\b", r"\1 not"),
    (r"\b(it|that|there|what|he|she|who|where)'s (been|got|had|gone|done|seen|\w+ed)\b", r"\1 has \2"),
    (r"\b(he|she)'s\b", r"\1 is"),
    (r"\b(it|that|there|what|here|who|where)'s\b", r"\1 is"),
    (r"\b(they|we|you)'re\b", r"\1 are"),
    (r"\b(they|we|you|it|that|there)'ll\b", r"\1 will"),
    (r"\b(they|we|you)'ve\b", r"\1 have"),
]
_CONTRACTIONS_RE = [(re.compile(p, re.I), r) for p, r in _CONTRACTIONS]

# Common verbs said in the present by 'I': 'I take' -> 'she takes'.
_VERBS = frozenset(
    """take have do go get make need want like feel think know live use see try manage cook eat sleep walk
    struggle forget hold miss love hate wash help look keep come work drink smoke worry say mean find hear
    ring call watch sit stay wake wear read prefer hope wish remember understand believe enjoy play visit
    spend pay buy lose carry cope care bring put give leave tell ask start stop lie rely get sleep shower
    bath dress cry shout argue panic struggle avoid hear lock open check count sort pop fall trip wander
    wet drive shop clean hoover iron garden pray study learn listen talk speak write agree mind rush
    fail fear cough bleed hurt ache eat dislike wonder seem look sound move climb reach push pull wait""".split()  # noqa: SIM905 - a word list reads best as text
)
_AUX = frozenset(
    """do does did can could will would should shall may might must to don't didn't doesn't let make""".split()  # noqa: SIM905 - a word list reads best as text
)
_ADVERBS = frozenset(
    """just usually still always never really only also sometimes often mostly normally generally rarely
    actually probably definitely even already""".split()  # noqa: SIM905 - a word list reads best as text
)


_IRREGULAR_PAST = {
    "tell": "told", "take": "took", "go": "went", "have": "had", "see": "saw", "fall": "fell", "hurt": "hurt",
    "get": "got", "speak": "spoke", "ring": "rang", "come": "came", "eat": "ate", "sleep": "slept", "feel": "felt",
    "know": "knew", "say": "said", "find": "found", "give": "gave", "leave": "left", "make": "made", "do": "did",
    "hear": "heard", "think": "thought", "keep": "kept", "lose": "lost", "pay": "paid", "buy": "bought",
}  # fmt: skip


def _past(verb: str) -> str:
    v = verb.lower()
    if v in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[v]
    if v.endswith("e"):
        return v + "d"
    if re.search(r"[^aeiou]y$", v):
        return v[:-1] + "ied"
    return v + "ed" if v.isalpha() else verb


def expand_contractions(text: str) -> str:
    """'can't' -> 'cannot', 'it's' -> 'it is' ('I'm', 'I've' are handled with the person shift)."""
    for pattern, repl in _CONTRACTIONS_RE:
        text = pattern.sub(repl, text)
    return text


def _third_singular(verb: str) -> str:
    v = verb.lower()
    if v == "have":
        return "has"
    if v in {"do", "go"}:
        return v + "es"
    if re.search(r"(?:s|sh|ch|x|z)$", v):
        return v + "es"
    if re.search(r"[^aeiou]y$", v):
        return v[:-1] + "ies"
    return v + "s"


def _agree(text: str, pronoun: str, marker: str) -> str:
    """After '<marker>' (a shifted 'I'), put a present-tense verb in the third person singular."""
    if pronoun == "they":
        return text.replace(marker, pronoun)

    def fix(m: re.Match[str]) -> str:
        before, adverbs, verb = m.group(1) or "", m.group(2) or "", m.group(3)
        if verb.lower() in _VERBS and before.strip().lower() not in _AUX:
            verb = _third_singular(verb)
        return f"{before}{pronoun} {adverbs}{verb}"

    text = re.sub(rf"(\b\w+ )?{marker} ((?:(?:{'|'.join(_ADVERBS)}) )*)([a-z]+)\b", fix, text)
    return text.replace(marker, pronoun)


def shift_first_person(text: str, pronoun: str, subject: str | None = None) -> str:
    """The speaker's 'I', 'me', 'my' (and 'we') in the third person ('subject' names the first 'I')."""
    p = pronoun
    swaps = [
        (r"\bI'm not\b", f"\x01 {_BE[p]} not"),
        (r"\bI'm\b", f"\x01 {_BE[p]}"),
        (r"\bI am\b", f"\x01 {_BE[p]}"),
        (r"\bI was\b", f"\x01 {_WAS[p]}"),
        (r"\bI wasn't\b", f"\x01 {_WAS[p]} not"),
        (r"\bI've\b", f"\x01 {_HAVE[p]}"),
        (r"\bI have\b", f"\x01 {_HAVE[p]}"),
        (r"\bI'd\b", "\x01 would"),
        (r"\bI'll\b", "\x01 will"),
        (r"\bI don't\b", f"\x01 {_DO[p]} not"),
        (r"\bI do\b", f"\x01 {_DO[p]}"),
        (r"\bI haven't\b", f"\x01 {_HAVE[p]} not"),
        (r"\bI\b", "\x01"),
        (r"\bme\b", _OBJ[p]),
        (r"\bmy\b", _POSS[p]),
        (r"\bmine\b", _POSS_PRON[p]),
        (r"\bmyself\b", _REFL[p]),
        (r"\bwe're\b", "they are"),
        (r"\bwe've\b", "they have"),
        (r"\bwe'll\b", "they will"),
        (r"\bwe'd\b", "they would"),
        (r"\bwe\b", "they"),
        (r"\bus\b", "them"),
        (r"\bour\b", "their"),
        (r"\bourselves\b", "themselves"),
    ]
    out = text
    for pattern, repl in swaps:
        out = re.sub(pattern, repl, out, flags=0 if "I" in pattern else re.I)
    if subject:
        # Every sentence the speaker opens with 'I' names them: 'They will phone them' is anyone.
        out = re.sub(r"(?<=[.!?] )\x01", "\x03", out)
    out = _agree(out, p, "\x01").replace("\x03", subject or p)
    if subject and out.startswith(p + " "):
        out = subject + out[len(p) :]
    return out


def shift_second_person(text: str, addressee: Participant | None) -> str:
    """'you', 'your' (the person spoken to) in the third person: the addressee's pronoun or name."""
    if addressee is None:
        p, name = "they", None
    elif addressee.role == "practitioner":
        p, name = "they", "the practitioner"
    else:
        p, name = addressee.pronoun, None
    subj = name or (p if p == "they" else "\x02")
    obj = name or _OBJ[p]
    poss = f"{name}'s" if name else _POSS[p]
    be = "is" if name or p != "they" else "are"
    have = "has" if name or p != "they" else "have"
    swaps = [
        (r"\byou're\b", f"{subj} {be}"),
        (r"\byou are\b", f"{subj} {be}"),
        (r"\byou were\b", f"{subj} {'was' if be == 'is' else 'were'}"),
        (r"\byou've\b", f"{subj} {have}"),
        (r"\byou have\b", f"{subj} {have}"),
        (r"\byou'll\b", f"{subj} will"),
        (r"\byou'd\b", f"{subj} would"),
        (r"\byou (both|all|two)\b", r"them \1"),
        (r"\byourself\b", "themselves" if name else _REFL[p]),
        (r"\byour\b", poss),
        (r"\byours\b", f"{name}'s" if name else _POSS_PRON[p]),
        (
            r"\b(let|tell|ask|give|help|see|thank|call|ring|phone|send|meet|visit|for|to|with|at|about|from|refer|show"
            r"|remind|take|bring|support|understand|put|keep|get"
            # A verb's object, in any tense: 'it made you feel', 'did he hurt you', 'I want you to ring'.
            r"|makes?|made|hurts?|upset|upsets|scared?|scares|frighten(?:s|ed)?|wants?|wanted|needs?|needed"
            r"|expect(?:s|ed)?|paid|left|hit|push(?:es|ed)?|lov(?:e|es|ed)|tells|told|asks|asked|helps|helped|saw"
            r"|called|rang|gave|gives|sent|met|visited|showed|reminded|took|brought|supported|kept|got|lets|thanked"
            r"|look(?:s|ed)? after|car(?:e|es|ed) for)\s+you\b",
            rf"\1 {obj}",
        ),
        (
            r"(^|[,;:]\s*|\b(?:and|but|if|when|that|so|because|or|whether|after|before|since|until|while|as|where)\s+)you\b",
            rf"\1{subj}",
        ),
        (
            r"\b(do|does|did|are|were|have|had|can|could|will|would|should|how|what|when|where|why)\s+you\b",
            rf"\1 {subj}",
        ),
        (
            r"\byou(?=\s+(?:can|could|will|would|do|don't|did|didn't|need|feel|want|get|go|take|think|know|manage|live"
            r"|see|like|should|must|might|may|use|still|also|just|never|always|usually|had|were|was|said|told|went"
            r"|came|fell|got|did|felt|mentioned|used)\b)",
            subj,
        ),
        (r"\byou\b", obj),
    ]
    out = text
    for pattern, repl in swaps:
        out = re.sub(pattern, repl, out, flags=re.I)
    return _agree(out, p, "\x02") if "\x02" in out else out


def third_person(text: str, speaker: Participant, addressee: Participant | None) -> str:
    """What `speaker` said to `addressee`, in the third person; the facts as said."""
    out = shift_second_person(text, addressee)
    if speaker.role == "practitioner":
        out = shift_first_person(out, "they", subject="the practitioner")
    else:
        out = shift_first_person(out, speaker.pronoun)
    out = expand_contractions(out)
    out = re.sub(r"\bdoes not (\w+)s\b", r"does not \1", out)
    out = re.sub(r"\b(are|were|have|do) (she|he)\b", lambda m: f"{_SINGULAR[m.group(1)]} {m.group(2)}", out)
    out = re.sub(r"\b(she|he) (are|were|have|do)\b", lambda m: f"{m.group(1)} {_SINGULAR[m.group(2)]}", out)
    singular = _SINGULAR
    out = re.sub(r"\b(the practitioner) (are|have|were|do)\b", lambda m: f"{m.group(1)} {singular[m.group(2)]}", out)
    return _practitioner_agrees(out)


def _practitioner_agrees(text: str) -> str:
    """'the practitioner think' -> 'the practitioner thinks' (a shifted 'I' or 'you'), but not after an
    auxiliary ('can the practitioner help')."""

    def fix(m: re.Match[str]) -> str:
        before, adverbs, verb = m.group(1) or "", m.group(3) or "", m.group(4)
        if verb.lower() in _VERBS and before.strip().lower() not in _AUX:
            verb = _third_singular(verb)
        return f"{before}{m.group(2)} {adverbs}{verb}"

    adverbs = "|".join(_ADVERBS)
    return re.sub(rf"(\b\w+ )?(\b[Tt]he practitioner) ((?:(?:{adverbs}) )*)([a-z]+)\b", fix, text)


_QUESTION_LEAD = re.compile(
    r"^(?:and |so |but )?(do|does|did|are|is|was|were|have|has|had|can|could|will|would|should|shall)\s+"
    r"(she|he|they|it|there|the practitioner|anyone|anybody|someone)\b\s*(.*)$",
    re.I,
)
_WH_LEAD = re.compile(
    r"^(?:and |so |but )?(how|what|when|where|who|why|which)\b\s*(.*)$",
    re.I,
)
_DROP_AUX = {"do", "does", "did"}
_SINGULAR = {"are": "is", "have": "has", "were": "was", "do": "does"}
_QUESTION_PREFIX = re.compile(
    r"^(?:now,?\s*|so,?\s*|and\s+)?(?:can|could|may) i (?:just )?(?:ask|check)(?: you)?,?\s*(?:about\s+)?"
    r"|^(?:can|could) you tell me,?\s*|^tell me,?\s*",
    re.I,
)
_THAT_GO = re.compile(
    r"^(?:and |so )?(.{3,60}?),\s*(?:how|what) (?:does|is|about|do) (?:that|it|those|they)\b.*$", re.I
)


def strip_question_lead(question: str) -> str:
    """'Now, can I ask, what matters most?' -> 'what matters most?' (said before shifting the person)."""
    return _QUESTION_PREFIX.sub("", question.strip()) or question


_ABOUT = re.compile(r"^(?:and |so |but |now, )?(?:what about|how about|and) (.+)$", re.I)


def report_question(question: str) -> str:
    """'do they take their tablets?' (already in the third person) -> 'whether they take their tablets'."""
    q = question.strip().rstrip("?. ").strip()
    m = _ABOUT.match(q) or _THAT_GO.match(q)
    if m:
        return f"about {m.group(1)[:1].lower()}{m.group(1)[1:]}"
    m = _QUESTION_LEAD.match(q)
    if m:
        aux, subj, rest = m.group(1).lower(), m.group(2), m.group(3)
        if subj.lower() in {"she", "he"} and aux in _SINGULAR:
            aux = _SINGULAR[aux]
        if aux in _DROP_AUX and rest:
            first, _, tail = rest.partition(" ")
            if aux == "did":
                first = _past(first)
            elif subj.lower() in {"she", "he", "anyone", "anybody", "someone", "it"} and first.lower() in _VERBS:
                first = _third_singular(first)
            return f"whether {subj} {first} {tail}".strip()
        verb = "" if aux in _DROP_AUX else f" {aux}"
        return f"whether {subj}{verb} {rest}".strip()
    m = _WH_LEAD.match(q)
    if m:
        wh, rest = m.group(1).lower(), m.group(2)
        inv = re.match(
            r"^(?:(do|does|did)\s+)?(are|is|was|were|have|has|can|will|would)?\s*"
            r"(she|he|they|it|there|the practitioner)\b\s*(.*)$",
            rest,
            re.I,
        )
        if inv:
            _aux, verb, subj, tail = inv.groups()
            return f"{wh} {subj}{f' {verb.lower()}' if verb else ''} {tail}".strip()
        return f"{wh} {rest}".strip()
    words = q.split()
    if len(words) <= 4 and not re.match(r"^(?:is|are|was|were|do|does|did|have|has|can|could|will|would)\b", q, re.I):
        return f"about {q[:1].lower()}{q[1:]}"
    return f"\u201c{q}?\u201d"
