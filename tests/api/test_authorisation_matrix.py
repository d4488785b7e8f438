"""Every route x every role x own / other team, each asserted allowed or refused.

A route added to the app without an entry in MATRIX fails `test_every_route_has_an_entry`, so the
question "who may call this?" is answered for every route, in one table, before it ships.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts

from api.db.models import Role
from tests.api.conftest import PASSWORD, Service, running_service
from tests.api.databases import database
from tests.api.helpers import upload

# Who asks: a name in conftest.PEOPLE (or 'admin_in_team': admin and supervisor of our team), or None.
CALLERS = ["anonymous", "practitioner", "supervisor", "evaluator", "admin", "admin_in_team"]
OK, NO, LOGIN = "allowed", "refused", "sign-in needed"

EVERYONE = dict.fromkeys(CALLERS, OK)
SIGNED_IN = {**dict.fromkeys(CALLERS, OK), "anonymous": LOGIN}
ONLY = lambda *who: {c: (OK if c in who else LOGIN if c == "anonymous" else NO) for c in CALLERS}  # noqa: E731
CONTENT = ONLY("practitioner", "supervisor", "admin_in_team")

# (method, path) -> {"own": {caller: outcome}, "other": {caller: outcome}}. "own" is a visit of the
# caller's team (the practitioner's own); "other" is a visit of the other team.
MATRIX: dict[tuple[str, str], dict[str, dict[str, str]]] = {
    ("GET", "/openapi.json"): {"own": EVERYONE, "other": EVERYONE},
    ("GET", "/docs"): {"own": EVERYONE, "other": EVERYONE},
    ("GET", "/docs/oauth2-redirect"): {"own": EVERYONE, "other": EVERYONE},
    ("GET", "/redoc"): {"own": EVERYONE, "other": EVERYONE},
    ("POST", "/api/auth/token"): {"own": EVERYONE, "other": EVERYONE},
    ("GET", "/api/me"): {"own": SIGNED_IN, "other": SIGNED_IN},
    ("PUT", "/api/me/voice-profile"): {"own": ONLY("practitioner"), "other": ONLY("practitioner")},
    ("DELETE", "/api/me/voice-profile"): {"own": SIGNED_IN, "other": SIGNED_IN},
    ("POST", "/api/visits"): {"own": ONLY("practitioner"), "other": ONLY("practitioner")},
    ("GET", "/api/visits"): {"own": CONTENT, "other": CONTENT},
    ("GET", "/api/visits/{visit_id}"): {"own": CONTENT, "other": ONLY()},
    ("GET", "/api/visits/{visit_id}/transcript"): {"own": CONTENT, "other": ONLY()},
    ("GET", "/api/visits/{visit_id}/draft"): {"own": CONTENT, "other": ONLY()},
    # The review workflow (api/routes/review.py): the author edits, acknowledges and submits; a
    # supervisor of the team (never the author) returns and approves; whoever sees it may export.
    ("PUT", "/api/visits/{visit_id}/draft"): {"own": ONLY("practitioner"), "other": ONLY()},
    ("GET", "/api/visits/{visit_id}/draft/versions"): {"own": CONTENT, "other": ONLY()},
    ("GET", "/api/visits/{visit_id}/draft/diff"): {"own": CONTENT, "other": ONLY()},
    ("POST", "/api/visits/{visit_id}/flags/{flag_id}/ack"): {"own": ONLY("practitioner"), "other": ONLY()},
    ("POST", "/api/visits/{visit_id}/submit"): {"own": ONLY("practitioner"), "other": ONLY()},
    ("POST", "/api/visits/{visit_id}/return"): {"own": ONLY("supervisor", "admin_in_team"), "other": ONLY()},
    ("POST", "/api/visits/{visit_id}/approve"): {"own": ONLY("supervisor", "admin_in_team"), "other": ONLY()},
    ("GET", "/api/visits/{visit_id}/export"): {"own": CONTENT, "other": ONLY()},
    ("GET", "/api/visits/{visit_id}/audio"): {"own": CONTENT, "other": ONLY()},
    ("POST", "/api/visits/{visit_id}/retry"): {"own": CONTENT, "other": ONLY()},
    # The author or a supervisor of the team deletes (called without a reason: 422 once allowed, nothing deleted).
    ("DELETE", "/api/visits/{visit_id}"): {"own": CONTENT, "other": ONLY()},
    ("GET", "/api/teams"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    ("POST", "/api/teams"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    ("GET", "/api/users"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    ("POST", "/api/users"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    ("PATCH", "/api/users/{user_id}"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    ("GET", "/api/health"): {"own": EVERYONE, "other": EVERYONE},
    ("GET", "/api/templates"): {"own": EVERYONE, "other": EVERYONE},
    ("GET", "/api/templates/{name}"): {"own": EVERYONE, "other": EVERYONE},
    ("GET", "/api/audit"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    ("GET", "/api/retention"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    ("GET", "/api/audit/verify"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    # Only the practitioner who recorded the visit reports editing time (409 here: the visit is still queued).
    ("POST", "/api/visits/{visit_id}/activity"): {"own": ONLY("practitioner"), "other": ONLY()},
    ("GET", "/api/metrics/time"): {
        "own": ONLY("supervisor", "evaluator", "admin_in_team"),
        "other": ONLY("supervisor", "evaluator", "admin_in_team"),
    },
    ("GET", "/api/metrics/baselines"): {
        "own": ONLY("supervisor", "evaluator", "admin", "admin_in_team"),
        "other": ONLY("supervisor", "evaluator", "admin", "admin_in_team"),
    },
    ("PUT", "/api/metrics/baselines"): {"own": ONLY("admin", "admin_in_team"), "other": ONLY("admin", "admin_in_team")},
    ("GET", "/api/metrics/visits"): {
        "own": ONLY("supervisor", "evaluator", "admin", "admin_in_team"),
        "other": ONLY("supervisor", "evaluator", "admin", "admin_in_team"),
    },
}


def is_page(route: Any) -> bool:
    """The GOV.UK pages (api/web) decide access themselves; tests/web covers them (roles, CSRF)."""
    endpoint = getattr(route.original_route, "endpoint", None)
    return getattr(endpoint, "__module__", "").startswith("api.web")


def app_routes(app: Any) -> set[tuple[str, str]]:
    """Every (method, path) of the API; the pages' own routes are left to tests/web."""
    found = set()
    for route in iter_route_contexts(app.routes):
        if is_page(route):
            continue
        for method in getattr(route, "methods", None) or ():
            if method != "HEAD":
                found.add((method, route.path))
    return found


@pytest.fixture(scope="module")
def world(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Service, dict[str, str]]]:
    """A service with a visit in each team and an admin who also supervises our team."""
    tmp = tmp_path_factory.mktemp("matrix")
    with database(backend, tmp) as url, running_service(tmp, url) as svc:
        admin = svc.as_("admin")
        r = admin.post(
            "/api/users",
            json={
                "email": "admin_in_team@example.org",
                "password": PASSWORD,
                "roles": [Role.admin, Role.supervisor],
                "team": "North",
            },
        )
        assert r.status_code == 201, r.text
        token = svc.client.post("/api/auth/token", data={"username": "admin_in_team@example.org", "password": PASSWORD})
        svc.tokens["admin_in_team"] = token.json()["access_token"]
        visits = {}
        for relation, owner in (("own", "practitioner"), ("other", "practitioner_other")):
            r = upload(svc.client, svc.headers(owner))
            assert r.status_code == 202, r.text
            visits[relation] = r.json()["id"]
        yield svc, visits


def _call(svc: Service, caller: str, method: str, path: str, visit_id: str) -> int:
    url = path.replace("{visit_id}", visit_id).replace("{user_id}", str(svc.users["evaluator"]))
    url = url.replace("{name}", "general_visit").replace("{flag_id}", "flag_0123456789abcdef")
    headers = svc.headers(None if caller == "anonymous" else caller)
    kw: dict[str, Any] = {}
    if (method, path) == ("POST", "/api/visits"):
        return upload(svc.client, headers).status_code
    if (method, path) == ("POST", "/api/auth/token"):
        kw["data"] = {"username": "evaluator@example.org", "password": PASSWORD}
    elif (method, path) == ("POST", "/api/teams"):
        kw["json"] = {"name": f"Team of {caller}"}
    elif (method, path) == ("POST", "/api/users"):
        kw["json"] = {"email": f"new-{caller}@example.org", "password": PASSWORD, "roles": ["evaluator"]}
    elif (method, path) == ("PATCH", "/api/users/{user_id}"):
        kw["json"] = {"display_name": "Evaluator"}
    elif (method, path) == ("POST", "/api/visits/{visit_id}/activity"):
        kw["json"] = {"active_seconds": 5}
    elif (method, path) == ("PUT", "/api/metrics/baselines"):
        kw["json"] = {"baselines": [{"visit_type": "general_visit", "minutes": 60}]}
    elif (method, path) == ("PUT", "/api/visits/{visit_id}/draft"):
        kw["json"] = {"base_version": 1, "fields": {"risks": "Edited."}}  # 409 (no draft yet) once allowed
    elif (method, path) == ("POST", "/api/visits/{visit_id}/return"):
        kw["json"] = {"comments": "Please add the actions agreed."}
    elif path.endswith("/draft/diff"):
        kw["params"] = {"from": 1, "to": 1}
    elif path.endswith("/export"):
        kw["params"] = {"format": "json"}
    elif (method, path) == ("PUT", "/api/me/voice-profile"):
        kw["files"] = {"other": ("x.txt", b"x", "text/plain")}  # no audio: refused as 422 once allowed
    return svc.client.request(method, url, headers=headers, **kw).status_code


def test_every_route_has_an_entry(world: tuple[Service, dict[str, str]]) -> None:
    svc, _ = world
    routes = app_routes(svc.client.app)
    missing = routes - set(MATRIX)
    assert not missing, f"routes without an authorisation entry in MATRIX: {sorted(missing)}"
    assert not set(MATRIX) - routes, f"MATRIX entries for routes that no longer exist: {sorted(set(MATRIX) - routes)}"


CASES = [(m, p, rel, c) for (m, p) in MATRIX for rel in ("own", "other") for c in CALLERS]


@pytest.mark.parametrize(
    ("method", "path", "relation", "caller"), CASES, ids=[f"{m} {p} {rel} {c}" for m, p, rel, c in CASES]
)
def test_route_allows_or_refuses(
    world: tuple[Service, dict[str, str]], method: str, path: str, relation: str, caller: str
) -> None:
    svc, visits = world
    expected = MATRIX[(method, path)][relation][caller]
    status = _call(svc, caller, method, path, visits[relation])
    if expected == OK:
        # Health answers 503 here because this fixture runs no job workers (it says so; see test_basics).
        server_error = status >= 500 and (path, status) != ("/api/health", 503)
        assert status not in (401, 403, 404) and not server_error, f"{caller} should be allowed, got {status}"
    elif expected == LOGIN:
        assert status == 401, f"{caller} should be asked to sign in, got {status}"
    else:
        assert status in (403, 404), f"{caller} should be refused, got {status}"


def test_a_colleague_in_the_same_team_does_not_see_a_practitioners_visit(world: tuple[Service, dict[str, str]]) -> None:
    svc, visits = world
    r = svc.as_("admin").post(
        "/api/users",
        json={"email": "colleague@example.org", "password": PASSWORD, "roles": ["practitioner"], "team": "North"},
    )
    assert r.status_code == 201
    token = svc.client.post("/api/auth/token", data={"username": "colleague@example.org", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    assert svc.client.get(f"/api/visits/{visits['own']}", headers=headers).status_code == 404
    assert svc.client.get("/api/visits", headers=headers).json()["total"] == 0


def test_refusals_say_why(world: tuple[Service, dict[str, str]]) -> None:
    svc, visits = world
    r = svc.as_("evaluator").get(f"/api/visits/{visits['own']}/transcript")
    assert r.status_code == 403 and "aggregates" in r.json()["message"]
    r = svc.as_("admin").get(f"/api/visits/{visits['own']}/draft")
    assert r.status_code == 403 and "users and teams" in r.json()["message"]
    r = svc.as_("practitioner_other").get(f"/api/visits/{visits['own']}")
    assert r.status_code == 404 and "GET /api/visits" in r.json()["message"]
