"""The re-identification vault: placeholder -> real value, only ever on disk Fernet-encrypted."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from core.outputs import atomic_write_bytes
from redaction.errors import VaultError, VaultNotFoundError

_KDF_SALT = b"offset-vault-v1"
_KDF_ROUNDS = 200_000


def derive_key(secret: str) -> bytes:
    """A Fernet key from any secret string (PBKDF2-SHA256); a Fernet key itself is used as is."""
    try:
        raw = base64.urlsafe_b64decode(secret.encode())
        if len(raw) == 32:
            return secret.encode()
    except (ValueError, TypeError):
        pass
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), _KDF_SALT, _KDF_ROUNDS)
    return base64.urlsafe_b64encode(digest)


class Vault:
    """Encrypts and decrypts the placeholder map with a key from `settings.vault_key`."""

    def __init__(self, key: str) -> None:
        self._fernet = Fernet(derive_key(key))

    def encrypt(self, entries: dict[str, str]) -> bytes:
        """The encrypted token for `entries`."""
        return self._fernet.encrypt(json.dumps(entries, sort_keys=True).encode("utf-8"))

    def decrypt(self, token: bytes) -> dict[str, str]:
        """The entries inside `token`; a wrong key raises `VaultError`."""
        try:
            data = self._fernet.decrypt(token)
        except InvalidToken as e:
            raise VaultError(
                "Cannot open the vault: the key does not match (or the file is damaged). "
                "Use the OFFSET_VAULT_KEY that was set when this visit was processed."
            ) from e
        return dict(json.loads(data.decode("utf-8")))

    def save(self, path: Path, entries: dict[str, str]) -> None:
        """Write `entries` encrypted to `path` (nothing is written in clear)."""
        atomic_write_bytes(path, self.encrypt(entries))

    def load(self, path: Path) -> dict[str, str]:
        """Read and decrypt a vault file."""
        try:
            token = path.read_bytes()
        except FileNotFoundError as e:
            raise VaultNotFoundError(f"{path}: no vault file there. Check the path.") from e
        return self.decrypt(token)


def reidentify(text: str, entries: dict[str, str]) -> str:
    """Put real values back in place of placeholders (for an approved, authorised export only)."""
    for placeholder in sorted(entries, key=len, reverse=True):
        text = text.replace(placeholder, entries[placeholder])
    return text
