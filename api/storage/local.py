"""Storage in a local directory (or any mounted file system shared by the workers)."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from api.storage.base import ObjectNotFoundError, Storage, check_key, storage_error

WIPE_BYTES = 4096  # the encryption header (36 bytes) and the start of the first chunk


class LocalStorage(Storage):
    """Objects as files under `root`; writes go to a temporary name and are renamed into place."""

    name = "local"

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

    @contextlib.contextmanager
    def writer(self, key: str) -> Iterator[BinaryIO]:
        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("xb") as f:
                yield f
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise storage_error(e, self.root) from e
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def open(self, key: str) -> BinaryIO:
        try:
            return self._path(key).open("rb")
        except FileNotFoundError as e:
            raise ObjectNotFoundError(
                f"{key} is missing from the storage at {self.root}. Restore it from a backup."
            ) from e

    def size(self, key: str) -> int:
        try:
            return self._path(key).stat().st_size
        except FileNotFoundError as e:
            raise ObjectNotFoundError(f"{key} is missing from the storage at {self.root}.") from e

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def destroy(self, key: str) -> None:
        """Overwrite the start of the file (the encryption header with its salt) in place, then delete it."""
        path = self._path(key)
        try:
            with path.open("r+b") as f:
                size = f.seek(0, os.SEEK_END)
                f.seek(0)
                f.write(b"\0" * min(size, WIPE_BYTES))
                f.flush()
                os.fsync(f.fileno())
        except FileNotFoundError:
            return
        path.unlink(missing_ok=True)

    def keys(self, prefix: str = "") -> Iterator[str]:
        base = self.root / prefix if prefix else self.root
        if not base.exists():
            return
        for p in sorted(base.rglob("*")):
            if p.is_file() and not p.name.startswith("."):
                yield p.relative_to(self.root).as_posix()

    def partial_files(self) -> Iterator[Path]:
        """Temporary files left by writers that were killed mid-write."""
        if self.root.exists():
            yield from self.root.rglob(".*.part")
