"""Offset pipeline: audio -> transcript -> redaction -> evidence-linked draft.

Nothing heavy happens at import time: models load lazily on first use.
"""

from __future__ import annotations

import os

__version__ = "0.1.0"

# No network at run time, ever: set before any Hugging Face library is imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
# onnxruntime (faster-whisper's Silero VAD) otherwise starts its 1DS telemetry uploader, which looks up
# mobile.events.data.microsoft.com about ten seconds after the first session. Its own switch, read
# when onnxruntime is imported (its Python disable_telemetry_events() does not stop this uploader).
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
