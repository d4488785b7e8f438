"""The LLM drafter with a fake chat model: parsing, retries, fall-back, and invented facts flagged."""

from __future__ import annotations

import json
from typing import Any

from assistant.drafting.extractive import ExtractiveDrafter
from assistant.drafting.llm import LLMDrafter
from assistant.drafting.models import Draft
from assistant.settings import Settings
from prompts import load_template
from redaction.models import RedactedTranscript

HEALTH = "Health and medication"
PRESENTING = "Presenting situation"


def _reply(value: str, *ids: str) -> str:
    return json.dumps({"value": value, "segment_ids": list(ids)})


def _draft(settings: Settings, chat: Any, redacted: RedactedTranscript) -> Draft:
    return LLMDrafter(settings, chat_model=chat).draft(redacted, load_template("general_visit"))


def test_reply_parsed_into_field_with_cited_evidence(
    settings: Settings, fake_chat: Any, home_visit: RedactedTranscript
) -> None:
    fake_chat.enqueue(
        HEALTH,
        "Sure! ```json\n"
        + _reply("Client said they take furosemide in the morning and ramipril.", "seg-0012")
        + "\n```",
    )
    d = _draft(settings, fake_chat, home_visit)
    f = d.field("health_and_medication")
    assert f.status == "drafted" and f.drafter == "llm"
    assert f.value == "Client said they take furosemide in the morning and ramipril."
    assert [e.segment_id for e in f.evidence] == ["seg-0012"]
    assert f.checks and all(c.support == "supported" for c in f.checks)
    assert d.provenance.drafter == "llm" and d.provenance.model == "fake-chat"


def test_fields_with_no_evidence_are_not_sent_to_the_model(
    settings: Settings, fake_chat: Any, home_visit: RedactedTranscript
) -> None:
    d = _draft(settings, fake_chat, home_visit)
    assert d.field("support_network").status == "not_discussed"
    assert not any("Field: Family, carers" in p for p in fake_chat.prompts)
    assert all("[PERSON_1]" not in p or "Hello" in p for p in fake_chat.prompts)


def test_malformed_reply_is_retried_with_the_error(
    settings: Settings, fake_chat: Any, home_visit: RedactedTranscript
) -> None:
    fake_chat.enqueue(HEALTH, "I think they take tablets", _reply("Client said they take ramipril.", "seg-0012"))
    f = _draft(settings, fake_chat, home_visit).field("health_and_medication")
    assert f.status == "drafted" and "ramipril" in f.value
    retries = [p for p in fake_chat.prompts if f"Field: {HEALTH}" in p]
    assert len(retries) == 2 and "no JSON object found" in retries[1]


def test_always_malformed_falls_back_to_extractive(
    settings: Settings, fake_chat: Any, home_visit: RedactedTranscript
) -> None:
    fake_chat.enqueue(HEALTH, "{not json", '{"segment_ids": []}')
    f = _draft(settings, fake_chat, home_visit).field("health_and_medication")
    assert f.status == "fallback" and f.drafter == "extractive"
    # The fall-back is the extractive drafter's own text for the field, not a generic placeholder.
    extractive = ExtractiveDrafter(settings).draft(home_visit, load_template("general_visit"))
    assert f.value == extractive.field("health_and_medication").value
    assert "furosemide" in f.value and "ramipril" in f.value
    assert f.flags[0].kind == "fallback" and "malformed" in f.flags[0].message


def test_backend_error_and_timeout_fall_back(
    settings: Settings, fake_chat: Any, home_visit: RedactedTranscript
) -> None:
    fake_chat.enqueue(HEALTH, ConnectionError("server down"))
    f = _draft(settings, fake_chat, home_visit).field("health_and_medication")
    assert f.status == "fallback" and "server down" in f.flags[0].message
    slow = fake_chat.model_copy(update={"delay": 0.5, "queues": {}, "prompts": []})
    quick = settings.model_copy(update={"llm_timeout_seconds": 0.1})
    f = _draft(quick, slow, home_visit).field("what_matters")
    assert f.status == "fallback" and "no reply within 0.1 s" in f.flags[0].message


def test_a_timeout_leaves_no_thread_running(settings: Settings, fake_chat: Any, home_visit: RedactedTranscript) -> None:
    import threading

    before = threading.active_count()
    slow = fake_chat.model_copy(update={"delay": 0.3, "queues": {}, "prompts": []})
    quick = settings.model_copy(update={"llm_timeout_seconds": 0.05})
    d = _draft(quick, slow, home_visit)
    assert all(f.status in {"fallback", "not_discussed"} for f in d.fields)
    assert threading.active_count() <= before


def test_a_bug_in_our_own_code_is_raised_not_a_fallback(
    settings: Settings, fake_chat: Any, home_visit: RedactedTranscript
) -> None:
    import pytest

    fake_chat.enqueue(HEALTH, TypeError("'NoneType' object is not subscriptable"))
    with pytest.raises(TypeError):
        _draft(settings, fake_chat, home_visit)


def test_llm_statements_go_through_the_same_verifier_and_flags(
    settings: Settings, fake_chat: Any, home_visit: RedactedTranscript
) -> None:
    fake_chat.enqueue(HEALTH, _reply("They said they take furosemide and ramipril.", "seg-0012"))
    d = _draft(settings, fake_chat, home_visit)
    risks = {fl.category: fl.status for fl in d.field("risks").flags if fl.kind == "risk"}
    assert risks == {"falls": "disclosed", "missed_medication": "disclosed"}
    assert {p.role for p in d.participants} == {"practitioner", "person"}


def test_invented_medication_is_flagged(settings: Settings, fake_chat: Any, home_visit: RedactedTranscript) -> None:
    invented = _reply(
        "Client said they take furosemide in the morning and ramipril. They also take sertraline daily.",
        "seg-0012",
    )
    # Above the unsupported limit: the field falls back, and the rejected statement is still shown.
    fake_chat.enqueue(HEALTH, invented)
    f = _draft(settings, fake_chat, home_visit).field("health_and_medication")
    assert f.status == "fallback" and "sertraline" not in f.value
    assert any(fl.kind == "unsupported" and "medication 'sertraline'" in fl.message for fl in f.flags)
    # Under a looser limit the model's text is kept, with the invented statement flagged.
    fake_chat.enqueue(HEALTH, invented)
    loose = settings.model_copy(update={"llm_max_unsupported_ratio": 0.6})
    f = _draft(loose, fake_chat, home_visit).field("health_and_medication")
    assert f.status == "drafted" and "sertraline" in f.value
    bad = [c for c in f.checks if c.support == "unsupported"]
    assert [c.statement for c in bad] == ["They also take sertraline daily."]
    assert "medication 'sertraline'" in bad[0].reason
    assert any(fl.kind == "unsupported" and "sertraline" in (fl.statement or "") for fl in f.flags)


def test_invented_suicidal_ideation_is_flagged_loudly(
    settings: Settings, fake_chat: Any, home_visit: RedactedTranscript
) -> None:
    fake_chat.enqueue(
        PRESENTING,
        _reply("Client said they have been having suicidal thoughts since leaving hospital.", "seg-0002"),
    )
    f = _draft(settings, fake_chat, home_visit).field("presenting_situation")
    assert f.status == "fallback"
    assert "suicidal" not in f.value
    risk = [fl for fl in f.flags if fl.kind == "risk" and "suicid" in (fl.statement or "")]
    assert risk and "NOBODY SAID" in risk[0].message and risk[0].quote is None


def test_llm_drafter_from_registry(settings: Settings) -> None:
    from assistant.drafting.registry import get_drafter

    d = get_drafter("llm", settings)
    assert d.name == "llm" and isinstance(d, LLMDrafter)
