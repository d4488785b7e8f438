"""Who spoke when: label every word and segment of a transcript with a speaker.

Order of preference: a stereo recording with one speaker per channel uses the channels; an
enrolled practitioner profile anchors the practitioner; otherwise window embeddings are
clustered with an estimated speaker count. Runs after transcription, before vocabulary
correction and translation.
"""

from __future__ import annotations

import numpy as np

from assistant.audio import DecodedAudio
from assistant.diarization.align import STEP_S, apply_timeline, speaking_time, timeline_from_windows
from assistant.diarization.channels import channel_timeline
from assistant.diarization.clustering import PROFILE_MATCH_SIMILARITY, assign_with_profile, cluster
from assistant.diarization.encoder import ENCODER_NAME, SAMPLE_RATE, embed_windows
from assistant.diarization.profile import SpeakerProfile
from assistant.quality import voice_balance_warning
from assistant.settings import Settings
from core.transcript import Transcript

PRACTITIONER = "PRACTITIONER"
WINDOW_HOP_S = 0.5
# Below this share of the VAD's speech covered by Whisper's words, windows are taken over both.
WORDS_COVER_VAD = 0.85


def _speech_regions(transcript: Transcript, pad: float = 0.15) -> list[tuple[float, float]]:
    spans = [(w.start, w.end) for s in transcript.segments for w in s.words] or [
        (s.start, s.end) for s in transcript.segments
    ]
    return _merge([(max(0.0, a - pad), b + pad) for a, b in spans])


def _voice_regions(samples: np.ndarray) -> list[tuple[float, float]]:
    """Speech found by Silero VAD with faster-whisper's defaults (the detector Whisper's own pass uses)."""
    from faster_whisper.vad import get_speech_timestamps

    return [(t["start"] / SAMPLE_RATE, t["end"] / SAMPLE_RATE) for t in get_speech_timestamps(samples)]


def _overlap_s(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    """Seconds inside both lists of sorted, non-overlapping regions."""
    total, i, j = 0.0, 0, 0
    while i < len(a) and j < len(b):
        total += max(0.0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def window_regions(transcript: Transcript, samples: np.ndarray) -> tuple[list[tuple[float, float]], str]:
    """Where to take embedding windows: Whisper's words, and the VAD's speech too when the words miss much.

    On a far-field meeting Whisper leaves out much of what is said (its words cover 60-76% of the
    VAD's speech on the AMI tuning excerpts trn00 and trn04), so a voice can have no windows, or too
    few to count; adding the VAD's speech there finds the third speaker of trn00. Where the words
    cover nearly all of it (89-99% on the one-voice recordings and 97% on the synthetic visits
    measured), the words alone are kept: the VAD bridges pauses of up to 2 s, and windows over words
    and VAD took word attribution on three such visits from 89.3% to 87.5% (docs/speech.md, "Count").
    Returns the regions and what they came from.
    """
    words = _speech_regions(transcript)
    voice = _voice_regions(samples)
    spoken = sum(b - a for a, b in voice)
    if spoken > 0 and _overlap_s(words, voice) < WORDS_COVER_VAD * spoken:
        return _merge(words + voice), "words + VAD"
    return words, "words"


def _names(order: list[int], practitioner: int | None) -> dict[int, str]:
    names: dict[int, str] = {}
    n = 0
    for lab in order:
        if lab == practitioner:
            names[lab] = PRACTITIONER
        elif lab not in names:
            n += 1
            names[lab] = f"SPEAKER_{n}"
    return names


def _first_appearance(track: np.ndarray) -> list[int]:
    voiced = np.flatnonzero(track.sum(axis=0) > 0)
    order: list[int] = []
    for i in voiced:
        lab = int(np.argmax(track[:, i]))
        if lab not in order:
            order.append(lab)
    return order + [i for i in range(track.shape[0]) if i not in order]


def _channel_practitioner(audio: DecodedAudio, track: np.ndarray, profile: SpeakerProfile) -> int | None:
    """The channel whose voice is nearest the profile (compared after removing what channels share)."""
    means = []
    for row in track:
        steps = np.flatnonzero(row > 0)
        regions = [(float(i * STEP_S), float((i + 1) * STEP_S)) for i in steps]
        windows = embed_windows(audio.samples, _merge(regions), hop=1.0)
        if len(windows) == 0:
            return None
        means.append(windows.vectors.mean(axis=0))
    cents = np.stack(means)
    raw = cents / np.linalg.norm(cents, axis=1, keepdims=True)
    if float(np.max(raw @ profile.vector)) < PROFILE_MATCH_SIMILARITY:
        return None
    shared = raw.mean(axis=0)
    return int(np.argmax((raw - shared) @ (profile.vector - shared)))


def _merge(regions: list[tuple[float, float]], gap: float = 0.3) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for a, b in sorted(regions):
        if merged and a <= merged[-1][1] + gap:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def diarize(
    audio: DecodedAudio,
    transcript: Transcript,
    settings: Settings | None = None,
    profile: SpeakerProfile | None = None,
    num_speakers: int | None = None,
) -> Transcript:
    """Split segments at speaker changes, set Segment/Word.speaker and fill Transcript.speakers."""
    del settings  # diarization has no settings of its own yet; kept for a uniform stage signature
    if not transcript.segments:
        return transcript
    warnings = list(transcript.warnings)
    practitioner: int | None = None
    track = channel_timeline(audio.channels, audio.duration)
    if track is not None:
        method = "channels"
        if profile is not None:
            practitioner = _channel_practitioner(audio, track, profile)
    else:
        regions, source = window_regions(transcript, audio.samples)
        windows = embed_windows(audio.samples, regions, hop=WINDOW_HOP_S)
        if profile is not None:
            labels, practitioner = assign_with_profile(
                windows.vectors, profile.vector, num_speakers, starts=windows.starts
            )
            method = f"{ENCODER_NAME} windows ({source}) + voice profile"
        else:
            labels = cluster(windows.vectors, num_speakers, starts=windows.starts)
            method = f"{ENCODER_NAME} windows ({source}) + clustering"
        k = int(labels.max()) + 1 if len(labels) else 1
        track = timeline_from_windows(windows.starts, windows.ends, labels, k, audio.duration)
    if profile is not None and practitioner is None:
        warnings.append(
            f"The enrolled voice of {profile.name} was not found in this recording; speakers are unnamed. "
            "Check the profile belongs to whoever recorded the visit, or re-enrol."
        )
    names = _names(_first_appearance(track), practitioner)
    ordered = [names[i] for i in range(track.shape[0])]
    result = apply_timeline(transcript, track, ordered)
    present = speaking_time(result)
    speakers = {
        label: (profile.name if label == PRACTITIONER and profile else label.replace("SPEAKER_", "Speaker "))
        for label in sorted(present, key=lambda lab: (lab != PRACTITIONER, lab))
    }
    balance = voice_balance_warning(result, num_speakers or (2 if profile is not None else None))
    if balance:
        warnings.append(balance)
    provenance = {**result.provenance, "diarization": f"{method}; speakers={len(speakers)}"}
    return result.model_copy(update={"speakers": speakers, "warnings": warnings, "provenance": provenance})
