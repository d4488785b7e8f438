"""Synthesise scripted multi-voice visits with espeak-ng, for test fixtures and the evaluation corpus.

Each line of a script is spoken by its speaker's voice; lines are joined with short pauses and the
start/end of every line is returned, which gives ground truth for transcription, diarization and
evidence-linking checks. Needs the Debian packages `espeak-ng` (and `sox` for the noisy variant).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass, field
from math import gcd
from pathlib import Path
from typing import cast

import numpy as np
from scipy.signal import resample_poly

from assistant.errors import ConfigurationError

SAMPLE_RATE = 16_000

# Clearly different voices (espeak-ng voice + variant), so diarization has something to find.
DEFAULT_VOICES = {
    "practitioner": "en-gb+f3",
    "person": "en-gb-x-rp+m3",
    "family": "en-gb-scotland+f2",
    "interpreter": "en-us+m1",
}


@dataclass(frozen=True)
class Line:
    """One line of a script."""

    speaker: str
    text: str
    voice: str | None = None
    speed: int | None = None
    pause_after: float | None = None


@dataclass
class TimedLine:
    """Where a line ended up in the synthesised audio."""

    speaker: str
    text: str
    start: float
    end: float


@dataclass
class Synthesis:
    samples: np.ndarray
    sample_rate: int
    lines: list[TimedLine] = field(default_factory=list)

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise ConfigurationError(
            f"`{tool}` is not installed. Install it with `apt-get update && apt-get install -y espeak-ng sox`."
        )
    return path


def _read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        frames = w.readframes(w.getnframes())
        channels = w.getnchannels()
    data = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return data, rate


def _resample(samples: np.ndarray, rate: int, target: int = SAMPLE_RATE) -> np.ndarray:
    if rate == target:
        return samples
    g = gcd(rate, target)
    return resample_poly(samples, target // g, rate // g).astype(np.float32)


def speak(text: str, voice: str, speed: int = 165, pitch: int | None = None) -> np.ndarray:
    """Speak one utterance with espeak-ng; returns 16 kHz mono float32 samples, silence trimmed."""
    exe = _require("espeak-ng")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "line.wav"
        cmd = [exe, "-v", voice, "-s", str(speed), "-w", str(out)]
        if pitch is not None:
            cmd += ["-p", str(pitch)]
        subprocess.run([*cmd, text], check=True, capture_output=True)
        samples, rate = _read_wav(out)
    samples = _resample(samples, rate)
    voiced = np.flatnonzero(np.abs(samples) > 0.01)
    if voiced.size:
        samples = samples[max(0, voiced[0] - 160) : voiced[-1] + 160]
    return samples


def synthesise(
    lines: list[Line],
    voices: dict[str, str] | None = None,
    speed: int = 165,
    pause: float = 0.45,
    lead_in: float = 0.5,
) -> Synthesis:
    """Speak a whole script; returns the audio and each line's start and end time."""
    voices = {**DEFAULT_VOICES, **(voices or {})}
    pieces: list[np.ndarray] = [np.zeros(int(lead_in * SAMPLE_RATE), dtype=np.float32)]
    timed: list[TimedLine] = []
    cursor = lead_in
    for line in lines:
        voice = line.voice or voices.get(line.speaker, "en-gb")
        audio = speak(line.text, voice, line.speed or speed)
        start = cursor
        cursor += len(audio) / SAMPLE_RATE
        timed.append(TimedLine(line.speaker, line.text, round(start, 3), round(cursor, 3)))
        gap = line.pause_after if line.pause_after is not None else pause
        pieces += [audio, np.zeros(int(gap * SAMPLE_RATE), dtype=np.float32)]
        cursor += gap
    samples = np.concatenate(pieces)
    peak = float(np.max(np.abs(samples))) or 1.0
    samples = (samples / peak * 0.8).astype(np.float32)
    return Synthesis(samples=samples, sample_rate=SAMPLE_RATE, lines=timed)


def write_wav(path: Path, samples: np.ndarray, sample_rate: int = SAMPLE_RATE) -> None:
    """Write 16-bit PCM mono (or (channels, n) multi-channel) WAV."""
    data = np.asarray(samples, dtype=np.float32)
    channels = 1 if data.ndim == 1 else data.shape[0]
    interleaved = data if data.ndim == 1 else data.T.reshape(-1)
    pcm = (np.clip(interleaved, -1.0, 1.0) * 32767).astype("<i2")
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes(pcm.tobytes())


def add_noise(src: Path, dst: Path, snr_db: float = 15.0, phone_band: bool = True, seed: int = 7) -> None:
    """A noisy variant: pink room noise at the given SNR, optionally a 300-3400 Hz phone band (sox)."""
    sox = _require("sox")
    samples, rate = _read_wav(src)
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(len(samples)).astype(np.float32)
    # Pink-ish noise: integrate white noise through a gentle low-pass.
    pink = np.convolve(white, np.ones(8) / 8, mode="same")
    signal_power = float(np.mean(samples**2)) or 1e-9
    noise_power = float(np.mean(pink**2)) or 1e-9
    pink *= np.sqrt(signal_power / (noise_power * 10 ** (snr_db / 10)))
    noisy = samples + pink
    with tempfile.TemporaryDirectory() as tmp:
        mixed = Path(tmp) / "mixed.wav"
        write_wav(mixed, noisy / max(1.0, float(np.max(np.abs(noisy)))), rate)
        effects = ["sinc", "300-3400"] if phone_band else []
        subprocess.run([sox, str(mixed), str(dst), *effects], check=True, capture_output=True)


# Container/codec pairs for each extension we accept; Opus needs 48 kHz.
_ENCODINGS = {
    ".mp3": ("mp3", "libmp3lame", 16_000),
    ".m4a": ("mp4", "aac", 16_000),
    ".aac": ("adts", "aac", 16_000),
    ".ogg": ("ogg", "libopus", 48_000),
    ".opus": ("ogg", "libopus", 48_000),
    ".webm": ("webm", "libopus", 48_000),
    ".flac": ("flac", "flac", 16_000),
    ".wav": ("wav", "pcm_s16le", 16_000),
}


def encode(path: Path, samples: np.ndarray, sample_rate: int = SAMPLE_RATE, bitrate: int | None = None) -> Path:
    """Encode mono float32 samples to the format the file extension names, with PyAV."""
    import av

    fmt, codec, rate = _ENCODINGS[path.suffix.lower()]
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w", format=fmt) as container:
        stream = cast("av.audio.stream.AudioStream", container.add_stream(codec, rate=rate))
        stream.layout = "mono"
        if bitrate:
            stream.bit_rate = bitrate
        target = stream.codec_context.format.name if stream.codec_context.format else "fltp"
        resampler = av.AudioResampler(format=target, layout="mono", rate=rate)
        frame = av.AudioFrame.from_ndarray(
            np.asarray(samples, dtype=np.float32).reshape(1, -1), format="flt", layout="mono"
        )
        frame.sample_rate = sample_rate
        for chunk in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(chunk):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


def render_script(script_path: Path, out_path: Path, bitrate: int | None = None) -> Synthesis:
    """Synthesise a JSON script ({"voices": {...}, "lines": [{"speaker", "text", "speed"?}]}) to `out_path`.

    The script file gains each line's start/end time and the total duration, as ground truth.
    """
    import json

    script = json.loads(script_path.read_text(encoding="utf-8"))
    lines = [Line(speaker=x["speaker"], text=x["text"], speed=x.get("speed")) for x in script["lines"]]
    result = synthesise(lines, voices=script.get("voices"))
    if out_path.suffix.lower() == ".wav":
        write_wav(out_path, result.samples, result.sample_rate)
    else:
        encode(out_path, result.samples, result.sample_rate, bitrate)
    for entry, timed in zip(script["lines"], result.lines, strict=True):
        entry["start"], entry["end"] = timed.start, timed.end
    script["duration"] = round(result.duration, 3)
    script_path.write_text(json.dumps(script, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result
