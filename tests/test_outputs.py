"""Outputs are never overwritten unless asked, never half-written, and the folder is checked first."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from core.errors import OutputExistsError, OutputNotWritableError
from core.outputs import StagedOutputs, atomic_write_text, check_output_dir, check_output_file


def test_atomic_write_replaces_in_one_step_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    atomic_write_text(path, "old")
    atomic_write_text(path, "new")
    assert path.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.json"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data: the owner's only


def test_interrupted_staged_write_leaves_the_earlier_files_untouched(tmp_path: Path) -> None:
    (tmp_path / "transcript.json").write_text("earlier run")
    with pytest.raises(KeyboardInterrupt), StagedOutputs() as staged:
        staged.add(tmp_path / "transcript.json", "new run")
        staged.add(tmp_path / "vault.bin", b"secret")
        raise KeyboardInterrupt  # Ctrl-C before the set is complete
    assert sorted(p.name for p in tmp_path.iterdir()) == ["transcript.json"]
    assert (tmp_path / "transcript.json").read_text() == "earlier run"


def test_existing_outputs_are_refused_with_the_way_out(tmp_path: Path) -> None:
    (tmp_path / "vault.bin").write_bytes(b"the only key to an earlier draft")
    with pytest.raises(OutputExistsError, match=r"vault\.bin.*another --out.*--force"):
        check_output_dir(tmp_path, ["transcript.json", "vault.bin"])
    check_output_dir(tmp_path, ["transcript.json", "vault.bin"], force=True)
    with pytest.raises(OutputExistsError, match="--force"):
        check_output_file(tmp_path / "vault.bin", option="--vault")


def test_unwritable_folder_is_refused_before_any_work(unwritable_dir: Path) -> None:
    with pytest.raises(OutputNotWritableError, match=r"Cannot write to .*--out"):
        check_output_dir(unwritable_dir, ["transcript.json"])
