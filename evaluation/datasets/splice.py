"""Real-voice recordings for the speaker count, spliced from the solo speech of annotated recordings.

    python -m evaluation.datasets.splice --rttm ../shared/data/audio/ami-debug --out DIR
    offset eval speech --no-fixtures --rttm DIR [--transcripts CACHE]

The synthetic tuning recordings (espeak-ng voices) are an easy case for telling voices apart and a poor
model of real ones: resemblyzer puts two espeak voices closer together than two halves of one real reader
(docs/speech.md, "Speakers"). The only real multi-speaker recordings are the ten AMI excerpts, half of them
held out, and in the tuned five nothing is left that more windows or another count rule could find (the
count is already what labels taken from the reference give, ninth pass). So pieces where one person talks
alone in the tuned excerpts (trn00-trn04, never the held-out trn05-trn09) are joined into new recordings
with a known answer: one real voice (must stay one speaker), one voice with a second one's short
interjections (the held-out failures' pattern), two voices taking turns, three voices. The result is an
RTTM folder (`<id>.wav`, `splices.rttm`, `splices.uem`) that `offset eval speech --rttm` scores like the
AMI excerpts, as tuning material (ids start with `SPLICE_PREFIX`).

Joins are abrupt (no pause between pieces, and pieces from different moments of a meeting): easier than
real turn-taking in one way (no overlap) and harder in another (no pause to break a run of windows).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from evaluation.datasets.rttm import AnnotatedRecording, Turn, load_rttm_folder

Piece = tuple[str, float, float]  # recording id, start, end (s)
SPLICE_PREFIX = "splice_"
SAMPLE_RATE = 16_000
# Another speaker's turn may touch a piece by this much (the AMI turns' ends are rounded to 10 ms).
TOUCH_S = 0.05

# Pieces of the tuned AMI excerpts in which one person talks alone (checked against the RTTM when built).
AMI_TUNED_SPLICES: dict[str, list[Piece]] = {
    "splice_one_voice_meo069": [("trn03", 1.2, 30.0)],
    "splice_one_voice_mee075": [("trn04", 16.82, 21.16), ("trn04", 21.77, 23.95), ("trn04", 25.2, 25.94)],
    "splice_dominant_three_interject": [
        ("trn03", 1.2, 8.0),
        ("trn00", 11.1, 12.6),
        ("trn03", 8.0, 14.0),
        ("trn02", 20.7, 21.4),
        ("trn03", 14.0, 20.0),
        ("trn03", 0.0, 1.1),
        ("trn03", 20.0, 25.0),
        ("trn00", 23.32, 25.0),
        ("trn03", 25.0, 30.0),
    ],
    "splice_dominant_one_interject": [
        ("trn03", 1.2, 15.0),
        ("trn00", 11.1, 15.6),
        ("trn03", 15.0, 30.0),
        ("trn00", 21.4, 22.9),
    ],
    "splice_two_voices_turns": [
        ("trn00", 11.1, 15.6),
        ("trn03", 1.2, 6.0),
        ("trn00", 21.4, 22.9),
        ("trn00", 23.32, 25.0),
        ("trn03", 6.0, 12.0),
        ("trn00", 28.0, 30.0),
        ("trn03", 12.0, 16.0),
    ],
    "splice_three_voices_meeting": [
        ("trn04", 16.82, 21.16),
        ("trn04", 27.84, 30.0),
        ("trn04", 21.77, 23.95),
        ("trn04", 15.78, 16.74),
        ("trn04", 25.2, 25.94),
        ("trn04", 14.03, 14.35),
    ],
}


def solo_speaker(turns: list[Turn] | tuple[Turn, ...], start: float, end: float) -> str | None:
    """The one speaker talking in [start, end), or None when nobody or more than one person does."""
    talking = {s for s, a, b in turns if min(b, end) - max(a, start) > TOUCH_S}
    return talking.pop() if len(talking) == 1 else None


def splice(
    recordings: dict[str, AnnotatedRecording], samples: dict[str, np.ndarray], pieces: list[Piece]
) -> tuple[np.ndarray, list[Turn]]:
    """Join `pieces` (each of one recording, one speaker alone) into one signal and its reference turns."""
    out: list[np.ndarray] = []
    turns: list[Turn] = []
    at = 0.0
    for rec_id, start, end in pieces:
        rec = recordings[rec_id]
        speaker = solo_speaker(rec.turns, start, end)
        if speaker is None:
            raise ValueError(f"{rec_id} {start}-{end}: not one speaker alone")
        x = samples[rec_id][round(start * SAMPLE_RATE) : round(end * SAMPLE_RATE)]
        for s, a, b in rec.turns:  # the speaker's own turns inside the piece, pauses kept
            if s == speaker and b > start and a < end:
                turns.append((s, round(at + max(a, start) - start, 3), round(at + min(b, end) - start, 3)))
        out.append(x)
        at += len(x) / SAMPLE_RATE
    return np.concatenate(out).astype(np.float32), turns


def build(folder: Path, out: Path, plans: dict[str, list[Piece]] | None = None) -> list[str]:
    """Write the spliced recordings of `plans` (default `AMI_TUNED_SPLICES`) from `folder` into `out`."""
    from assistant.audio import load_audio
    from evaluation.synth import write_wav

    plans = AMI_TUNED_SPLICES if plans is None else plans
    recordings = {r.id: r for r in load_rttm_folder(folder)}
    needed = {rec_id for pieces in plans.values() for rec_id, _, _ in pieces}
    samples = {rec_id: load_audio(recordings[rec_id].audio).samples for rec_id in sorted(needed)}
    out.mkdir(parents=True, exist_ok=True)
    rttm, uem = [], []
    for name, pieces in plans.items():
        signal, turns = splice(recordings, samples, pieces)
        write_wav(out / f"{name}.wav", signal, SAMPLE_RATE)
        rttm += [f"SPEAKER {name} 1 {a:.3f} {b - a:.3f} <NA> <NA> {s} <NA> <NA>" for s, a, b in turns]
        uem.append(f"{name} NA 0.000 {len(signal) / SAMPLE_RATE:.3f}")
    (out / "splices.rttm").write_text("\n".join(rttm) + "\n", encoding="utf-8")
    (out / "splices.uem").write_text("\n".join(uem) + "\n", encoding="utf-8")
    return list(plans)


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rttm", type=Path, required=True, help="the AMI excerpts folder (trn00-trn04 are used)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the spliced recordings into")
    args = parser.parse_args(argv)
    for name in build(args.rttm, args.out):
        print(name)


if __name__ == "__main__":
    main()
