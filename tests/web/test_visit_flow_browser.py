"""The practitioner's and supervisor's pages by clicking, in Chromium, against the whole service.

A practitioner uploads the committed visit (progress bar), watches it process (stage and percentage
change without a reload), opens the draft beside its transcript, clicks evidence (the transcript
scrolls to the segment, the audio plays from its time, fetched with Range requests), and records a
visit with the fake microphone. A practitioner of another team cannot open it. Screenshots of each
page, axe-core on each.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import PASSWORD

FIXTURE = Path(__file__).parents[1] / "fixtures" / "audio" / "visit_short.wav"
STATE: dict[str, str] = {}  # what earlier tests of this module made (tests run in file order)

pytestmark = pytest.mark.slow


def sign_in(page: Any, live_server: Any, email: str) -> None:
    page.goto(live_server.url("/sign-in"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def _visit_id(page: Any) -> str:
    match = re.search(r"/visits/([0-9a-f]+)", page.url)
    assert match, page.url
    return match.group(1)


def test_practitioner_uploads_and_watches_it_process(
    page: Any, live_server: Any, problems: Any, screenshot: Any, axe_check: Any
) -> None:
    problems.expect(r"status of 422|422 for xhr")  # the upload without consent, refused on purpose
    sign_in(page, live_server, "priya@example.org")
    assert page.url == live_server.url("/visits"), "a practitioner starts on their visits"
    assert "You have no visits yet" in page.inner_text("main")
    screenshot(page, "my-visits-empty")
    axe_check(page, "my-visits-empty")

    page.get_by_role("button", name="Upload a recording").click()
    assert page.locator("h1").inner_text() == "Upload a visit recording"
    page.get_by_label("Adult needs assessment (Care Act 2014)").check()
    page.get_by_text("Add what is already known about the person (optional)").click()
    page.get_by_label("Name of the person visited").fill("Mr Whitaker")
    screenshot(page, "new-visit")
    axe_check(page, "new-visit")

    # Without consent: refused, nothing kept, the error summary points at the consent box.
    page.get_by_label("The recording", exact=True).set_input_files(str(FIXTURE))
    page.get_by_role("button", name="Upload and draft").click()
    summary = page.locator("[data-offset-script-error]")
    summary.wait_for()
    assert page.url == live_server.url("/visits/new"), "the script showed the refusal on the same page"
    assert "Confirm the people in this visit agreed" in summary.inner_text()
    summary.get_by_role("link").click()
    assert page.evaluate("() => document.activeElement.id") == "consent", "the summary links to the field"
    screenshot(page, "new-visit-no-consent")
    axe_check(page, "new-visit-no-consent")

    page.get_by_label("The people in this visit agreed to it being recorded and written up").check()
    page.get_by_role("button", name="Upload and draft").click()
    page.wait_for_url(re.compile(r"/visits/[0-9a-f]+$"), timeout=60_000)
    STATE["visit"] = _visit_id(page)
    # The stage is read before the screenshot and accessibility check, which take seconds on a loaded machine:
    # read after them, it was sometimes the last stage already, and the next change was the draft opening.
    page.evaluate("() => { window.offsetNoReload = true; }")
    first_stage = page.locator("[data-offset-stage]").inner_text()
    assert page.locator("h1").inner_text() == "Processing your visit"
    screenshot(page, "processing")
    axe_check(page, "processing")

    # The stage changes while the page stays the same document (no reload), then the draft opens.
    page.wait_for_function(
        "first => document.querySelector('[data-offset-stage]')?.textContent !== first",
        arg=first_stage,
        timeout=300_000,
    )
    assert page.evaluate("() => window.offsetNoReload === true"), "the status updated without a reload"
    percent = page.locator("[data-offset-percent]").inner_text()
    assert re.fullmatch(r"\d+%", percent)
    page.wait_for_url(re.compile(r"/visits/[0-9a-f]+/review$"), timeout=600_000)


def test_review_page_links_evidence_to_the_transcript_and_audio(
    page: Any, live_server: Any, screenshot: Any, axe_check: Any
) -> None:
    assert "visit" in STATE, "the upload test above must pass first"
    audio_statuses: list[int] = []
    page.on("response", lambda r: audio_statuses.append(r.status) if "/audio" in r.url else None)
    sign_in(page, live_server, "priya@example.org")
    page.goto(live_server.url(f"/visits/{STATE['visit']}/review"))
    assert page.locator("h1").inner_text() == "Adult needs assessment (Care Act 2014)"
    assert page.locator(".offset-field").count() >= 10, "every section of the form is on the page"
    segments = page.locator(".offset-segment")
    assert segments.count() > 5
    transcript = page.locator(".offset-transcript").inner_text()
    assert "Whitaker" not in transcript, "the transcript shown is the redacted one"
    assert "Practitioner" in page.locator(".offset-transcript-panel").inner_text(), "speakers are named"

    evidence = page.locator("a.offset-evidence[data-start]").first
    evidence.scroll_into_view_if_needed()
    segment_id = evidence.get_attribute("data-segment")
    start = float(evidence.get_attribute("data-start"))
    evidence.click()
    page.wait_for_function(
        "id => document.getElementById('seg-' + id).classList.contains('offset-segment--active')", arg=segment_id
    )
    page.wait_for_function(
        "start => Math.abs(document.querySelector('[data-offset-audio]').currentTime - start) < 1.5",
        arg=start,
        timeout=20_000,
    )
    in_view = page.evaluate(
        "id => { const r = document.getElementById('seg-' + id).getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }",
        segment_id,
    )
    assert in_view, "the transcript scrolled to the evidence's segment"
    assert 206 in audio_statuses, f"the player fetched the audio with Range requests: {audio_statuses}"
    screenshot(page, "review")
    axe_check(page, "review")


def test_practitioner_edits_checks_the_flags_and_submits(
    page: Any, live_server: Any, problems: Any, screenshot: Any, axe_check: Any
) -> None:
    assert "visit" in STATE, "the upload test above must pass first"
    problems.expect(r"status of 409")  # the submit refused while flags are open
    sign_in(page, live_server, "priya@example.org")
    page.goto(live_server.url(f"/visits/{STATE['visit']}/review"))
    # Edit a drafted field in place (a form that posts; the page comes back with the new version).
    field = page.locator(".offset-field", has=page.locator("a", has_text="Change")).first
    field_id = field.get_attribute("id").removeprefix("field-")
    field.get_by_role("link", name=re.compile("^Change")).click()
    editor = page.locator(f"#text-{field_id}")
    page.wait_for_function("id => document.activeElement.id === id", arg=f"text-{field_id}")  # the editor has focus
    # The placeholder as the redacted transcript has it ("Good morning, Mr. [PERSON_1]"): the export puts the
    # real name back for those allowed to see it.
    editor.fill(editor.input_value() + " Checked with Mr [PERSON_1] by phone.")
    # The page counts whole seconds of activity (activity.js); a fill and a click on a fast machine take less
    # than one, and then no editing time is reported at all and the evaluator's figure falls back to the model.
    # A person takes a moment to type: so does the test, with input in that moment.
    page.keyboard.press("End")
    page.wait_for_timeout(1500)
    screenshot(page, "review-editing")
    axe_check(page, "review-editing")
    page.get_by_role("button", name="Save").click()
    assert "Your change was saved as a new version." in page.locator(".govuk-notification-banner").inner_text()
    assert "Checked with Mr [PERSON_1] by phone." in page.locator(f"#field-{field_id}").inner_text()
    assert "Version 2, saved by Priya Shah" in page.inner_text("main")

    flags = page.get_by_role("button", name=re.compile("^I have checked this"))
    assert flags.count() >= 1, "the committed visit has risk flags to check"
    page.get_by_role("button", name="Submit for approval").click()
    assert page.title().startswith("Error: "), "submitting with open flags is refused"
    assert page.locator(".govuk-error-summary a").count() == flags.count()
    screenshot(page, "review-submit-refused")
    axe_check(page, "review-submit-refused")
    while flags.count():
        flags.first.click()
        assert "The flag is marked as checked." in page.locator(".govuk-notification-banner").inner_text()
    page.get_by_role("button", name="Submit for approval").click()
    assert "The draft was submitted." in page.locator(".govuk-notification-banner").inner_text()
    assert page.locator(".govuk-tag", has_text="Awaiting approval").count() == 1
    assert page.get_by_role("button", name="Submit for approval").count() == 0, "submitted: no more editing"

    page.get_by_role("link", name="Versions and changes").click()
    added = " ".join(t.replace("added:", " ") for t in page.locator(".offset-diff ins").all_text_contents())
    assert "Checked with Mr [PERSON_1] by phone." in " ".join(added.split()), "the diff shows what was put in"
    screenshot(page, "versions")
    axe_check(page, "versions")


def test_supervisor_returns_it_with_a_comment(page: Any, live_server: Any, screenshot: Any, axe_check: Any) -> None:
    assert "visit" in STATE, "the upload test above must pass first"
    sign_in(page, live_server, "sam@example.org")
    assert page.url == live_server.url("/team")
    awaiting = page.locator("table", has=page.locator("caption", has_text="Awaiting your approval"))
    assert awaiting.locator("tbody tr").count() == 1
    screenshot(page, "team-approvals")
    axe_check(page, "team-approvals")
    awaiting.get_by_role("link", name=re.compile("Priya Shah")).click()
    page.get_by_label("Comments for the practitioner").fill("Please say who will ring the GP, and by when.")
    screenshot(page, "review-supervisor")
    axe_check(page, "review-supervisor")
    page.get_by_role("button", name="Return with comments").click()
    assert "returned to the practitioner" in page.locator(".govuk-notification-banner").inner_text()


def test_practitioner_reads_the_comment_and_resubmits(page: Any, live_server: Any, screenshot: Any) -> None:
    assert "visit" in STATE, "the upload test above must pass first"
    sign_in(page, live_server, "priya@example.org")
    row = page.locator("tbody tr", has=page.locator(".govuk-tag", has_text="Returned"))
    assert row.count() == 1, "your visits show it as returned"
    row.get_by_role("link").click()
    banner = page.locator(".govuk-notification-banner").first.inner_text()
    assert "Please say who will ring the GP, and by when." in banner
    screenshot(page, "review-returned")
    page.get_by_role("button", name="Submit for approval").click()
    assert "The draft was submitted." in page.locator(".govuk-notification-banner").inner_text()


def test_supervisor_approves_and_downloads_the_docx(
    page: Any, live_server: Any, tmp_path: Path, screenshot: Any, axe_check: Any
) -> None:
    assert "visit" in STATE, "the upload test above must pass first"
    import docx

    sign_in(page, live_server, "sam@example.org")
    page.goto(live_server.url(f"/visits/{STATE['visit']}/review"))
    page.get_by_role("button", name="Approve").click()
    assert "The record is approved and locked." in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, "review-approved")
    axe_check(page, "review-approved")
    with page.expect_download() as download:
        page.get_by_role("link", name="Word document (DOCX)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.endswith(".docx") and "redacted" not in path.name
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "Adult needs assessment (Care Act 2014)" in text
    assert "by phone." in text, "the approved version, with the practitioner's edit"
    assert "Whitaker by phone." in text, "the supervisor of the team gets the real name back"


def test_admin_sets_a_baseline_and_reads_the_audit_log(
    page: Any, live_server: Any, tmp_path: Path, screenshot: Any, axe_check: Any
) -> None:
    assert "visit" in STATE, "the upload test above must pass first"
    sign_in(page, live_server, "ade@example.org")
    page.goto(live_server.url("/admin/baselines"))
    fieldset = page.locator("fieldset", has_text="Adult needs assessment (Care Act 2014)")
    fieldset.get_by_label("Minutes per write-up").fill("90")
    fieldset.get_by_label("Where the figure comes from").fill("Test figure (not a measurement)")
    page.get_by_role("button", name="Save baselines").click()
    assert "The baselines were saved." in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, "admin-baselines")
    axe_check(page, "admin-baselines")

    page.get_by_role("link", name="Audit log").click()
    screenshot(page, "admin-audit")
    axe_check(page, "admin-audit")
    for action in ("visit.upload", "draft.open", "draft.edit", "flag.ack", "visit.submit", "visit.return",
                   "visit.approve", "visit.export", "settings.update", "auth.sign_in"):  # fmt: skip
        page.goto(live_server.url(f"/admin/audit?action={action}"))
        caption = page.locator(".offset-audit-table caption").inner_text()
        assert not caption.startswith("0 "), f"{action} is in the audit log"
        assert page.locator(".offset-audit-table tbody td:nth-child(3)").first.inner_text() == action
    page.goto(live_server.url("/admin/audit"))
    page.get_by_label("Action").select_option("visit.export")
    page.get_by_role("button", name="Search").click()
    rows = page.locator(".offset-audit-table tbody tr")
    assert rows.count() == 1 and "reidentified: True" in rows.first.inner_text()
    assert "sam@example.org" in rows.first.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these entries (CSV)").click()
    path = tmp_path / "audit.csv"
    download.value.save_as(path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith("seq,") and len(lines) == 2 and "visit.export" in lines[1]
    page.goto(live_server.url("/admin/audit"))
    page.get_by_role("link", name="Check the chain now").click()
    assert "The chain is intact" in page.locator(".govuk-notification-banner").inner_text()
    page.goto(live_server.url("/admin/retention"))
    assert "30 days after approval" in page.inner_text("main"), "recordings: the default policy"
    screenshot(page, "admin-retention")
    axe_check(page, "admin-retention")
    # Admins manage accounts; visit content is not theirs unless they also supervise the team (Ade does).
    page.goto(live_server.url("/admin/users"))
    assert page.locator("tbody tr").count() == 5
    screenshot(page, "admin-users")
    axe_check(page, "admin-users")


def test_evaluator_sees_the_time_reclaimed_without_content(
    page: Any, live_server: Any, problems: Any, tmp_path: Path, screenshot: Any, axe_check: Any
) -> None:
    assert "visit" in STATE, "the upload test above must pass first"
    problems.expect(r"status of 403")
    sign_in(page, live_server, "eve@example.org")
    assert page.url == live_server.url("/evaluation")
    team_rows = page.locator("table", has=page.locator("caption", has_text="Per team and week")).locator("tbody tr")
    assert team_rows.count() == 1
    cells = team_rows.first.locator("td").all_inner_texts()
    assert cells[1] == "Riverside adults"
    assert cells[2] == "1" and cells[3] == "1", "one draft submitted and approved"
    assert 80 <= float(cells[4]) <= 90, f"minutes reclaimed against the 90-minute baseline: {cells}"
    assert float(cells[7]) >= 0.9, "about a minute recorded with people (the fixture is 58 s)"
    assert page.locator("svg.offset-chart polyline, svg.offset-chart circle").count() >= 1
    assert "Whitaker" not in page.content() and "by phone" not in page.content(), "no content"
    screenshot(page, "evaluation")
    axe_check(page, "evaluation")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these numbers (CSV)").click()
    path = tmp_path / "time.csv"
    download.value.save_as(path)
    assert "Riverside adults" in path.read_text()
    assert page.goto(live_server.url(f"/visits/{STATE['visit']}/review")).status == 403, "no content for evaluators"


def test_another_teams_practitioner_cannot_open_the_visit(page: Any, live_server: Any, problems: Any) -> None:
    assert "visit" in STATE, "the upload test above must pass first"
    problems.expect(r"status of 404")
    sign_in(page, live_server, "olu@example.org")
    for path in (f"/visits/{STATE['visit']}", f"/visits/{STATE['visit']}/review"):
        response = page.goto(live_server.url(path))
        assert response.status == 404
        assert "There is no visit at this address that you can see" in page.inner_text("main")
        assert "Whitaker" not in page.content()
    response = page.request.get(live_server.url(f"/api/visits/{STATE['visit']}/audio"))
    assert response.status == 404


def test_practitioner_records_a_visit_with_the_microphone(
    fake_mic_browser: Any, live_server: Any, screenshot: Any, axe_check: Any
) -> None:
    context = fake_mic_browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    sign_in(page, live_server, "priya@example.org")
    page.goto(live_server.url("/visits/record"))
    page.get_by_label("General visit case note").check()
    page.get_by_label("The people in this visit agreed to it being recorded and written up").check()
    screenshot(page, "record-ready")
    axe_check(page, "record-ready")
    timer = page.locator("[data-offset-timer]")
    page.get_by_role("button", name="Start recording").click()
    page.wait_for_function("() => document.querySelector('[data-offset-timer]').textContent === '0:02'")
    page.get_by_role("button", name="Pause").click()
    paused_at = timer.inner_text()
    page.wait_for_timeout(1500)
    assert timer.inner_text() == paused_at, "the timer stops while paused"
    assert page.locator("[data-offset-record-state]").inner_text() == "Paused"
    screenshot(page, "record-paused")
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function("() => document.querySelector('[data-offset-timer]').textContent === '0:04'")
    page.get_by_role("button", name="Stop and upload").click()
    page.wait_for_url(re.compile(r"/visits/[0-9a-f]+$"), timeout=60_000)
    visit_url = live_server.url(f"/api/visits/{_visit_id(page)}")
    visit = page.request.get(visit_url).json()
    # The recording is processed like an upload (and the worker is idle again before the server stops).
    deadline = time.monotonic() + 300
    while page.request.get(visit_url).json()["status"] in ("queued", "processing"):
        assert time.monotonic() < deadline, "the recorded visit was not processed within 5 minutes"
        page.wait_for_timeout(1000)
    processed = page.request.get(visit_url).json()
    context.close()
    assert processed["status"] == "drafted", processed.get("error")
    assert not errors, errors
    assert visit["filename"] == "recording.webm" and visit["audio_format"] == "webm"
    assert 3.0 <= visit["audio_seconds"] <= 6.0, "about 4 s recorded, the paused part left out"


def test_practitioner_deletes_the_recorded_visit(page: Any, live_server: Any, screenshot: Any, axe_check: Any) -> None:
    """The person withdrew consent: from the review page, confirm with a reason, and the visit is gone."""
    sign_in(page, live_server, "priya@example.org")
    page.get_by_role("link", name=re.compile("open this visit")).first.click()  # newest first: the recording
    page.wait_for_url(re.compile(r"/visits/[0-9a-f]+/review$"))
    visit_id = _visit_id(page)
    page.get_by_role("link", name="Delete this visit").click()
    assert page.locator("h1").inner_text() == "Delete this visit"
    assert "recording.webm" in page.inner_text("main")
    screenshot(page, "delete-visit")
    axe_check(page, "delete-visit")
    page.get_by_label("Why is it being deleted?").fill("The person withdrew consent after the visit.")
    page.get_by_role("button", name="Delete the visit").click()
    page.wait_for_url(re.compile(r"/visits\?deleted=1$"))
    assert "The visit was deleted." in page.inner_text("main")
    assert "recording.webm" not in page.inner_text("main")
    axe_check(page, "visit-deleted")
    response = page.request.get(live_server.url(f"/api/visits/{visit_id}"))
    assert response.status == 410 and "withdrew consent" in response.json()["message"]
