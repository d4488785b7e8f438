"""Encryption at rest: files as a stream of AES-256-GCM chunks, readable from any offset.

Format (one file): a 36-byte header, then chunks of `chunk_size` plaintext bytes, each sealed with
its own 16-byte tag; the last chunk (possibly empty) is marked in its nonce, so a truncated file is
refused, not silently shortened. Each file has a random salt; its key is derived (HKDF-SHA256) from
the data key, the salt and the object's name, so a file moved under another name does not open and
chunk counters never repeat under one key. Memory stays flat whatever the file size: writers and
readers hold one chunk at a time, and a reader seeks straight to the chunk holding an offset
(range requests on audio).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import os
import struct
from functools import lru_cache
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.errors import ConfigurationError, OffsetError

MAGIC = b"OFFSETE1"
HEADER = struct.Struct(">8s8s16sI")  # magic, key id, salt, chunk size
TAG = 16
DEFAULT_CHUNK = 64 * 1024
_KDF_SALT = b"offset-data-key-v1"


class DataKeyError(ConfigurationError):
    """A stored file was encrypted with another data key."""


class DamagedFileError(OffsetError):
    """A stored file fails authentication: truncated, altered or not an Offset file."""


@lru_cache(maxsize=8)
def master_key(secret: str) -> bytes:
    """32 bytes from OFFSET_DATA_KEY: a base64 32-byte key as is, any other string through PBKDF2."""
    try:
        raw = base64.urlsafe_b64decode(secret.encode())
        if len(raw) == 32:
            return raw
    except (ValueError, TypeError):
        pass
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), _KDF_SALT, 200_000)


class Cipher:
    """Seals and opens files with keys derived from one master key."""

    def __init__(self, secret: str, chunk_size: int = DEFAULT_CHUNK) -> None:
        self._master = master_key(secret)
        self.key_id = hmac.new(self._master, b"offset-key-id", "sha256").digest()[:8]
        self.chunk_size = chunk_size

    def _file_key(self, salt: bytes, name: str) -> AESGCM:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"offset-file-v1:" + name.encode())
        return AESGCM(hkdf.derive(self._master))

    def new_header(self, name: str) -> tuple[bytes, AESGCM]:
        salt = os.urandom(16)
        header = HEADER.pack(MAGIC, self.key_id, salt, self.chunk_size)
        return header, self._file_key(salt, name)

    def open_header(self, header: bytes, name: str) -> tuple[AESGCM, int]:
        """The file key and chunk size from a header; a foreign key or format raises a clear error."""
        if len(header) != HEADER.size:
            raise DamagedFileError(f"{name}: too short to be an encrypted Offset file. Restore it from a backup.")
        magic, key_id, salt, chunk_size = HEADER.unpack(header)
        if magic != MAGIC:
            raise DamagedFileError(f"{name}: not an encrypted Offset file. Restore it from a backup.")
        if key_id != self.key_id:
            raise DataKeyError(
                f"{name} was encrypted with another data key (key id {key_id.hex()}, this service has "
                f"{self.key_id.hex()}). Set OFFSET_DATA_KEY to the key in use when it was stored."
            )
        return self._file_key(salt, name), chunk_size


def _nonce(index: int, last: bool) -> bytes:
    return struct.pack(">QB3x", index, 1 if last else 0)


class EncryptingWriter(io.RawIOBase):
    """Encrypts what is written to it into `sink`, one chunk at a time; `close()` seals the end."""

    def __init__(self, sink: BinaryIO, cipher: Cipher, name: str) -> None:
        self._sink = sink
        self._header, self._aead = cipher.new_header(name)
        self._chunk = cipher.chunk_size
        self._buf = bytearray()
        self._index = 0
        self._sha = hashlib.sha256()
        self.plaintext_size = 0
        sink.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        self._buf += data
        self._sha.update(data)
        self.plaintext_size += len(data)
        # Keep back up to one chunk: only close() knows which chunk is the last.
        while len(self._buf) > self._chunk:
            self._seal(bytes(self._buf[: self._chunk]), last=False)
            del self._buf[: self._chunk]
        return len(data)

    def _seal(self, plain: bytes, last: bool) -> None:
        self._sink.write(self._aead.encrypt(_nonce(self._index, last), plain, self._header))
        self._index += 1

    @property
    def sha256(self) -> str:
        """SHA-256 of the plaintext written so far."""
        return self._sha.hexdigest()

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buf), last=True)
            self._buf.clear()
        super().close()


class DecryptingReader(io.RawIOBase):
    """A seekable, read-only view of the plaintext of an encrypted file."""

    def __init__(self, source: BinaryIO, cipher: Cipher, name: str, size: int) -> None:
        self._src = source
        self._name = name
        source.seek(0)
        self._header = source.read(HEADER.size)
        self._aead, self._chunk = cipher.open_header(self._header, name)
        body = size - HEADER.size
        self._sealed = self._chunk + TAG
        self._n_chunks = max(1, -(-body // self._sealed))
        if body < TAG:
            raise DamagedFileError(f"{name}: the encrypted file is truncated. Restore it from a backup.")
        self.size = body - self._n_chunks * TAG
        self._pos = 0
        self._cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self.size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def _chunk_plain(self, index: int) -> bytes:
        if self._cached is not None and self._cached[0] == index:
            return self._cached[1]
        self._src.seek(HEADER.size + index * self._sealed)
        sealed = self._src.read(self._sealed)
        try:
            plain = self._aead.decrypt(_nonce(index, index == self._n_chunks - 1), sealed, self._header)
        except InvalidTag as e:
            raise DamagedFileError(
                f"{self._name}: chunk {index} fails authentication (the file was altered or truncated). "
                "Restore it from a backup."
            ) from e
        self._cached = (index, plain)
        return plain

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._pos >= self.size:
            return 0
        index, within = divmod(self._pos, self._chunk)
        plain = self._chunk_plain(index)[within : within + len(buffer)]
        n = len(plain)
        buffer[:n] = plain
        self._pos += n
        return n

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            size = self.size - self._pos
        out = bytearray()
        while len(out) < size:
            part = bytearray(min(size - len(out), self._chunk))
            n = self.readinto(part)
            if n == 0:
                break
            out += part[:n]
        return bytes(out)

    def close(self) -> None:
        if not self.closed:
            self._src.close()
        super().close()
