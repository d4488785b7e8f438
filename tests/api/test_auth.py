"""Sign-in: argon2 hashes, expiring tokens, revocation, failed-login limits, passwords never on a flag."""

from __future__ import annotations

import time

from sqlalchemy import select
from typer.testing import CliRunner

from api.auth import issue_token
from api.cli import app as cli
from api.db.models import User
from tests.api.conftest import PASSWORD, Service


def test_token_and_me(service: Service) -> None:
    me = service.as_("supervisor").get("/api/me").json()
    assert me["email"] == "supervisor@example.org"
    assert me["roles"] == ["supervisor"] and me["team"]["name"] == "North"


def test_password_is_stored_as_argon2(service: Service) -> None:
    with service.ctx.db.session() as s:
        stored = s.scalars(select(User.password_hash).where(User.email == "practitioner@example.org")).one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_wrong_password_is_401_with_what_to_do(service: Service) -> None:
    r = service.client.post("/api/auth/token", data={"username": "evaluator@example.org", "password": "nope"})
    assert r.status_code == 401
    assert r.json()["code"] == "not_authenticated" and "try again" in r.json()["message"]


def test_no_token_and_bad_token_are_401(service: Service) -> None:
    r = service.client.get("/api/me")
    assert r.status_code == 401 and "Sign in" in r.json()["message"]
    assert r.headers["www-authenticate"] == "Bearer"
    r = service.client.get("/api/me", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401


def test_expired_token_is_refused(service: Service) -> None:
    token, _ = issue_token(service.ctx.settings.secret_key, service.users["admin"], 1, minutes=0)
    time.sleep(1.1)
    r = service.client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401 and "expired" in r.json()["message"]


def test_token_signed_with_another_key_is_refused(service: Service) -> None:
    token, _ = issue_token("another-deployment-secret-key-of-32-bytes-or-more", service.users["admin"], 1, minutes=10)
    assert service.client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_failed_logins_are_rate_limited_per_account(service: Service) -> None:
    limit = service.ctx.settings.login_max_failures
    creds = {"username": "supervisor_other@example.org", "password": "wrong password"}
    for _ in range(limit):
        assert service.client.post("/api/auth/token", data=creds).status_code == 401
    r = service.client.post("/api/auth/token", data={**creds, "password": PASSWORD})
    assert r.status_code == 429  # even the right password waits: the account is held back
    assert int(r.headers["retry-after"]) > 0
    assert "Wait" in r.json()["message"]


def test_deactivating_a_user_revokes_their_tokens(service: Service, database_url: str) -> None:
    admin = service.as_("admin")
    created = admin.post(
        "/api/users",
        json={"email": "leaver@example.org", "password": PASSWORD, "roles": ["practitioner"], "team": "North"},
    )
    assert created.status_code == 201, created.text
    token = service.client.post("/api/auth/token", data={"username": "leaver@example.org", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    assert service.client.get("/api/me", headers=headers).status_code == 200
    r = admin.request("PATCH", f"/api/users/{created.json()['id']}", json={"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    assert service.client.get("/api/me", headers=headers).status_code == 401


def test_short_passwords_are_refused(service: Service) -> None:
    r = service.as_("admin").post(
        "/api/users", json={"email": "short@example.org", "password": "short", "roles": ["evaluator"]}
    )
    assert r.status_code == 422 and r.json()["code"] == "weak_password"


def test_practitioner_needs_a_team(service: Service) -> None:
    r = service.as_("admin").post(
        "/api/users", json={"email": "lone@example.org", "password": PASSWORD, "roles": ["practitioner"]}
    )
    assert r.status_code == 422 and "team" in r.json()["message"]


def test_cli_reads_the_password_from_stdin_never_a_flag(service: Service, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("OFFSET_DATA_DIR", str(service.ctx.settings.data_dir))
    monkeypatch.setenv("OFFSET_DATABASE_URL", service.ctx.db.url)
    runner = CliRunner()
    res = runner.invoke(
        cli,
        ["users", "create", "cli@example.org", "--role", "supervisor", "--role", "admin", "--team", "North"],
        input=f"{PASSWORD}\n",
    )
    assert res.exit_code == 0, res.output
    assert "cli@example.org" in res.output and PASSWORD not in res.output
    r = service.client.post("/api/auth/token", data={"username": "cli@example.org", "password": PASSWORD})
    assert r.status_code == 200
    listed = runner.invoke(cli, ["users", "list"])
    assert "cli@example.org\tadmin,supervisor\tNorth" in listed.output
    flag = runner.invoke(cli, ["users", "create", "x@example.org", "--role", "admin", "--password", "p"])
    assert flag.exit_code != 0 and "No such option" in flag.output
    dup = runner.invoke(cli, ["teams", "create", "North"])
    assert dup.exit_code == 2 and "already exists" in dup.output


def test_default_hash_cost_is_the_rfc_9106_profile() -> None:
    from api.auth import Passwords
    from api.settings import ServiceSettings

    settings = ServiceSettings(_env_file=None)  # type: ignore[call-arg]
    stored = Passwords(settings.password_hash_time_cost, settings.password_hash_memory_kib).hash("x" * 12)
    assert "$m=65536,t=3,p=4$" in stored


def test_the_web_pages_sign_in_with_the_service_accounts(service: Service) -> None:
    """The pages' Authenticator is the service's: the same accounts, limits and tokens."""
    import pytest

    from api.auth.web import ServiceAuthenticator
    from api.web.errors import InvalidCredentialsError, TooManyAttemptsError

    auth = ServiceAuthenticator(lambda: service.ctx, session_minutes=60)
    token = auth.sign_in("Supervisor@example.org ", PASSWORD, client="10.0.0.9")
    user = auth.user_for_token(token)
    assert user is not None and user.email == "supervisor@example.org"
    assert user.roles == frozenset({"supervisor"}) and user.team == "North"
    assert auth.user_for_token("not a token") is None
    with pytest.raises(InvalidCredentialsError):
        auth.sign_in("evaluator@example.org", "wrong password", client="10.0.0.10")
    for _ in range(service.ctx.settings.login_max_failures):
        with pytest.raises(InvalidCredentialsError):
            auth.sign_in("admin@example.org", "wrong password", client="10.0.0.11")
    with pytest.raises(TooManyAttemptsError) as held:
        auth.sign_in("admin@example.org", PASSWORD, client="10.0.0.11")
    assert held.value.retry_after_seconds > 0

    # A page's script calls the API with the session cookie; unsafe methods also need the CSRF header.
    cookies = {"offset_session": token}
    assert service.client.get("/api/me", cookies=cookies).json()["email"] == "supervisor@example.org"
    r = service.client.post("/api/teams", json={"name": "Cookie team"}, cookies=cookies)
    assert r.status_code == 403 and r.json()["code"] == "csrf_required"
    service.client.cookies.clear()
