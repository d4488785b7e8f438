"""Windows over a long text, so redaction runs in bounded memory and within spaCy's length limit.

spaCy refuses texts over 1,000,000 characters and its memory grows with the document; a pasted
case history or a day's transcripts can be several megabytes. Detection runs window by window;
placeholders, recurring names and merging still see the whole document, so they stay consistent.
Windows end at a line or sentence break where there is one, and each starts a little before the
previous one ended, so an identifier at a boundary and the context phrase before it ("sort
code ...") are seen whole in at least one window; a duplicate detection merges away.
"""

from __future__ import annotations

WINDOW_CHARS = 20_000
# More than a context window (60 characters) plus the longest identifier, as spoken.
OVERLAP_CHARS = 400


def windows(text: str, size: int = WINDOW_CHARS, overlap: int = OVERLAP_CHARS) -> list[tuple[int, int]]:
    """[start, end) windows covering `text`; one window when it fits."""
    if size <= overlap:
        raise ValueError(f"window size {size} must exceed the overlap {overlap}")
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + size)
        if end < len(text):
            end = _break_before(text, pos + size // 2, end)
        start = pos if not out else _space_before(text, max(out[-1][0] + 1, pos - overlap))
        out.append((start, end))
        pos = end
    return out


def _break_before(text: str, lo: int, hi: int) -> int:
    """The last line break, else sentence end, else space in text[lo:hi]; hi when there is none."""
    for mark in ("\n", ". ", "? ", "! ", " "):
        i = text.rfind(mark, lo, hi)
        if i != -1:
            return i + len(mark)
    return hi


def _space_before(text: str, i: int) -> int:
    """Start a window on a word boundary at or after `i`."""
    j = text.find(" ", i)
    return i if j == -1 else j + 1
