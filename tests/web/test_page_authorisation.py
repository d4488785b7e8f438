"""Who may open which page: every page route × every kind of account, in process against the real service.

The API has its own matrix (tests/api/test_authorisation_matrix.py); this is the pages'. A visit of
another team is a 404 page (ids cannot be probed), a role that may not see a page gets the 403 page,
someone not signed in is sent to sign in. A page route without an entry here fails the test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.web.settings import WebSettings
from tests.api.conftest import PASSWORD, Service, running_service
from tests.api.drafted import drafted_visit
from tests.web.test_web_security import _routes

HTML = {"accept": "text/html"}
WHO = ["anonymous", "practitioner", "practitioner_other", "supervisor", "supervisor_other", "evaluator", "admin"]

# path -> {who: status} for GET; "{visit}" is a drafted visit of `practitioner` (team North).
SIGN_IN = 303
VISIT_PAGES = {"practitioner": 200, "supervisor": 200, "practitioner_other": 404, "supervisor_other": 404}
PRACTITIONER_PAGES = {"practitioner": 200, "practitioner_other": 200}
ADMIN_PAGES = {"admin": 200}
GET_MATRIX: dict[str, dict[str, int]] = {
    "/": {w: 200 for w in WHO},
    "/accessibility": {w: 200 for w in WHO},
    "/cookies": {w: 200 for w in WHO},
    "/account": {**{w: 200 for w in WHO}, "anonymous": SIGN_IN},
    "/visits": PRACTITIONER_PAGES,
    "/visits/new": PRACTITIONER_PAGES,
    "/visits/record": PRACTITIONER_PAGES,
    "/visits/{visit}": {**VISIT_PAGES, "practitioner": 303, "supervisor": 303},  # drafted: on to the review
    "/visits/{visit}/review": VISIT_PAGES,
    "/visits/{visit}/versions": VISIT_PAGES,
    "/visits/{visit}/export/pdf": {**VISIT_PAGES, "practitioner": 409, "supervisor": 409},  # not approved yet
    "/visits/{visit}/delete": VISIT_PAGES,  # the confirmation page: the author and the team's supervisors
    "/team": {"supervisor": 200, "supervisor_other": 200},
    "/evaluation": {"evaluator": 200, "supervisor": 200, "supervisor_other": 200},
    "/evaluation.csv": {"evaluator": 200, "supervisor": 200, "supervisor_other": 200},
    "/admin/users": ADMIN_PAGES,
    "/admin/users/{user}": ADMIN_PAGES,
    "/admin/audit": ADMIN_PAGES,
    "/admin/audit.csv": ADMIN_PAGES,
    "/admin/retention": ADMIN_PAGES,
    "/admin/baselines": ADMIN_PAGES,
}
# POSTs that change a visit: refused for everyone but who may (checked without changing anything:
# the allowed person's request is not sent here; the browser flow test does those).
REFUSED_POSTS: dict[str, dict[str, int]] = {
    "/visits/{visit}/submit": {"supervisor": 403, "practitioner_other": 404, "evaluator": 403, "admin": 403},
    "/visits/{visit}/approve": {"practitioner": 403, "supervisor_other": 404, "evaluator": 403, "admin": 403},
    "/visits/{visit}/return": {"practitioner": 403, "practitioner_other": 404, "evaluator": 403},
    "/visits/{visit}/retry": {"supervisor_other": 404, "evaluator": 403, "admin": 403},
    "/visits/{visit}/delete": {"practitioner_other": 404, "supervisor_other": 404, "evaluator": 403, "admin": 403},
    "/visits/{visit}/fields/{field}": {"supervisor": 403, "practitioner_other": 404, "admin": 403},
    "/visits/{visit}/flags/{flag}/ack": {"supervisor": 403, "supervisor_other": 404, "evaluator": 403},
    "/visits/new": {"supervisor": 403, "evaluator": 403, "admin": 403},
    "/admin/users": {"practitioner": 403, "supervisor": 403, "evaluator": 403},
    "/admin/users/{user}": {"practitioner": 403, "supervisor": 403},
    "/admin/teams": {"evaluator": 403, "supervisor": 403},
    "/admin/baselines": {"evaluator": 403, "practitioner": 403},
}
# Reached by every signed-in person or nobody in particular: sign in and out.
OPEN_POSTS = {"/sign-in", "/sign-out"}


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, web_settings: WebSettings) -> Iterator[Service]:
    data = tmp_path_factory.mktemp("pages-matrix")
    with running_service(data, f"sqlite:///{data / 'offset.db'}") as service:
        service.client.app.state.web_settings = web_settings
        yield service


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', html)
    assert match
    return match.group(1)


@pytest.fixture(scope="module")
def browsers(svc: Service) -> Iterator[dict[str, TestClient]]:
    """A signed-in page session (cookies) per kind of account."""
    clients: dict[str, TestClient] = {}
    for who in WHO:
        client = TestClient(svc.client.app, base_url="http://127.0.0.1")
        client.__enter__()
        if who != "anonymous":
            token = _token(client.get("/sign-in").text)
            form = {"email": f"{who}@example.org", "password": PASSWORD, "csrf_token": token}
            assert client.post("/sign-in", data=form, headers=HTML, follow_redirects=False).status_code == 303
        clients[who] = client
    yield clients
    for client in clients.values():
        client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def ids(svc: Service) -> dict[str, str]:
    visit = drafted_visit(svc, "practitioner", template="general_visit")
    draft = svc.as_("practitioner").get(f"/api/visits/{visit}/draft").json()
    flag = draft["flags"][0]["id"] if draft["flags"] else "f"
    return {"visit": visit, "user": str(svc.users["practitioner"]), "field": draft["fields"][0]["id"], "flag": flag}


@pytest.mark.parametrize("path", sorted(GET_MATRIX))
def test_who_may_open_each_page(path: str, browsers: dict[str, TestClient], ids: dict[str, str]) -> None:
    table = GET_MATRIX[path]
    url = path.format(**ids)
    for who in WHO:
        response = browsers[who].get(url, headers=HTML, follow_redirects=False)
        want = table.get(who, SIGN_IN if who == "anonymous" else 403)
        assert response.status_code == want, f"{who} GET {url}: {response.status_code}, expected {want}"
        if who == "anonymous" and want == SIGN_IN:
            assert response.headers["location"].startswith("/sign-in?next=")
        if response.status_code in (403, 404, 409):
            assert "Traceback" not in response.text and 'class="govuk-heading-l"' in response.text


@pytest.mark.parametrize("path", sorted(REFUSED_POSTS))
def test_changes_are_refused_to_everyone_else(path: str, browsers: dict[str, TestClient], ids: dict[str, str]) -> None:
    url = path.format(**ids)
    for who, want in REFUSED_POSTS[path].items():
        client = browsers[who]
        token = _token(client.get("/account", headers=HTML).text)
        data: dict[str, Any] = {"csrf_token": token, "base_version": "1", "text": "x", "comments": "x"}
        response = client.post(url, data=data, headers=HTML, follow_redirects=False)
        assert response.status_code == want, f"{who} POST {url}: {response.status_code}, expected {want}"


def test_every_page_route_has_an_entry(svc: Service) -> None:
    listed = {re.sub(r"\{[a-z_]+\}", "{}", p) for p in [*GET_MATRIX, *REFUSED_POSTS, *OPEN_POSTS]}
    listed.add("/visits/{}/export/{}")  # one format stands for all three
    missing = []
    for route in _routes(svc.client.app.routes):
        path = route.path
        if path.startswith(("/api", "/_test", "/static", "/docs", "/redoc", "/openapi")) or path == "/favicon.ico":
            continue
        if re.sub(r"\{[a-z_]+\}", "{}", path) not in listed:
            missing.append(path)
    assert not missing, f"page routes without an authorisation entry: {missing}"
