"""Is a recording complete? Container headers that state its length, read directly.

FFmpeg decodes a cut-off file without complaint when the cut falls between packets, and the
length it reports is often worked out from what is there: a WAV's from the file size, an Ogg's
from the last page. So the containers' own bookkeeping is checked here:
- WAV (RIFF): the `data` chunk states its size in bytes; fewer bytes on disk means the upload
  was cut off.
- Ogg (Vorbis, Opus, FLAC in Ogg): a complete stream ends on a page flagged end-of-stream, and
  every page states its own length; a last page short of its length, or no end-of-stream flag,
  means the file was cut.
Other containers (mp3 with a Xing/Info header, m4a, FLAC, WebM with a duration) state a duration
that `decode.py` compares with what decodes; an mp3 without a header, or a WebM as MediaRecorder
writes it, states nothing and cannot be checked.
"""

from __future__ import annotations

import contextlib
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_UNKNOWN_SIZES = (0, 0xFFFFFFFF)  # streamed WAVs leave the size unset


def truncation(source: Path | BinaryIO, container_format: str) -> str | None:
    """Why the file looks cut off, in words, or None when complete (or its format states nothing).

    `source` is a path, or a seekable binary stream (e.g. an upload decrypted from storage); a
    stream is read from its start and left positioned at its start.
    """
    name = container_format.lower()
    if name not in ("wav", "ogg"):
        return None
    with _opened(source) as (f, size):
        return _wav(f, size) if name == "wav" else _ogg(f, size)


@contextlib.contextmanager
def _opened(source: Path | BinaryIO) -> Iterator[tuple[BinaryIO, int]]:
    if isinstance(source, Path):
        with source.open("rb") as f:
            yield f, os.fstat(f.fileno()).st_size
        return
    size = source.seek(0, os.SEEK_END)
    source.seek(0)
    try:
        yield source, size
    finally:
        source.seek(0)


def _wav(f: BinaryIO, size: int) -> str | None:
    head = f.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None  # RF64 or not RIFF: nothing stated to check
    byte_rate = 0
    pos = 12
    while True:
        chunk = f.read(8)
        if len(chunk) < 8:
            return None
        cid, csize = chunk[:4], struct.unpack("<I", chunk[4:])[0]
        if cid == b"fmt ":
            fmt = f.read(csize)
            if len(fmt) >= 12:
                byte_rate = struct.unpack("<I", fmt[8:12])[0]
            pos += 8 + csize + (csize & 1)
            f.seek(pos)
            continue
        if cid == b"data":
            if csize in _UNKNOWN_SIZES:
                return None
            present = size - (pos + 8)
            if present >= csize:
                return None
            if byte_rate:
                return (
                    f"its header says {csize / byte_rate:.1f} s of audio but the file holds only "
                    f"{present / byte_rate:.1f} s"
                )
            return f"its header says {csize:,} bytes of audio but the file holds only {present:,}"
        pos += 8 + csize + (csize & 1)
        f.seek(pos)


def _ogg(f: BinaryIO, size: int) -> str | None:
    """Walk the pages from the start (each states its length), so data that happens to read 'OggS'
    is never taken for a page; every logical stream must end on an end-of-stream page."""
    open_streams: set[int] = set()
    pos = 0
    while pos < size:
        f.seek(pos)
        header = f.read(27)
        if len(header) < 27:
            return "it ends part-way through a page"
        if header[:4] != b"OggS" or header[4] != 0:
            return None  # not a plain Ogg stream from here on: leave it to the decoder
        header_type, serial, n_segments = header[5], struct.unpack("<I", header[14:18])[0], header[26]
        table = f.read(n_segments)
        length = 27 + n_segments + sum(table)
        if len(table) < n_segments or pos + length > size:
            return "it ends part-way through its last page"
        if header_type & 0x04:
            open_streams.discard(serial)
        else:
            open_streams.add(serial)
        pos += length
    return "it ends without the end-of-stream marker" if open_streams else None
