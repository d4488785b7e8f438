from evaluation.redaction_eval import LabelledExample, LabelledSpan, TypeScore, score_redaction
from redaction.models import RedactedEntity, RedactionResult


class FixedRedactor:
    """Redacts exactly the given spans (scoring is tested apart from detection)."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        self.spans = spans

    def redact_text(self, text: str, known: object = None) -> RedactionResult:
        return RedactionResult(text="", entities=[
            RedactedEntity(entity_type=t, start=s, end=e, score=1, placeholder="[X_1]", recognizer="fixed")
            for s, e, t in self.spans
        ])  # fmt: skip


def test_partial_cover_is_a_leak_and_stray_span_lowers_precision() -> None:
    text = "Call 07700 900123 or Jo Bloggs today"
    ex = LabelledExample(text, [LabelledSpan(5, 17, "PHONE_NUMBER"), LabelledSpan(21, 30, "PERSON")])
    scores = score_redaction([ex], FixedRedactor([(5, 10, "PHONE_NUMBER"), (21, 30, "PERSON"), (31, 36, "PERSON")]))
    phone, person = scores.per_type["PHONE_NUMBER"], scores.per_type["PERSON"]
    assert (phone.recall, phone.leak_rate) == (1.0, 1.0)
    assert (person.leak_rate, person.precision) == (0.0, 0.5)
    assert scores.structured.leaked == 1
    assert TypeScore(gold=4, found=2, predicted=2, correct_predictions=2).f2 == 5 * 1 * 0.5 / (4 * 1 + 0.5)


def test_over_redaction_counts_clean_words_a_span_swallowed() -> None:
    # "Call" is not personal data: a span that runs on past the NI number into it is over-redaction,
    # even though the span overlaps the identifier (so precision calls it correct).
    text = "It's AB 12 34 56 C. Call me on Monday, Jo."
    nino = text.index("AB")
    ex = LabelledExample(text, [LabelledSpan(nino, nino + 13, "UK_NINO"), LabelledSpan(39, 41, "PERSON")])
    swallow = FixedRedactor([(nino, text.index(" me"), "UK_NINO"), (39, 41, "PERSON")])
    scores = score_redaction([ex], swallow)
    assert scores.per_type["UK_NINO"].precision == 1.0
    assert scores.over_redaction.clean_words == 5  # It's, Call, me, on, Monday
    assert scores.over_redaction.over_redacted_words == 1
    assert scores.over_redacted_by_type == {"UK_NINO": 1}
    assert scores.over_redacted_top == [("call", 1)]
    exact = score_redaction([ex], FixedRedactor([(nino, nino + 13, "UK_NINO"), (39, 41, "PERSON")]))
    assert exact.over_redaction.over_redacted_words == 0
