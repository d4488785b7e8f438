"""Service fixtures: a real database (SQLite or PostgreSQL, every test runs on both), real storage,
accounts in two teams, and clients signed in as each of them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from api.accounts import create_team, create_user
from api.context import ServiceContext, build_context
from api.db import upgrade
from api.db.models import Role
from api.main import create_app
from api.settings import ServiceSettings, get_service_settings
from tests.api.databases import BACKENDS, database

PASSWORD = "correct horse battery staple"
# name -> (roles, team). Teams: North (ours) and South (the other team).
PEOPLE: dict[str, tuple[set[Role], str | None]] = {
    "practitioner": ({Role.practitioner}, "North"),
    "practitioner_other": ({Role.practitioner}, "South"),
    "supervisor": ({Role.supervisor}, "North"),
    "supervisor_other": ({Role.supervisor}, "South"),
    "evaluator": ({Role.evaluator}, None),
    "admin": ({Role.admin}, None),
}


def service_settings(data_dir: Path, database_url: str, **overrides: Any) -> ServiceSettings:
    """Settings for a test service: tiny.en for speed, short leases so a killed job is resumed quickly."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": database_url,
        "whisper_model": "tiny.en",
        "job_lease_seconds": 4,
        "job_poll_seconds": 0.3,
        "job_retry_delay_seconds": 0.5,
        "min_password_length": 12,
        # Cheap hashes keep the suite fast; the default cost is tested in test_auth.
        "password_hash_time_cost": 1,
        "password_hash_memory_kib": 1024,
    }
    values.update(overrides)
    return ServiceSettings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class Service:
    """A running service over a real database, with a signed-in client per person."""

    ctx: ServiceContext
    client: TestClient
    users: dict[str, int] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def headers(self, who: str | None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}

    def as_(self, who: str | None) -> AsUser:
        return AsUser(self.client, self.headers(who))


@dataclass
class AsUser:
    client: TestClient
    auth: dict[str, str]

    def request(self, method: str, url: str, **kw: Any) -> httpx.Response:
        kw["headers"] = {**self.auth, **kw.get("headers", {})}
        return self.client.request(method, url, **kw)

    def get(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw: Any) -> httpx.Response:
        return self.request("POST", url, **kw)


def seed_accounts(ctx: ServiceContext) -> dict[str, int]:
    ids = {}
    with ctx.db.session() as s:
        for team in ("North", "South"):
            create_team(s, team)
        for name, (roles, team) in PEOPLE.items():
            user = create_user(
                s, ctx.passwords, f"{name}@example.org", PASSWORD, roles, team, 12, display_name=name.title()
            )
            ids[name] = user.id
    return ids


def sign_in(client: TestClient, who: str) -> str:
    r = client.post("/api/auth/token", data={"username": f"{who}@example.org", "password": PASSWORD})
    assert r.status_code == 200, r.text
    return str(r.json()["access_token"])


@contextmanager
def running_service(data_dir: Path, database_url: str, workers: bool = False, **overrides: Any) -> Iterator[Service]:
    """Migrate, seed the accounts, start the app (with in-process job workers when `workers`)."""
    settings = service_settings(data_dir, database_url, **overrides)
    ctx = build_context(settings)
    upgrade(ctx.db)
    ids = seed_accounts(ctx)
    app = create_app(ctx, start_workers=workers)
    with TestClient(app) as client:
        service = Service(ctx=ctx, client=client, users=ids)
        service.tokens = {who: sign_in(client, who) for who in PEOPLE}
        yield service
    ctx.close()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with database(backend, tmp_path_factory.mktemp(f"db-{backend}")) as url:
        yield url


@pytest.fixture(scope="module")
def service(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The service without job workers: uploads stay queued (for fast tests of the API itself)."""
    with running_service(tmp_path_factory.mktemp("data"), database_url) as svc:
        yield svc


@pytest.fixture(autouse=True)
def _fresh_service_settings() -> Iterator[None]:
    get_service_settings.cache_clear()
    yield
    get_service_settings.cache_clear()
