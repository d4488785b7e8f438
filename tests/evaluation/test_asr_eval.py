import pytest

from evaluation.asr_eval import Span, key_term_spans, normalise, score_asr


def test_normalisation_is_documented_behaviour() -> None:
    assert normalise("Um, I'm Mrs. Okafor's daughter - erm - we've organised it.") == (
        "im missus okafors daughter weve organized it"
    )
    # Digits compare equal however they are grouped or spoken.
    assert normalise("07700 900123") == normalise("0770 0900 123") == "0 7 7 0 0 9 0 0 1 2 3"
    assert normalise("seven seven") == "7 7"
    assert normalise("Mr. John, Dr Hughes") == normalise("mister john doctor hughes")


def test_wer_counts_substitutions_deletions_insertions() -> None:
    s = score_asr("the cat sat on the mat", "the cat sat on a mat today")
    assert (s.substitutions, s.deletions, s.insertions) == (1, 0, 1)
    assert s.wer == pytest.approx(2 / 6)
    assert score_asr("Hello, there!", "hello there").wer == 0.0


def test_identifier_errors_are_counted_inside_their_spans() -> None:
    ref = "My NHS number is 943 476 5919 and I live at 12 Acacia Road."
    nhs = ref.index("943")
    road = ref.index("Acacia")
    spans = [
        Span(nhs, nhs + len("943 476 5919"), "UK_NHS"),
        Span(road, road + len("Acacia Road"), "LOCATION"),
    ]
    s = score_asr(ref, "my nhs number is 943 476 5918 and i live at 12 a casia road", spans)
    nhs_scores = s.by_label["UK_NHS"]
    assert (nhs_scores.words, nhs_scores.errors, nhs_scores.spans_exact) == (10, 1, 0)
    loc = s.by_label["LOCATION"]
    assert loc.errors == 1 and loc.words == 2 and loc.exact_rate == 0.0


def test_empty_hypothesis_deletes_everything() -> None:
    s = score_asr("one two three", "", [Span(0, 3, "X")])
    assert s.wer == 1.0 and s.by_label["X"].errors == 1


def test_key_terms_found_case_insensitively_on_word_boundaries() -> None:
    text = "Direct payments were discussed; the direct-payments leaflet too. Care Act."
    spans = key_term_spans(text, ["direct payments", "Care Act"])
    assert [text[s.start : s.end] for s in spans] == ["Direct payments", "Care Act"]
