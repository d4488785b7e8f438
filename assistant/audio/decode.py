"""Decode any practitioner recording (wav, mp3, m4a/aac, ogg/opus, webm, flac) to 16 kHz mono float32.

PyAV (FFmpeg) does the decoding, as in faster-whisper. The original file is only ever opened for
reading: it is never modified, moved or deleted, whatever happens.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import av
import numpy as np

from assistant.audio.integrity import truncation
from assistant.errors import AudioDecodeError, AudioTooLongError, BadInputError, EmptyAudioError
from assistant.settings import Settings, get_settings
from core.transcript import AudioInfo

SAMPLE_RATE = 16_000
SUPPORTED_FORMATS = ("wav", "mp3", "m4a", "aac", "ogg", "opus", "webm", "flac")
# A file whose header promises more audio than decodes is truncated (a cut-off upload).
_TRUNCATION_TOLERANCE_S = 1.0


@dataclass
class DecodedAudio:
    """Decoded audio ready for Whisper, plus what the original was."""

    samples: np.ndarray  # float32, mono, 16 kHz
    sample_rate: int
    info: AudioInfo
    channels: np.ndarray | None = None  # (n_channels, n_samples) at 16 kHz when kept and multi-channel

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


def file_sha256(path: Path) -> str:
    """Content hash of a file, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _hint() -> str:
    return f"Offset reads {', '.join(SUPPORTED_FORMATS)}: export the recording in one of these and upload it again."


def _stream_sha256(fileobj: BinaryIO) -> tuple[str, int]:
    h = hashlib.sha256()
    fileobj.seek(0)
    for chunk in iter(lambda: fileobj.read(1 << 20), b""):
        h.update(chunk)
    size = fileobj.tell()
    fileobj.seek(0)
    return h.hexdigest(), size


def load_audio(
    path: str | Path,
    settings: Settings | None = None,
    keep_channels: bool = False,
    fileobj: BinaryIO | None = None,
) -> DecodedAudio:
    """Decode `path` to 16 kHz mono float32, checking it is real, non-empty, complete audio within the limit.

    With `fileobj` (a seekable binary stream, e.g. decrypted from storage) the audio is read from it
    and `path` only names it in messages and in the AudioInfo.
    """
    settings = settings or get_settings()
    path = Path(path)
    if fileobj is not None:
        sha256, size = _stream_sha256(fileobj)
    elif not path.is_file():
        raise BadInputError(f"{path}: no such file. Check the path to the recording.")
    else:
        size = path.stat().st_size
    if size == 0:
        raise EmptyAudioError(f"{path}: the file is empty (0 bytes). Upload the recording again.")

    try:
        container = av.open(fileobj if fileobj is not None else str(path), mode="r")
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as e:
        raise AudioDecodeError(f"{path}: not a readable audio file ({e.__class__.__name__}). {_hint()}") from e

    with container:
        if not container.streams.audio:
            raise AudioDecodeError(f"{path}: the file has no audio track. {_hint()}")
        stream = container.streams.audio[0]
        declared = declared_duration(container, stream)
        limit = settings.max_audio_seconds
        if declared is not None and declared > limit:
            raise AudioTooLongError(_too_long(path, declared, limit))
        n_channels = stream.codec_context.channels or 1
        mono, multi = _decode(container, stream, path, limit, keep_channels and n_channels > 1)
        info = AudioInfo(
            path=str(path),
            sha256=sha256 if fileobj is not None else file_sha256(path),
            format=(container.format.name or path.suffix.lstrip(".")).split(",")[0],
            codec=stream.codec_context.name,
            original_sample_rate=stream.codec_context.sample_rate or None,
            original_channels=n_channels,
            duration=round(len(mono) / SAMPLE_RATE, 3),
            size_bytes=size,
        )

    decoded = len(mono) / SAMPLE_RATE
    cut = truncation(fileobj if fileobj is not None else path, info.format)
    if cut is not None:
        raise AudioDecodeError(
            f"{path}: the file looks truncated: {cut} ({decoded:.1f} s could be decoded). Upload the complete "
            "recording again (the partial file was left as it is)."
        )
    if declared is not None and declared - decoded > max(_TRUNCATION_TOLERANCE_S, 0.1 * declared):
        raise AudioDecodeError(
            f"{path}: the file looks truncated: its header says {declared:.1f} s but only {decoded:.1f} s "
            "of audio could be decoded. Upload the complete recording again (the partial file was left as it is)."
        )
    if mono.size == 0 or not np.any(mono):
        raise EmptyAudioError(f"{path}: the file contains no sound. Check the microphone and record again.")
    return DecodedAudio(samples=mono, sample_rate=SAMPLE_RATE, info=info, channels=multi)


def declared_duration(container: av.container.InputContainer, stream: av.audio.AudioStream) -> float | None:
    """The length the file's headers announce, in seconds (None when they announce none)."""
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None and container.duration > 0:
        return container.duration / 1_000_000
    return None


def _too_long(path: Path, seconds: float, limit: float) -> str:
    return (
        f"{path}: the recording is {seconds / 3600:.2f} h long, over the {limit / 3600:.2f} h limit. "
        "Split it into shorter parts, or raise OFFSET_MAX_AUDIO_SECONDS."
    )


def _decode(
    container: av.container.InputContainer,
    stream: av.audio.AudioStream,
    path: Path,
    limit: float,
    keep_channels: bool,
) -> tuple[np.ndarray, np.ndarray | None]:
    mono_rs = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
    multi_rs = av.AudioResampler(format="fltp", layout="stereo", rate=SAMPLE_RATE) if keep_channels else None
    mono_parts: list[np.ndarray] = []
    multi_parts: list[np.ndarray] = []
    total = 0
    max_samples = int(limit * SAMPLE_RATE)
    try:
        for frame in container.decode(stream):
            frame.pts = None  # resampler re-times; avoids pts warnings on odd containers
            for out in mono_rs.resample(frame):
                arr = out.to_ndarray().reshape(-1)
                mono_parts.append(arr)
                total += arr.size
            if multi_rs is not None:
                multi_parts += [o.to_ndarray() for o in multi_rs.resample(frame)]
            if total > max_samples:
                raise AudioTooLongError(_too_long(path, total / SAMPLE_RATE, limit))
        for out in mono_rs.resample(None):
            mono_parts.append(out.to_ndarray().reshape(-1))
        if multi_rs is not None:
            multi_parts += [o.to_ndarray() for o in multi_rs.resample(None)]
    except av.error.FFmpegError as e:
        if not mono_parts:
            raise AudioDecodeError(f"{path}: the audio could not be decoded ({e}). {_hint()}") from e
        raise AudioDecodeError(
            f"{path}: decoding failed part-way ({e}); the file is damaged or truncated. "
            "Upload the complete recording again (the original file was left as it is)."
        ) from e
    mono = np.concatenate(mono_parts).astype(np.float32) if mono_parts else np.zeros(0, np.float32)
    multi = None
    if multi_parts:
        multi = np.concatenate(multi_parts, axis=1).astype(np.float32)[:, : len(mono)]
    return mono, multi
