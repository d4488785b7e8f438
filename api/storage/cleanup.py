"""Remove what a crash can leave in storage: half-written files, and objects no database row names.

A server killed mid-upload leaves a `.part` file; one killed between storing an upload and
recording it leaves a stored object with no visit. Both are removed once they are older than
`grace` (another process may still be writing a young one). `offset serve` runs this on start.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from sqlalchemy import select

from api.context import ServiceContext
from api.db.models import Artefact, DraftVersion, User
from api.storage.local import LocalStorage

log = logging.getLogger(__name__)


def remove_leftovers(ctx: ServiceContext, grace: timedelta = timedelta(hours=1)) -> int:
    storage = ctx.store.storage
    if not isinstance(storage, LocalStorage):
        return 0
    cutoff = time.time() - grace.total_seconds()
    removed = 0
    for part in list(storage.partial_files()):
        if part.stat().st_mtime < cutoff:
            part.unlink(missing_ok=True)
            removed += 1
    with ctx.db.session() as s:
        known = set(s.scalars(select(Artefact.storage_key)))
        known |= {k for k in s.scalars(select(User.voice_profile_key)) if k}
        known |= set(s.scalars(select(DraftVersion.storage_key)))  # edited draft versions (api/review)
    for key in list(storage.keys("visits")) + list(storage.keys("users")):
        if key not in known and (storage.root / key).stat().st_mtime < cutoff:
            storage.delete(key)
            removed += 1
    if removed:
        log.info("removed %d leftover file(s) from storage", removed)
    return removed
