"""Redaction of text and whole transcripts: detect on a normalised copy, placeholders per document.

`get_redactor(settings)` is cached per process; spaCy loads on the first redaction, not before.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, replace

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult

from core.transcript import Transcript, stable_id
from redaction.chunks import WINDOW_CHARS, windows
from redaction.known import KnownIdentifiers
from redaction.lean_spacy_nlp_engine import LeanSpacyNlpEngine
from redaction.medication_guard import drop_medications
from redaction.models import (
    RedactedEntity,
    RedactedSegment,
    RedactedTranscript,
    RedactionProvenance,
    RedactionResult,
)
from redaction.ner_guard import clip_ner_at_identifiers, drop_unlikely_ner
from redaction.normalise import NormalisedText, normalise
from redaction.placeholders import PlaceholderAllocator
from redaction.recognizers.known_identifier_recognizer import KNOWN_KEY, KnownIdentifierRecognizer
from redaction.registry import PLACEHOLDER_LABELS, build_recognizers
from redaction.settings import RedactionSettings
from redaction.spans import Span, drop_allowed, merge, name_tokens, recurring_names, strip_titles

__all__ = ["KnownIdentifiers", "RedactionOutcome", "Redactor", "get_redactor"]

SEGMENT_JOINER = "\n"


@dataclass
class RedactionOutcome:
    """A redacted transcript and the placeholder -> real value map destined for the vault."""

    redacted: RedactedTranscript
    vault_entries: dict[str, str]


class Redactor:
    """Presidio analysis with UK recognizers, spoken-form normalisation and consistent placeholders."""

    name = "presidio-uk"

    def __init__(self, settings: RedactionSettings, window_chars: int = WINDOW_CHARS) -> None:
        self.settings = settings
        self.window_chars = window_chars
        self._analyzer: AnalyzerEngine | None = None
        self._lock = threading.Lock()
        self.recognizers = build_recognizers(settings)

    @property
    def analyzer(self) -> AnalyzerEngine:
        """The Presidio analyzer, built (and spaCy loaded) on first use."""
        if self._analyzer is None:
            with self._lock:
                if self._analyzer is None:
                    engine = LeanSpacyNlpEngine(self.settings.spacy_model)
                    engine.load()
                    registry = RecognizerRegistry(recognizers=self.recognizers, supported_languages=["en"])
                    self._analyzer = AnalyzerEngine(
                        registry=registry, nlp_engine=engine, supported_languages=["en"]
                    )
        return self._analyzer

    def provenance(self) -> RedactionProvenance:
        """What produced a redaction: model, recognizers, threshold, code version."""
        return RedactionProvenance(
            spacy_model=self.settings.spacy_model,
            recognizers=[r.name for r in self.recognizers]  # type: ignore[has-type]
            + ["KnownIdentifierRecognizer", "NameRecurrence"],
            score_threshold=self.settings.redaction_score_threshold,
        )

    # --- detection ---------------------------------------------------------------------------

    def detect(self, text: str, known: KnownIdentifiers | None = None) -> list[Span]:
        """All spans to redact in `text`, merged, in original-text offsets.

        Long texts are analysed window by window (`redaction.chunks`); names recur, and spans
        merge, over the whole text.
        """
        if not text.strip():
            return []
        known = self._effective_known(known)
        spans: list[Span] = []
        # Never more than spaCy accepts (its max_length), whatever the window setting.
        nlp_limit = self.analyzer.nlp_engine.nlp["en"].max_length  # type: ignore[attr-defined]
        for start, end in windows(text, min(self.window_chars, nlp_limit // 2)):
            spans += [
                replace(s, start=s.start + start, end=s.end + start)
                for s in self._detect_window(text[start:end], known)
            ]
        spans += recurring_names(spans, text)
        spans = self._drop_practitioners(spans, text, known)
        return merge(spans, text)

    def _detect_window(self, text: str, known: KnownIdentifiers | None) -> list[Span]:
        """Every recognizer on one window of text, with the span rules that need only local context."""
        if not text.strip():
            return []
        norm = normalise(text)
        results = self.analyzer.analyze(
            norm.text, language="en", score_threshold=self.settings.redaction_score_threshold
        )
        if known is not None:
            results += KnownIdentifierRecognizer(known).analyze(norm.text, [])
        spans = [self._to_span(r, norm) for r in results]
        spans = [s for s in spans if s.entity_type in PLACEHOLDER_LABELS and s.end > s.start]
        spans = clip_ner_at_identifiers(spans, text)
        spans = strip_titles(drop_unlikely_ner(drop_allowed(spans, text), text), text)
        spans = drop_medications(spans, text)
        return self._drop_practitioners(spans, text, known)

    def _effective_known(self, known: KnownIdentifiers | None) -> KnownIdentifiers | None:
        if known is not None and self.settings.redact_practitioner_names and known.practitioner_names:
            return known.model_copy(update={"other_names": known.other_names + known.practitioner_names})
        return known

    def _drop_practitioners(self, spans: list[Span], text: str, known: KnownIdentifiers | None) -> list[Span]:
        if known is None or self.settings.redact_practitioner_names or not known.practitioner_names:
            return spans
        keep = {t.lower() for n in known.practitioner_names for t in name_tokens(n)}
        return [
            s
            for s in spans
            if s.entity_type != "PERSON"
            or s.known_key
            or not {t.lower() for t in name_tokens(text[s.start : s.end])} <= keep
        ]

    @staticmethod
    def _to_span(r: RecognizerResult, norm: NormalisedText) -> Span:
        start, end = norm.to_original(r.start, r.end)
        meta = r.recognition_metadata or {}
        return Span(
            start=start,
            end=end,
            entity_type=r.entity_type,
            score=round(float(r.score), 4),
            recognizer=str(meta.get(RecognizerResult.RECOGNIZER_NAME_KEY, "unknown")),
            norm=norm.text[r.start : r.end],
            known_key=meta.get(KNOWN_KEY) if r.entity_type == "PERSON" else None,
        )

    # --- redaction ---------------------------------------------------------------------------

    def redact(
        self, text: str, known: KnownIdentifiers | None = None
    ) -> tuple[RedactionResult, dict[str, str]]:
        """Redact one document; also return placeholder -> real value for the vault."""
        spans = self.detect(text, known)
        placeholders = self._allocate(spans, text, known)
        entities = [
            RedactedEntity(
                entity_type=s.entity_type,
                start=s.start,
                end=s.end,
                score=s.score,
                placeholder=placeholders[i],
                recognizer=s.recognizer,
            )
            for i, s in enumerate(spans)
        ]
        return RedactionResult(text=_replace(text, entities), entities=entities), _vault(
            spans, placeholders, text
        )

    def redact_text(self, text: str, known: KnownIdentifiers | None = None) -> RedactionResult:
        """Redact a piece of text with placeholders consistent within it."""
        return self.redact(text, known)[0]

    def redact_transcript(
        self, transcript: Transcript, known: KnownIdentifiers | None = None
    ) -> RedactionOutcome:
        """Redact a transcript as one document; segments keep their ids, times and speakers."""
        offsets, pos = [], 0
        for seg in transcript.segments:
            offsets.append(pos)
            pos += len(seg.text) + len(SEGMENT_JOINER)
        joined = SEGMENT_JOINER.join(seg.text for seg in transcript.segments)
        result, vault = self.redact(joined, known)
        segments = []
        for seg, off in zip(transcript.segments, offsets, strict=True):
            local = [
                e.model_copy(
                    update={"start": max(e.start, off) - off, "end": min(e.end, off + len(seg.text)) - off}
                )
                for e in result.entities
                if e.start < off + len(seg.text) and e.end > off
            ]
            local = [e for e in local if seg.text[e.start : e.end].strip()]
            segments.append(
                RedactedSegment(
                    id=seg.id, start=seg.start, end=seg.end, speaker=seg.speaker,
                    text=_replace(seg.text, local), entities=local,
                )
            )  # fmt: skip
        counts = Counter(e.entity_type for e in result.entities)
        redacted = RedactedTranscript(
            id=stable_id("red", transcript.id, self.provenance().model_dump()),
            transcript_id=transcript.id,
            language=transcript.language,
            speakers=dict(transcript.speakers),
            segments=segments,
            entity_counts=dict(sorted(counts.items())),
            placeholders=sorted(vault),
            provenance=self.provenance(),
        )
        return RedactionOutcome(redacted=redacted, vault_entries=vault)

    def _allocate(self, spans: list[Span], text: str, known: KnownIdentifiers | None) -> list[str]:
        seeds: dict[str, list[str]] = {}
        if known is not None and known.person_name:
            seeds["person"] = [known.person_name]
        if known is not None:
            for i, name in enumerate(self._effective_known(known).other_names):  # type: ignore[union-attr]
                seeds[f"other_{i}"] = [name]
        assigned = PlaceholderAllocator(text).assign(spans, seeds)
        return [assigned[i] for i in range(len(spans))]


def _replace(text: str, entities: list[RedactedEntity]) -> str:
    out, pos = [], 0
    for e in sorted(entities, key=lambda e: e.start):
        if e.start < pos:
            continue
        out.append(text[pos : e.start])
        out.append(e.placeholder)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _vault(spans: list[Span], placeholders: list[str], text: str) -> dict[str, str]:
    """Placeholder -> the fullest surface form seen for it."""
    vault: dict[str, str] = {}
    for s, p in zip(spans, placeholders, strict=True):
        value = " ".join(text[s.start : s.end].split())
        if len(value) > len(vault.get(p, "")):
            vault[p] = value
    return vault


_CACHE: dict[tuple[object, ...], Redactor] = {}
_CACHE_LOCK = threading.Lock()


def get_redactor(settings: RedactionSettings) -> Redactor:
    """The process-wide redactor for these settings (spaCy loads lazily on first use)."""
    key = (
        settings.spacy_model,
        settings.redaction_score_threshold,
        settings.redact_practitioner_names,
        settings.redact_organisations,
        settings.case_reference_pattern,
    )
    with _CACHE_LOCK:
        if key not in _CACHE:
            _CACHE[key] = Redactor(settings)
        return _CACHE[key]
