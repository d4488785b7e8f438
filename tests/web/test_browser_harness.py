"""The harness itself: Debian's Chromium (not a downloaded build), and a fake microphone that plays the fixture."""

from __future__ import annotations

import base64
import io
import subprocess
from pathlib import Path
from typing import Any

import av
import numpy as np

RECORD_JS = """async (milliseconds) => {
  const stream = await navigator.mediaDevices.getUserMedia({audio: true});
  const recorder = new MediaRecorder(stream, {mimeType: 'audio/webm;codecs=opus'});
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  recorder.stop();
  await stopped;
  stream.getTracks().forEach((track) => track.stop());
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}"""


def test_the_browser_is_debians_chromium(browser: Any, chromium_path: Path) -> None:
    version = subprocess.run([str(chromium_path), "--version"], capture_output=True, text=True, check=True).stdout
    assert browser.version in version, f"Playwright drove {browser.version}, not {version.strip()}"


def _envelope(samples: np.ndarray, rate: int, frame_seconds: float = 0.02) -> np.ndarray:
    """Loudness per 20 ms frame, on a log scale: what survives Opus coding and resampling."""
    frame = int(rate * frame_seconds)
    usable = samples[: len(samples) // frame * frame].reshape(-1, frame)
    return np.log10(np.sqrt((usable.astype(np.float64) ** 2).mean(axis=1)) + 1e-4)


def _decode(data: bytes) -> tuple[np.ndarray, int]:
    with av.open(io.BytesIO(data), mode="r") as container:
        stream = container.streams.audio[0]
        frames = [f.to_ndarray() for f in container.decode(stream)]
        rate = stream.rate
    audio = np.concatenate(frames, axis=1).astype(np.float64)
    return audio.mean(axis=0), rate


def _best_correlation(recorded: np.ndarray, reference: np.ndarray) -> float:
    """Highest Pearson correlation of the recording's envelope against the looping fixture's, over all lags."""
    looped = np.concatenate([reference, reference])
    best = -1.0
    for lag in range(len(reference)):
        window = looped[lag : lag + len(recorded)]
        if len(window) < len(recorded):
            break
        best = max(best, float(np.corrcoef(recorded, window)[0, 1]))
    return best


def test_fake_microphone_plays_the_fixture(fake_mic_browser: Any, fake_mic_wav: Path, live_server: Any) -> None:
    """getUserMedia + MediaRecorder (as the recording page will use them) capture fake_mic.wav."""
    context = fake_mic_browser.new_context()
    page = context.new_page()
    page.goto(live_server.url("/"))  # a page of the app: a secure context (localhost), microphone=(self)
    recorded = base64.b64decode(page.evaluate(RECORD_JS, 3000))
    context.close()
    assert recorded[:4] == b"\x1a\x45\xdf\xa3", "MediaRecorder should produce WebM"

    audio, rate = _decode(recorded)
    assert len(audio) / rate > 2.0, "about three seconds were recorded"
    reference, reference_rate = _decode(fake_mic_wav.read_bytes())
    recorded_env = _envelope(audio[int(0.2 * rate) :], rate)  # skip the encoder's first frames
    reference_env = _envelope(reference, reference_rate)
    correlation = _best_correlation(recorded_env, reference_env)
    # Measured here: 0.93 for the fixture; 0.50 for Chromium's default fake device (a beep).
    assert correlation > 0.8, (
        f"the recording does not follow fake_mic.wav (best envelope correlation {correlation:.2f})"
    )
