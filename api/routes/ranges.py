"""HTTP Range requests over a seekable stream (one range; what audio players send)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from fastapi.responses import StreamingResponse

from api.errors import RangeNotSatisfiable

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 256 * 1024


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """(first, last) byte positions, inclusive, or None to send everything; 416 when unsatisfiable."""
    if not header:
        return None
    m = _RANGE.match(header.strip())
    if not m or (not m.group(1) and not m.group(2)):
        return None  # unsupported forms (several ranges): send the whole file, as RFC 9110 allows
    if not m.group(1):  # the last N bytes
        n = int(m.group(2))
        if n == 0:
            raise _unsatisfiable(size)
        return max(0, size - n), size - 1
    first = int(m.group(1))
    last = int(m.group(2)) if m.group(2) else size - 1
    if first >= size or last < first:
        raise _unsatisfiable(size)
    return first, min(last, size - 1)


def _unsatisfiable(size: int) -> RangeNotSatisfiable:
    return RangeNotSatisfiable(
        f"The requested range is outside the recording ({size} bytes). Ask for bytes=0-{max(size - 1, 0)} or less.",
        headers={"Content-Range": f"bytes */{size}"},
    )


def _iterate(stream: BinaryIO, first: int, length: int) -> Iterator[bytes]:
    try:
        stream.seek(first)
        left = length
        while left > 0:
            data = stream.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
            yield data
    finally:
        stream.close()


def ranged_response(stream: BinaryIO, size: int, media_type: str, range_header: str | None) -> StreamingResponse:
    """200 with the whole stream, or 206 with the requested part; memory stays at one chunk."""
    wanted = parse_range(range_header, size)
    headers = {"Accept-Ranges": "bytes", "Cache-Control": "private, no-store"}
    if wanted is None:
        headers["Content-Length"] = str(size)
        return StreamingResponse(_iterate(stream, 0, size), media_type=media_type, headers=headers)
    first, last = wanted
    headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    headers["Content-Length"] = str(last - first + 1)
    return StreamingResponse(
        _iterate(stream, first, last - first + 1), status_code=206, media_type=media_type, headers=headers
    )
