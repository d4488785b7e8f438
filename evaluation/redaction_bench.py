"""Redaction throughput: `python -m evaluation.redaction_bench` prints load time and words/second.

Builds a long visit transcript from the committed UK set (spoken style, ~1,500 words a visit),
times the first redaction including spaCy loading, then the steady-state rate.
"""

from __future__ import annotations

import argparse
import time

from assistant.settings import get_settings
from core.transcript import AudioInfo, ModelInfo, Segment, Transcript, TranscriptionOptions, segment_id
from evaluation.redaction_eval import load_uk_set


def build_transcript(words: int) -> Transcript:
    """A transcript of about `words` words, one sentence per segment."""
    sentences: list[str] = []
    for ex in load_uk_set("all"):
        if ex.style == "spoken":
            sentences += [s.strip() + "." for s in ex.text.split(". ") if s.strip()]
    segs: list[str] = []
    total = 0
    while total < words:
        s = sentences[len(segs) % len(sentences)]
        segs.append(s)
        total += len(s.split())
    return Transcript(
        id="bench",
        audio=AudioInfo(path="bench.wav", sha256="0" * 64, format="wav", duration=600.0, size_bytes=0),
        model=ModelInfo(name="none", path="-", source="bench"),
        options=TranscriptionOptions(model="none"),
        duration=600.0,
        segments=[
            Segment(id=segment_id(i), start=i * 4.0, end=i * 4.0 + 3.5, text=" " + t) for i, t in enumerate(segs)
        ],
    )


def main() -> None:
    """Print cold (with spaCy load) and warm redaction timings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=1500, help="Words per transcript (10-minute visit: ~1,500).")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    transcript = build_transcript(args.words)
    n_words = len(transcript.text.split())

    started = time.perf_counter()
    from redaction.redactor import get_redactor

    redactor = get_redactor(get_settings())
    redactor.redact_transcript(transcript)
    cold = time.perf_counter() - started

    started = time.perf_counter()
    for _ in range(args.repeats):
        redactor.redact_transcript(transcript)
    warm = (time.perf_counter() - started) / args.repeats
    print(f"transcript: {n_words} words in {len(transcript.segments)} segments")
    print(f"first redaction incl. spaCy load: {cold:.2f} s")
    print(f"warm redaction: {warm * 1000:.0f} ms per transcript = {n_words / warm:,.0f} words/s")


if __name__ == "__main__":
    main()
