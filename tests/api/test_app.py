"""The service's read-only endpoints over the real template loader."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.main import create_app

client = TestClient(create_app())


def test_health() -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_templates_listed_from_prompts_folder() -> None:
    names = {t["name"] for t in client.get("/templates").json()}
    assert "general_visit" in names


def test_unknown_template_is_404_with_actionable_message() -> None:
    response = client.get("/templates/no_such_form")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "TemplateNotFoundError"
    assert "general_visit" in body["detail"]
