"""Encryption at rest: chunked AES-256-GCM that streams, seeks, and refuses altered, truncated,
renamed or foreign-key files; production refuses the development keys."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from api.settings import ServiceSettings
from api.storage import Cipher, DamagedFileError, DataKeyError, EncryptedStore, LocalStorage
from core.errors import ConfigurationError


@pytest.fixture
def store(tmp_path: Path) -> EncryptedStore:
    return EncryptedStore(LocalStorage(tmp_path), Cipher("a long test data key, not the default", chunk_size=1000))


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 2000, 4321])
def test_round_trip_and_random_access(store: EncryptedStore, size: int) -> None:
    data = os.urandom(size)
    written = store.write_bytes("v/a.enc", data)
    assert written.size == size
    assert store.read_bytes("v/a.enc") == data
    with store.open("v/a.enc") as r:
        assert r.size == size
        for offset in (0, 7, 999, 1000, 1500, size):
            r.seek(offset)
            assert r.read(1100) == data[offset : offset + 1100]


def test_nothing_in_clear_on_disk(store: EncryptedStore, tmp_path: Path) -> None:
    secret = b"Margaret Thompson, NHS number 943 476 5919" * 50
    store.write_bytes("v/t.enc", secret)
    raw = (tmp_path / "v" / "t.enc").read_bytes()
    assert b"Thompson" not in raw and b"943" not in raw
    assert len(raw) > len(secret)


def test_truncated_or_altered_files_are_refused(store: EncryptedStore, tmp_path: Path) -> None:
    store.write_bytes("v/x.enc", os.urandom(3500))
    path = tmp_path / "v" / "x.enc"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) - 1016])  # the last whole chunk cut off
    with pytest.raises(DamagedFileError, match="altered or truncated"):
        store.read_bytes("v/x.enc")
    flipped = bytearray(raw)
    flipped[100] ^= 1
    path.write_bytes(bytes(flipped))
    with pytest.raises(DamagedFileError):
        store.read_bytes("v/x.enc")


def test_a_file_moved_under_another_name_does_not_open(store: EncryptedStore, tmp_path: Path) -> None:
    store.write_bytes("v/visit-a.enc", b"visit a transcript")
    (tmp_path / "v" / "visit-b.enc").write_bytes((tmp_path / "v" / "visit-a.enc").read_bytes())
    with pytest.raises(DamagedFileError):
        store.read_bytes("v/visit-b.enc")


def test_wrong_data_key_says_which_key_to_set(store: EncryptedStore, tmp_path: Path) -> None:
    store.write_bytes("v/k.enc", b"x")
    other = EncryptedStore(LocalStorage(tmp_path), Cipher("another key entirely"))
    with pytest.raises(DataKeyError, match="OFFSET_DATA_KEY"):
        other.read_bytes("v/k.enc")


def test_streaming_writes_hold_one_chunk(store: EncryptedStore) -> None:
    with store.writer("v/big.enc") as w:
        for _ in range(300):
            w.write(b"x" * 777)
            assert len(w._buf) <= 1000  # never more than one chunk buffered
    assert store.open("v/big.enc").size == 300 * 777


def test_storage_keys_cannot_escape(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path / "store")
    for key in ("../x", "/etc/passwd", "a/../../b", "a//b", ".hidden"):
        with pytest.raises(ValueError, match="invalid storage key"):
            storage.exists(key)


@pytest.mark.parametrize("variable", ["OFFSET_DATA_KEY", "OFFSET_SECRET_KEY"])
def test_production_refuses_development_keys(monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    monkeypatch.setenv("OFFSET_MODE", "production")
    monkeypatch.setenv("OFFSET_VAULT_KEY", "a-real-vault-key-for-this-test-0123456789")
    for name in ("OFFSET_DATA_KEY", "OFFSET_SECRET_KEY"):
        if name != variable:
            monkeypatch.setenv(name, "a-real-secret-for-this-test-0123456789abcdef")
    monkeypatch.delenv(variable, raising=False)
    with pytest.raises(ConfigurationError, match=variable):
        ServiceSettings(_env_file=None)  # type: ignore[call-arg]
    monkeypatch.setenv(variable, "a-real-secret-for-this-test-0123456789abcdef")
    assert ServiceSettings(_env_file=None).mode == "production"  # type: ignore[call-arg]
