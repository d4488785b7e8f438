"""Audio input: decode, resample to 16 kHz mono, validate."""

from assistant.audio.decode import SAMPLE_RATE, SUPPORTED_FORMATS, DecodedAudio, file_sha256, load_audio

__all__ = ["SAMPLE_RATE", "SUPPORTED_FORMATS", "DecodedAudio", "file_sha256", "load_audio"]
