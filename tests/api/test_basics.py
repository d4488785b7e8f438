"""Health, templates, the error shape, the request id: on SQLite and PostgreSQL."""

from __future__ import annotations

from tests.api.conftest import Service


def test_health_reports_each_part(service: Service) -> None:
    body = service.client.get("/api/health").json()
    assert set(body) >= {"status", "database", "queue", "storage", "models"}
    assert body["database"]["ok"] and body["storage"]["ok"] and body["models"]["ok"], body
    assert body["database"]["detail"] == service.ctx.db.dialect


def test_health_is_degraded_without_workers(service: Service) -> None:
    # This fixture's service runs no job workers: health must say so rather than claim all is well.
    r = service.client.get("/api/health")
    assert r.status_code == 503
    assert r.json()["status"] == "degraded" and not r.json()["queue"]["ok"]


def test_templates_listed_from_prompts_folder(service: Service) -> None:
    names = {t["name"] for t in service.client.get("/api/templates").json()}
    assert "general_visit" in names


def test_unknown_template_is_404_with_actionable_message(service: Service) -> None:
    r = service.client.get("/api/templates/no_such_form")
    assert r.status_code == 404
    body = r.json()
    assert body["code"] == "template_not_found"
    assert "general_visit" in body["message"]
    assert set(body) == {"code", "message", "detail"}


def test_unknown_route_and_method_have_the_error_shape(service: Service) -> None:
    r = service.client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = service.client.delete("/api/templates")
    assert r.status_code == 405 and r.json()["code"] == "method_not_allowed"


def test_validation_errors_name_the_field(service: Service) -> None:
    r = service.as_("practitioner").get("/api/visits", params={"limit": 0})
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid_input" and "limit" in body["message"]


def test_every_response_carries_a_request_id(service: Service) -> None:
    r = service.client.get("/api/templates", headers={"X-Request-ID": "trace-12345678"})
    assert r.headers["x-request-id"] == "trace-12345678"
    assert len(service.client.get("/api/templates").headers["x-request-id"]) == 32
