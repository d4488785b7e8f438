"""Identifiers supplied at upload, found wherever they occur: partial, possessive, misspelt by ASR."""

from __future__ import annotations

from datetime import date, datetime

import regex
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from rapidfuzz.distance import Levenshtein

from redaction.known import KnownIdentifiers

KNOWN_KEY = "known_key"
_WORD = regex.compile(r"[A-Za-z][A-Za-z\-]*(?:'[A-Za-z]+)?")
# Lower-case words that are also first names or surnames: matched only when capitalised.
_COMMON_WORDS = frozenset(
    [
        "hope",
        "rose",
        "may",
        "will",
        "bill",
        "mark",
        "grace",
        "joy",
        "faith",
        "april",
        "june",
        "dawn",
        "rich",
        "sandy",
        "ray",
        "frank",
        "jack",
        "pat",
        "sue",
        "amber",
        "holly",
        "ivy",
        "summer",
        "heather",
        "iris",
        "daisy",
        "lily",
        "poppy",
        "ruby",
        "pearl",
        "violet",
        "penny",
        "victor",
        "miles",
        "chase",
        "hunter",
        "baker",
        "smith",
        "cook",
        "mason",
        "carter",
        "shepherd",
        "young",
        "king",
        "brown",
        "green",
        "white",
        "black",
        "wood",
        "hill",
        "moore",
        "long",
        "little",
        "park",
        "bell",
        "reed",
        "rose",
        "ward",
        "hall",
        "price",
        "gray",
        "grey",
        "lane",
        "best",
        "jolly",
    ]
)
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%B %d %Y")
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]  # fmt: skip


def parse_date(value: str) -> date | None:
    """Parse a date of birth in the common UK formats; None if it is not one."""
    cleaned = regex.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.strip().replace(",", ""))
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    return None


def flexible_pattern(value: str) -> str:
    """A regex for `value`'s letters and digits with any separators between them."""
    chars = [regex.escape(c) for c in value if c.isalnum()]
    return r"(?<![A-Za-z0-9])" + r"[\s\-.,/()]{0,3}".join(chars) + r"(?![A-Za-z0-9])"


def date_patterns(d: date) -> list[str]:
    """Numeric and written forms of a date as the normaliser leaves them."""
    day = rf"0?{d.day}(?:st|nd|rd|th)?"
    month_name = _MONTHS[d.month - 1]
    month = rf"(?:{month_name}|{month_name[:3]})\.?"
    year = rf"(?:{d.year}|'?{d.year % 100:02d})"
    return [
        rf"(?<!\d)0?{d.day}[/.\-]0?{d.month}[/.\-]{year}(?!\d)",
        rf"\b{day}(?:\s+of)?\s+{month},?\s+{year}\b",
        rf"\b{month}\s+(?:the\s+)?{day},?\s+{year}\b",
        rf"\b{day}(?:\s+of)?\s+{month}\b",
        rf"\b{month}\s+(?:the\s+)?{day}\b",
    ]


class KnownIdentifierRecognizer(EntityRecognizer):
    """Built per request from `KnownIdentifiers`; each result carries the identity it belongs to."""

    NAME_SCORE = 1.0
    FUZZY_SCORE = 0.8

    def __init__(self, known: KnownIdentifiers, max_edits: int = 2) -> None:
        self.known = known
        self.max_edits = max_edits
        self._names: list[tuple[str, str]] = []  # (key, token)
        if known.person_name:
            self._names += [("person", t) for t in _name_tokens(known.person_name)]
        for i, name in enumerate(known.other_names):
            self._names += [(f"other_{i}", t) for t in _name_tokens(name)]
        self._patterns: list[tuple[str, str, regex.Pattern[str], float]] = []
        self._build_patterns()
        super().__init__(
            supported_entities=["PERSON", "STREET_ADDRESS", "UK_POSTCODE", "DATE_OF_BIRTH", "UK_NHS",
                                "UK_NINO", "PHONE_NUMBER", "EMAIL_ADDRESS", "OTHER"],
            name="KnownIdentifierRecognizer",
        )  # fmt: skip

    def load(self) -> None:
        """Nothing to load."""

    def _add(self, key: str, entity: str, pattern: str, score: float = 1.0) -> None:
        self._patterns.append((key, entity, regex.compile(pattern, regex.IGNORECASE), score))

    def _build_patterns(self) -> None:
        k = self.known
        for field, entity, values in (
            ("nhs", "UK_NHS", [k.nhs_number]),
            ("nino", "UK_NINO", [k.ni_number]),
            ("postcode", "UK_POSTCODE", [k.postcode]),
            ("phone", "PHONE_NUMBER", k.phone_numbers),
            ("email", "EMAIL_ADDRESS", k.emails),
            ("other", "OTHER", k.other),
        ):
            for i, v in enumerate(values):
                if v and any(c.isalnum() for c in v):
                    self._add(f"{field}_{i}", entity, flexible_pattern(v))
        if k.address:
            for part in (p.strip() for p in k.address.split(",")):
                if not part:
                    continue
                entity = (
                    "UK_POSTCODE"
                    if regex.fullmatch(r"[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}", part)
                    else "STREET_ADDRESS"
                )
                words = [regex.escape(w) for w in part.split()]
                self._add(f"address:{part.lower()}", entity, r"\b" + r"[\s,]+".join(words) + r"\b")
                street = regex.sub(r"^(?:flat\s+\d+\w?\s+)?\d+\w?\s+", "", part, flags=regex.I)
                if street != part and len(street) > 3:
                    self._add(f"address:{street.lower()}", entity, r"\b" + regex.escape(street) + r"\b", 0.9)
        if k.date_of_birth:
            d = parse_date(k.date_of_birth)
            pats = date_patterns(d) if d else [flexible_pattern(k.date_of_birth)]
            for p in pats:
                self._add("dob", "DATE_OF_BIRTH", p)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Find every known identifier in (normalised) text."""
        results: list[RecognizerResult] = []
        for key, entity, pattern, score in self._patterns:
            for m in pattern.finditer(text):
                results.append(self._result(entity, m.start(), m.end(), score, key))
        if self._names:
            results.extend(self._find_names(text))
        return results

    def _find_names(self, text: str) -> list[RecognizerResult]:
        out = []
        for m in _WORD.finditer(text):
            word = m.group()
            core = regex.sub(r"'s?$", "", word)
            low = core.lower()
            capitalised = core[:1].isupper()
            for key, tok in self._names:
                if low == tok:
                    if capitalised or low not in _COMMON_WORDS:
                        out.append(self._result("PERSON", m.start(), m.start() + len(core), 1.0, key))
                    break
                if capitalised and len(tok) >= 5 and len(low) >= 4:
                    limit = 1 if len(tok) < 8 else self.max_edits
                    if Levenshtein.distance(low, tok, score_cutoff=limit) <= limit:
                        out.append(
                            self._result("PERSON", m.start(), m.start() + len(core), self.FUZZY_SCORE, key)
                        )
                        break
        return out

    def _result(self, entity: str, start: int, end: int, score: float, key: str) -> RecognizerResult:
        return RecognizerResult(
            entity_type=entity,
            start=start,
            end=end,
            score=score,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,  # type: ignore[has-type]
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                KNOWN_KEY: key,
            },
        )


def _name_tokens(name: str) -> list[str]:
    """Lower-cased name parts long enough to be identifying on their own (titles dropped)."""
    titles = {"mr", "mrs", "ms", "miss", "mx", "dr", "nurse"}
    parts = [p.strip(".,").lower() for p in regex.split(r"[\s]+", name)]
    return [p for p in parts if len(p) >= 2 and p not in titles]
