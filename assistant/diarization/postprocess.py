"""The speech stages the pipeline runs after ASR: quality warnings, speakers, languages, vocabulary."""

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
    """Quality warnings always (cheap); speaker labels unless `diarize` is False (default: the
    `speaker_labels` setting; a `speakers` count or a `profile` always labels); vocabulary correction
    when terms are given; language detection and English renderings with --translate."""
    from assistant.diarization import diarize as label_speakers
    from assistant.quality import assess_audio
    from assistant.vocabulary import Vocabulary, correct_transcript

    transcript = transcript.model_copy(
        update={"warnings": [*transcript.warnings, *assess_audio(audio, speech_seconds=transcript.speech_seconds)]}
    )
    if diarize is None:
        diarize = settings.speaker_labels
    if diarize or speakers is not None or profile is not None:
        prof = SpeakerProfile.load(profile) if isinstance(profile, Path) else profile
        transcript = label_speakers(audio, transcript, settings, profile=prof, num_speakers=speakers)
    if translate:
        from assistant.languages import add_translations, detect_segment_languages

        transcript = detect_segment_languages(audio, transcript, settings)
        transcript = add_translations(audio, transcript, settings)
    terms = list(vocabulary) if vocabulary is not None else list(settings.vocabulary)
    if terms:
        transcript = correct_transcript(transcript, Vocabulary.from_terms(terms, "vocabulary"))
    return transcript
