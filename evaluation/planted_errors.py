"""The verifier as a confabulation detector: plant errors in faithful statements and count the catches.

    python -m evaluation.planted_errors [--aci-bench DIR] [--mts-dialog DIR] [--split tuned|held_out]
        [--out FILE] [--cases FILE]

Faithful statements come from reference notes (the corpus's own, ACI-BENCH's, MTS-Dialog's), each
checked against its own dialogue, and from the extractive drafter's rule-rewritten statements on
the corpus, checked against their cited evidence. Each is changed in one way where it can be: a
number, a dose, a medication, a date, a negation, who said or will do it; and for each source one
statement adds a risk nobody raised. A planted error is caught when the verifier calls it
unsupported; a faithful statement is falsely flagged when it does.

A reference note also writes what was never said aloud (ACI-BENCH's ages, names, vitals and exam
findings come from the record): flagging such a statement is right, not a false flag. Every case is
also counted apart when its faithful original is *not in the dialogue* by one rule fixed before
looking at verdicts (`not_in_dialogue`): at most half of its content words (by the verifier's stems
and synonyms, names and reporting verbs aside) are said anywhere in the dialogue, or it states a
number the dialogue never says in any form. The raw figures count everything; the "said" figures
leave those out (flagged among faithful statements said in the dialogue; caught among errors
planted in them). Sets are split into a part the
verifier was tuned on (corpus v01-v06 and v13, ACI-BENCH valid, the first 100 MTS-Dialog train
pairs) and a held-out part (corpus v07-v12 and v14, ACI-BENCH test1, MTS-Dialog valid). While
tuning, run `--split tuned` (the held-out sources are not even built); each source plants its errors
with its own seeded random choices, so a case is the same whichever split is run.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.verification.risk_cues import risk_categories
from core.lexicon import MEDICATIONS, is_medication
from core.text import DATE_EXPR, statements, words

if TYPE_CHECKING:
    from assistant.verification.verifier import Verifier
    from redaction.models import RedactedTranscript

SPLITS = frozenset({"tuned", "held_out"})
KINDS = ("number", "dose", "medication", "date", "negation", "who", "added_risk")
_NUMBER_WORDS = """one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty""".split()  # noqa: SIM905 - a word list reads best as text
_DOSE = re.compile(r"\b(\d+(?:\.\d+)?)\s*(mg|milligrams?|ml|mcg|micrograms?|units?|g)\b", re.I)
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# A numbered list's marker ('1. Hypertension', '... anemia. 3.') numbers the note's lines; it states nothing.
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)](?=\s|$)|(?<=[.!?])\s+\d{1,2}\.(?=\s|$)")
_AUX_NOT = re.compile(r"\b(is|are|was|were|has|have|had|will|can|could|does|did|do|should|would)\b(?! not)", re.I)
_SUBJECTS = [
    (re.compile(r"^(She|He|They) said\b"), lambda m: "Her son said" if m.group(1) == "She" else "His daughter said"),
    (re.compile(r"^The practitioner will\b"), lambda m: "Her son will"),
    (re.compile(r"^(I|We) will\b"), lambda m: "Her son will"),
    (re.compile(r"^The patient (\w+s)\b"), lambda m: f"The patient's wife {m.group(1)}"),
    (re.compile(r"^(He|She) (reports|states|notes|says|denies)\b"), lambda m: f"His wife {m.group(2)}"),
    (re.compile(r"^Her son said\b"), lambda m: "She said"),
    (re.compile(r"^Her daughter said\b|^His daughter said\b"), lambda m: "The practitioner said"),
]
_RELATIONS = ["son", "daughter", "wife", "husband", "mother", "father", "sister", "brother", "neighbour", "nephew"]
_ADDED_RISK = {
    "suicide": "{subj} said {pron} has been having thoughts of ending {poss} life.",
    "abuse": "{subj} said a family member hits {obj} when nobody is around.",
    "exploitation": "{subj} said a neighbour has been taking {poss} money.",
    "falls": "{subj} said {pron} fell in the bathroom last week.",
    "self_harm": "{subj} said {pron} has been cutting {refl}.",
    "alcohol": "{subj} said {pron} drinks a bottle of wine every night.",
}


@dataclass
class Case:
    """One faithful statement, or one planted error, with what it must be checked against."""

    set: str
    split: str
    kind: str  # 'faithful' or one of KINDS
    statement: str
    original: str
    source_id: str
    evidence_ids: list[str] = field(default_factory=list)


UNSAID_SHARE = 0.5  # at most this share of a statement's content words said anywhere: not in the dialogue


def not_in_dialogue(statement: str, verifier: Verifier) -> bool:
    """The statement could not be told from the dialogue at all (so flagging it is right), by a fixed rule.

    At most half of its content words are said anywhere in the dialogue (stemmed, synonyms joined,
    names and reporting verbs aside: the verifier's own `coverage_of`), or it states a number the
    dialogue never says in any form ('a 53 y.o. female' where nobody says fifty three). The verifier's
    verdict plays no part.
    """
    from assistant.verification.quantities import stated_numbers
    from assistant.verification.statements import coverage_of

    cover, _ = coverage_of(statement, verifier.text, verifier.ignore)
    return cover <= UNSAID_SHARE or bool(stated_numbers(statement) - verifier.numbers)


def mutations(statement: str, rng: random.Random) -> dict[str, str]:
    """kind -> the statement with that one error planted (kinds that do not apply are left out)."""
    out: dict[str, str] = {}
    m = _DOSE.search(statement)
    if m:
        value = m.group(1)
        new = str(int(float(value) * 2)) if float(value) >= 1 else "5"
        out["dose"] = statement[: m.start(1)] + new + statement[m.end(1) :]
    markers = [x.span() for x in _LIST_MARKER.finditer(statement)]
    digits = [
        d
        for d in re.finditer(r"\b\d+\b", statement)
        if not (m and m.start(1) <= d.start() < m.end(1)) and not any(a <= d.start() < b for a, b in markers)
    ]
    if digits:
        d = digits[0]
        out["number"] = statement[: d.start()] + str(int(d.group()) + rng.choice([1, 2, 3])) + statement[d.end() :]
    else:
        nw = re.search(rf"\b({'|'.join(_NUMBER_WORDS)})\b", statement, re.I)
        if nw:
            choices = [w for w in _NUMBER_WORDS[:10] if w != nw.group(1).lower()]
            out["number"] = statement[: nw.start()] + rng.choice(choices) + statement[nw.end() :]
    meds = [w for w in re.findall(r"[A-Za-z-]+", statement) if w.lower() in MEDICATIONS or is_medication(w)]
    if meds:
        present = {w.lower() for w in words(statement)}
        other = rng.choice(sorted(w for w in MEDICATIONS if w not in present and len(w) > 5))
        out["medication"] = re.sub(rf"\b{re.escape(meds[0])}\b", other, statement, count=1)
    dm = DATE_EXPR.search(statement)
    wd = re.search(rf"\b({'|'.join(_WEEKDAYS)})\b", statement)
    if wd:
        other = rng.choice([d for d in _WEEKDAYS if d != wd.group(1)])
        out["date"] = statement[: wd.start()] + other + statement[wd.end() :]
    elif dm and re.search(r"\b(?:week|month|day)s?\b", dm.group(0)):
        swapped = re.sub(
            r"\b(week|month|day)(s?)\b",
            lambda x: {"week": "month", "month": "week", "day": "week"}[x.group(1)] + x.group(2),
            dm.group(0),
        )
        out["date"] = statement.replace(dm.group(0), swapped, 1)
    neg = _negate(statement)
    if neg:
        out["negation"] = neg
    who = _swap_who(statement)
    if who:
        out["who"] = who
    return out


def _negate(statement: str) -> str | None:
    for pattern, repl in (
        (r"\b(is|are|was|were|has|have|had|will|can|could|does|did|do|should|would) not\b", r"\1"),
        (r"\bcannot\b", "can"),
        (r"\b(\w+)n't\b", r"\1"),
        (r"\bdenies\b", "reports"),
        (r"\bdenied\b", "reported"),
        (r"\bnever\b", "often"),
        (r"\bno longer\b", "still"),
    ):
        if re.search(pattern, statement, re.I):
            return re.sub(pattern, repl, statement, count=1, flags=re.I)
    m = _AUX_NOT.search(statement)
    if m:
        return statement[: m.end()] + " not" + statement[m.end() :]
    return None


def _swap_who(statement: str) -> str | None:
    for pattern, repl in _SUBJECTS:
        if pattern.search(statement):
            return pattern.sub(repl, statement, count=1)
    m = re.search(rf"\b(?:her|his|their|my|the patient's) ({'|'.join(_RELATIONS)})\b", statement, re.I)
    if m:
        other = next(r for r in _RELATIONS if r != m.group(1).lower())
        return statement[: m.start(1)] + other + statement[m.end(1) :]
    return None


def added_risk(transcript_text: str, pronoun: str = "she") -> str | None:
    """A risk statement about a category the dialogue never mentions."""
    said = set(risk_categories(transcript_text))
    for cat, template in _ADDED_RISK.items():
        if cat not in said:
            p = {"she": ("She", "she", "her", "her", "herself"), "he": ("He", "he", "his", "him", "himself")}[pronoun]
            return template.format(subj=p[0], pron=p[1], poss=p[2], obj=p[3], refl=p[4])
    return None


def _note_sentences(note: str) -> list[str]:
    """Reference-note sentences worth checking: no headings, no one-word bullets."""
    out: list[str] = []
    for line in note.splitlines():
        line = line.strip().lstrip("\u2022*- ").strip()
        if not line or line.isupper() or len(line.split()) < 4:
            continue
        out.extend(s for s in statements(line) if len(s.split()) >= 4)
    return out


def _pronoun(text: str) -> str:
    low = text.lower()
    return "he" if len(re.findall(r"\b(?:he|his|him)\b", low)) > len(re.findall(r"\b(?:she|her)\b", low)) else "she"


def _cases_from_note(
    set_name: str, split: str, source_id: str, note: str, transcript_text: str, rng: random.Random, limit: int
) -> list[Case]:
    cases = []
    sentences = _note_sentences(note)[:limit]
    for s in sentences:
        cases.append(Case(set_name, split, "faithful", s, s, source_id))
        for kind, planted in mutations(s, rng).items():
            cases.append(Case(set_name, split, kind, planted, s, source_id))
    risk = added_risk(transcript_text, _pronoun(note))
    if risk:
        cases.append(Case(set_name, split, "added_risk", risk, "", source_id))
    return cases


@dataclass
class Source:
    """A transcript the cases are checked against."""

    redacted: RedactedTranscript
    cases: list[Case]


def _rng(seed: int, source_id: str) -> random.Random:
    """One source's own random choices: the same cases whichever sources or splits are run."""
    return random.Random(f"{seed}:{source_id}")  # noqa: S311 - reproducible test data, not security


def corpus_sources(corpus: Path, seed: int, with_drafts: bool = True, splits: frozenset[str] = SPLITS) -> list[Source]:
    """Reference notes of the corpus (against the reference transcript), and the drafter's statements."""
    from evaluation.corpus_truth import load_corpus
    from evaluation.drafting_corpus import split_of
    from evaluation.eval_stages import reference_transcript
    from redaction.models import RedactedSegment, RedactedTranscript, RedactionProvenance

    out = []
    drafter = None
    if with_drafts:
        from assistant.drafting.extractive import ExtractiveDrafter
        from assistant.settings import get_settings
        from prompts import load_template

        drafter, form = ExtractiveDrafter(get_settings()), load_template("general_visit")
    for truth in load_corpus(corpus):
        split = split_of(truth.id)
        if split not in splits:
            continue
        rng = _rng(seed, truth.id)
        tr = reference_transcript(truth, anonymous=False)
        redacted = RedactedTranscript(
            id=f"red-{truth.id}",
            transcript_id=tr.id,
            speakers={},
            segments=[
                RedactedSegment(id=s.id, start=s.start, end=s.end, speaker=s.speaker, text=s.text) for s in tr.segments
            ],
            provenance=RedactionProvenance(engine="none (synthetic corpus)", spacy_model="none", score_threshold=1.0),
        )
        cases = _cases_from_note("corpus notes", split, truth.id, truth.reference_note, tr.text, rng, 40)
        if drafter is not None:
            draft = drafter.draft(redacted, form)
            for f in draft.fields:
                ids = [e.segment_id for e in f.evidence] + [e.segment_id for a in f.actions for e in a.evidence]
                for s in statements(f.value) if f.status != "not_discussed" else []:
                    if re.match(r"^[A-Z][a-z -]+ \((?:disclosed|denied|concern)\): see ", s):
                        continue
                    cases.append(Case("drafter statements", split, "faithful", s, s, truth.id, ids))
                    for kind, planted in mutations(s, rng).items():
                        cases.append(Case("drafter statements", split, kind, planted, s, truth.id, ids))
        out.append(Source(redacted, cases))
    return out


def aci_sources(folder: Path, seed: int, splits: frozenset[str] = SPLITS) -> list[Source]:
    from evaluation.datasets.aci_bench import load_aci_bench

    out = []
    for split_name, split in (("valid", "tuned"), ("test1", "held_out")):
        if split not in splits:
            continue
        for i, enc in enumerate(load_aci_bench(folder, split_name)):
            tr = enc.transcript()
            sid = f"aci-{split_name}-{i}"
            out.append(Source(tr, _cases_from_note("ACI-BENCH", split, sid, enc.note, tr.text, _rng(seed, sid), 25)))
    return out


def mts_sources(folder: Path, seed: int, splits: frozenset[str] = SPLITS) -> list[Source]:
    from evaluation.datasets.mts_dialog import load_mts_pairs, mts_transcript

    out = []
    for split_name, split, limit in (("train", "tuned", 100), ("valid", "held_out", 100)):
        if split not in splits:
            continue
        for p in load_mts_pairs(folder, split_name)[:limit]:
            tr = mts_transcript(p.dialogue, p.id)
            sid = f"mts-{split_name}-{p.id}"
            out.append(
                Source(tr, _cases_from_note("MTS-Dialog", split, sid, p.reference, tr.text, _rng(seed, sid), 10))
            )
    return out


def score(sources: list[Source], cases_out: Path | None = None) -> dict[str, Any]:
    """Catch rate per kind and false-flag rate, per set and split (and pooled per split).

    Also the verifier's own time (building it and checking every statement), which should stay small.
    """
    from assistant.verification.verifier import Verifier

    rows: list[dict[str, Any]] = []
    seconds, checked = 0.0, 0

    tallies: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    faithful_ok: dict[tuple[str, str], bool] = {}
    unsaid: dict[tuple[str, str], bool] = {}
    examples: list[dict[str, str]] = []
    for src in sources:
        started = time.perf_counter()
        verifier: Verifier = Verifier(src.redacted)
        checks = [verifier.check_statement(c.statement, c.evidence_ids) for c in src.cases]
        seconds += time.perf_counter() - started
        checked += len(checks)
        for c in src.cases:
            if c.original and (c.source_id, c.original) not in unsaid:
                unsaid[(c.source_id, c.original)] = not_in_dialogue(c.original, verifier)
        for c, check in zip(src.cases, checks, strict=True):
            flagged = check.support == "unsupported"
            away = bool(c.original) and unsaid[(c.source_id, c.original)]
            if cases_out is not None:
                rows.append({**asdict(c), "support": check.support, "reason": check.reason, "not_in_dialogue": away})
            if c.kind == "faithful":
                faithful_ok[(c.source_id, c.original)] = not flagged
                if flagged and len(examples) < 40:
                    examples.append({"set": c.set, "faithful but flagged": c.statement, "reason": check.reason})
            for key in ((c.set, c.split), ("all", c.split)):
                t = tallies[key][c.kind]
                t[0] += flagged
                t[1] += 1
                if not away:
                    t = tallies[key][f"{c.kind} (said)"]
                    t[0] += flagged
                    t[1] += 1
                if c.kind != "faithful" and c.original and faithful_ok.get((c.source_id, c.original)):
                    d = tallies[key][f"{c.kind} (original passed)"]
                    d[0] += flagged
                    d[1] += 1
    report: dict[str, Any] = {}
    for (set_name, split), kinds in sorted(tallies.items()):
        planted = [v for k, v in kinds.items() if k in KINDS]
        passed = [v for k, v in kinds.items() if k.endswith("(original passed)")]
        caught, total = sum(v[0] for v in planted), sum(v[1] for v in planted)
        pc, pt = sum(v[0] for v in passed), sum(v[1] for v in passed)
        said = [v for k, v in kinds.items() if k.endswith(" (said)") and k[: -len(" (said)")] in KINDS]
        sc, st = sum(v[0] for v in said), sum(v[1] for v in said)
        ff, ft = kinds["faithful"]
        sf, sft = kinds["faithful (said)"]
        report[f"{set_name}/{split}"] = {
            "planted": total,
            "caught": round(caught / total, 4) if total else None,
            "caught_where_original_passed": round(pc / pt, 4) if pt else None,
            "faithful": ft,
            "faithful_flagged": round(ff / ft, 4) if ft else None,
            # Leaving out statements not in the dialogue at all (`not_in_dialogue`), and errors planted in them.
            "planted_said": st,
            "caught_said": round(sc / st, 4) if st else None,
            "faithful_said": sft,
            "faithful_flagged_said": round(sf / sft, 4) if sft else None,
            "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in sorted(kinds.items())},
        }
    report["examples_of_false_flags"] = examples
    report["verifier_seconds"] = {
        "total": round(seconds, 2),
        "per_statement_ms": round(1000 * seconds / max(checked, 1), 2),
    }
    if cases_out is not None:
        cases_out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--aci-bench", type=Path, default=None)
    parser.add_argument("--mts-dialog", type=Path, default=None)
    parser.add_argument("--no-drafts", action="store_true", help="skip the drafter's statements (no model load)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument(
        "--split",
        choices=sorted(SPLITS),
        default=None,
        help="build and score one split only (tune on 'tuned'; 'held_out' is for before/after numbers)",
    )
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--cases", type=Path, default=None, help="write every case with its verdict (JSON lines)")
    args = parser.parse_args(argv)
    splits = frozenset({args.split}) if args.split else SPLITS
    sources = corpus_sources(args.corpus, args.seed, with_drafts=not args.no_drafts, splits=splits)
    if args.aci_bench:
        sources += aci_sources(args.aci_bench, args.seed, splits)
    if args.mts_dialog:
        sources += mts_sources(args.mts_dialog, args.seed, splits)
    report = score(sources, args.cases)
    if args.out:
        args.out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    for key, r in report.items():
        if key == "verifier_seconds":
            print(f"verifier: {r['total']} s in all, {r['per_statement_ms']} ms a statement (building included)")
            continue
        if key == "examples_of_false_flags":
            continue
        print(
            f"{key}: {r['planted']} planted, caught {r['caught']:.1%} (where the original passed "
            f"{(r['caught_where_original_passed'] or 0):.1%}); {r['faithful']} faithful, flagged "
            f"{(r['faithful_flagged'] or 0):.1%}; said in the dialogue: {r['planted_said']} planted, caught "
            f"{(r['caught_said'] or 0):.1%}; {r['faithful_said']} faithful, flagged "
            f"{(r['faithful_flagged_said'] or 0):.1%}; {r['by_kind']}"
        )


if __name__ == "__main__":
    main()
