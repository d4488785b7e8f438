"""Council vocabulary: hotwords for Whisper and a recorded post-correction pass."""

from assistant.vocabulary.correction import correct_transcript, is_common_word
from assistant.vocabulary.phonetic import phonetic_key
from assistant.vocabulary.vocabulary import Vocabulary

__all__ = ["Vocabulary", "correct_transcript", "is_common_word", "phonetic_key"]
