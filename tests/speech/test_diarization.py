"""Diarization on real synthesised visits with the real tiny.en model and resemblyzer encoder."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from assistant.audio import DecodedAudio, load_audio
from assistant.diarization import PRACTITIONER, SpeakerProfile, diarize
from assistant.errors import BadInputError
from core.transcript import Transcript
from evaluation.speech_eval import attribution, der, hypothesis_turns

pytestmark = pytest.mark.slow


def _turns(script_path: Path) -> list[tuple[str, float, float]]:
    return [(x["speaker"], x["start"], x["end"]) for x in json.loads(script_path.read_text())["lines"]]


def test_enrolled_practitioner_is_named_and_words_attributed(
    visit_audio: DecodedAudio, visit_transcript: Transcript, profile: SpeakerProfile, visit_wav: Path
) -> None:
    out = diarize(visit_audio, visit_transcript, profile=profile)
    assert out.speakers == {PRACTITIONER: "Sarah", "SPEAKER_1": "Speaker 1"}
    fixed = {PRACTITIONER: "practitioner", "SPEAKER_1": "person"}
    assert attribution(_turns(visit_wav.with_suffix(".json")), out, fixed) >= 0.9
    assert [s.id for s in out.segments] == [f"seg-{i + 1:04d}" for i in range(len(out.segments))]
    assert all(w.speaker == s.speaker for s in out.segments for w in s.words)
    assert "voice profile" in out.provenance["diarization"]


def test_unsupervised_clustering_finds_two_speakers(
    visit_audio: DecodedAudio, visit_transcript: Transcript, visit_wav: Path
) -> None:
    out = diarize(visit_audio, visit_transcript)
    assert set(out.speakers) == {"SPEAKER_1", "SPEAKER_2"}
    ref = _turns(visit_wav.with_suffix(".json"))
    assert attribution(ref, out) >= 0.85
    assert der(ref, hypothesis_turns(out)) < 0.25


def test_stereo_channels_give_the_speakers(speech_dir: Path, profile: SpeakerProfile) -> None:
    from assistant.transcription import transcribe

    audio = load_audio(speech_dir / "visit_stereo.ogg", keep_channels=True)
    assert audio.channels is not None
    out = diarize(audio, transcribe(audio, model="tiny.en"), profile=profile)
    assert out.provenance["diarization"].startswith("channels")
    fixed = {PRACTITIONER: "practitioner", "SPEAKER_1": "person"}
    assert attribution(_turns(speech_dir / "visit_stereo.json"), out, fixed) >= 0.95
    # A duplicated mono track is not one-speaker-per-channel: voices are used instead.
    dup = dataclasses.replace(audio, channels=audio.samples[None].repeat(2, axis=0))
    mixed = diarize(dup, out, profile=profile)
    assert not mixed.provenance["diarization"].startswith("channels")


def test_enrol_and_rename_commands(
    speech_dir: Path, tmp_path: Path, visit_audio: DecodedAudio, visit_transcript: Transcript
) -> None:
    runner = CliRunner()
    prof = tmp_path / "sarah.json"
    res = runner.invoke(
        app,
        [
            "speakers",
            "enrol",
            str(speech_dir / "enrol_practitioner.ogg"),
            "--name",
            "Sarah",
            "--out",
            str(prof),
        ],
    )
    assert res.exit_code == 0, res.output
    assert SpeakerProfile.load(prof).name == "Sarah"
    # Enrolling again into the same file is refused (the first profile kept) unless --force.
    before = prof.read_bytes()
    enrol_again = ["speakers", "enrol", str(speech_dir / "enrol_practitioner.ogg"), "--name", "Sam", "--out", str(prof)]
    res = runner.invoke(app, enrol_again)
    assert res.exit_code == 2 and "--force" in res.output, res.output
    assert prof.read_bytes() == before
    res = runner.invoke(app, [*enrol_again, "--force"])
    assert res.exit_code == 0, res.output
    assert SpeakerProfile.load(prof).name == "Sam"
    path = tmp_path / "transcript.json"
    diarize(visit_audio, visit_transcript).save(path)
    res = runner.invoke(app, ["speakers", "rename", str(path), "SPEAKER_2", "Daughter"])
    assert res.exit_code == 0, res.output
    renamed = Transcript.load(path)
    assert renamed.speakers["SPEAKER_2"] == "Daughter"
    seg = next(s for s in renamed.segments if s.speaker == "SPEAKER_2")
    assert renamed.speaker_name(seg.speaker) == "Daughter"
    res = runner.invoke(app, ["speakers", "rename", str(path), "SPEAKER_9", "Son"])
    assert res.exit_code == 2 and "no speaker 'SPEAKER_9'" in res.output


def test_enrolment_needs_enough_speech(visit_audio: DecodedAudio) -> None:
    from assistant.diarization import enrol

    short = dataclasses.replace(visit_audio, samples=visit_audio.samples[: 16000 * 3])
    with pytest.raises(BadInputError, match="at least 5 s"):
        enrol(short, "Sarah")
