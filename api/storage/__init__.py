"""Artefact storage behind one interface (`Storage`), encrypted at rest (`EncryptedStore`).

One registry: `STORAGES`, chosen by `OFFSET_STORAGE`. An S3-compatible backend adds a class here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from api.storage.base import ObjectNotFoundError, Storage, StorageError, StorageFullError, storage_error
from api.storage.encrypted import EncryptedStore, Written
from api.storage.encryption import Cipher, DamagedFileError, DataKeyError
from api.storage.local import LocalStorage

if TYPE_CHECKING:
    from api.settings import ServiceSettings


def _local(settings: ServiceSettings) -> Storage:
    return LocalStorage(settings.resolved_storage_dir)


# Backend name -> factory; an S3-compatible store adds an entry (its settings in ServiceSettings).
STORAGES: dict[str, Callable[[ServiceSettings], Storage]] = {"local": _local}

__all__ = [
    "STORAGES",
    "Cipher",
    "DamagedFileError",
    "DataKeyError",
    "EncryptedStore",
    "LocalStorage",
    "ObjectNotFoundError",
    "Storage",
    "StorageError",
    "StorageFullError",
    "Written",
    "build_store",
    "storage_error",
]


def build_store(settings: ServiceSettings) -> EncryptedStore:
    """The encrypted store over the configured backend."""
    backend = STORAGES[settings.storage](settings)
    return EncryptedStore(backend, Cipher(settings.data_key))
