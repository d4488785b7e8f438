"""Time given back: activity reports and review steps become review events; `GET /api/metrics/time` turns
them into minutes reclaimed against the baselines, beside recorded visit minutes, aggregates only; the
events export is what `offset eval time` reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from api.cli import app as cli
from api.db.models import Visit
from evaluation.time_events import Baselines, load_events, visit_timings
from tests.api.audit_helpers import audited, detail, processed_visit, record_as, reviewed
from tests.api.conftest import Service, running_service
from tests.api.databases import database


@pytest.fixture(scope="module")
def svc(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp("time")
    with database(backend, tmp / "db") as url, running_service(tmp / "data", url, metrics_min_group_size=2) as s:
        yield s


def _reviewed(svc: Service, who: str, supervisor: str, seconds: tuple[float, ...]) -> str:
    """Open (as the review page records it), edit for `seconds`, one field changed, submit, approve."""
    visit_id = processed_visit(svc, who)
    record_as(svc.ctx, svc.users[who], "draft.open", visit_id)
    me = svc.as_(who)
    for s in seconds:
        r = me.post(f"/api/visits/{visit_id}/activity", json={"active_seconds": s})
        assert r.status_code == 200, r.text
    edit = {"base_version": 1, "fields": {"risks": "No risks were mentioned today."}}
    assert me.request("PUT", f"/api/visits/{visit_id}/draft", json=edit).status_code == 200
    reviewed(svc, visit_id, who, supervisor)
    return visit_id


@pytest.fixture(scope="module")
def world(svc: Service) -> dict[str, list[str]]:
    r = svc.as_("admin").request(
        "PUT", "/api/metrics/baselines", json={"baselines": [{"visit_type": "general_visit", "minutes": 60}]}
    )
    assert r.status_code == 200, r.text
    north = [_reviewed(svc, "practitioner", "supervisor", (120, 60)) for _ in range(2)]
    south = [_reviewed(svc, "practitioner_other", "supervisor_other", (90,))]
    return {"north": north, "south": south}


def _minutes(svc: Service, visit_ids: list[str]) -> float:
    with svc.ctx.db.sessions() as s:
        return sum((v.audio_seconds or 0) / 60 for v in s.scalars(select(Visit).where(Visit.id.in_(visit_ids))))


def test_activity_is_audited_and_becomes_editing_time(svc: Service, world: dict[str, list[str]]) -> None:
    visit_id = world["north"][0]
    entries = audited(svc.ctx, "draft.activity", visit_id)
    assert [detail(e) for e in entries] == [{"active_seconds": 120.0}, {"active_seconds": 60.0}]
    assert entries[0].user_id == svc.users["practitioner"] and entries[0].request_id


def test_minutes_reclaimed_per_team_and_worker(svc: Service, world: dict[str, list[str]]) -> None:
    r = svc.as_("evaluator").get("/api/metrics/time")
    assert r.status_code == 200, r.text
    body = r.json()
    north = next(t for t in body["teams"] if t["team"] == "North")
    assert (north["submitted"], north["approved"]) == (2, 2)
    assert north["baseline_minutes"] == 120.0
    assert north["assisted_minutes"] == 6.0  # 2 x (120 + 60) s of measured editing
    assert north["reclaimed_minutes"] == 114.0 and north["reclaimed_share"] == 0.95
    burden = [detail(audited(svc.ctx, "visit.submit", v)[-1]) for v in world["north"]]
    assert burden[0]["fields_changed"] == 1 and burden[0]["edit_chars"] > 0
    ratios = sorted(b["edit_chars"] / b["draft_chars"] for b in burden)
    assert north["median_edit_ratio"] == round((ratios[0] + ratios[1]) / 2, 3)
    assert north["recorded_visits"] == 2
    assert north["recorded_minutes"] == pytest.approx(_minutes(svc, world["north"]), abs=0.11)
    assert body["timing_sources"] == {"measured": 3}
    worker = next(w for w in body["workers"] if w["worker_id"] == str(svc.users["practitioner"]))
    assert worker["worker_name"] == "Practitioner" and worker["reclaimed_minutes"] == 114.0
    # South is one worker with one visit: below the minimum group size (2), so not shown per person.
    assert all(t["team"] != "South" for t in body["teams"])
    assert all(w["team"] != "South" for w in body["workers"])
    assert body["withheld_rows"] == 2 and body["min_group_size"] == 2


def test_supervisors_see_their_own_team_only(svc: Service, world: dict[str, list[str]]) -> None:
    body = svc.as_("supervisor").get("/api/metrics/time").json()
    assert {t["team"] for t in body["teams"]} == {"North"}
    r = svc.as_("supervisor").get("/api/metrics/time", params={"team": "South"})
    assert r.status_code == 403
    other = svc.as_("supervisor_other").get("/api/metrics/time").json()
    assert other["teams"] == [] and other["workers"] == [] and other["withheld_rows"] == 2
    for who in ("practitioner", "admin"):
        assert svc.as_(who).get("/api/metrics/time").status_code == 403


def test_the_events_export_is_what_eval_time_reads(
    svc: Service, world: dict[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = svc.ctx.settings
    monkeypatch.setenv("OFFSET_DATABASE_URL", settings.resolved_database_url)
    monkeypatch.setenv("OFFSET_DATA_DIR", str(settings.data_dir))
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(cli, ["audit", "events", "--out", str(out)])
    assert result.exit_code == 0, result.output
    events = load_events(out)
    assert {e.event for e in events} == {"draft_opened", "draft_edited", "draft_submitted", "draft_approved"}
    submitted = next(e for e in events if e.event == "draft_submitted")
    assert submitted.fields_changed == 1 and submitted.draft_id == f"{submitted.visit_id}:v2"
    approved = next(e for e in events if e.event == "draft_approved" and e.team == "North")
    assert approved.approver_id == str(svc.users["supervisor"]) and approved.worker_id == str(svc.users["practitioner"])
    timings, _ = visit_timings(events, Baselines([{"visit_type": "general_visit", "minutes": "60"}]))
    north = [t for t in timings if t.team == "North"]
    assert round(sum(t.reclaimed_minutes for t in north), 1) == 114.0


def test_activity_reports_are_bounded(svc: Service, world: dict[str, list[str]]) -> None:
    visit_id = processed_visit(svc)
    me = svc.as_("practitioner")
    r = me.post(f"/api/visits/{visit_id}/activity", json={"active_seconds": 301})
    assert r.status_code == 422 and "at most 300" in r.json()["message"]
    for bad in (0, -5, "soon", None):
        assert me.post(f"/api/visits/{visit_id}/activity", json={"active_seconds": bad}).status_code == 422
    assert me.post(f"/api/visits/{visit_id}/activity", json={"active_seconds": 5, "x": 1}).status_code == 422
    for _ in range(2):
        assert me.post(f"/api/visits/{visit_id}/activity", json={"active_seconds": 300}).status_code == 200
    r = me.post(f"/api/visits/{visit_id}/activity", json={"active_seconds": 100})
    assert r.status_code == 422 and r.json()["code"] == "activity_too_much"
    r = svc.as_("supervisor").post(f"/api/visits/{visit_id}/activity", json={"active_seconds": 5})
    assert r.status_code == 403 and r.json()["code"] == "not_the_author"
    queued = svc.client.post(
        "/api/visits", headers=svc.headers("practitioner"), data={"template": "general_visit", "consent": "true"},
        files={"audio": ("v.wav", (Path(__file__).parents[1] / "fixtures/audio/visit_short.wav").read_bytes())},
    ).json()["id"]  # fmt: skip
    r = me.post(f"/api/visits/{queued}/activity", json={"active_seconds": 5})
    assert r.status_code == 409 and "queued" in r.json()["message"]


def test_baselines_are_admin_edited_validated_and_audited(svc: Service, world: dict[str, list[str]]) -> None:
    admin = svc.as_("admin")
    r = admin.request("PUT", "/api/metrics/baselines", json={"baselines": [{"visit_type": "nope", "minutes": 5}]})
    assert r.status_code == 422 and "general_visit" in r.json()["message"]
    dup = [{"visit_type": "general_visit", "minutes": 5}] * 2
    assert admin.request("PUT", "/api/metrics/baselines", json={"baselines": dup}).status_code == 422
    rows = [
        {"visit_type": "general_visit", "minutes": 60},
        {"visit_type": "general_visit", "team": "North", "minutes": 90},
    ]
    r = admin.request("PUT", "/api/metrics/baselines", json={"baselines": rows})
    assert r.status_code == 200 and len(r.json()) == 2
    assert svc.as_("evaluator").get("/api/metrics/baselines").json() == r.json()
    assert svc.as_("practitioner").request("PUT", "/api/metrics/baselines", json={"baselines": []}).status_code == 403
    change = detail(audited(svc.ctx, "settings.update")[-1])
    assert change["setting"] == "time_baselines" and len(change["after"]) == 2
    north = next(t for t in svc.as_("evaluator").get("/api/metrics/time").json()["teams"] if t["team"] == "North")
    assert north["baseline_minutes"] == 180.0, "the team's own baseline wins"
    # Without a baseline the visits are left out, and the answer says which type needs one.
    assert admin.request("PUT", "/api/metrics/baselines", json={"baselines": []}).status_code == 200
    body = svc.as_("evaluator").get("/api/metrics/time").json()
    assert body["missing_baselines"] == ["general_visit"] and all(t["submitted"] == 0 for t in body["teams"])
    admin.request("PUT", "/api/metrics/baselines", json={"baselines": [{"visit_type": "general_visit", "minutes": 60}]})
