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


def test_third_person_statements_fold_questions_and_invent_nothing(
    home_visit: RedactedTranscript, settings: Settings
) -> None:
    d = _draft(home_visit, settings)
    daily = d.field("daily_living").value
    # An answer that says it all drops its question (kept in the evidence); contractions written out.
    assert daily.startswith("They said they cannot get in the bath any more")
    assert "Asked how they are managing" not in daily and "seg-0007" in {
        e.segment_id for e in d.field("daily_living").evidence
    }
    assert " I " not in f" {daily} " and " my " not in daily
    # The form asks for the person's own words here: a short quote is kept.
    assert d.field("what_matters").value.startswith("They said: \u201cStaying in my own home")
    for f in d.fields:
        assert all(c.support == "supported" for c in f.checks), f.checks
        assert not [fl for fl in f.flags if fl.kind == "unsupported"]


def test_participants_are_recorded_with_their_roles(home_visit: RedactedTranscript, settings: Settings) -> None:
    roles = {p.label: (p.role, p.name) for p in _draft(home_visit, settings).participants}
    assert roles == {"SPEAKER_0": ("practitioner", "The practitioner"), "SPEAKER_1": ("person", "They")}


def test_one_fact_once(home_visit: RedactedTranscript, settings: Settings) -> None:
    d = _draft(home_visit, settings)
    cited = [e.segment_id for f in d.fields if f.status != "not_discussed" for e in f.evidence]
    answers = [i for i in cited if home_visit.segment(i).speaker == "SPEAKER_1"]
    assert len(answers) == len(set(answers)), answers


def test_field_with_no_evidence_is_not_discussed(home_visit: RedactedTranscript, settings: Settings) -> None:
    f = _draft(home_visit, settings).field("support_network")
    assert f.value == NOT_DISCUSSED and f.status == "not_discussed" and f.evidence == []


def test_actions_are_full_sentences_with_who_and_when(home_visit: RedactedTranscript, settings: Settings) -> None:
    f = _draft(home_visit, settings).field("actions_agreed")
    by_what = {a.what: a for a in f.actions}
    ot = next(a for w, a in by_what.items() if "occupational therapy" in w)
    assert ot.who == "The practitioner" and ot.by_when == "this week"
    assert ot.evidence[0].segment_id == "seg-0016"
    gp = next(a for w, a in by_what.items() if "GP surgery" in w)
    assert gp.by_when == "tomorrow"
    assert "- The practitioner will refer them to the occupational therapy team" in f.value
    assert all(line.endswith(".") and len(line.split()) >= 6 for line in f.value.splitlines())


def test_risks_are_flagged_with_category_status_quote_and_id(
    home_visit: RedactedTranscript, settings: Settings
) -> None:
    flags = [fl for fl in _draft(home_visit, settings).field("risks").flags if fl.kind == "risk"]
    by_cat = {fl.category: fl for fl in flags}
    assert set(by_cat) == {"falls", "missed_medication"}
    falls = by_cat["falls"]
    assert falls.status == "disclosed" and falls.segment_id == "seg-0004"
    assert falls.quote and "fell on the stairs" in falls.quote
    assert falls.id.startswith("flag_") and falls.id == _draft(home_visit, settings).field("risks").flags[0].id


def test_provenance_and_markdown(home_visit: RedactedTranscript, settings: Settings) -> None:
    d = _draft(home_visit, settings)
    assert d.provenance.template == "general_visit" and d.provenance.drafter == "extractive"
    assert d.provenance.prompt_hash and d.provenance.template_version == load_template("general_visit").version
    md = render_markdown(d)
    assert "## Family, carers and support network _(not discussed)_" in md
    assert "`seg-0004`" in md and "RISK" in md
