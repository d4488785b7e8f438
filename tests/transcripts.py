"""Small redacted transcripts built from (speaker, text) lines, one second per line, for verifier tests."""

from __future__ import annotations

from redaction.models import RedactedSegment, RedactedTranscript, RedactionProvenance

CLINIC = {"doctor": "Doctor", "patient": "Patient"}


def dialogue(
    lines: list[tuple[str, str]], speakers: dict[str, str] | None = None, ident: str = "t"
) -> RedactedTranscript:
    """A redacted transcript with segments seg-0001... in the order given."""
    segments = [
        RedactedSegment(id=f"seg-{i + 1:04d}", start=float(i), end=i + 0.9, speaker=sp, text=t)
        for i, (sp, t) in enumerate(lines)
    ]
    return RedactedTranscript(
        id=f"red_{ident}",
        transcript_id=f"tr_{ident}",
        speakers=dict(speakers if speakers is not None else CLINIC),
        segments=segments,
        provenance=RedactionProvenance(spacy_model="test", score_threshold=0.35),
    )


def timed(pieces: list[tuple[str | None, str, float, float]]) -> RedactedTranscript:
    """A redacted transcript from (speaker, text, start, end) pieces, as recognition and diarization give
    them: speakers may be None, times overlap or leave gaps."""
    segments = [
        RedactedSegment(id=f"seg-{i + 1:04d}", start=a, end=b, speaker=sp, text=t)
        for i, (sp, t, a, b) in enumerate(pieces)
    ]
    return RedactedTranscript(
        id="red_t",
        transcript_id="tr_t",
        speakers={},
        segments=segments,
        provenance=RedactionProvenance(spacy_model="test", score_threshold=0.35),
    )
