"""Failed sign-ins are limited per account and per address, counted in the database (so every
server process and machine shares the count)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.db.models import LoginAttempt
from api.errors import RateLimited

ADDRESS_FACTOR = 4  # an address may fail for a few accounts (a shared office) before it is held back


class LoginLimiter:
    def __init__(self, max_failures: int, window_minutes: int) -> None:
        self.max_failures = max_failures
        self.window = timedelta(minutes=window_minutes)

    def _failures(self, session: Session, column: str, value: str, since: datetime) -> tuple[int, datetime | None]:
        col = getattr(LoginAttempt, column)
        row = session.execute(
            select(func.count(), func.min(LoginAttempt.at)).where(
                col == value, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since
            )
        ).one()
        return int(row[0]), row[1]

    def check(self, session: Session, username: str, address: str) -> None:
        """Raise RateLimited (429, Retry-After) when this account or address has failed too often."""
        now = datetime.now(UTC)
        since = now - self.window
        for column, value, limit in (
            ("username", username, self.max_failures),
            ("address", address, self.max_failures * ADDRESS_FACTOR),
        ):
            count, oldest = self._failures(session, column, value, since)
            if count >= limit:
                oldest = oldest or now
                if oldest.tzinfo is None:
                    oldest = oldest.replace(tzinfo=UTC)
                wait = max(1, int((oldest + self.window - now).total_seconds()) + 1)
                raise RateLimited(
                    f"Too many failed sign-ins ({count} in {int(self.window.total_seconds() // 60)} minutes). "
                    f"Wait {max(1, wait // 60)} minute(s) and try again, or ask an admin to reset your password.",
                    headers={"Retry-After": str(wait)},
                )

    def record(self, session: Session, username: str, address: str, succeeded: bool) -> None:
        session.add(LoginAttempt(username=username, address=address, succeeded=succeeded))
