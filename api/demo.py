"""The demo council: one team, a person in each role, and the sample visit drafted by the real job worker.

`offset demo` (and `make demo`) use it so a newcomer signs in to a working service within minutes.
Everything is idempotent: accounts that exist are kept (their passwords are read back from the
sign-ins file written the first time), and the sample is uploaded only when the practitioner has
no visit yet. The sample goes through the service's own upload route over HTTP, so it is checked,
stored and processed exactly as a practitioner's upload would be.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import select

from api.accounts import create_team, create_user
from api.context import ServiceContext
from api.db.models import Role, Team, User
from api.metrics.baselines import baseline_rows, replace_baselines
from core.errors import OffsetError

DEMO_TEAM = "Adults North"
SIGN_INS_FILE = "demo-sign-ins.json"
# The sample visit is Priya's (she introduces herself in it), so the practitioner is Priya.
DEMO_PEOPLE: list[tuple[str, str, set[Role]]] = [
    ("priya.shah@demo.offset.example", "Priya Shah", {Role.practitioner}),
    ("sam.okafor@demo.offset.example", "Sam Okafor", {Role.supervisor}),
    ("eve.martin@demo.offset.example", "Eve Martin", {Role.evaluator}),
    ("ade.bello@demo.offset.example", "Ade Bello", {Role.admin}),
]
# What the case system would already know about the sample visit (samples/visit_demo.json says what was planted).
SAMPLE_KNOWN = {
    "person_name": "Margaret Ellison",
    "other_names": ["Helen", "Dr Okafor"],
    "address": "12 Rowan Close",
    "postcode": "SN2 7HQ",
    "date_of_birth": "14 March 1941",
    "nhs_number": "485 773 4451",
    "phone_numbers": ["01793 446219"],
    "practitioner_names": ["Priya"],
}


# A baseline so the evaluator page has something to measure against once the sample is submitted and
# approved; labelled as the demo's assumption, for an admin to replace with the council's own figure.
DEMO_BASELINE = ("general_visit", 60.0, "Demo assumption, not a measurement: replace it with your council's own")


class DemoError(OffsetError):
    """The demo could not be set up (the message says what to do)."""


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    name: str
    role: str
    password: str


def _sign_ins_path(ctx: ServiceContext) -> Path:
    return ctx.settings.data_dir / SIGN_INS_FILE


def _read_sign_ins(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as e:
        raise DemoError(f"{path} is unreadable ({e}). Delete it and the demo accounts' folder, then run again.") from e
    return {str(k): str(v) for k, v in data.items()}


def _write_sign_ins(path: Path, passwords: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the owner only: these are passwords
    with os.fdopen(fd, "w") as f:
        json.dump(passwords, f, indent=1)
    tmp.replace(path)


def ensure_demo_accounts(ctx: ServiceContext) -> list[DemoSignIn]:
    """The demo team and its four people, created when missing, and a labelled baseline for the sample's
    form when there is none; their sign-ins (kept in the data folder)."""
    if ctx.settings.mode == "production":
        raise DemoError("The demo makes accounts with known passwords: it refuses to run with OFFSET_MODE=production.")
    path = _sign_ins_path(ctx)
    passwords = _read_sign_ins(path)
    result = []
    with ctx.db.session() as session:
        if session.scalars(select(Team).where(Team.name == DEMO_TEAM)).first() is None:
            create_team(session, DEMO_TEAM)
        for email, name, roles in DEMO_PEOPLE:
            user = session.scalars(select(User).where(User.email == email)).one_or_none()
            if user is None:
                # Three random words' worth of entropy, readable enough to type.
                passwords[email] = "-".join(secrets.token_hex(3) for _ in range(3))
                team = DEMO_TEAM if roles & {Role.practitioner, Role.supervisor} else None
                create_user(
                    session,
                    ctx.passwords,
                    email,
                    passwords[email],
                    roles,
                    team,
                    ctx.settings.min_password_length,
                    display_name=name,
                )
            elif email not in passwords:
                raise DemoError(
                    f"The demo account {email} exists but its password is not in {path}. "
                    f"Set one with `offset users set-password {email}`, or start afresh with an empty OFFSET_DATA_DIR."
                )
            role = next(iter(roles)).value
            result.append(DemoSignIn(email=email, name=name, role=role, password=passwords[email]))
        if not baseline_rows(session):
            visit_type, minutes, source = DEMO_BASELINE
            replace_baselines(session, [(visit_type, None, minutes, source)], by="offset demo")
        _write_sign_ins(path, passwords)
    return result


def ensure_sample_visit(
    base_url: str,
    practitioner: DemoSignIn,
    sample: Path,
    template: str,
    *,
    timeout: float = 1800,
    report: Callable[[str], None] = print,
) -> str:
    """Upload `sample` as the practitioner (unless they already have a visit) and wait until it is drafted.

    Returns the visit id. Raises DemoError when processing fails or takes longer than `timeout`.
    """
    with httpx.Client(base_url=base_url, timeout=60) as client:
        r = client.post("/api/auth/token", data={"username": practitioner.email, "password": practitioner.password})
        if r.status_code != 200:
            raise DemoError(f"The demo practitioner could not sign in ({r.status_code}: {r.text[:200]}).")
        headers = {"Authorization": f"Bearer {r.json()['access_token']}"}
        page = client.get("/api/visits", params={"limit": 1}, headers=headers).json()
        if page["items"]:
            visit = page["items"][0]
            report(f"The sample visit is already uploaded ({visit['status']}).")
        else:
            if not sample.is_file():
                raise DemoError(f"The sample recording {sample} is missing. Restore it with `git checkout {sample}`.")
            with sample.open("rb") as f:
                r = client.post(
                    "/api/visits",
                    headers=headers,
                    files={"audio": (sample.name, f, "application/octet-stream")},
                    data={"template": template, "consent": "true", "known": json.dumps(SAMPLE_KNOWN)},
                )
            if r.status_code != 202:
                raise DemoError(f"Uploading the sample was refused ({r.status_code}): {r.json().get('message')}")
            visit = r.json()
            report(f"Uploaded {sample} as {practitioner.name}; the job worker is transcribing and drafting it.")
        return _wait_for_draft(client, headers, visit["id"], timeout, report)


def _wait_for_draft(
    client: httpx.Client, headers: dict[str, str], visit_id: str, timeout: float, report: Callable[[str], None]
) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while True:
        visit = client.get(f"/api/visits/{visit_id}", headers=headers).json()
        if visit["status"] == "failed":
            error = visit.get("error") or {}
            raise DemoError(
                f"The sample visit failed at {error.get('stage')}: {error.get('reason')}. "
                "Open it in the browser to retry, or see the server log above."
            )
        if visit["status"] not in ("queued", "processing"):
            report(f"The sample visit is {visit['status']}.")
            return visit_id
        now = f"{visit['status']} {visit.get('stage') or ''}".strip()
        if now != last:
            report(f"  sample visit: {now} ({visit['progress']:.0%})")
            last = now
        if time.monotonic() > deadline:
            raise DemoError(f"The sample visit is still {now} after {timeout:.0f} s; it carries on in the background.")
        time.sleep(1.0)
