"""A house number and a street type a few words apart: an address even when the name is misheard.

Speech recognition keeps the reliable parts of an address and garbles the name between them:
"twelve Rowan Close" comes out as "12 row and close", "42 Acacia Avenue" as "42 a casia avenue".
The name can be any words, function words included, so the recognizer does not look at it; it
rules out the sentences that share the shape ("2 tablets on the way", "3 falls and came close to",
"a 2 way street") by what surrounds the number and the street word.
"""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, RecognizerResult

from redaction.recognizers.context_pattern_recognizer import ContextPatternRecognizer
from redaction.recognizers.street_address_recognizer import STREET_TYPES


def _words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


_SHAPE = regex.compile(
    rf"(?P<num>\d{{1,4}}[A-Za-z]?)\s+(?P<words>(?:[A-Za-z][A-Za-z'\-]*\s+){{1,3}})(?P<type>(?i:{STREET_TYPES}))"
    r"(?![A-Za-z])"
)
# The number is a quantity, not a house number, after these ('a 2 way street', 'only 3 left').
_QUANTITY_BEFORE = _words(
    "a an the every per each only about around over under than those these some all another first last for"
)
# Words between the number and the street word that make it a sentence, not a street name.
_NOT_IN_NAME = _words(
    "in at on by to for with from into onto of off over under near up down out or if but so because when "
    "i we you he she they it me us him her them my our your his their its not no yes times time days day "
    "weeks week months month years year hours hour minutes minute mins seconds o'clock oclock am pm "
    "pounds pound quid pence percent tablets tablet pills pill doses dose people kids children miles mile "
    "metres meters feet foot yards stone kilos bus buses"
)
# A street word followed by these is a verb or a plain noun: '7 and close the door', '2 care homes close by'.
_NOT_AFTER = _words(
    "the a an this that these those my your his her our their its it him them me us you up down to of by "
    "out over off in on"
)
NO_CONTEXT_SCORE = 0.5
CONTEXT_SCORE = 0.85


class MisheardStreetRecognizer(ContextPatternRecognizer):
    """'12 row and close', '42 a casia avenue': number, one to three words, a street type."""

    ENTITY = "STREET_ADDRESS"
    PATTERNS: ClassVar[list[Pattern]] = [Pattern("number then street type", _SHAPE.pattern, NO_CONTEXT_SCORE)]
    CONTEXT: ClassVar[list[str]] = [
        "live", "lives", "lived", "living", "address", "moved", "move", "flat", "house", "home", "staying",
        "stays", "round at", "number",
    ]  # fmt: skip
    CONTEXT_SCORE = CONTEXT_SCORE
    CONTEXT_WINDOW = 40

    def adjust_score(self, text: str, result: RecognizerResult) -> float:
        """0 where the surroundings make it a sentence; the context score near an address cue."""
        m = _SHAPE.match(text, result.start)
        if m is None or m.end() != result.end:
            return 0.0
        if regex.search(r"[\w£$€.,:/]$", text[: result.start]):  # part of a bigger number or a price
            return 0.0
        before = regex.findall(r"[A-Za-z']+", text[max(0, result.start - 20) : result.start])
        if before and before[-1].lower() in _QUANTITY_BEFORE:
            return 0.0
        words = m.group("words").lower().split()
        if any(w in _NOT_IN_NAME for w in words):
            return 0.0
        after = regex.match(r"\s*([A-Za-z']+)", text[result.end :])
        if after is not None and after.group(1).lower() in _NOT_AFTER:
            return 0.0
        if self.has_context(text, result.start, result.end):
            return self.CONTEXT_SCORE
        # A plural first word ('2 dogs and a yard') needs an address cue nearby.
        if words[0].endswith("s") and not words[0].endswith(("ss", "'s")):
            return 0.0
        return result.score
