"""Visits processed by real jobs (tiny.en, Presidio, the extractive drafter) on SQLite and PostgreSQL.

Through the API: a practitioner uploads and gets a draft; the other team cannot see it; an evaluator
sees only aggregates; a failing job stops after bounded attempts with its stage and reason, and a
retry after the cause is fixed finishes it without repeating the stages already done.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import Service, running_service
from tests.api.databases import database
from tests.api.helpers import FIXTURE_AUDIO, artefact_kinds, stage_history, upload, wait_for

pytestmark = pytest.mark.slow
ALL_KINDS = ["asr", "audio", "draft", "known", "redacted", "transcript", "vault"]


@pytest.fixture(scope="module")
def live(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    tmp = tmp_path_factory.mktemp("jobs")
    with database(backend, tmp) as url, running_service(tmp, url, workers=True) as svc:
        yield svc


@pytest.fixture(scope="module")
def drafted(live: Service) -> dict:
    r = upload(live.client, live.headers("practitioner"), known='{"person_name": "Arthur Whitaker"}')
    assert r.status_code == 202, r.text
    visit = wait_for(live.as_("practitioner").get, f"/api/visits/{r.json()['id']}")
    assert visit["status"] == "drafted", visit
    return visit


def test_practitioner_uploads_and_gets_a_draft(live: Service, drafted: dict) -> None:
    me = live.as_("practitioner")
    assert drafted["progress"] == 1.0 and drafted["error"] is None and drafted["attempts"] == 1
    draft = me.get(f"/api/visits/{drafted['id']}/draft")
    assert draft.status_code == 200
    fields = {f["id"]: f for f in draft.json()["fields"]}
    risks = fields["risks"]
    assert risks["status"] == "drafted" and any("fall" in e["quote"].lower() for e in risks["evidence"])
    assert any(flag["kind"] == "risk" for flag in risks["flags"])
    transcript = me.get(f"/api/visits/{drafted['id']}/transcript").json()
    text = " ".join(s["text"] for s in transcript["segments"]).lower()
    assert "whitaker" not in text and "whittaker" not in text  # the known name is redacted
    assert {s["speaker"] for s in transcript["segments"]} >= {"SPEAKER_1", "SPEAKER_2"}  # labels on by default
    assert artefact_kinds(live.ctx, drafted["id"]) == ALL_KINDS
    assert [(s, o) for s, _, o in stage_history(live.ctx, drafted["id"])] == [
        ("transcribe", "done"),
        ("speakers", "done"),
        ("redact", "done"),
        ("draft", "done"),
    ]


def test_the_supervisor_of_the_team_reads_it(live: Service, drafted: dict) -> None:
    sup = live.as_("supervisor")
    assert sup.get(f"/api/visits/{drafted['id']}/draft").status_code == 200
    assert sup.get(f"/api/visits/{drafted['id']}/transcript").status_code == 200


def test_another_team_cannot_see_it(live: Service, drafted: dict) -> None:
    for who in ("practitioner_other", "supervisor_other"):
        other = live.as_(who)
        for suffix in ("", "/transcript", "/draft", "/audio"):
            r = other.get(f"/api/visits/{drafted['id']}{suffix}")
            assert r.status_code == 404, (who, suffix, r.status_code)
        assert all(v["id"] != drafted["id"] for v in other.get("/api/visits").json()["items"])


def test_an_evaluator_sees_aggregates_and_no_content(live: Service, drafted: dict) -> None:
    ev = live.as_("evaluator")
    for suffix in ("", "/transcript", "/draft", "/audio"):
        assert ev.get(f"/api/visits/{drafted['id']}{suffix}").status_code == 403
    assert ev.get("/api/visits").status_code == 403
    metrics = ev.get("/api/metrics/visits")
    assert metrics.status_code == 200
    north = next(t for t in metrics.json()["teams"] if t["team"] == "North")
    assert north["by_status"].get("drafted", 0) >= 1 and north["audio_minutes"] > 0.9
    assert "whitaker" not in metrics.text.lower() and "fall" not in metrics.text.lower()


def test_audio_plays_from_any_point(live: Service, drafted: dict) -> None:
    me = live.as_("practitioner")
    original = FIXTURE_AUDIO.read_bytes()
    whole = me.get(f"/api/visits/{drafted['id']}/audio")
    assert whole.status_code == 200 and whole.content == original
    assert whole.headers["accept-ranges"] == "bytes" and whole.headers["content-type"] == "audio/wav"
    start = len(original) // 2
    part = me.get(f"/api/visits/{drafted['id']}/audio", headers={"Range": f"bytes={start}-{start + 99_999}"})
    assert part.status_code == 206
    assert part.headers["content-range"] == f"bytes {start}-{start + 99_999}/{len(original)}"
    assert part.content == original[start : start + 100_000]
    tail = me.get(f"/api/visits/{drafted['id']}/audio", headers={"Range": "bytes=-10"})
    assert tail.status_code == 206 and tail.content == original[-10:]
    bad = me.get(f"/api/visits/{drafted['id']}/audio", headers={"Range": f"bytes={len(original) + 5}-"})
    assert bad.status_code == 416 and bad.headers["content-range"] == f"bytes */{len(original)}"


def test_a_drafted_visit_cannot_be_retried(live: Service, drafted: dict) -> None:
    r = live.as_("practitioner").post(f"/api/visits/{drafted['id']}/retry")
    assert r.status_code == 409 and "only a failed visit" in r.json()["message"]


def test_failing_job_stops_after_bounded_attempts_then_retry_resumes(live: Service, tmp_path: Path) -> None:
    """A model directory without model.bin fails transcription; after the admin fixes it, a retry finishes."""
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text("{}")
    settings = live.ctx.settings
    settings.whisper_model = str(broken)
    try:
        r = upload(live.client, live.headers("practitioner"))
        visit = wait_for(live.as_("practitioner").get, f"/api/visits/{r.json()['id']}")
    finally:
        settings.whisper_model = "tiny.en"
    assert visit["status"] == "failed" and visit["attempts"] == settings.job_max_attempts
    assert visit["error"]["stage"] == "transcribe"
    assert "model.bin" in visit["error"]["reason"] and "retry" in visit["error"]["reason"].lower()
    history = stage_history(live.ctx, visit["id"])
    assert [(s, o) for s, _, o in history] == [("transcribe", "failed")] * settings.job_max_attempts
    assert [a for _, a, _ in history] == list(range(1, settings.job_max_attempts + 1))

    retry = live.as_("practitioner").post(f"/api/visits/{visit['id']}/retry")
    assert retry.status_code == 202 and retry.json()["status"] == "queued"
    done = wait_for(live.as_("practitioner").get, f"/api/visits/{visit['id']}")
    assert done["status"] == "drafted" and done["error"] is None
    assert artefact_kinds(live.ctx, visit["id"]) == [k for k in ALL_KINDS if k != "known"]


def test_bad_input_found_by_the_pipeline_fails_at_once(live: Service) -> None:
    """A recording that is silent decodes, but the pipeline refuses it: no retries can help."""
    import io
    import wave

    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(b"\x00\x00" * 16_000 * 3)
    r = upload(live.client, live.headers("practitioner"), audio=buf.getvalue())
    assert r.status_code == 202, r.text
    visit = wait_for(live.as_("practitioner").get, f"/api/visits/{r.json()['id']}")
    assert visit["status"] == "failed" and visit["attempts"] == 1
    assert visit["error"]["stage"] == "transcribe" and "no sound" in visit["error"]["reason"]


def test_an_enrolled_practitioner_is_labelled_by_name(live: Service) -> None:
    me = live.as_("practitioner")
    enrolment = Path(__file__).resolve().parents[1] / "fixtures" / "speech" / "enrol_practitioner.ogg"
    text = live.client.put(
        "/api/me/voice-profile",
        headers=live.headers("practitioner"),
        files={"audio": ("notes.txt", b"just some text, not a voice", "text/plain")},
    )
    assert text.status_code == 415
    r = live.client.put(
        "/api/me/voice-profile",
        headers=live.headers("practitioner"),
        files={"audio": ("me.ogg", enrolment.read_bytes(), "audio/ogg")},
    )
    assert r.status_code == 200, r.text
    assert r.json()["voice_profile"] is True and me.get("/api/me").json()["voice_profile"] is True
    try:
        visit_id = upload(live.client, live.headers("practitioner")).json()["id"]
        assert wait_for(me.get, f"/api/visits/{visit_id}")["status"] == "drafted"
        transcript = me.get(f"/api/visits/{visit_id}/transcript").json()
        assert transcript["speakers"].get("PRACTITIONER") == "Practitioner"
        said = [s for s in transcript["segments"] if s["speaker"] == "PRACTITIONER"]
        assert any("social care" in s["text"].lower() for s in said)  # the practitioner's own line
    finally:
        assert live.client.delete("/api/me/voice-profile", headers=live.headers("practitioner")).status_code == 204
    assert me.get("/api/me").json()["voice_profile"] is False
