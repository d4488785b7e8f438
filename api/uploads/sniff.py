"""Tell audio formats apart by their first bytes, whatever the file is called."""

from __future__ import annotations

SNIFF_BYTES = 16

CONTENT_TYPES = {
    "wav": "audio/wav",
    "mp3": "audio/mpeg",
    "m4a": "audio/mp4",
    "aac": "audio/aac",
    "ogg": "audio/ogg",
    "webm": "audio/webm",
    "flac": "audio/flac",
}


def sniff(head: bytes) -> str | None:
    """The format these leading bytes announce ('wav', 'mp3', ...), or None if not a recording we read."""
    if len(head) >= 12 and head[:4] in (b"RIFF", b"RF64", b"BW64") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"\x1a\x45\xdf\xa3"):  # EBML: WebM / Matroska (browser recordings)
        return "webm"
    if len(head) >= 8 and head[4:8] == b"ftyp":  # ISO media: m4a, mp4
        return "m4a"
    if head.startswith(b"ID3"):
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF:
        second = head[1]
        if second & 0xF6 == 0xF0:  # ADTS sync word with layer 00
            return "aac"
        if second & 0xE0 == 0xE0 and second & 0x06 != 0:  # MPEG audio frame sync, layer I-III
            return "mp3"
    return None


def refusal_hint() -> str:
    return (
        "Offset reads recordings in wav, mp3, m4a, aac, ogg/opus, webm or flac. "
        "Export the recording in one of these and upload it again."
    )
