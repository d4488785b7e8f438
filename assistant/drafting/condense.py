"""A kept sentence cut to the words that carry its fact: hedges, intensifiers, restarts and lead-ins go.

`strip_fillers` (core/text.py) already drops um/er, 'you know' and repeated single words when the
utterance is split. This is the second, stricter pass for the note, where every word costs budget:
'Bruised my hip, if I'm honest, can you believe it' -> 'Bruised my hip'; 'There was, there was milk
that had gone off' -> 'There was milk that had gone off'; 'First, I'd like to refer you' -> 'I'd
like to refer you'. Only words that change no fact go: never a negation ('not really' stays), a
number, a name or who did it ('I think he is ready' keeps 'I think': it is an opinion, not a fact).
"""

from __future__ import annotations

import re

from core.lexicon import NEGATIONS, numbers_in
from core.text import sentences, words

# Said to soften or colour a sentence, not to state anything.
_ASIDES = re.compile(
    r",?\s*\b(?:if (?:I'm|I am) honest|to be honest|to be fair|can you believe it|touch wood|bless (?:her|him|them)"
    r"|as I say|as I said|as you know|you see|I suppose|I guess|in fairness|believe me|let me tell you"
    # a courtesy after an offer: 'I can make the referral with you today, if you like'
    r"|if you(?:'d)? like|if you want|if (?:that's|that is) (?:OK|okay|alright|all right)(?: with you)?)\b,?",
    re.I,
)
# The speaker's verdict on what they have just said, in a trailing relative clause: 'She's stopped ringing her
# sister, which isn't like her', 'She named you as safe people, which is good'. Its negation states no fact.
_VERDICT = re.compile(
    r",\s*which(?:'s| is| was)(?:,?\s*(?:that's|that is|it's|it is|that was|it was))?"  # 'which is, that's hard'
    r"(?: not|n't)?\s+(?:like (?:her|him|them|me|us)|(?:really |very )?(?:good|great|nice"
    r"|lovely|brilliant|hard|sad|a shame|a worry|worrying|a relief|a change|positive))\s*(?=[.!?](?:\s|$)|$)",
    re.I,
)
# Intensifiers and discourse adverbs; 'not really', 'only just' and 'just over' keep their meaning.
_ADVERBS = re.compile(
    r"(?<!\bnot )(?<!\bonly )(?<!n't )\b(?:just|really|actually|basically|literally|obviously)\b"
    r"(?! (?:over|under|about|after|before)\b),?\s*",
    re.I,
)
# A false start said again: 'there was, there was milk', 'she's, she's fine', 'which is, that is hard'.
_RESTART_PHRASE = re.compile(r"\b((?:[\w']+\s+){0,3}[\w']+),\s+\1\b", re.I)
_LEAD_IN = re.compile(
    r"^(?:(?:and|so|also|then|plus|anyway|first|firstly|second|secondly|third|thirdly|fourth|finally|lastly"
    r"|first of all|on top of that|the other thing is|the thing is)\b[\s,]+)+",
    re.I,
)


def _negations(text: str) -> int:
    """How many negations the text says (the project's one list, core.lexicon.NEGATIONS)."""
    return sum(w in NEGATIONS or w.endswith("n't") for w in words(text))


def condense(text: str) -> str:
    """The sentence without asides, intensifiers, restarts and lead-ins; its facts, negations and numbers kept."""
    # An enumerating lead-in ('First, ...') counts nothing: it goes before the numbers are compared.
    led = _LEAD_IN.sub("", text.strip(" ,")) or text
    led = _VERDICT.sub("", led)
    # A sentence that is all aside ('I suppose.') goes whole, not leaving its stop: 'I suppose. Yeah.' -> 'Yeah.'
    kept = [p for p in sentences(led) if _ASIDES.sub("", p).strip(" ,.?!")]
    led = " ".join(kept) if kept else led
    out = _ASIDES.sub("", led)
    out = _ADVERBS.sub("", out)
    out = _RESTART_PHRASE.sub(r"\1", out)
    out = _LEAD_IN.sub("", out.strip(" ,"))
    out = re.sub(r"\s+([,.?!;:])", r"\1", re.sub(r"\s{2,}", " ", out)).strip(" ,")
    out = re.sub(r"([,.?!;:])\s*,", r"\1", out)
    out = re.sub(r",\s*([.?!;:])", r"\1", out).lstrip(" .?!;:")  # 'Really? Yes.' -> 'Yes.', not '? Yes.'
    lost_negation = _negations(out) != _negations(led)
    if not out or lost_negation or numbers_in(words(out)) != numbers_in(words(led)):
        return text  # a rule that would lose a negation or a number (or everything) is not applied
    return out[:1].upper() + out[1:] if text[:1].isupper() else out
