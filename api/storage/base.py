"""The storage interface: named binary objects. A local directory today; an S3-compatible store later.

Keys are relative names like `visits/<id>/audio.3f2a.enc` built by the service, never from anything a
client sent. A write is atomic: the object appears complete when the writer closes without error,
and nothing is left behind when it fails.
"""

from __future__ import annotations

import errno
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import BinaryIO, ClassVar

from core.errors import OffsetError

_KEY = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")


class StorageError(OffsetError):
    """The storage backend failed (full, unwritable, unreachable); the message says what to check."""


class StorageFullError(StorageError):
    """No space left where artefacts are stored."""


class ObjectNotFoundError(StorageError):
    """No object with that key."""


def storage_error(e: OSError, where: Path | str) -> StorageError:
    """Turn an OS error into a storage error whose message says what to check."""
    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageFullError(
            f"The storage at {where} is full. Free space there (or move OFFSET_STORAGE_DIR to a larger disk) "
            "and upload again; nothing of this upload was kept."
        )
    return StorageError(f"Cannot write to the storage at {where} ({e.strerror}). Check it is mounted and writable.")


def check_key(key: str) -> str:
    """Refuse keys that could escape the store (`..`, absolute paths, odd characters)."""
    if not _KEY.match(key) or ".." in key.split("/"):
        raise ValueError(f"invalid storage key {key!r}")
    return key


class Storage(ABC):
    """Where artefacts live. Subclasses: `LocalStorage` (a directory)."""

    name: ClassVar[str]

    @abstractmethod
    def writer(self, key: str) -> AbstractContextManager[BinaryIO]:
        """A binary stream; the object exists under `key` once the block exits without error."""

    @abstractmethod
    def open(self, key: str) -> BinaryIO:
        """A seekable binary stream over the object (ranged reads on a remote store)."""

    @abstractmethod
    def size(self, key: str) -> int:
        """Size of the stored object in bytes."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; a missing one is not an error."""

    def destroy(self, key: str) -> None:
        """Remove the object so that it cannot be read back (retention); a missing one is not an error.

        A backend that can overwrite in place first destroys the encryption header (which holds the
        file's salt, without which no part of it can be decrypted), then deletes.
        """
        self.delete(key)

    @abstractmethod
    def keys(self, prefix: str = "") -> Iterator[str]:
        """Every stored key under `prefix`."""

    def check_writable(self) -> None:
        """Raise StorageError if objects cannot be written now (used by the health check)."""
        with self.writer("health/check") as f:
            f.write(b"ok")
        self.delete("health/check")
