"""Errors the web pages raise; `api.web.error_pages` turns each into a page that says what to do."""

from __future__ import annotations

from core.errors import ConfigurationError, OffsetError


class FrontendAssetsMissingError(ConfigurationError):
    """govuk-frontend or the compiled stylesheet is not installed; the message names the command."""


class WebPageError(OffsetError):
    """A request the pages refuse; `status_code` is the HTTP status of the page shown."""

    status_code = 400


class SignInRequiredError(WebPageError):
    """The page needs a signed-in user; the browser is sent to the sign-in page."""

    status_code = 401


class PageForbiddenError(WebPageError):
    """The signed-in user's role or team may not see this page."""

    status_code = 403


class PageNotFoundError(WebPageError):
    """Nothing here that this user may see (a visit of another team looks exactly like a missing one)."""

    status_code = 404


class PageConflictError(WebPageError):
    """The action does not fit the state the record is in (the message says which, and what to do)."""

    status_code = 409


class CsrfError(WebPageError):
    """A form arrived without this site's CSRF token (expired page, or sent from another site)."""

    status_code = 403


class SignInError(OffsetError):
    """Signing in failed; the message is safe to show on the sign-in page."""


class InvalidCredentialsError(SignInError):
    """The email address and password do not match an active account."""


class TooManyAttemptsError(SignInError):
    """Too many failed sign-ins for this account or address; `retry_after_seconds` says how long to wait."""

    def __init__(self, message: str, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


class SignInUnavailableError(SignInError):
    """This server has no sign-in back end configured."""
