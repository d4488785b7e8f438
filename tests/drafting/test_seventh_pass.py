"""Seventh pass: the note's words spent on facts (actions without their reasons, ...)."""

from __future__ import annotations

from assistant.drafting.extractive import _without_purpose


def test_an_action_drops_why_it_is_done() -> None:
    assert _without_purpose("arrange a pendant alarm, so if you fall you can press a button") == (
        "arrange a pendant alarm"
    )
    assert _without_purpose("come back in three weeks, to see how the reablement is going") == (
        "come back in three weeks"
    )
    assert _without_purpose("give you my number in case anything comes up") == "give you my number"


def test_an_action_keeps_a_reason_it_cannot_read_without() -> None:
    # Cut, it would end on 'about' or say almost nothing.
    assert _without_purpose("let the school know about so they are alert") == (
        "let the school know about so they are alert"
    )
    assert _without_purpose("do it so you can rest") == "do it so you can rest"
    # 'so' that is not a purpose: kept.
    assert _without_purpose("arrange a sitting service and so on") == "arrange a sitting service and so on"
