"""Utterance-level risk cases: does a risk said in other words come out `disclosed`, and nothing else?

    python -m evaluation.risk_cases [--split all|tuned|held_out] [--show-misses]

`cases.yaml` holds short cases written for this set (speaker role, text, the question before it if
any, the category and status expected). It is split in two halves by a fixed hash of each case id,
fixed before the cues were tuned: the cues were tuned on the `tuned` half only. Prints, per split:
disclosures flagged `disclosed`, denials and concerns given their status, and false disclosures
(any category flagged `disclosed` on a case that discloses nothing). The cases are synthetic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.verification.risk import Said, assess_risks, strongest

CASES = Path(__file__).parent / "cases.yaml"
STATUSES = frozenset({"disclosed", "denied", "concern", "none"})


@dataclass(frozen=True)
class RiskCase:
    """One utterance (after an optional question) and what it says about one risk category."""

    id: str
    role: str
    text: str
    categories: tuple[str, ...]
    status: str
    question: str | None = None

    @property
    def split(self) -> str:
        return split_of(self.id)


def split_of(case_id: str) -> str:
    """'tuned' or 'held_out', by a fixed hash of the id (never by what the case says)."""
    return "tuned" if int(hashlib.sha256(case_id.encode()).hexdigest()[0], 16) < 8 else "held_out"


def load_cases(path: Path = CASES) -> list[RiskCase]:
    """Every case in the file, checked: a bad case names its id and what to fix."""
    raw = yaml.safe_load(path.read_text("utf-8"))
    cases, seen = [], set()
    for item in raw["cases"]:
        cid = item.get("id", "?")
        if cid in seen:
            raise ValueError(f"{path}: case id {cid!r} is used twice; give each case its own id.")
        seen.add(cid)
        if item.get("status") not in STATUSES:
            raise ValueError(f"{path}: case {cid!r} has status {item.get('status')!r}; use one of {sorted(STATUSES)}.")
        cats = item["category"]
        cases.append(
            RiskCase(
                id=cid,
                role=item["role"],
                text=item["text"],
                categories=tuple(cats if isinstance(cats, list) else [cats]),
                status=item["status"],
                question=item.get("question"),
            )
        )
    return cases


def statuses(case: RiskCase) -> dict[str, str]:
    """Category -> status the risk assessment gives this case (its question asked by a practitioner)."""
    said = []
    if case.question:
        said.append(Said("seg-0001", case.question, "SPEAKER_1", "practitioner"))
    speaker = "SPEAKER_1" if case.role == "practitioner" else "SPEAKER_2"
    said.append(Said("seg-0002", case.text, speaker, case.role))
    findings = assess_risks(said)
    return {c: strongest([f for f in findings if f.category == c]) for c in dict.fromkeys(f.category for f in findings)}


def passes(case: RiskCase, got: dict[str, str]) -> bool:
    """Disclosed: one of its categories flagged disclosed. Otherwise nothing disclosed at all, and a
    denial or concern given that status for one of its categories."""
    if case.status == "disclosed":
        return any(got.get(c) == "disclosed" for c in case.categories)
    if "disclosed" in got.values():
        return False
    return case.status == "none" or any(got.get(c) == case.status for c in case.categories)


@dataclass
class SplitScores:
    disclosed: list[int] = field(default_factory=lambda: [0, 0])
    status: list[int] = field(default_factory=lambda: [0, 0])  # denied and concern
    no_finding: list[int] = field(default_factory=lambda: [0, 0])  # 'none' cases: nothing disclosed
    false_disclosures: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def score(cases: list[RiskCase]) -> dict[str, SplitScores]:
    """Per split: disclosures caught, statuses right, 'none' cases kept clear, false disclosures."""
    out: dict[str, SplitScores] = {}
    for case in cases:
        s = out.setdefault(case.split, SplitScores())
        got = statuses(case)
        ok = passes(case, got)
        bucket = {"disclosed": s.disclosed, "none": s.no_finding}.get(case.status, s.status)
        bucket[0] += ok
        bucket[1] += 1
        if case.status != "disclosed" and "disclosed" in got.values():
            s.false_disclosures.append(case.id)
        if not ok:
            s.misses.append(f"{case.id}: expected {case.status} {'/'.join(case.categories)}, got {got or 'nothing'}")
    return out


def summary(scores: dict[str, SplitScores]) -> dict[str, Any]:
    return {
        split: {
            "disclosed_flagged_disclosed": f"{s.disclosed[0]}/{s.disclosed[1]}",
            "denied_or_concern_right": f"{s.status[0]}/{s.status[1]}",
            "none_cases_clear": f"{s.no_finding[0]}/{s.no_finding[1]}",
            "false_disclosures": len(s.false_disclosures),
        }
        for split, s in sorted(scores.items(), key=lambda kv: kv[0] != "tuned")
    }
