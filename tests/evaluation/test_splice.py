"""Real-voice recordings spliced from solo speech: the right turns, only tuned excerpts, scored as tuning."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from evaluation.datasets.rttm import AnnotatedRecording, load_rttm_folder
from evaluation.datasets.splice import AMI_TUNED_SPLICES, SAMPLE_RATE, build, solo_speaker, splice
from evaluation.speaker_eval import AMI_TUNED, rttm_tuned
from evaluation.synth import write_wav

TURNS = (("alice", 0.5, 2.0), ("alice", 2.4, 4.0), ("bob", 3.8, 6.0), ("bob", 6.5, 8.0))


def _recording(tmp_path: Path) -> AnnotatedRecording:
    return AnnotatedRecording("rec1", tmp_path / "rec1.wav", TURNS, (0.0, 8.0))


def test_a_piece_is_one_speaker_alone_or_refused(tmp_path: Path) -> None:
    assert solo_speaker(TURNS, 0.0, 3.7) == "alice"
    assert solo_speaker(TURNS, 4.03, 8.0) == "bob"  # alice's last 0.03 s touch it: rounding, not speech
    assert solo_speaker(TURNS, 3.0, 5.0) is None  # both talk
    assert solo_speaker(TURNS, 8.5, 9.0) is None  # nobody
    samples = {"rec1": np.zeros(8 * SAMPLE_RATE, dtype=np.float32)}
    with pytest.raises(ValueError, match="not one speaker alone"):
        splice({"rec1": _recording(tmp_path)}, samples, [("rec1", 3.0, 5.0)])


def test_turns_follow_the_pieces_and_keep_their_pauses(tmp_path: Path) -> None:
    samples = {"rec1": np.arange(8 * SAMPLE_RATE, dtype=np.float32) / (8 * SAMPLE_RATE)}
    signal, turns = splice({"rec1": _recording(tmp_path)}, samples, [("rec1", 6.0, 8.0), ("rec1", 0.0, 3.7)])
    assert len(signal) == int(5.7 * SAMPLE_RATE)
    assert signal[0] == samples["rec1"][6 * SAMPLE_RATE]  # bob's piece comes first
    assert turns == [("bob", 0.5, 2.0), ("alice", 2.5, 4.0), ("alice", 4.4, 5.7)]


def test_build_writes_a_folder_the_rttm_eval_reads(tmp_path: Path) -> None:
    source = tmp_path / "source"
    tone = 0.1 * np.sin(np.arange(8 * SAMPLE_RATE) * 2 * np.pi * 220 / SAMPLE_RATE)
    write_wav(source / "rec1.wav", tone.astype(np.float32))
    lines = [f"SPEAKER rec1 1 {a:.2f} {b - a:.2f} <NA> <NA> {s} <NA> <NA>" for s, a, b in TURNS]
    (source / "x.rttm").write_text("\n".join(lines) + "\n")
    plans = {"splice_test": [("rec1", 6.0, 8.0), ("rec1", 0.0, 3.7)]}
    assert build(source, tmp_path / "out", plans) == ["splice_test"]
    (rec,) = load_rttm_folder(tmp_path / "out")
    assert rec.id == "splice_test" and rec.scored == (0.0, 5.7)
    assert rec.turns == (("bob", 0.5, 2.0), ("alice", 2.5, 4.0), ("alice", 4.4, 5.7))


def test_the_ami_splices_use_only_tuned_excerpts_and_count_as_tuning() -> None:
    assert {rec for pieces in AMI_TUNED_SPLICES.values() for rec, _, _ in pieces} <= AMI_TUNED
    assert all(rttm_tuned(name) for name in AMI_TUNED_SPLICES)
    assert rttm_tuned("trn03") and not rttm_tuned("trn05")
