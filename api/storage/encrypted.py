"""Encrypted objects on any `Storage`: what the service writes and reads (nothing in clear on disk)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from api.storage.base import Storage
from api.storage.encryption import Cipher, DecryptingReader, EncryptingWriter


@dataclass
class Written:
    """What was stored: the key, the plaintext size and its SHA-256."""

    key: str
    size: int
    sha256: str


class EncryptedStore:
    """Seals every object with the data key before it reaches the storage backend."""

    def __init__(self, storage: Storage, cipher: Cipher) -> None:
        self.storage = storage
        self.cipher = cipher

    @contextlib.contextmanager
    def writer(self, key: str) -> Iterator[EncryptingWriter]:
        """Stream plaintext in; it is stored encrypted, atomically, when the block exits cleanly."""
        with self.storage.writer(key) as sink:
            enc = EncryptingWriter(sink, self.cipher, key)
            yield enc
            enc.close()

    def write_bytes(self, key: str, data: bytes) -> Written:
        with self.writer(key) as w:
            w.write(data)
        return Written(key, w.plaintext_size, w.sha256)

    def write_model(self, key: str, model: BaseModel) -> Written:
        return self.write_bytes(key, model.model_dump_json().encode("utf-8"))

    def open(self, key: str) -> DecryptingReader:
        """A seekable reader of the plaintext."""
        size = self.storage.size(key)
        return DecryptingReader(self.storage.open(key), self.cipher, key, size)

    def read_bytes(self, key: str) -> bytes:
        with self.open(key) as r:
            return r.read()

    def delete(self, key: str) -> None:
        self.storage.delete(key)

    def destroy(self, key: str) -> None:
        """Delete so that the object cannot be read back (see `Storage.destroy`)."""
        self.storage.destroy(key)

    def exists(self, key: str) -> bool:
        return self.storage.exists(key)
