from evaluation.time_model import EALING, SWINDON, TimeModel, calibrate, calibration_table, describe


def test_calibration_reproduces_both_published_figures() -> None:
    model = calibrate(TimeModel())
    assert abs(model.predict(SWINDON) - 90.0) < 0.01
    assert abs(model.predict(EALING) - 60.0 * 0.52) < 0.01
    # The fitted costs must be plausible human costs, not artefacts of the fit.
    assert 10 < model.field_check_seconds < 300
    assert 0 < model.fixed_minutes < 30


def test_review_minutes_grow_with_edits_and_fields() -> None:
    model = calibrate(TimeModel())
    light = model.review_minutes(draft_words=600, chars_typed=100, fields=8)
    heavy = model.review_minutes(draft_words=600, chars_typed=3000, fields=8)
    assert heavy - light == (3000 - 100) / model.typing_cpm
    assert model.review_minutes(600, 100, 9) > light


def test_assumptions_are_printed_with_calibration() -> None:
    text = describe(calibrate(TimeModel()))
    assert "200 words/min" in text and "Swindon" in text and "Ealing" in text
    rows = calibration_table(calibrate(TimeModel()))
    assert rows[0]["published_reduction"] == 0.625
    assert rows[1]["modelled_reduction"] == 0.48


def test_slower_reading_is_absorbed_by_calibration_but_changes_the_costs() -> None:
    fast = calibrate(TimeModel(reading_wpm=300))
    slow = calibrate(TimeModel(reading_wpm=120))
    assert abs(slow.predict(SWINDON) - 90.0) < 0.01
    assert slow.fixed_minutes < fast.fixed_minutes or slow.field_check_seconds < fast.field_check_seconds
