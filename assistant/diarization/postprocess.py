"""The speech stages the pipeline runs after ASR: quality warnings, vocabulary, speakers, languages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.audio import DecodedAudio
from assistant.diarization.profile import SpeakerProfile
from assistant.settings import Settings
from core.transcript import Transcript


def speech_postprocess(
    audio: DecodedAudio,
    transcript: Transcript,
    settings: Settings,
    speakers: int | None = None,
    profile: Path | SpeakerProfile | None = None,
    vocabulary: Sequence[str] | None = None,
    translate: bool = False,
    diarize: bool | None = None,
) -> Transcript:
    """Quality warnings always (cheap); diarization only when asked (--speakers/--profile, or
    `diarize=True`, which the service sets for uploads); vocabulary correction when terms are given;
    language detection and English renderings with --translate."""
    from assistant.diarization import diarize as diarize_speakers
    from assistant.quality import assess_audio
    from assistant.vocabulary import Vocabulary, correct_transcript

    transcript = transcript.model_copy(
        update={"warnings": [*transcript.warnings, *assess_audio(audio, expected_speakers=speakers)]}
    )
    if diarize is None:
        diarize = speakers is not None or profile is not None
    if diarize:
        prof = SpeakerProfile.load(profile) if isinstance(profile, Path) else profile
        transcript = diarize_speakers(audio, transcript, settings, profile=prof, num_speakers=speakers)
    if translate:
        from assistant.languages import add_translations, detect_segment_languages

        transcript = detect_segment_languages(audio, transcript, settings)
        transcript = add_translations(audio, transcript, settings)
    terms = list(vocabulary) if vocabulary is not None else list(settings.vocabulary)
    if terms:
        transcript = correct_transcript(transcript, Vocabulary.from_terms(terms, "vocabulary"))
    return transcript
