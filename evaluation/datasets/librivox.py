"""LibriVox read-speech clips laid out as in pocketsphinx-testdata: `fileids` + `transcription`.

`fileids` lists one clip id per line (a path relative to the folder, without `.wav`);
`transcription` has one line per clip: `<s> words ... </s> (clip-id)`. A council's own
recordings with checked transcripts can be laid out the same way and scored with the same code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import BadInputError

_LINE = re.compile(r"^\s*(?:<s>)?\s*(?P<text>.*?)\s*(?:</s>)?\s*\((?P<id>[^()]+)\)\s*$")
AUDIO_SUFFIXES = (".wav", ".flac", ".ogg", ".opus", ".mp3")


@dataclass(frozen=True)
class Clip:
    id: str
    audio: Path
    transcript: str


def load_librivox(folder: Path) -> list[Clip]:
    """The clips listed in `fileids`, each with its audio path and reference transcript."""
    fileids, transcription = folder / "fileids", folder / "transcription"
    for required in (fileids, transcription):
        if not required.is_file():
            raise BadInputError(
                f"{required}: missing. A LibriVox-style folder needs `fileids` and `transcription` files."
            )
    texts: dict[str, str] = {}
    for number, line in enumerate(transcription.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        m = _LINE.match(line)
        if not m:
            raise BadInputError(f"{transcription}:{number}: expected `<s> words </s> (clip-id)`.")
        texts[m.group("id").strip()] = m.group("text")
    clips = []
    for clip_id in (line.strip() for line in fileids.read_text(encoding="utf-8").splitlines()):
        if not clip_id:
            continue
        name = Path(clip_id).name
        if name not in texts and clip_id not in texts:
            raise BadInputError(f"{transcription}: no transcript for `{clip_id}` listed in {fileids}.")
        audio = next((folder / f"{clip_id}{s}" for s in AUDIO_SUFFIXES if (folder / f"{clip_id}{s}").is_file()), None)
        if audio is None:
            raise BadInputError(f"{folder}: no audio file for `{clip_id}` (looked for {', '.join(AUDIO_SUFFIXES)}).")
        clips.append(Clip(clip_id, audio, texts.get(clip_id, texts.get(name, ""))))
    return clips
