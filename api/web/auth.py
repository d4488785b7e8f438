"""How the pages sign people in: one small interface the service's accounts plug into.

The pages never see passwords or tokens' insides. They hand the sign-in form to an
`Authenticator`, keep the token it returns in an HttpOnly session cookie, and ask the
authenticator who a token belongs to on each request. The service (issue 9) provides the real
one over its accounts and tokens; `mount_web(app, authenticator=...)` wires it in. Until it is
wired, `UnavailableAuthenticator` refuses every sign-in with a message saying so.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Literal

from api.web.errors import SignInUnavailableError

Role = Literal["practitioner", "supervisor", "evaluator", "admin"]

ROLE_NAMES: dict[str, str] = {
    "practitioner": "Practitioner",
    "supervisor": "Supervisor",
    "evaluator": "Evaluator",
    "admin": "Administrator",
}


@dataclass(frozen=True)
class WebUser:
    """Who is signed in, as far as the pages need to know. An account may hold several roles."""

    id: str
    email: str
    name: str
    roles: frozenset[Role]
    team: str | None = None

    def has_any(self, roles: tuple[Role, ...]) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def role_names(self) -> str:
        """'Practitioner', or 'Administrator and Supervisor'."""
        return " and ".join(ROLE_NAMES[r] for r in sorted(self.roles))


class Authenticator(ABC):
    """Signs people in and tells the pages who a session token belongs to."""

    name: str = "abstract"

    @abstractmethod
    def sign_in(self, email: str, password: str, *, client: str) -> str:
        """Check the credentials and return a new session token.

        `client` is the caller's address, for rate limiting and the audit log. Raises
        `InvalidCredentialsError`, `TooManyAttemptsError` or `SignInUnavailableError`.
        """

    @abstractmethod
    def user_for_token(self, token: str) -> WebUser | None:
        """The user a token belongs to, or None when it is unknown, expired or revoked."""

    @abstractmethod
    def sign_out(self, token: str) -> None:
        """End the session the token belongs to (a no-op for an unknown token)."""


class UnavailableAuthenticator(Authenticator):
    """The default until the service's accounts are wired in: nobody can sign in, and the page says why."""

    name = "unavailable"

    def sign_in(self, email: str, password: str, *, client: str) -> str:
        raise SignInUnavailableError(
            "Signing in is not set up on this server yet. Ask the person who runs it to start the full "
            "service (`offset serve`)."
        )

    def user_for_token(self, token: str) -> WebUser | None:
        return None

    def sign_out(self, token: str) -> None:
        return None
