"""Redaction never touches the network (Presidio's email validation would fetch the suffix list)."""

from __future__ import annotations

import socket

import pytest

from redaction.redactor import Redactor


def test_no_network_during_redaction(redactor: Redactor, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    res = redactor.redact_text("Email jo@example.co.uk or see https://www.example.org/page, ip 10.0.0.1.")
    assert "jo@example.co.uk" not in res.text
    assert attempts == []
    assert not any(
        r.name == "EmailRecognizer" and type(r).__module__.startswith("presidio") for r in redactor.recognizers
    )
