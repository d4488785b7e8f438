"""Recordings annotated with who spoke when: RTTM reference turns and UEM scored regions.

The layout of pyannote.audio's AMI test excerpts (`../shared/data/audio/ami-debug/`): a folder with
`<id>.wav` recordings, one `*.rttm` file of speaker turns (`SPEAKER <id> 1 <start> <duration> <NA>
<NA> <speaker> <NA> <NA>`) and optionally one `*.uem` file of the regions that were annotated
(`<id> NA <start> <end>`). A council can score its own recordings by laying them out the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.errors import BadInputError

Turn = tuple[str, float, float]  # speaker, start, end (seconds)
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".mp3", ".m4a")


@dataclass(frozen=True)
class AnnotatedRecording:
    """One recording, its reference turns, and the region (start, end) the turns cover."""

    id: str
    audio: Path
    turns: tuple[Turn, ...]
    scored: tuple[float, float]

    @property
    def speakers(self) -> set[str]:
        return {s for s, _, _ in self.turns}


def _lines(path: Path) -> list[list[str]]:
    return [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_rttm(path: Path) -> dict[str, list[Turn]]:
    """Speaker turns per recording id from an RTTM file (only SPEAKER lines)."""
    turns: dict[str, list[Turn]] = {}
    for n, parts in enumerate(_lines(path), start=1):
        if parts[0] != "SPEAKER":
            continue
        try:
            start, duration, speaker = float(parts[3]), float(parts[4]), parts[7]
        except (IndexError, ValueError) as e:
            raise BadInputError(
                f"{path}:{n}: not an RTTM speaker line ({' '.join(parts)}). Expected "
                "'SPEAKER <file> 1 <start> <duration> <NA> <NA> <speaker> <NA> <NA>'."
            ) from e
        turns.setdefault(parts[1], []).append((speaker, start, start + duration))
    return turns


def read_uem(path: Path) -> dict[str, tuple[float, float]]:
    """The annotated region per recording id from a UEM file."""
    regions: dict[str, tuple[float, float]] = {}
    for n, parts in enumerate(_lines(path), start=1):
        try:
            regions[parts[0]] = (float(parts[2]), float(parts[3]))
        except (IndexError, ValueError) as e:
            raise BadInputError(
                f"{path}:{n}: not a UEM line ({' '.join(parts)}). Expected '<file> <channel> <start> <end>'."
            ) from e
    return regions


def _one(folder: Path, pattern: str) -> Path | None:
    found = sorted(folder.glob(pattern))
    if len(found) > 1:
        raise BadInputError(f"{folder}: more than one {pattern} file ({', '.join(p.name for p in found)}); keep one.")
    return found[0] if found else None


def load_rttm_folder(folder: Path) -> list[AnnotatedRecording]:
    """Every recording in `folder` that has reference turns, clipped to its annotated region."""
    if not folder.is_dir():
        raise BadInputError(f"{folder}: no such folder. Give the folder holding the recordings and their .rttm file.")
    rttm = _one(folder, "*.rttm")
    if rttm is None:
        raise BadInputError(f"{folder}: no .rttm file of reference speaker turns. Add one (see docs/speech.md).")
    uem_path = _one(folder, "*.uem")
    regions = read_uem(uem_path) if uem_path else {}
    recordings: list[AnnotatedRecording] = []
    for rec_id, turns in sorted(read_rttm(rttm).items()):
        audio = next((folder / f"{rec_id}{s}" for s in AUDIO_SUFFIXES if (folder / f"{rec_id}{s}").is_file()), None)
        if audio is None:
            raise BadInputError(f"{folder}: {rttm.name} names '{rec_id}' but there is no {rec_id}.wav beside it.")
        start, end = regions.get(rec_id, (0.0, max(b for _, _, b in turns)))
        clipped = tuple((s, max(a, start), min(b, end)) for s, a, b in turns if b > start and a < end)
        recordings.append(AnnotatedRecording(rec_id, audio, clipped, (start, end)))
    if not recordings:
        raise BadInputError(f"{rttm}: no SPEAKER lines. Check it is an RTTM file of reference turns.")
    return recordings
