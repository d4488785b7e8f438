"""Align a speaker timeline to word timestamps and split segments where the speaker changes.

A timeline is a score per speaker per 50 ms step; each word goes to the speaker with the most
score over its span, very short flips inside a segment are smoothed away, and a segment is cut
into pieces at each remaining change. Segment ids are renumbered (seg-0001...) afterwards.
"""

from __future__ import annotations

import numpy as np

from core.transcript import Segment, Transcript, Word, segment_id

STEP_S = 0.05
# A run of words shorter than this between two runs of the same speaker is treated as noise.
MIN_RUN_S = 0.35


def empty_timeline(duration: float, n_speakers: int) -> np.ndarray:
    """A zero score track (n_speakers, n_steps) covering `duration` seconds."""
    return np.zeros((n_speakers, int(np.ceil(duration / STEP_S)) + 1), dtype=np.float32)


def timeline_from_windows(
    starts: np.ndarray, ends: np.ndarray, labels: np.ndarray, n_speakers: int, duration: float
) -> np.ndarray:
    """Each window votes for its speaker over its span, most strongly at its centre."""
    track = empty_timeline(duration, n_speakers)
    for a, b, lab in zip(starts, ends, labels, strict=True):
        i0, i1 = int(a / STEP_S), min(int(np.ceil(b / STEP_S)), track.shape[1])
        if i1 <= i0:
            continue
        x = np.linspace(-1.0, 1.0, i1 - i0)
        track[int(lab), i0:i1] += 1.0 - 0.9 * np.abs(x)
    return track


def _speaker_at(track: np.ndarray, start: float, end: float) -> int | None:
    n = track.shape[1]
    i0 = min(max(int(start / STEP_S), 0), n - 1)
    i1 = min(max(int(np.ceil(end / STEP_S)), i0 + 1), n)
    scores = track[:, i0:i1].sum(axis=1)
    if scores.max() > 0:
        return int(np.argmax(scores))
    # No vote here (e.g. a word outside any window): use the nearest step that has one.
    voiced = np.flatnonzero(track.sum(axis=0) > 0)
    if voiced.size == 0:
        return None
    return int(np.argmax(track[:, voiced[np.argmin(np.abs(voiced - (i0 + i1) // 2))]]))


def _smooth(words: list[Word], labels: list[int | None]) -> list[int | None]:
    """Flip short runs sandwiched between runs of one other speaker."""
    runs: list[list[int]] = []
    for i, lab in enumerate(labels):
        if runs and labels[runs[-1][0]] == lab:
            runs[-1].append(i)
        else:
            runs.append([i])
    out = list(labels)
    for j in range(1, len(runs) - 1):
        before, run, after = runs[j - 1], runs[j], runs[j + 1]
        span = words[run[-1]].end - words[run[0]].start
        if labels[before[0]] == labels[after[0]] and span < MIN_RUN_S:
            for i in run:
                out[i] = labels[before[0]]
    return out


def _piece(seg: Segment, words: list[Word], speaker: str | None) -> Segment:
    text = "".join(w.word for w in words).strip()
    kept = [c for c in seg.corrections if c.corrected in text]
    return seg.model_copy(
        update={
            "start": words[0].start,
            "end": words[-1].end,
            "text": text,
            "speaker": speaker,
            "words": words,
            "corrections": kept,
        }
    )


def apply_timeline(transcript: Transcript, track: np.ndarray, names: list[str]) -> Transcript:
    """Label every word and segment from `track` (rows named by `names`), splitting at changes."""
    segments: list[Segment] = []
    for seg in transcript.segments:
        if not seg.words:
            lab = _speaker_at(track, seg.start, seg.end)
            segments.append(seg.model_copy(update={"speaker": None if lab is None else names[lab]}))
            continue
        labels = _smooth(seg.words, [_speaker_at(track, w.start, w.end) for w in seg.words])
        words = [
            w.model_copy(update={"speaker": None if lab is None else names[lab]})
            for w, lab in zip(seg.words, labels, strict=True)
        ]
        if all(w.speaker == words[0].speaker for w in words):
            segments.append(seg.model_copy(update={"speaker": words[0].speaker, "words": words}))
            continue
        start = 0
        for i in range(1, len(words) + 1):
            if i == len(words) or words[i].speaker != words[start].speaker:
                piece = _piece(seg, words[start:i], words[start].speaker)
                if start > 0:
                    piece.translation = None  # a translation cannot be split; it stays on the first piece
                segments.append(piece)
                start = i
    for i, seg in enumerate(segments):
        seg.id = segment_id(i)
    return transcript.model_copy(update={"segments": segments})


def speaking_time(transcript: Transcript) -> dict[str, float]:
    """Seconds of words attributed to each speaker label."""
    totals: dict[str, float] = {}
    for seg in transcript.segments:
        for w in seg.words or []:
            if w.speaker:
                totals[w.speaker] = totals.get(w.speaker, 0.0) + (w.end - w.start)
        if not seg.words and seg.speaker:
            totals[seg.speaker] = totals.get(seg.speaker, 0.0) + (seg.end - seg.start)
    return totals
