"""Speech-to-text: faster-whisper models resolved locally, typed transcripts out."""

from assistant.transcription.models import BUNDLED, ResolvedModel, resolve_model
from assistant.transcription.whisper import build_options, load_model, transcribe

__all__ = ["BUNDLED", "ResolvedModel", "build_options", "load_model", "resolve_model", "transcribe"]
