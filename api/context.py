"""What a server or worker process holds: settings, database, encrypted storage and the job queue.

Built once per process by `build_context()`; the app keeps it on `app.state.context` and the
worker passes it to the job runner. Nothing here connects or loads until it is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from api.auth import AuthBackend, LoginLimiter, Passwords, get_backend
from api.db import Database
from api.settings import ServiceSettings
from api.storage import EncryptedStore, build_store

if TYPE_CHECKING:
    from api.jobs.base import JobQueue


@dataclass
class ServiceContext:
    settings: ServiceSettings
    db: Database
    store: EncryptedStore
    auth: AuthBackend
    limiter: LoginLimiter
    passwords: Passwords
    queue: JobQueue | None = field(default=None)

    def close(self) -> None:
        if self.queue is not None:
            self.queue.stop()
        self.db.dispose()


def build_context(settings: ServiceSettings) -> ServiceContext:
    """Connectors for these settings (the queue is attached by the caller: server or worker)."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    passwords = Passwords(settings.password_hash_time_cost, settings.password_hash_memory_kib)
    return ServiceContext(
        settings=settings,
        db=Database(settings.resolved_database_url),
        store=build_store(settings),
        auth=get_backend(settings.auth_backend, passwords),
        limiter=LoginLimiter(settings.login_max_failures, settings.login_window_minutes),
        passwords=passwords,
    )
