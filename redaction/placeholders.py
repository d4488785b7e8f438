"""Consistent placeholders: the same person or value gets the same [LABEL_n] throughout a document."""

from __future__ import annotations

import regex

from redaction.recognizers.known_identifier_recognizer import parse_date
from redaction.registry import PLACEHOLDER_LABELS
from redaction.spans import Span, name_tokens

_STRUCTURED = {"PHONE_NUMBER", "UK_NHS", "UK_NINO", "UK_POSTCODE", "UK_SORT_CODE", "UK_BANK_ACCOUNT",
               "UK_VEHICLE_REGISTRATION", "CASE_REFERENCE", "CREDIT_CARD", "IBAN_CODE"}  # fmt: skip


def canonical(span: Span, surface: str) -> str:
    """A key under which spoken, typed and re-spaced forms of one value coincide."""
    value = span.norm or surface
    if span.entity_type in _STRUCTURED:
        digits = regex.sub(r"[^A-Za-z0-9]", "", value).upper()
        if span.entity_type == "PHONE_NUMBER" and digits.startswith("44"):
            digits = "0" + digits[2:]
        return digits
    if span.entity_type == "EMAIL_ADDRESS":
        v = regex.sub(r"\s+dot\s+", ".", value.lower())
        v = regex.sub(r"\s+at\s+", "@", v)
        return regex.sub(r"\s+", "", v)
    if span.entity_type == "DATE_OF_BIRTH":
        d = parse_date(regex.sub(r"\bof\b", "", value))
        return d.isoformat() if d else value.lower()
    return " ".join(regex.findall(r"[a-z0-9]+", value.lower()))


class PlaceholderAllocator:
    """Assigns placeholders to spans; numbering follows first appearance in the document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._person_clusters: list[tuple[str, set[str]]] = []

    def _person_key(self, span: Span) -> str:
        tokens = {t.lower() for t in name_tokens(self.text[span.start : span.end])}
        if span.known_key:
            key = f"known:{span.known_key}"
            for k, toks in self._person_clusters:
                if k == key:
                    toks.update(tokens)
                    return key
            self._person_clusters.append((key, set(tokens)))
            return key
        if not tokens:
            tokens = {self.text[span.start : span.end].lower()}
        for k, toks in self._person_clusters:
            if tokens <= toks:
                return k
        for k, toks in self._person_clusters:
            if toks <= tokens and not k.startswith("known:"):
                toks.update(tokens)
                return k
        key = f"name:{len(self._person_clusters)}"
        self._person_clusters.append((key, set(tokens)))
        return key

    def assign(self, spans: list[Span], seed_names: dict[str, list[str]] | None = None) -> dict[int, str]:
        """Return {index in spans: placeholder}; `seed_names` pre-registers known people by key."""
        for key, names in (seed_names or {}).items():
            toks = {t.lower() for n in names for t in name_tokens(n)}
            self._person_clusters.append((f"known:{key}", toks))
        keys: dict[int, tuple[str, str]] = {}
        # Known and full names first, so a lone surname joins the right person.
        order = sorted(
            range(len(spans)),
            key=lambda i: (spans[i].known_key is None, -(spans[i].end - spans[i].start)),
        )
        for i in order:
            s = spans[i]
            label = PLACEHOLDER_LABELS.get(s.entity_type, "IDENTIFIER")
            surface = self.text[s.start : s.end]
            key = self._person_key(s) if s.entity_type == "PERSON" else canonical(s, surface)
            keys[i] = (label, key)
        numbers: dict[tuple[str, str], str] = {}
        counters: dict[str, int] = {}
        out: dict[int, str] = {}
        for i in sorted(keys, key=lambda i: spans[i].start):
            lk = keys[i]
            if lk not in numbers:
                counters[lk[0]] = counters.get(lk[0], 0) + 1
                numbers[lk] = f"[{lk[0]}_{counters[lk[0]]}]"
            out[i] = numbers[lk]
        return out
