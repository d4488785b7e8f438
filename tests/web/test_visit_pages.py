"""The practitioner's pages in process (no browser): uploading without JavaScript, the processing page of a
queued and of a failed visit, and retrying it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.db.models import Visit
from api.web.settings import WebSettings
from tests.api.conftest import PASSWORD, Service, running_service
from tests.api.helpers import FIXTURE_AUDIO

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, web_settings: WebSettings) -> Iterator[Service]:
    data = tmp_path_factory.mktemp("visit-pages")
    with running_service(data, f"sqlite:///{data / 'offset.db'}") as service:  # no workers: visits stay queued
        service.client.app.state.web_settings = web_settings
        yield service


@pytest.fixture(scope="module")
def priya(svc: Service) -> Iterator[TestClient]:
    client = TestClient(svc.client.app, base_url="http://127.0.0.1")
    client.__enter__()
    token = _token(client.get("/sign-in").text)
    form = {"email": "practitioner@example.org", "password": PASSWORD, "csrf_token": token}
    assert client.post("/sign-in", data=form, headers=HTML, follow_redirects=False).status_code == 303
    yield client
    client.__exit__(None, None, None)


def _token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([0-9a-f]{64})"', html)
    assert match
    return match.group(1)


def _action(html: str) -> str:
    match = re.search(r'data-offset-upload\s+action="([^"]+)"', html)
    assert match, "the upload form"
    return match.group(1).replace("&amp;", "&")


def _visits(svc: Service) -> int:
    with svc.ctx.db.session() as s:
        return s.scalar(select(func.count()).select_from(Visit)) or 0


def test_upload_without_javascript_then_the_processing_page(svc: Service, priya: TestClient) -> None:
    page = priya.get("/visits/new", headers=HTML)
    action = _action(page.text)
    assert "csrf_token=" in action, "the multipart form carries its token in the query string"
    fields = {
        "template": "general_visit",
        "consent": "true",
        "known_person_name": "Arthur Whitaker",
        "known_other_names": "Sarah\r\nDr Patel\r\n",
        "known_nhs_number": "",
    }
    with FIXTURE_AUDIO.open("rb") as f:
        response = priya.post(action, data=fields, files={"audio": ("visit.wav", f, "audio/wav")}, headers=HTML,
                              follow_redirects=False)  # fmt: skip
    assert response.status_code == 303
    visit_id = response.headers["location"].rsplit("/", 1)[-1]
    known = svc.as_("practitioner").get(f"/api/visits/{visit_id}").json()
    assert known["status"] == "queued" and known["template"] == "general_visit"
    # The known identifiers went in as the API's `known` JSON (stored encrypted; read back here).
    with svc.ctx.db.session() as s:
        from api.db.models import Artefact

        art = s.scalars(select(Artefact).where(Artefact.visit_id == visit_id, Artefact.kind == "known")).one()
        stored = json.loads(svc.ctx.store.read_bytes(art.storage_key))
    assert stored["person_name"] == "Arthur Whitaker"
    assert stored["other_names"] == ["Sarah", "Dr Patel"]
    assert stored["practitioner_names"] == ["Practitioner"], "the practitioner's own name is kept"
    assert stored.get("nhs_number") is None

    page = priya.get(f"/visits/{visit_id}", headers=HTML)
    assert page.status_code == 200
    assert "Processing your visit" in page.text and "Waiting for a worker" in page.text
    assert f'data-status-url="/api/visits/{visit_id}"' in page.text


def test_an_upload_without_consent_is_refused_and_nothing_is_kept(svc: Service, priya: TestClient) -> None:
    before = _visits(svc)
    action = _action(priya.get("/visits/new", headers=HTML).text)
    with FIXTURE_AUDIO.open("rb") as f:
        response = priya.post(action, data={"template": "general_visit"}, files={"audio": ("v.wav", f, "audio/wav")},
                              headers=HTML)  # fmt: skip
    assert response.status_code == 422
    assert response.text.count("Confirm the people in this visit agreed to it being recorded and written up") == 2
    assert 'href="#consent"' in response.text, "the error summary links to the consent box"
    assert _visits(svc) == before
    # A script asking for JSON gets the same refusal, with the field to point at.
    with FIXTURE_AUDIO.open("rb") as f:
        response = priya.post(action, data={"template": "general_visit"}, files={"audio": ("v.wav", f, "audio/wav")},
                              headers={"accept": "application/json"})  # fmt: skip
    assert response.status_code == 422
    assert response.json()["field"] == "consent" and response.json()["code"] == "consent_required"


def test_a_failed_visit_says_why_and_can_be_retried(svc: Service, priya: TestClient) -> None:
    action = _action(priya.get("/visits/new", headers=HTML).text)
    form = {"template": "general_visit", "consent": "true"}
    with FIXTURE_AUDIO.open("rb") as f:
        files = {"audio": ("v.wav", f, "audio/wav")}
        response = priya.post(action, data=form, files=files, headers=HTML, follow_redirects=False)
    visit_id = response.headers["location"].rsplit("/", 1)[-1]
    reason = "The recording has no speech in it. Check the microphone and record again."
    with svc.ctx.db.session() as s:
        visit = s.get(Visit, visit_id)
        assert visit is not None
        visit.status, visit.error_stage, visit.error_message = "failed", "transcribe", reason
    page = priya.get(f"/visits/{visit_id}", headers=HTML)
    assert "Visit failed" in page.text
    assert "Processing stopped at “turning speech into text”" in page.text
    assert reason in page.text and "Traceback" not in page.text
    retry = priya.post(f"/visits/{visit_id}/retry", data={"csrf_token": _token(page.text)}, headers=HTML,
                       follow_redirects=False)  # fmt: skip
    assert retry.status_code == 303
    assert svc.as_("practitioner").get(f"/api/visits/{visit_id}").json()["status"] == "queued"
    # Retrying a visit that has not failed is refused with the service's reason, on a page.
    again = priya.post(f"/visits/{visit_id}/retry", data={"csrf_token": _token(page.text)}, headers=HTML)
    assert again.status_code == 409 and "only a failed visit can be retried" in again.text


def test_the_practitioner_deletes_a_visit_from_its_page(svc: Service, priya: TestClient) -> None:
    """Consent withdrawn: from the processing page to a confirmation that asks why, then back to the list."""
    action = _action(priya.get("/visits/new", headers=HTML).text)
    with FIXTURE_AUDIO.open("rb") as f:
        files = {"audio": ("withdrawn.wav", f, "audio/wav")}
        form = {"template": "general_visit", "consent": "true"}
        response = priya.post(action, data=form, files=files, headers=HTML, follow_redirects=False)
    visit_id = response.headers["location"].rsplit("/", 1)[-1]
    page = priya.get(f"/visits/{visit_id}", headers=HTML)
    assert f'href="/visits/{visit_id}/delete"' in page.text
    confirm = priya.get(f"/visits/{visit_id}/delete", headers=HTML)
    assert confirm.status_code == 200 and "This cannot be undone" in confirm.text and "withdrawn.wav" in confirm.text
    token = _token(confirm.text)

    no_reason = priya.post(f"/visits/{visit_id}/delete", data={"csrf_token": token, "reason": " "}, headers=HTML)
    assert no_reason.status_code == 422 and "Enter why the visit is being deleted" in no_reason.text
    assert 'href="#reason"' in no_reason.text  # the error summary links to the field
    assert svc.as_("practitioner").get(f"/api/visits/{visit_id}").status_code == 200, "nothing deleted"

    done = priya.post(
        f"/visits/{visit_id}/delete",
        data={"csrf_token": token, "reason": "The person withdrew consent"},
        headers=HTML,
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"] == "/visits?deleted=1"
    listing = priya.get("/visits?deleted=1", headers=HTML).text
    assert "The visit was deleted." in listing and "withdrawn.wav" not in listing
    gone = priya.get(f"/visits/{visit_id}", headers=HTML)
    assert gone.status_code == 410 and "The person withdrew consent" in gone.text and "Traceback" not in gone.text
