"""Redaction throughput: `python -m evaluation.redaction_bench` prints load time and words/second.

Builds a long visit transcript from the committed UK set (spoken style, ~1,500 words a visit),
times the first redaction including spaCy loading, then the steady-state rate. `--text-kb 800`
instead times one long plain text (a pasted case history) and reports its peak memory.
"""

from __future__ import annotations

import argparse
import resource
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


def build_text(kilobytes: int) -> str:
    """A plain text of about `kilobytes` KB: the UK set's sentences (every style), repeated."""
    sentences = [s.strip() + "." for ex in load_uk_set("all") for s in ex.text.split(". ") if s.strip()]
    out: list[str] = []
    size, i = 0, 0
    while size < kilobytes * 1000:
        out.append(sentences[i % len(sentences)])
        size += len(out[-1]) + 1
        i += 1
    return " ".join(out)


def long_text(kilobytes: int) -> None:
    """Redact one long text; print time, words/s and the process's peak resident memory."""
    from redaction.redactor import get_redactor

    redactor = get_redactor(get_settings())
    redactor.redact_text("Warm up: Jane Example, 1 High Street, Leeds.")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = build_text(kilobytes)
    n_words = len(text.split())
    started, cpu_started = time.perf_counter(), time.process_time()
    result = redactor.redact_text(text)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"text: {len(text) / 1000:,.0f} KB, {n_words:,} words; {len(result.entities):,} spans redacted")
    print(f"redaction: {seconds:.1f} s wall = {n_words / seconds:,.0f} words/s; "
          f"{cpu:.1f} s CPU = {n_words / cpu:,.0f} words per CPU second")  # fmt: skip
    print(f"peak resident memory: {peak:,.0f} MB ({before:,.0f} MB after loading the models)")


def main() -> None:
    """Print cold (with spaCy load) and warm redaction timings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=1500, help="Words per transcript (10-minute visit: ~1,500).")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--text-kb", type=int, default=None, help="Time one plain text of this many KB instead.")
    args = parser.parse_args()
    if args.text_kb:
        long_text(args.text_kb)
        return
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
