"""Speaker diarization: who said what, from voice embeddings, stereo channels or an enrolled profile."""

from assistant.diarization.diarize import PRACTITIONER, diarize
from assistant.diarization.profile import SpeakerProfile, default_profile_path, enrol

__all__ = ["PRACTITIONER", "SpeakerProfile", "default_profile_path", "diarize", "enrol"]
