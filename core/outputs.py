"""Writing outputs safely: never over an earlier run's files unless asked, never half a file.

Shared by the CLI, the pipeline and (next) the service's job worker and storage:
- `check_output_dir(dir, names, force)` before any work: the folder can be created and written,
  and none of the outputs exist yet (or `force`); the error says how to choose another.
- `atomic_write_bytes` / `atomic_write_text`: a temporary file in the same folder, flushed to
  disk, then renamed over the target, so a reader (or an interrupted run) sees the old file or
  the new one, never a part. Files are readable by their owner only: they hold personal data.
- `StagedOutputs`: several files written to temporaries first and renamed together at the end,
  so an interrupted run leaves none of them rather than a mixture of two runs.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from core.errors import OutputExistsError, OutputNotWritableError

PART_SUFFIX = ".part"


def _temp_in(directory: Path, name: str) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=PART_SUFFIX)
    return fd, Path(tmp)


def _write_temp(path: Path, data: bytes) -> Path:
    """`data` in a flushed temporary file beside `path`; the caller renames or removes it."""
    fd, tmp = _temp_in(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _sync_dir(directory: Path) -> None:
    """Make the renames durable (best effort: not every filesystem lets a folder be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step: the old content or the new, never a part."""
    tmp = _write_temp(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_dir(path.parent)


def atomic_write_text(path: Path, text: str) -> None:
    """`atomic_write_bytes` of UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))


class StagedOutputs:
    """Files staged as temporaries and renamed into place together by `commit()`.

    Used as a context manager, an exception (Ctrl-C included) before `commit()` removes every
    temporary, so the folder holds the earlier files or the complete new set.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def add(self, path: Path, data: bytes | str) -> None:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self._staged.append((_write_temp(path, raw), path))

    def commit(self) -> None:
        for tmp, path in self._staged:
            os.replace(tmp, path)
        for directory in {path.parent for _, path in self._staged}:
            _sync_dir(directory)
        self._staged = []

    def discard(self) -> None:
        for tmp, _ in self._staged:
            tmp.unlink(missing_ok=True)
        self._staged = []

    def __enter__(self) -> StagedOutputs:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()


def check_writable_dir(directory: Path, option: str = "--out") -> None:
    """Create `directory` if needed and prove a file can be written there (permissions, read-only disks)."""
    if directory.exists() and not directory.is_dir():
        raise OutputNotWritableError(f"{directory} exists and is not a folder. Choose another {option}.")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temp_in(directory, "write-check")
        os.close(fd)
        tmp.unlink()
    except OSError as e:
        raise OutputNotWritableError(
            f"Cannot write to {directory} ({e.strerror or e}). Choose a folder you can write to with {option}, "
            "or fix its permissions."
        ) from e


def existing(paths: Iterable[Path]) -> list[Path]:
    """The paths that already exist."""
    return [p for p in paths if p.exists()]


def refuse_overwrite(paths: Iterable[Path], force: bool, option: str = "--out") -> None:
    """Raise `OutputExistsError` when any of `paths` exists, unless `force`."""
    found = existing(paths)
    if found and not force:
        names = ", ".join(p.name for p in found[:6]) + (" ..." if len(found) > 6 else "")
        where = found[0].parent
        raise OutputExistsError(
            f"{where} already holds the output of an earlier run ({names}); Offset never overwrites it. "
            f"Choose another {option}, or pass --force to replace those files."
        )


def check_output_dir(directory: Path, names: Iterable[str], force: bool = False, option: str = "--out") -> None:
    """Before any work: `directory` is writable and holds none of `names` (unless `force`)."""
    check_writable_dir(directory, option)
    refuse_overwrite((directory / n for n in names), force, option)


def check_output_file(path: Path, force: bool = False, option: str = "--out") -> None:
    """Before any work: `path` can be written and does not exist yet (unless `force`)."""
    if path.is_dir():
        raise OutputNotWritableError(f"{path} is a folder. Give a file name with {option}.")
    check_writable_dir(path.parent if str(path.parent) else Path("."), option)
    if path.exists() and not force:
        raise OutputExistsError(
            f"{path} already exists; Offset never overwrites it. Choose another {option}, or pass --force "
            "to replace it."
        )
