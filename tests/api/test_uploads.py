"""Upload refusals, each with its status and message, and none leaving a record or a file behind."""

from __future__ import annotations

import io
import os
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from api.db.models import Visit
from api.storage.cleanup import remove_leftovers
from tests.api.conftest import Service, running_service
from tests.api.databases import database
from tests.api.helpers import FIXTURE_AUDIO, counts, upload


def _wav(seconds: float, rate: int = 16_000) -> bytes:
    t = np.arange(int(seconds * rate)) / rate
    samples = (0.2 * np.sin(2 * np.pi * 220 * t) * 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())
    return buf.getvalue()


@pytest.fixture(scope="module")
def small_limits(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """A service of its own with a 1 MB upload limit and a 20 s duration limit."""
    tmp = tmp_path_factory.mktemp("limits")
    with database(backend, tmp) as url, running_service(tmp, url, max_upload_mb=1, max_audio_seconds=20) as svc:
        yield svc


def _refused(svc: Service, response, status: int, code: str, words: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code, body
    assert words.lower() in body["message"].lower(), body["message"]


REFUSALS = [
    # (what, upload kwargs, status, code, words the message must contain)
    ("no consent", {"consent": "false"}, 422, "consent_required", "consent"),
    ("consent missing", {"consent": ""}, 422, "consent_required", "consent=true"),
    ("unknown template", {"template": "no_such_form"}, 422, "unknown_template", "general_visit"),
    ("bad known JSON", {"known": '{"person_name": 3}'}, 422, "invalid_known", "person_name"),
    ("unknown known field", {"known": '{"shoe_size": "9"}'}, 422, "invalid_known", "shoe_size"),
    ("bad speakers", {"speakers": "twelve"}, 422, "invalid_speakers", "1 to 8"),
    ("unknown field", {"colour": "red"}, 422, "unknown_field", "colour"),
]


@pytest.mark.parametrize(("what", "fields", "status", "code", "words"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_form_refusals_leave_nothing(
    service: Service, what: str, fields: dict, status: int, code: str, words: str
) -> None:
    before = counts(service.ctx)
    r = upload(service.client, service.headers("practitioner"), **fields)
    _refused(service, r, status, code, words)
    assert counts(service.ctx) == before


def test_renamed_text_file_is_415_whatever_its_name(service: Service) -> None:
    before = counts(service.ctx)
    text = b"Dear Sir, this is a letter, not a recording.\n" * 100
    r = upload(service.client, service.headers("practitioner"), audio=text, filename="visit.wav")
    _refused(service, r, 415, "not_audio", "text")
    assert counts(service.ctx) == before


def test_garbage_behind_an_audio_signature_is_415(service: Service) -> None:
    before = counts(service.ctx)
    fake = b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 20
    r = upload(service.client, service.headers("practitioner"), audio=fake)
    _refused(service, r, 415, "not_audio", "readable")
    assert counts(service.ctx) == before


def test_empty_file_is_422(service: Service) -> None:
    before = counts(service.ctx)
    r = upload(service.client, service.headers("practitioner"), audio=b"")
    _refused(service, r, 422, "empty_recording", "empty")
    assert counts(service.ctx) == before


def test_missing_audio_is_422(service: Service) -> None:
    before = counts(service.ctx)
    r = service.client.post(
        "/api/visits",
        headers=service.headers("practitioner"),
        data={"template": "general_visit", "consent": "true"},
        files={"other": ("x.txt", b"x", "text/plain")},
    )
    assert r.status_code == 422
    assert counts(service.ctx) == before


def test_not_multipart_is_415(service: Service) -> None:
    r = service.client.post("/api/visits", headers=service.headers("practitioner"), json={"template": "x"})
    _refused(service, r, 415, "multipart_required", "multipart/form-data")


def test_too_large_is_413_and_leaves_nothing(small_limits: Service) -> None:
    before = counts(small_limits.ctx)
    r = upload(small_limits.client, small_limits.headers("practitioner"), audio=_wav(40))  # 1.28 MB > 1 MB
    _refused(small_limits, r, 413, "upload_too_large", "1 MB upload limit")
    assert counts(small_limits.ctx) == before


def test_too_long_after_decoding_is_422(small_limits: Service) -> None:
    before = counts(small_limits.ctx)
    r = upload(small_limits.client, small_limits.headers("practitioner"), audio=_wav(25, rate=8000))  # 0.4 MB
    _refused(small_limits, r, 422, "recording_too_long", "25 s long, over the 20 s limit")
    assert r.json()["detail"]["seconds"] == pytest.approx(25, abs=0.1)
    assert counts(small_limits.ctx) == before


def test_truncated_recording_is_422_and_leaves_nothing(service: Service) -> None:
    before = counts(service.ctx)
    whole = _wav(3)
    r = upload(service.client, service.headers("practitioner"), audio=whole[: len(whole) // 2])
    _refused(service, r, 422, "truncated_recording", "cut off")
    assert "complete recording" in r.json()["message"]
    assert counts(service.ctx) == before


def test_accepted_upload_is_202_queued_and_never_uses_the_filename(service: Service) -> None:
    before = counts(service.ctx)
    r = upload(
        service.client,
        service.headers("practitioner"),
        filename="..\\..\\etc/passwd.wav",
        speakers="2",
        known='{"person_name": "Arthur Whitaker"}',
    )
    assert r.status_code == 202, r.text
    body = r.json()
    assert body["status"] == "queued" and len(body["id"]) == 32
    after = counts(service.ctx)
    assert after["visits"] == before["visits"] + 1 and after["jobs"] == before["jobs"] + 1
    assert after["artefacts"] == before["artefacts"] + 2  # the audio and the known identifiers
    with service.ctx.db.session() as s:
        visit = s.get(Visit, body["id"])
        assert visit is not None
        assert visit.filename == "passwd.wav" and visit.speakers == 2 and visit.audio_format == "wav"
        assert visit.audio_seconds == pytest.approx(58, abs=2)
    stored = list(service.ctx.store.storage.keys(f"visits/{body['id']}"))
    assert stored and all("passwd" not in k for k in stored)
    root = Path(service.ctx.settings.resolved_storage_dir)
    assert not (root.parent / "etc").exists()


def test_only_practitioners_upload(service: Service) -> None:
    for who in ("supervisor", "evaluator", "admin"):
        r = upload(service.client, service.headers(who))
        assert r.status_code == 403, who
        assert "practitioner" in r.json()["message"]


def test_audio_on_disk_is_encrypted(service: Service) -> None:
    r = upload(service.client, service.headers("practitioner"), known='{"person_name": "Arthur Whitaker"}')
    assert r.status_code == 202
    root = Path(service.ctx.settings.resolved_storage_dir)
    original = FIXTURE_AUDIO.read_bytes()
    for path in (root / "visits" / r.json()["id"]).iterdir():
        raw = path.read_bytes()
        assert b"RIFF" not in raw and b"WAVE" not in raw and b"Whitaker" not in raw, path.name
        assert original[1000:1064] not in raw
    # ...and the service reads it back intact.
    with service.ctx.db.session() as s:
        key = next(a.storage_key for a in s.get(Visit, r.json()["id"]).artefacts if a.kind == "audio")  # type: ignore[union-attr]
    assert service.ctx.store.read_bytes(key) == original


def test_visit_listing_only_has_what_the_caller_may_see(service: Service) -> None:
    mine = service.as_("practitioner").get("/api/visits").json()
    assert mine["total"] >= 1
    assert all(v["owner"]["email"] == "practitioner@example.org" for v in mine["items"])
    other = service.as_("practitioner_other").get("/api/visits").json()
    assert other["total"] == 0
    team = service.as_("supervisor").get("/api/visits").json()
    assert team["total"] == mine["total"]
    assert service.as_("supervisor_other").get("/api/visits").json()["total"] == 0
    page = service.as_("practitioner").get("/api/visits", params={"limit": 1, "offset": 0}).json()
    assert len(page["items"]) == 1 and page["limit"] == 1
    with service.ctx.db.session() as s:
        assert s.scalars(select(Visit)).first() is not None


def test_leftovers_of_a_crash_are_removed_once_old(service: Service) -> None:
    storage = service.ctx.store.storage
    root = service.ctx.settings.resolved_storage_dir
    old = time.time() - 2 * 3600
    service.ctx.store.write_bytes("visits/deadbeef/audio.0000.enc", b"an upload recorded nowhere")
    part = root / "visits" / "deadbeef" / ".audio.1111.enc.abc.part"
    part.write_bytes(b"half an upload")
    young = root / "visits" / "deadbeef" / ".audio.2222.enc.def.part"
    young.write_bytes(b"an upload in progress")
    for p in (root / "visits/deadbeef/audio.0000.enc", part):
        os.utime(p, (old, old))
    kept = upload(service.client, service.headers("practitioner"))
    assert kept.status_code == 202
    assert remove_leftovers(service.ctx) == 2
    assert not part.exists() and young.exists() and not storage.exists("visits/deadbeef/audio.0000.enc")
    assert list(storage.keys(f"visits/{kept.json()['id']}"))  # recorded objects stay
    young.unlink()
