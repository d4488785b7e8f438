"""Where the CPU goes inside one decode: VAD, features, language detection, encoder, beam search, word alignment.

    python -m evaluation.asr_profile [--audio samples/visit_bench.ogg] [--model base] [--seconds 120] \\
        --config default --config nowords:word_timestamps=false ...

Configs as in `evaluation.asr_sweep` (fields of `TranscriptionOptions`). Each configuration decodes
the same samples through the pipeline's `transcribe()` (levelling and batched repair included), the
configurations alternating `--runs` times in one process, after one untimed warm-up decode.
faster-whisper's steps are wrapped to count CPU seconds of the process (`time.process_time`, all
threads) spent in each; "other" is the rest (levelling, sentence re-cutting, Python). CPU seconds
are what to compare on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from evaluation.asr_sweep import parse_config

DEFAULT_AUDIO = Path(__file__).resolve().parents[1] / "samples" / "visit_bench.ogg"
_spent: dict[str, float] = defaultdict(float)
_depth = [0]


@contextmanager
def _count(name: str) -> Iterator[None]:
    """Count CPU seconds under `name`, only at the outermost level (nested steps are not double counted)."""
    _depth[0] += 1
    start = time.process_time()
    try:
        yield
    finally:
        _depth[0] -= 1
        if _depth[0] == 0:
            _spent[name] += time.process_time() - start


def _wrap(owner: Any, attr: str, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, attr)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _count(name):
            return original(*args, **kwargs)

    setattr(owner, attr, wrapper)


class _CountedModel:
    """A proxy of the CTranslate2 Whisper model counting generate / align / detect_language / encode."""

    def __init__(self, model: Any) -> None:
        self._model = model

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self._model, attr)
        names = {"generate": "beam search", "align": "word alignment", "detect_language": "language detection"}
        names["encode"] = "encoder"
        if attr in names:

            def counted(*args: Any, **kwargs: Any) -> Any:
                with _count(names[attr]):
                    return value(*args, **kwargs)

            return counted
        return value


class _CountedFeatures:
    """A proxy of faster-whisper's feature extractor counting its calls."""

    def __init__(self, extractor: Any) -> None:
        self._extractor = extractor

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._extractor, attr)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        with _count("features"):
            return self._extractor(*args, **kwargs)


_installed: set[str] = set()


def install(whisper: Any) -> None:
    """Wrap faster-whisper's steps (this model's and the module's VAD) so their CPU seconds are counted."""
    import faster_whisper.transcribe as fwt
    import faster_whisper.vad as vad

    if "vad" not in _installed:
        _wrap(vad, "get_speech_timestamps", "VAD")
        _wrap(fwt, "get_speech_timestamps", "VAD")
        _installed.add("vad")
    if isinstance(whisper.model, _CountedModel):
        return
    whisper.model = _CountedModel(whisper.model)
    if not isinstance(whisper.feature_extractor, _CountedFeatures):
        whisper.feature_extractor = _CountedFeatures(whisper.feature_extractor)
    _wrap(whisper, "detect_language", "language detection")


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    from assistant.audio import DecodedAudio, load_audio
    from assistant.settings import get_settings
    from assistant.transcription import build_options, load_model
    from assistant.transcription.whisper import transcribe

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--audio", type=Path, default=DEFAULT_AUDIO)
    parser.add_argument("--model", default="base")
    parser.add_argument("--seconds", type=float, default=0.0, help="use only the first N seconds (0: all)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--config", action="append", required=True)
    args = parser.parse_args(argv)

    settings = get_settings()
    audio = load_audio(args.audio, settings)
    if args.seconds:
        n = int(args.seconds * audio.sample_rate)
        audio = DecodedAudio(samples=audio.samples[:n], sample_rate=audio.sample_rate, info=audio.info)
    configs = [parse_config(c) for c in args.config]
    print(f"{args.audio.name}: {audio.duration:.1f} s, model {args.model}, {os.cpu_count()} CPUs; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)  # fmt: skip
    # One untimed decode first: the process's first decode pays one-off costs (VAD model, allocations).
    warm_settings = settings.model_copy(update={"whisper_cpu_threads": configs[0][1].get("cpu_threads", 0)})
    resolved, whisper = load_model(warm_settings, args.model)
    install(whisper)
    n = min(len(audio.samples), 30 * audio.sample_rate)
    warm = DecodedAudio(samples=audio.samples[:n], sample_rate=audio.sample_rate, info=audio.info)
    transcribe(warm, warm_settings, model=args.model)
    results: dict[str, list[dict[str, float]]] = defaultdict(list)
    words: dict[str, int] = {}
    for run in range(args.runs):
        order = configs if run % 2 == 0 else configs[::-1]
        for name, changes in order:
            threads = changes.get("cpu_threads", settings.whisper_cpu_threads)
            run_settings = settings.model_copy(update={"whisper_cpu_threads": threads})
            resolved, whisper = load_model(run_settings, args.model)  # one model per thread count
            install(whisper)
            options = build_options(run_settings, resolved, whisper.model.is_multilingual).model_copy(update=changes)
            _spent.clear()
            cpu0, wall0 = time.process_time(), time.perf_counter()
            transcript = transcribe(audio, run_settings, model=args.model, options=options)
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            parts = dict(_spent)
            parts["other"] = cpu - sum(parts.values())
            parts["total cpu"], parts["wall"] = cpu, wall
            results[name].append(parts)
            words[name] = len(transcript.text.split())
            print(f"  run {run + 1} {name:<12} cpu {cpu:6.1f} s  wall {wall:6.1f} s  words {words[name]}", flush=True)
    steps = ["VAD", "features", "language detection", "encoder", "beam search", "word alignment", "other"]
    print(f"\nCPU seconds per step (median of {args.runs}), audio {audio.duration:.1f} s")
    print(f"  {'config':<12}" + "".join(f"{s[:11]:>12}" for s in [*steps, "total cpu", "wall"]) + "  cpu/audio")
    for name, _ in configs:
        runs = results[name]
        med = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in [*steps, "total cpu", "wall"]}
        cells = "".join(f"{med[k]:>12.1f}" for k in [*steps, "total cpu", "wall"])
        print(f"  {name:<12}{cells}  {med['total cpu'] / audio.duration:.3f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
