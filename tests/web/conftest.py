"""Browser test harness: the real app under uvicorn on 127.0.0.1, Debian's Chromium driven by Playwright.

Fixtures:
- `live_server`: the whole service (real accounts in SQLite, encrypted storage, the in-process job
  worker on tiny.en) with the GOV.UK pages, real assets and a few test-only routes, on a free
  loopback port, in a thread; `.url(path)`, `.ctx`, `.users` (email -> id).
- `browser` / `page`: headless Chromium from /usr/bin/chromium (never `playwright install`),
  a fresh context (cookies, storage) per test; the page fails the test on console errors,
  failed asset requests or CSP violations (`page_problems`).
- `axe_check(page, name)`: runs axe-core (from node_modules) in the page and fails on serious or
  critical WCAG 2.2 A/AA violations; the full report goes to the artefacts folder.
- `screenshot(page, name)`: a full-page PNG in test-artifacts/screenshots/ (path printed at the end).
- `fake_mic_browser`: Chromium whose microphone plays tests/fixtures/web/fake_mic.wav.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import pytest
import uvicorn
from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import HTMLResponse

from api.accounts import create_team, create_user
from api.auth.web import ServiceAuthenticator
from api.context import ServiceContext, build_context
from api.db import upgrade
from api.db.models import Role
from api.main import create_app
from api.settings import ServiceSettings
from api.web.assets import FrontendAssets
from api.web.auth import WebUser
from api.web.deps import require_role
from api.web.settings import PROJECT_ROOT, WebSettings

CHROMIUM = Path(os.environ.get("OFFSET_TEST_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(os.environ.get("OFFSET_TEST_ARTIFACTS", PROJECT_ROOT / "test-artifacts"))
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"
FAKE_MIC_WAV = Path(__file__).parents[1] / "fixtures" / "web" / "fake_mic.wav"

# Headless, and nothing that reaches the network or needs a GPU or a sandbox-capable kernel.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
FAILING_IMPACTS = ("serious", "critical")
_written: list[Path] = []  # screenshots taken in this session, for the summary line

PASSWORD = "correct horse battery staple"  # the test accounts' password (test data only)
TEAM = "Riverside adults"
OTHER_TEAM = "Hillside children"
# email -> (name, roles, team): real accounts in the test service's database.
PEOPLE: dict[str, tuple[str, set[str], str | None]] = {
    "priya@example.org": ("Priya Shah", {"practitioner"}, TEAM),
    "sam@example.org": ("Sam Okafor", {"supervisor"}, TEAM),
    "eve@example.org": ("Eve Martin", {"evaluator"}, None),
    "ade@example.org": ("Ade Bello", {"admin", "supervisor"}, TEAM),
    "olu@example.org": ("Olu Hart", {"practitioner"}, OTHER_TEAM),
}


def test_service_settings(data_dir: Path) -> ServiceSettings:
    """The service under the browser: SQLite in a temporary folder, tiny.en, quick job polling, cheap hashes."""
    values: dict[str, Any] = {
        "data_dir": data_dir,
        "database_url": f"sqlite:///{data_dir / 'offset.db'}",
        "whisper_model": "tiny.en",
        "job_poll_seconds": 0.3,
        "job_retry_delay_seconds": 0.5,
        "password_hash_time_cost": 1,
        "password_hash_memory_kib": 1024,
        "login_max_failures": 20,
        # One practitioner's visits would be withheld from the time metrics at the default 5.
        "metrics_min_group_size": 1,
    }
    return ServiceSettings(_env_file=None, **values)  # type: ignore[call-arg]


def seed_people(ctx: ServiceContext) -> dict[str, int]:
    ids = {}
    with ctx.db.session() as s:
        for team in (TEAM, OTHER_TEAM):
            create_team(s, team)
        for email, (name, roles, team) in PEOPLE.items():
            user = create_user(s, ctx.passwords, email, PASSWORD, {Role(r) for r in roles}, team, 12, name)
            ids[email] = user.id
    return ids


def _test_routes() -> APIRouter:
    """Routes that exist only in the tests, to reach the error pages and prove the axe check can fail."""
    router = APIRouter(prefix="/_test", include_in_schema=False)

    @router.get("/crash")
    def crash() -> None:
        raise RuntimeError("secret internal detail /srv/offset/db.py line 42")

    @router.get("/number")
    def number(n: int) -> dict[str, int]:
        return {"n": n}

    @router.get("/supervisors-only")
    def supervisors_only(user: Annotated[WebUser, Depends(require_role("supervisor"))]) -> HTMLResponse:
        return HTMLResponse(f"for supervisors: {user.name}")

    @router.get("/inaccessible")
    def inaccessible() -> HTMLResponse:
        # No language, no title, an image with no text alternative and a field with no label.
        return HTMLResponse(
            '<html><body><img src="/static/offset/images/favicon.svg"><input type="text"></body></html>'
        )

    return router


@dataclass
class LiveServer:
    """The app served by uvicorn in a thread on 127.0.0.1."""

    app: FastAPI
    ctx: ServiceContext
    users: dict[str, int] = field(default_factory=dict)
    port: int = 0
    server: uvicorn.Server | None = None
    thread: threading.Thread | None = None

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def start_server(app: FastAPI, ctx: ServiceContext, users: dict[str, int]) -> LiveServer:
    """Serve `app` on a free loopback port; returns once uvicorn has started (the assets check ran)."""
    sock = _free_socket()
    live = LiveServer(app=app, ctx=ctx, users=users, port=sock.getsockname()[1])
    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    live.server = uvicorn.Server(config)
    live.thread = threading.Thread(target=live.server.run, kwargs={"sockets": [sock]}, daemon=True)
    live.thread.start()
    deadline = time.monotonic() + 20
    while not live.server.started:
        if not live.thread.is_alive():
            raise RuntimeError("uvicorn stopped during start-up; its log above says why")
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 20 s")
        time.sleep(0.02)
    return live


def stop_server(live: LiveServer) -> None:
    assert live.server is not None and live.thread is not None
    live.server.should_exit = True
    live.thread.join(timeout=10)


@pytest.fixture(scope="session")
def web_settings() -> WebSettings:
    settings = WebSettings(web_organisation_name="Riverside Council", web_support_email="offset-support@example.org")
    missing = FrontendAssets.from_settings(settings).missing()
    if missing:
        pytest.fail(f"Front-end files missing: {missing}. Run `make install` (npm ci, npm run build) first.")
    return settings


@pytest.fixture(scope="session")
def live_server(web_settings: WebSettings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The whole service (real accounts in SQLite, encrypted storage, in-process job worker) with the pages."""
    ctx = build_context(test_service_settings(tmp_path_factory.mktemp("web-service")))
    upgrade(ctx.db)
    users = seed_people(ctx)
    app = create_app(ctx, start_workers=True)
    app.state.web_settings = web_settings
    app.state.web_authenticator = ServiceAuthenticator(lambda: ctx, session_minutes=480)
    app.include_router(_test_routes())
    live = start_server(app, ctx, users)
    yield live
    stop_server(live)
    ctx.close()


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - environment
        pytest.fail("Playwright for Python is missing: run `make install-test` (pip install playwright).")
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} not found: run `make install-test` as root (apt-get install -y chromium chromium-driver)."
        )
    return sync_playwright


def launch_chromium(playwright: Any, extra_args: list[str] | None = None) -> Any:
    """Debian's Chromium, headless; Playwright gives each launch a fresh temporary --user-data-dir."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS + (extra_args or [])
    )


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    with _playwright()() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    chromium = launch_chromium(playwright_instance)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    return CHROMIUM


@pytest.fixture(scope="session")
def fake_mic_wav() -> Path:
    """6.8 s, two voices, 16 kHz mono PCM (cut by tests/fixtures/web/make_fake_mic.py); fake_mic.json has the words."""
    return FAKE_MIC_WAV


@pytest.fixture(scope="session")
def fake_mic_browser(playwright_instance: Any) -> Iterator[Any]:
    """Chromium whose microphone is tests/fixtures/web/fake_mic.wav (permission prompts auto-accepted)."""
    args = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={FAKE_MIC_WAV}",
    ]
    chromium = launch_chromium(playwright_instance, args)
    yield chromium
    chromium.close()


@dataclass
class PageProblems:
    """What went wrong in the browser while a test ran: console errors and failed sub-resources."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    expected: list[re.Pattern[str]] = field(default_factory=list)

    def expect(self, pattern: str) -> None:
        """Allow a problem the test provokes on purpose (e.g. the error page's own status)."""
        self.expected.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [p for p in self.console_errors + self.failed_requests if not any(e.search(p) for e in self.expected)]


def watch(page: Any) -> PageProblems:
    problems = PageProblems()
    page.on(
        "console",
        lambda m: problems.console_errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.console_errors.append(f"page error: {e}"))

    def on_failed(request: Any) -> None:
        # ERR_ABORTED is the browser cancelling a request itself (the test navigated on or closed the tab);
        # a server that fails answers with a status, caught by on_response below.
        if "ERR_ABORTED" not in (request.failure or ""):
            problems.failed_requests.append(f"request failed: {request.url} {request.failure}")

    page.on("requestfailed", on_failed)

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            problems.failed_requests.append(f"{response.status} for {response.request.resource_type} {response.url}")

    page.on("response", on_response)
    return problems


def new_page(browser: Any, **context_options: Any) -> tuple[Any, Any, PageProblems]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, **context_options)
    page = context.new_page()
    return context, page, watch(page)


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context, tab, problems = new_page(browser)
    request.node.page_problems = problems
    yield tab
    unexpected = problems.unexpected()
    context.close()
    assert not unexpected, "The browser reported problems:\n" + "\n".join(unexpected)


@pytest.fixture
def problems(page: Any, request: pytest.FixtureRequest) -> PageProblems:
    """What the `page` fixture's tab has reported so far (call `.expect(pattern)` to allow one)."""
    found: PageProblems = request.node.page_problems
    return found


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    for folder in (SCREENSHOTS, AXE_REPORTS):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    return ARTIFACTS


@pytest.fixture
def screenshot(artifacts_dir: Path, request: pytest.FixtureRequest) -> Callable[..., Path]:
    def take(page: Any, name: str, *, full_page: bool = True) -> Path:
        path = SCREENSHOTS / f"{_safe_name(name)}.png"
        page.screenshot(path=str(path), full_page=full_page)
        _written.append(path)
        return path

    return take


@pytest.fixture(scope="session")
def axe_source(web_settings: WebSettings) -> str:
    axe = FrontendAssets.from_settings(web_settings).axe_js
    if not axe.is_file():
        pytest.fail(f"{axe} not found: run `make install-test` (npm ci installs the axe-core dev package).")
    return axe.read_text()


def run_axe(page: Any, axe_source: str) -> dict[str, Any]:
    """Run axe-core in the page. Injected through the DevTools protocol, so the page's CSP stays on."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return result


def serious_violations(result: dict[str, Any]) -> list[str]:
    lines = []
    for violation in result["violations"]:
        if violation["impact"] in FAILING_IMPACTS:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            lines.append(f"{violation['impact']}: {violation['id']} - {violation['help']} ({targets})")
    return lines


@pytest.fixture
def axe_check(axe_source: str, artifacts_dir: Path) -> Callable[[Any, str], dict[str, Any]]:
    def check(page: Any, name: str) -> dict[str, Any]:
        result = run_axe(page, axe_source)
        (AXE_REPORTS / f"{_safe_name(name)}.json").write_text(json.dumps(result["violations"], indent=1))
        serious = serious_violations(result)
        assert not serious, f"axe-core found serious or critical problems on {page.url}:\n" + "\n".join(serious)
        return result

    return check


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _written:
        terminalreporter.write_line(f"Browser test screenshots ({len(_written)}): {SCREENSHOTS}")
        terminalreporter.write_line(f"axe-core reports: {AXE_REPORTS}")
