"""Levelling quiet and uneven audio, on the committed two-voice visit made worse in known ways."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest

from assistant.audio import DecodedAudio, load_audio
from assistant.audio.level import TARGET_DBFS, frame_db, level_audio, speech_level_dbfs
from assistant.quality import assess_audio
from assistant.settings import Settings


@pytest.fixture(scope="module")
def visit(visit_wav: Path) -> DecodedAudio:
    return load_audio(visit_wav)


def _db(x: np.ndarray) -> float:
    return float(10 * np.log10(np.mean(x.astype(np.float64) ** 2) + 1e-12))


def test_an_ordinary_recording_is_left_exactly_as_it_is(visit: DecodedAudio) -> None:
    out, report = level_audio(visit.samples)
    assert out is visit.samples and not report.applied


def test_a_quiet_recording_is_raised_to_an_ordinary_level(visit: DecodedAudio) -> None:
    quiet = (visit.samples * 10 ** (-30 / 20)).astype(np.float32)
    out, report = level_audio(quiet)
    assert report.global_gain_db == pytest.approx(TARGET_DBFS - report.speech_level_dbfs, abs=0.2)
    assert speech_level_dbfs(frame_db(out, 16000)) == pytest.approx(TARGET_DBFS, abs=4)
    assert np.max(np.abs(out)) < 1.0


def test_the_quieter_voice_of_an_uneven_recording_is_lifted(visit: DecodedAudio, visit_script: dict) -> None:
    uneven = visit.samples.copy()
    far = [(int(x["start"] * 16000), int(x["end"] * 16000)) for x in visit_script["lines"] if x["speaker"] == "person"]
    for a, b in far:
        uneven[a:b] *= 10 ** (-20 / 20)
    out, report = level_audio(uneven)
    assert report.local_gain_db_max >= 10
    before = np.mean([_db(uneven[a:b]) for a, b in far])
    after = np.mean([_db(out[a:b]) for a, b in far])
    assert after - before >= 8


def test_silence_between_words_is_not_pumped_up(visit: DecodedAudio) -> None:
    rng = np.random.default_rng(0)
    hiss = 1e-4 * rng.standard_normal(16000 * 20)
    x = np.concatenate([visit.samples * 0.05, hiss]).astype(np.float32)
    out, _ = level_audio(x)
    assert _db(out[-16000 * 10 :]) < -55  # the noise tail stays far below speech


def test_quality_warnings_say_what_to_do(visit: DecodedAudio) -> None:
    quiet = dataclasses.replace(visit, samples=(visit.samples * 0.003).astype(np.float32))
    assert any("very quiet" in w and "put the phone nearer" in w for w in assess_audio(quiet))
    lost = assess_audio(visit, speech_seconds=5.0)
    assert any("Only 5 seconds" in w and "recognised as speech" in w for w in lost)
    assert assess_audio(visit, speech_seconds=visit.duration - 1) == []


def test_transcription_levels_and_records_it(visit: DecodedAudio) -> None:
    from assistant.transcription import transcribe

    quiet = dataclasses.replace(visit, samples=(visit.samples * 10 ** (-35 / 20)).astype(np.float32))
    levelled = transcribe(quiet, Settings(), model="tiny.en")
    assert levelled.options.level_audio and "raised" in levelled.provenance["levelling"]
    assert levelled.speech_seconds is not None and levelled.speech_seconds > 0.8 * visit.duration
    words = set(levelled.text.lower().split())
    assert {"hospital", "kitchen", "medication"} <= {w.strip(".,?") for w in words}


def test_sequential_decoding_is_still_a_setting(visit: DecodedAudio, visit_script: dict) -> None:
    from assistant.transcription import transcribe

    clip = dataclasses.replace(visit, samples=visit.samples[: 16000 * 14])
    seq = transcribe(clip, Settings(whisper_batched=False), model="tiny.en")
    batched = transcribe(clip, Settings(whisper_batch_size=4), model="tiny.en")
    assert seq.options.batch_size is None and batched.options.batch_size == 4
    assert seq.id != batched.id  # different options, different transcript id
    assert "social care" in seq.text.lower() and "social care" in batched.text.lower()
    assert json.loads(batched.model_dump_json())["options"]["batch_size"] == 4
