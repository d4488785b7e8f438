"""The right-field measure: a risk line that points to where a fact is recorded counts; numbers match as numbers."""

from __future__ import annotations

from core.draft import Draft, DraftField
from evaluation.drafting_eval import fact_found, pointed_text, score_draft


def _draft(values: dict[str, tuple[str, str]]) -> Draft:
    fields = [
        DraftField(id=fid, label=label, type="text", value=value, drafter="extractive")
        for fid, (label, value) in values.items()
    ]
    return Draft.model_construct(fields=fields, flags=[], participants=[])


def test_a_risk_pointer_counts_the_fact_where_it_is_recorded() -> None:
    d = _draft(
        {
            "presenting_situation": ("Presenting situation", "She said she fell on the stairs two weeks ago."),
            "risks": ("Risks and safeguarding", "Falls (disclosed): see Presenting situation."),
        }
    )
    assert "fell on the stairs" in pointed_text(d, "risks")
    s = score_draft(d, {"risks": ["fell on the stairs"], "presenting_situation": ["fell on the stairs"]})
    # Strict: only presenting_situation holds it; following the pointer, the risk field does too.
    assert (s.facts_found, s.facts_found_with_pointers, s.facts_total) == (1, 2, 2)
    # A pointer to a field the note does not have counts for nothing.
    lost = _draft({"risks": ("Risks and safeguarding", "Falls (disclosed): see Daily living.")})
    assert score_draft(lost, {"risks": ["fell on the stairs"]}).facts_found_with_pointers == 0


def test_numbers_match_as_numbers_and_other_words_still_count() -> None:
    assert fact_found("home visit on 23 November", "She will come back to visit on the twenty third of November.")
    assert not fact_found("home visit on 23 November", "She will come back to visit on the twenty fourth of December.")
    assert fact_found("four days missed", "There were four days missed.")
