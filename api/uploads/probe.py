"""Look inside a stored upload (through decryption): is it audio, and how long is it?"""

from __future__ import annotations

import io
from dataclasses import dataclass

import av

from api.errors import Unprocessable, UnsupportedMedia
from api.uploads.sniff import refusal_hint
from assistant.audio.decode import declared_duration
from assistant.audio.integrity import truncation


@dataclass(frozen=True)
class Probe:
    codec: str
    seconds: float
    channels: int
    sample_rate: int


def human_duration(seconds: float) -> str:
    """'45 s', '12.5 minutes', '4.0 hours'."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 3 * 3600:
        return f"{seconds / 60:.1f} minutes"
    return f"{seconds / 3600:.1f} hours"


def _demuxed_seconds(container: av.container.InputContainer, stream: av.audio.AudioStream, limit: float) -> float:
    """Length from packet timings, for containers that declare none (browser WebM); stops past `limit`."""
    end = 0.0
    base = float(stream.time_base) if stream.time_base is not None else 0.0
    for packet in container.demux(stream):
        if packet.pts is not None and base:
            end = max(end, float((packet.pts + (packet.duration or 0)) * base))
            if end > limit:
                break
    return end


def probe_audio(source: io.RawIOBase, max_seconds: float) -> Probe:
    """Open the recording and decode its first frames; refuse what is not audio, is cut off or is too long."""
    _refuse_truncated(source)
    try:
        with av.open(io.BufferedReader(source, buffer_size=1 << 20), mode="r") as container:
            if not container.streams.audio:
                raise UnsupportedMedia(f"The file has no audio track. {refusal_hint()}", code="not_audio")
            stream = container.streams.audio[0]
            frame = next(iter(container.decode(stream)), None)
            if frame is None:
                raise Unprocessable(
                    "The recording contains no audio. Check the file and upload it again.", code="empty_recording"
                )
            seconds = declared_duration(container, stream)
            if seconds is None:
                container.seek(0)
                seconds = _demuxed_seconds(container, stream, max_seconds)
            probe = Probe(
                codec=stream.codec_context.name,
                seconds=round(seconds, 3),
                channels=stream.codec_context.channels or 1,
                sample_rate=stream.codec_context.sample_rate or 0,
            )
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError, StopIteration) as e:
        raise UnsupportedMedia(
            f"The file is not a readable recording ({e.__class__.__name__}). {refusal_hint()}", code="not_audio"
        ) from e
    if probe.seconds > max_seconds:
        raise Unprocessable(
            f"The recording is {human_duration(probe.seconds)} long, over the {human_duration(max_seconds)} limit. "
            "Split it into shorter parts and upload each (an admin can raise OFFSET_MAX_AUDIO_SECONDS).",
            code="recording_too_long",
            detail={"seconds": probe.seconds, "limit_seconds": max_seconds},
        )
    return probe


_STATED_LENGTH = {b"RIFF": "wav", b"OggS": "ogg"}  # containers whose headers state their length


def _refuse_truncated(source: io.RawIOBase) -> None:
    """An upload cut short (a dropped connection, a copy stopped part-way) is refused, not transcribed."""
    head = source.read(4) or b""
    source.seek(0)
    container_format = _STATED_LENGTH.get(bytes(head))
    if container_format is None:
        return
    cut = truncation(source, container_format)  # type: ignore[arg-type]  # a seekable binary stream
    if cut is not None:
        raise Unprocessable(
            f"The recording looks cut off: {cut}. Upload the complete recording again.",
            code="truncated_recording",
        )
