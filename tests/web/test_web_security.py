"""CSRF, cookies, redirects and headers of the pages, through the real app in process (no browser)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.main import create_app
from api.web.auth import Authenticator, WebUser
from api.web.csrf import verify_csrf
from api.web.errors import InvalidCredentialsError
from api.web.routes.sign_in import safe_next
from api.web.settings import WebSettings
from core.errors import ConfigurationError

HTML = {"accept": "text/html"}


class OneUser(Authenticator):
    """One account, for checks that need a session but no browser."""

    name = "one-user"

    def __init__(self) -> None:
        self.user = WebUser("u-9", "kim@example.org", "Kim Lee", frozenset({"practitioner"}), "North")
        self.revoked: list[str] = []

    def sign_in(self, email: str, password: str, *, client: str) -> str:
        if (email, password) != ("kim@example.org", "pw"):
            raise InvalidCredentialsError("Email address or password not recognised.")
        return "token-kim"

    def user_for_token(self, token: str) -> WebUser | None:
        return self.user if token == "token-kim" and token not in self.revoked else None

    def sign_out(self, token: str) -> None:
        self.revoked.append(token)


@pytest.fixture
def app(web_settings: WebSettings) -> FastAPI:
    application = create_app()
    application.state.web_settings = web_settings
    application.state.web_authenticator = OneUser()
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', html)
    assert match, "every form carries a CSRF token"
    return match.group(1)


def _sign_in(client: TestClient) -> httpx.Response:
    token = _token(client.get("/sign-in", headers=HTML).text)
    response = client.post(
        "/sign-in",
        data={"email": "kim@example.org", "password": "pw", "csrf_token": token},
        headers=HTML,
        follow_redirects=False,
    )
    assert response.status_code == 303
    return response


def test_sign_in_needs_the_pages_token(client: TestClient) -> None:
    token = _token(client.get("/sign-in", headers=HTML).text)
    form = {"email": "kim@example.org", "password": "pw"}
    assert client.post("/sign-in", data=form, headers=HTML).status_code == 403
    assert client.post("/sign-in", data={**form, "csrf_token": "0" * 64}, headers=HTML).status_code == 403
    response = client.post("/sign-in", data={**form, "csrf_token": token}, headers=HTML, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/visits", "a practitioner starts on their visits"


def test_token_from_another_browser_does_not_work(app: FastAPI, client: TestClient) -> None:
    with TestClient(app, base_url="http://127.0.0.1") as other:
        foreign = _token(other.get("/sign-in", headers=HTML).text)
    client.get("/sign-in", headers=HTML)  # this browser has its own cookie
    form = {"email": "kim@example.org", "password": "pw", "csrf_token": foreign}
    assert client.post("/sign-in", data=form, headers=HTML).status_code == 403


def test_a_token_from_before_sign_in_stops_working_after_it(client: TestClient) -> None:
    before = _token(client.get("/sign-in", headers=HTML).text)
    _sign_in(client)
    response = client.post("/sign-out", data={"csrf_token": before}, headers=HTML)
    assert response.status_code == 403, "tokens are bound to the session, which sign-in changed"
    after = _token(client.get("/account", headers=HTML).text)
    response = client.post("/sign-out", data={"csrf_token": after}, headers=HTML, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/account", headers=HTML, follow_redirects=False).status_code == 303, "signed out"


def test_scripts_may_send_the_token_in_a_header(client: TestClient) -> None:
    _sign_in(client)
    token = _token(client.get("/account", headers=HTML).text)
    response = client.post("/sign-out", headers={**HTML, "X-CSRF-Token": token}, follow_redirects=False)
    assert response.status_code == 303


def test_cross_site_requests_are_refused_even_with_a_token(client: TestClient) -> None:
    token = _token(client.get("/sign-in", headers=HTML).text)
    form = {"email": "kim@example.org", "password": "pw", "csrf_token": token}
    response = client.post("/sign-in", data=form, headers={**HTML, "Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.text


def _routes(routes: list[Any]) -> Iterator[Any]:
    """Every endpoint, also those of included routers (FastAPI 0.165 keeps those behind one entry)."""
    for route in routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is not None:
            yield from contexts()
        elif isinstance(route, APIRoute):
            yield route


def test_every_unsafe_page_route_checks_csrf(app: FastAPI) -> None:
    """A new form handler without `CsrfProtected` fails here."""
    unsafe = [
        route
        for route in _routes(app.routes)
        if not route.path.startswith("/api") and route.methods - {"GET", "HEAD", "OPTIONS"}
    ]
    assert {r.path for r in unsafe} >= {"/sign-in", "/sign-out"}
    for route in unsafe:
        calls = {dependency.call for dependency in route.dependant.dependencies}
        assert verify_csrf in calls, f"{route.path} accepts {route.methods} without the CSRF check"


def test_pages_stay_out_of_the_api_schema(app: FastAPI) -> None:
    assert not [path for path in app.openapi()["paths"] if path in {"/", "/sign-in", "/sign-out", "/account"}]


def test_cookies_are_http_only_lax_and_secure_on_https(app: FastAPI) -> None:
    with TestClient(app, base_url="http://127.0.0.1") as plain:
        cookie = plain.get("/sign-in", headers=HTML).headers["set-cookie"]
    assert "offset_csrf=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie, "plain-HTTP local use: a Secure cookie would never come back"
    with TestClient(app, base_url="https://offset.example.org") as tls:
        response = _sign_in(tls)
    session = [c for c in response.headers.get_list("set-cookie") if c.startswith("offset_session=")]
    assert session and "Secure" in session[0] and "HttpOnly" in session[0] and "Max-Age=28800" in session[0]


def test_production_mode_marks_cookies_secure_and_refuses_the_default_key() -> None:
    with pytest.raises(ConfigurationError, match="OFFSET_WEB_SECRET_KEY"):
        WebSettings(mode="production")
    assert WebSettings(mode="production", web_secret_key="x" * 40).web_secure_cookies is True


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/visits/42?tab=draft", "/visits/42?tab=draft"),
        ("", "/account"),
        ("https://evil.example", "/account"),
        ("//evil.example/x", "/account"),
        ("/\\evil.example", "/account"),
        ("visits", "/account"),
    ],
)
def test_after_sign_in_only_this_sites_pages(target: str, expected: str) -> None:
    assert safe_next(target) == expected


def test_pages_are_never_cached_or_framed_and_allow_only_own_scripts(client: TestClient) -> None:
    headers = client.get("/", headers=HTML).headers
    assert headers["cache-control"] == "no-store"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "script-src 'self' 'nonce-" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    nonce = re.search(r"'nonce-([^']+)'", csp)
    assert nonce is not None
    page = client.get("/", headers=HTML)
    fresh = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"])
    assert fresh is not None and fresh.group(1) != nonce.group(1), "a new nonce for every response"
    assert f'<script nonce="{fresh.group(1)}">' in page.text, "the one inline script carries it"
