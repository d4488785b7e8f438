from evaluation.review_effort import char_distance, review_effort, word_distance


def test_distances_are_levenshtein() -> None:
    assert char_distance("kitten", "sitting") == 3
    assert word_distance("she lives alone", "she lives with her son") == 3
    assert char_distance("", "abc") == 3


def test_fields_changed_and_edit_ratio() -> None:
    draft = {"summary": "Mrs A lives alone.", "risks": "None identified.", "actions": "Review in 6 weeks."}
    approved = {
        "summary": "Mrs A lives alone.",
        "risks": "Two falls in October.",
        "actions": "Review in 4 weeks.",
    }
    effort = review_effort(draft, approved)
    assert effort.fields_changed == 2
    assert effort.char_edits == char_distance("None identified.", "Two falls in October.") + 1
    assert 0 < effort.edit_ratio < 1
    assert effort.as_dict()["fields_total"] == 3


def test_field_missing_from_draft_is_all_typed() -> None:
    effort = review_effort({}, {"plan": "Call GP."})
    assert effort.char_edits == len("Call GP.") and effort.fields_changed == 1
