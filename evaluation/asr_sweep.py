"""One-setting-at-a-time comparison of decoding options: WER and CPU seconds on the same audio.

    python -m evaluation.asr_sweep --corpus DIR [--only v01 v02 ...] [--variant clean] [--model base] \\
        --config default --config b8:batch_size=8 --config nolevel:level_audio=false [--out DIR]

Each `--config NAME:KEY=VALUE,...` changes fields of the `TranscriptionOptions` the settings give
(`batch_size`, `encoder_batch_size`, `beam_size`, `word_timestamps`, `hotwords` (`none` for off),
`language_detection_segments`, `level_audio`, `cpu_threads`); `default` changes nothing. All
configurations run in one process with the model loaded once, visit by visit, their order rotated
from visit to visit, so a machine that speeds up or slows down affects them alike. Speed is CPU
seconds of the process (all threads; `time.process_time`), which other work on the machine does
not inflate the way it inflates wall time. Prints per-visit WER and totals; `--out` keeps each
transcript and a JSON summary. Corpus numbers are synthetic (espeak-ng voices).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

from assistant.errors import BadInputError
from evaluation.corpus_truth import load_corpus

_INT = {"batch_size", "encoder_batch_size", "beam_size", "language_detection_segments", "cpu_threads"}
_BOOL = {"word_timestamps", "level_audio", "vad_filter"}


def parse_config(spec: str) -> tuple[str, dict[str, Any]]:
    """`NAME:key=value,...` -> (name, option changes); `none` stands for None."""
    name, _, rest = spec.partition(":")
    changes: dict[str, Any] = {}
    for item in filter(None, rest.split(",")):
        key, sep, raw = item.partition("=")
        if not sep:
            raise BadInputError(f"--config {spec!r}: write each change as key=value.")
        value: Any
        if raw.lower() == "none":
            value = None
        elif key in _INT:
            value = int(raw)
        elif key in _BOOL:
            value = raw.lower() in {"1", "true", "yes", "on"}
        elif key == "hotwords":
            value = raw
        else:
            raise BadInputError(f"--config {spec!r}: {key} is not an option this sweep can change.")
        changes[key] = value
    return name, changes


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    from assistant.audio import load_audio
    from assistant.settings import get_settings
    from assistant.transcription import build_options, load_model
    from assistant.transcription.whisper import transcribe
    from evaluation.eval_stages import score_transcript

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="corpus folder (ground_truth/ and audio/)")
    parser.add_argument("--only", nargs="*", default=None, help="visit ids or id prefixes (v01 ...)")
    parser.add_argument("--variant", default="clean", choices=["clean", "noisy"])
    parser.add_argument("--model", default="base")
    parser.add_argument("--config", action="append", required=True, help="NAME:key=value,... (see above)")
    parser.add_argument("--out", type=Path, default=None, help="folder for transcripts and summary.json")
    args = parser.parse_args(argv)

    configs = [parse_config(c) for c in args.config]
    visits = load_corpus(args.corpus)
    if args.only:
        visits = [v for v in visits if any(v.id == o or v.id.startswith(o + "_") for o in args.only)]
    if not visits:
        raise BadInputError("No visit matches --only.")
    base_settings = get_settings()
    totals: dict[str, dict[str, float]] = {n: {"ref": 0, "err": 0, "cpu": 0.0, "wall": 0.0} for n, _ in configs}
    rows: list[dict[str, Any]] = []
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    for i, truth in enumerate(visits):
        audio = load_audio(args.corpus / truth.audio[args.variant], base_settings)
        k = i % len(configs)
        for name, changes in configs[k:] + configs[:k]:
            threads = changes.get("cpu_threads", base_settings.whisper_cpu_threads)
            settings = base_settings.model_copy(update={"whisper_cpu_threads": threads})
            resolved, whisper = load_model(settings, args.model)
            options = build_options(settings, resolved, whisper.model.is_multilingual)
            options = options.model_copy(update=changes)
            cpu0, wall0 = time.process_time(), time.perf_counter()
            transcript = transcribe(audio, settings, model=args.model, options=options)
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            scores = score_transcript(truth, transcript)
            errors = scores["substitutions"] + scores["deletions"] + scores["insertions"]
            t = totals[name]
            t["ref"] += scores["reference_words"]
            t["err"] += errors
            t["cpu"] += cpu
            t["wall"] += wall
            row = {"visit": truth.id, "config": name, "wer": scores["wer"], "errors": errors,
                   "reference_words": scores["reference_words"], "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
                   "audio_s": transcript.duration, "words": len(transcript.text.split())}  # fmt: skip
            rows.append(row)
            print(f"{truth.id[:3]} {name:<14} WER {scores['wer']:.2%}  cpu {cpu:7.1f} s  wall {wall:6.1f} s  "
                  f"words {row['words']}", flush=True)  # fmt: skip
            if args.out:
                (args.out / name).mkdir(parents=True, exist_ok=True)
                transcript.save(args.out / name / f"{truth.id}.json")
    audio_s = sum(r["audio_s"] for r in rows) / max(len(configs), 1)
    print(f"\n{len(visits)} visits, {args.variant}, {audio_s:.0f} s of audio (synthetic corpus)")
    for name, _ in configs:
        t = totals[name]
        print(f"  {name:<14} WER {t['err'] / max(t['ref'], 1):.2%} ({t['err']:.0f}/{t['ref']:.0f})  "
              f"cpu {t['cpu']:.1f} s (cpu/audio {t['cpu'] / audio_s:.3f})  wall {t['wall']:.1f} s")  # fmt: skip
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        summary = {"configs": dict(configs), "rows": rows, "totals": totals, "variant": args.variant}
        (args.out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
