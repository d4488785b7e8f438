from pathlib import Path

import pytest

from redaction.vault import Vault, VaultError, reidentify


def test_vault_round_trip_is_encrypted_and_reidentifies(tmp_path: Path) -> None:
    entries = {"[PERSON_1]": "Margaret Thompson", "[PHONE_1]": "07700 900123"}
    path = tmp_path / "vault.bin"
    Vault("a long secret").save(path, entries)
    raw = path.read_bytes()
    assert b"Margaret" not in raw and b"07700" not in raw
    loaded = Vault("a long secret").load(path)
    assert loaded == entries
    assert reidentify("[PERSON_1] on [PHONE_1]", loaded) == "Margaret Thompson on 07700 900123"


def test_wrong_key_fails_loudly(tmp_path: Path) -> None:
    path = tmp_path / "vault.bin"
    Vault("right key").save(path, {"[PERSON_1]": "x"})
    with pytest.raises(VaultError, match="key does not match"):
        Vault("wrong key").load(path)
