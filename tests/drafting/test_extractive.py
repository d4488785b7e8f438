"""The extractive drafter with the real MiniLM: routing, reported speech, evidence, Not discussed."""

from __future__ import annotations

from assistant.drafting.models import NOT_DISCUSSED
from assistant.drafting.registry import get_drafter
from assistant.drafting.render import render_markdown
from assistant.settings import Settings
from prompts import load_template
from redaction.models import RedactedTranscript


def _draft(home_visit: RedactedTranscript, settings: Settings, form: str = "general_visit"):
    return get_drafter("extractive", settings).draft(home_visit, load_template(form))


def test_fields_rest_on_the_right_segments(home_visit: RedactedTranscript, settings: Settings) -> None:
    d = _draft(home_visit, settings)

    def ids(fid: str) -> set[str]:
        return {e.segment_id for e in d.field(fid).evidence}

    assert "seg-0002" in ids("presenting_situation")
    assert "seg-0014" in ids("what_matters")
    assert "seg-0008" in ids("daily_living")
    assert "seg-0012" in ids("health_and_medication")
    assert {"seg-0004", "seg-0010"} <= ids("risks")
    assert "seg-0019" in ids("next_contact")
    for f in d.fields:
        for e in f.evidence:
            seg = home_visit.segment(e.segment_id)
            assert (e.start, e.end, e.quote) == (seg.start, seg.end, seg.text)


def test_reported_speech_is_attributed_and_invents_nothing(
    home_visit: RedactedTranscript, settings: Settings
) -> None:
    d = _draft(home_visit, settings)
    what = d.field("what_matters")
    # The answer is reported with the question it answers.
    assert what.value.startswith("Asked by Practitioner") and "Client said" in what.value
    assert "their own home" in what.value and " my " not in what.value
    for f in d.fields:
        assert all(c.support == "supported" for c in f.checks), f.checks
        assert not [fl for fl in f.flags if fl.kind == "unsupported"]


def test_field_with_no_evidence_is_not_discussed(home_visit: RedactedTranscript, settings: Settings) -> None:
    f = _draft(home_visit, settings).field("support_network")
    assert f.value == NOT_DISCUSSED and f.status == "not_discussed" and f.evidence == []


def test_actions_have_what_who_and_when(home_visit: RedactedTranscript, settings: Settings) -> None:
    f = _draft(home_visit, settings).field("actions_agreed")
    by_what = {a.what: a for a in f.actions}
    ot = next(a for w, a in by_what.items() if "occupational therapy" in w)
    assert ot.who == "Practitioner" and ot.by_when == "this week"
    assert ot.evidence[0].segment_id == "seg-0016"
    gp = next(a for w, a in by_what.items() if "GP surgery" in w)
    assert gp.by_when == "tomorrow"


def test_risks_are_flagged_with_their_quotes(home_visit: RedactedTranscript, settings: Settings) -> None:
    flags = [fl for fl in _draft(home_visit, settings).field("risks").flags if fl.kind == "risk"]
    messages = " ".join(fl.message for fl in flags)
    assert "falls" in messages and "missed medication" in messages
    falls = next(fl for fl in flags if "falls" in fl.message)
    assert falls.quote and "fell on the stairs" in falls.quote and falls.segment_ids == ["seg-0004"]


def test_provenance_and_markdown(home_visit: RedactedTranscript, settings: Settings) -> None:
    d = _draft(home_visit, settings)
    assert d.provenance.template == "general_visit" and d.provenance.drafter == "extractive"
    assert (
        d.provenance.prompt_hash and d.provenance.template_version == load_template("general_visit").version
    )
    md = render_markdown(d)
    assert "## Family, carers and support network _(not discussed)_" in md
    assert "`seg-0004`" in md and "RISK" in md
