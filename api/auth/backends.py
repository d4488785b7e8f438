"""How users prove who they are, behind one interface (password today; OIDC can be added here).

A backend turns credentials into a `User` or raises `NotAuthenticated`; the token service and the
permissions do not care which backend signed the user in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from api.auth.passwords import Passwords
from api.db.models import User
from api.errors import NotAuthenticated


class AuthBackend(Protocol):
    name: ClassVar[str]

    def authenticate(self, session: Session, username: str, password: str) -> User:
        """The user these credentials belong to; NotAuthenticated otherwise."""
        ...


class PasswordBackend:
    """Email and password, checked against the argon2 hash in the database."""

    name: ClassVar[str] = "password"

    def __init__(self, passwords: Passwords) -> None:
        self.passwords = passwords

    def authenticate(self, session: Session, username: str, password: str) -> User:
        user = session.scalars(select(User).where(User.email == username.strip().lower())).one_or_none()
        ok = self.passwords.verify(user.password_hash if user else None, password)
        if user is None or not ok or not user.active:
            raise NotAuthenticated(
                "Email or password not recognised. Check them and try again, or ask an admin to reset your "
                "password (`offset users set-password EMAIL`)."
            )
        if user.password_hash and self.passwords.needs_rehash(user.password_hash):
            user.password_hash = self.passwords.hash(password)
        return user


BACKENDS: dict[str, Callable[[Passwords], AuthBackend]] = {"password": PasswordBackend}


def get_backend(name: str, passwords: Passwords) -> AuthBackend:
    return BACKENDS[name](passwords)
