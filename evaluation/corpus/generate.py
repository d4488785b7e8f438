"""Rebuild the evaluation corpus: ground truth from every script, and clean and noisy audio.

    python -m evaluation.corpus.generate [--only v01_care_act_assessment] [--no-audio] [--out DIR]

Audio is synthesised with espeak-ng (each speaker's own voice and speed), written as 16 kHz
mono Opus; the noisy variant adds room noise at 15 dB SNR and a 300-3400 Hz phone band (sox).
Deterministic: the same scripts give the same ground truth and audio.
"""

from __future__ import annotations

import argparse
import tempfile
import wave
from pathlib import Path

import numpy as np

from evaluation import synth
from evaluation.corpus_truth import VisitTruth, truth_from_script

CORPUS_DIR = Path(__file__).parent
OPUS_BITRATE = 16_000


def _read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return data.astype(np.float32) / 32768.0


def build_audio(truth: VisitTruth, out: Path, noise_snr_db: float = 15.0) -> VisitTruth:
    """Synthesise the clean and noisy recordings; returns the truth with line timings filled in."""
    lines = [
        synth.Line(
            speaker=truth.speakers[line.speaker].role,
            text=line.text,
            voice=truth.speakers[line.speaker].voice,
            speed=truth.speakers[line.speaker].speed,
        )
        for line in truth.lines
    ]
    result = synth.synthesise(lines)
    synth.encode(out / truth.audio["clean"], result.samples, result.sample_rate, OPUS_BITRATE)
    with tempfile.TemporaryDirectory() as tmp:
        clean_wav, noisy_wav = Path(tmp) / "clean.wav", Path(tmp) / "noisy.wav"
        synth.write_wav(clean_wav, result.samples, result.sample_rate)
        synth.add_noise(clean_wav, noisy_wav, snr_db=noise_snr_db, phone_band=True)
        synth.encode(out / truth.audio["noisy"], _read_wav(noisy_wav), result.sample_rate, OPUS_BITRATE)
    timed = truth.model_copy(deep=True)
    for line, t in zip(timed.lines, result.lines, strict=True):
        line.start, line.end = t.start, t.end
    timed.duration = round(result.duration, 3)
    return timed


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scripts", type=Path, default=CORPUS_DIR / "scripts")
    parser.add_argument("--out", type=Path, default=CORPUS_DIR, help="corpus folder to write into")
    parser.add_argument("--only", nargs="*", default=None, help="visit ids to rebuild")
    parser.add_argument("--no-audio", action="store_true", help="ground truth only (keeps existing timings)")
    args = parser.parse_args(argv)
    (args.out / "ground_truth").mkdir(parents=True, exist_ok=True)
    for script in sorted(args.scripts.glob("*.yaml")):
        truth = truth_from_script(script)
        if args.only and truth.id not in args.only:
            continue
        target = args.out / "ground_truth" / f"{truth.id}.json"
        if args.no_audio:
            if target.is_file():
                old = VisitTruth.load(target)
                if len(old.lines) == len(truth.lines):
                    for line, prev in zip(truth.lines, old.lines, strict=True):
                        line.start, line.end = prev.start, prev.end
                    truth.duration = old.duration
        else:
            truth = build_audio(truth, args.out)
        target.write_text(truth.model_dump_json(indent=2) + "\n", encoding="utf-8")
        print(f"{truth.id}: {len(truth.lines)} lines, {len(truth.transcript.split())} words, "
              f"{len(truth.spans)} labelled spans, {truth.duration or 0:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main()
