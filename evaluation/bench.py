"""Pipeline benchmark: per-stage wall time, real-time factor and peak memory on a fixed recording.

    python -m evaluation.bench [--audio samples/visit_bench.ogg] [--model base] [--runs 2] [--bare-runs 1]

In one process it first times bare faster-whisper on the same audio with the pipeline's options,
both ways: the sequential `transcribe()` and the batched pipeline (`BatchedInferencePipeline`),
alternating when `--bare-runs` > 1 so a machine that speeds up or slows down affects both alike.
Then it runs the whole Offset pipeline, speakers on as by default, `--runs` times: run 1 is cold
(redaction, drafting and speaker models load), later runs are warm, as in a long-lived job worker.
Targets (2 cores, base model): pipeline RTF <= 0.05 with speakers on; peak memory <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from assistant.audio import load_audio
from assistant.pipeline import process
from assistant.settings import get_settings
from assistant.stages import StageTimer, StageTiming
from assistant.transcription import build_options, load_model
from assistant.transcription.whisper import run_whisper

DEFAULT_AUDIO = Path(__file__).resolve().parents[1] / "samples" / "visit_bench.ogg"
RTF_TARGET = 0.05
MEMORY_TARGET_MB = 1536


def bare_whisper(audio_path: Path, model: str, runs: int = 1) -> tuple[float, float, dict[str, list[StageTiming]]]:
    """Time faster-whisper alone, sequential and batched, on the same samples with the pipeline's options.

    Returns (model load seconds, audio seconds, {"sequential": [...], "batched": [...]}).
    """
    settings = get_settings()
    timer = StageTimer()
    with timer.stage("whisper load"):
        resolved, whisper = load_model(settings, model)
    audio = load_audio(audio_path, settings)
    batched = build_options(settings, resolved, whisper.model.is_multilingual)
    if batched.batch_size is None:
        batched = batched.model_copy(update={"batch_size": 8})
    # Bare means faster-whisper exactly as it is: the whole batch through the encoder at once.
    batched = batched.model_copy(update={"encoder_batch_size": None})
    sequential = batched.model_copy(update={"batch_size": None})
    timer.audio_seconds = audio.duration
    out: dict[str, list[StageTiming]] = {"sequential": [], "batched": []}
    for i in range(runs):
        order = [("sequential", sequential), ("batched", batched)]
        for name, opts in order if i % 2 == 0 else order[::-1]:
            label = name if name == "sequential" else f"batched (batch {opts.batch_size})"
            with timer.stage(label):
                segments, _info, _ = run_whisper(whisper, audio.samples, opts, repair=False)
                n_words = sum(len(s.words or []) for s in segments)
            t = timer.timings[-1]
            out[name].append(t.model_copy(update={"stage": f"bare {label}, {n_words} words"}))
    return timer.timings[0].seconds, audio.duration, out


def _row(t: StageTiming, audio_seconds: float) -> str:
    rtf = t.seconds / audio_seconds if audio_seconds else 0.0
    cpu = f"{t.cpu_seconds:>9.2f} s" if t.cpu_seconds is not None else f"{'-':>11}"
    return f"  {t.stage:<36}{t.seconds:>9.2f} s{rtf:>10.4f}{cpu}{t.peak_rss_mb:>12.0f} MB"


def _median(timings: list[StageTiming]) -> float:
    return statistics.median(t.seconds for t in timings)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audio", type=Path, default=DEFAULT_AUDIO, help="Recording to process (5-10 min).")
    parser.add_argument("--model", default="base", help="Whisper model: tiny.en, base or a directory.")
    parser.add_argument("--template", default="general_visit", help="Form template to draft.")
    parser.add_argument("--runs", type=int, default=2, help="Pipeline runs (first is cold, the rest warm).")
    parser.add_argument("--bare-runs", type=int, default=1, help="Runs of each bare faster-whisper decode.")
    parser.add_argument("--no-speakers", action="store_true", help="Pipeline without speaker labels.")
    args = parser.parse_args(argv)

    print(f"Offset benchmark: {args.audio.name}, model {args.model}, {os.cpu_count()} CPUs, {platform.machine()}")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    load_s, audio_s, bare = bare_whisper(args.audio, args.model, args.bare_runs)
    print(f"audio {audio_s:.1f} s; whisper model load {load_s:.2f} s (not counted below)\n")
    print(f"  {'stage':<36}{'wall':>11}{'RTF':>10}{'CPU':>11}{'peak RSS':>15}")
    for t in bare["sequential"] + bare["batched"]:
        print(_row(t, audio_s))
    seq_s, batch_s = _median(bare["sequential"]), _median(bare["batched"])
    pairs = [s.seconds / b.seconds for s, b in zip(bare["sequential"], bare["batched"], strict=True)]
    print(f"  bare sequential / bare batched = {seq_s / batch_s:.2f} (median of pairs {statistics.median(pairs):.2f})")
    peak = max(t.peak_rss_mb for ts in bare.values() for t in ts)
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            result = process(args.audio, args.template, Path(tmp), model=args.model, diarize=not args.no_speakers)
            wall = time.perf_counter() - start
        label = "cold" if run == 1 else "warm"
        speakers = len(result.transcript.speakers) or "off"
        print(f"\n pipeline run {run} ({label}, speakers: {speakers}):")
        for t in result.timings:
            print(_row(t, audio_s))
        peak = max(peak, *(t.peak_rss_mb for t in result.timings))
        asr = sum(t.seconds for t in result.timings if t.stage == "asr")
        overhead = wall - asr
        cpu = sum(t.cpu_seconds or 0.0 for t in result.timings)
        asr_cpu = sum(t.cpu_seconds or 0.0 for t in result.timings if t.stage == "asr")
        print(f"  {'total':<36}{wall:>9.2f} s{wall / audio_s:>10.4f}{cpu:>9.2f} s")
        print(f"  pipeline RTF {wall / audio_s:.4f} (target <= {RTF_TARGET})")
        print(f"  everything but ASR {overhead:.2f} s = {100 * overhead / asr:.1f}% of ASR "
              f"(CPU {cpu - asr_cpu:.2f} s = {100 * (cpu - asr_cpu) / max(asr_cpu, 1e-9):.1f}% of ASR's)")  # fmt: skip
        n = os.cpu_count() or 1
        print(f"  CPU seconds per audio second {cpu / audio_s:.4f} (on {n} idle cores the RTF is at least this / {n})")
        print(f"  pipeline / bare sequential = {wall / seq_s:.3f}; pipeline / bare batched = {wall / batch_s:.3f}")
    print(f"\npeak resident memory {peak:.0f} MB (target <= {MEMORY_TARGET_MB} MB)")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
