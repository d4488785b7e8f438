"""Pipeline benchmark: per-stage wall time, real-time factor and peak memory on a fixed recording.

    python -m evaluation.bench [--audio samples/visit_bench.ogg] [--model base] [--runs 2]

It first times bare faster-whisper on the same audio with the same options (the floor any pipeline
built on it must pay), then runs the whole Offset pipeline `--runs` times in this process: run 1 is
cold (redaction and drafting models load), later runs are warm, as in a long-lived job worker.
Targets (2 cores, base model): pipeline RTF <= 0.10; everything but ASR <= 10% of ASR time.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

from assistant.audio import load_audio
from assistant.pipeline import process
from assistant.settings import get_settings
from assistant.stages import StageTimer, StageTiming
from assistant.transcription import build_options, load_model
from assistant.transcription.whisper import decode_kwargs

DEFAULT_AUDIO = Path(__file__).resolve().parents[1] / "samples" / "visit_bench.ogg"


def bare_whisper(audio_path: Path, model: str) -> tuple[float, float, float, StageTiming]:
    """Time faster-whisper alone: model load, then decode-to-text with the pipeline's options."""
    settings = get_settings()
    timer = StageTimer()
    with timer.stage("whisper load"):
        resolved, whisper = load_model(settings, model)
    audio = load_audio(audio_path, settings)
    opts = build_options(settings, resolved, whisper.model.is_multilingual)
    timer.audio_seconds = audio.duration
    with timer.stage("bare faster-whisper"):
        segments, _info = whisper.transcribe(audio.samples, **decode_kwargs(opts))
        n_words = sum(len(s.words or []) for s in segments)
    load, bare = timer.timings
    return load.seconds, bare.seconds, audio.duration, bare.model_copy(update={"stage": f"bare ({n_words} words)"})


def _row(t: StageTiming, audio_seconds: float) -> str:
    rtf = t.seconds / audio_seconds if audio_seconds else 0.0
    return f"  {t.stage:<24}{t.seconds:>9.2f} s{rtf:>10.4f}{t.peak_rss_mb:>12.0f} MB"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audio", type=Path, default=DEFAULT_AUDIO, help="Recording to process (5-10 min).")
    parser.add_argument("--model", default="base", help="Whisper model: tiny.en, base or a directory.")
    parser.add_argument("--template", default="general_visit", help="Form template to draft.")
    parser.add_argument("--runs", type=int, default=2, help="Pipeline runs (first is cold, the rest warm).")
    args = parser.parse_args(argv)

    print(f"Offset benchmark: {args.audio.name}, model {args.model}, {os.cpu_count()} CPUs, {platform.machine()}")
    load_s, bare_s, audio_s, bare = bare_whisper(args.audio, args.model)
    print(f"audio {audio_s:.1f} s; whisper model load {load_s:.2f} s (not counted below)\n")
    print(f"  {'stage':<24}{'wall':>11}{'RTF':>10}{'peak RSS':>15}")
    print(_row(bare, audio_s))
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            result = process(args.audio, args.template, Path(tmp), model=args.model)
            wall = time.perf_counter() - start
        label = "cold" if run == 1 else "warm"
        print(f"\n pipeline run {run} ({label}):")
        for t in result.timings:
            print(_row(t, audio_s))
        asr = sum(t.seconds for t in result.timings if t.stage == "asr")
        overhead = wall - asr
        print(f"  {'total':<24}{wall:>9.2f} s{wall / audio_s:>10.4f}")
        print(f"  pipeline RTF {wall / audio_s:.4f} (target <= 0.10)")
        print(f"  overhead (all but ASR) {overhead:.2f} s = {100 * overhead / asr:.1f}% of ASR (target <= 10%)")
        print(f"  pipeline / bare faster-whisper = {wall / bare_s:.3f}")


if __name__ == "__main__":
    main()
