"""Error pages for browsers, the app's own JSON errors for everyone else, and the missing-assets start-up error."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.main import create_app
from api.web.errors import FrontendAssetsMissingError
from api.web.mount import mount_web
from api.web.settings import WebSettings

HTML = {"accept": "text/html,application/xhtml+xml"}


@pytest.fixture
def app(web_settings: WebSettings) -> FastAPI:
    application = create_app()
    application.state.web_settings = web_settings

    @application.get("/api/boom")
    def api_boom() -> None:
        raise RuntimeError("internal detail from the API")

    @application.get("/boom")
    def page_boom() -> None:
        raise RuntimeError("internal detail /srv/offset/secret.py")

    @application.get("/api/number")
    def api_number(n: int) -> dict[str, int]:
        return {"n": n}

    return application


def test_browsers_get_a_page_for_an_unknown_address(app: FastAPI) -> None:
    response = TestClient(app).get("/no/such/page", headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in response.text


def test_api_clients_keep_the_apps_json_errors(app: FastAPI) -> None:
    client = TestClient(app)
    assert client.get("/no/such/page").json() == {"detail": "Not Found"}, "no Accept: text/html, no page"
    api = client.get("/api/nothing", headers=HTML)
    assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    unknown_form = client.get("/templates/no_such_form", headers=HTML)
    assert unknown_form.json()["error"] == "TemplateNotFoundError", "the app's domain-error handler still answers"
    invalid = client.get("/api/number?n=x", headers=HTML)
    assert invalid.status_code == 422 and invalid.json()["detail"][0]["loc"] == ["query", "n"]


def test_a_crash_shows_a_reference_and_never_the_error(app: FastAPI, caplog: pytest.LogCaptureFixture) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    response = client.get("/boom", headers=HTML)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.text
    assert "secret.py" not in response.text and "Traceback" not in response.text and "RuntimeError" not in response.text
    reference = response.text.split('Reference: <strong class="govuk-!-font-weight-bold">')[1][:8]
    assert any(reference in record.getMessage() for record in caplog.records), "the log ties the reference to the error"
    api = client.get("/api/boom", headers=HTML)
    assert api.status_code == 500 and "internal detail" not in api.text


def test_start_up_names_the_missing_assets_and_the_command(tmp_path: Path) -> None:
    settings = WebSettings(web_assets_dir=tmp_path / "node_modules", web_css_file=tmp_path / "offset.css")
    bare = FastAPI()
    mount_web(bare, settings=settings)
    with pytest.raises(FrontendAssetsMissingError) as failure, TestClient(bare):
        pass
    message = str(failure.value)
    assert "govuk-frontend.min.js" in message and "offset.css" in message
    assert "make install" in message and "npm ci" in message
