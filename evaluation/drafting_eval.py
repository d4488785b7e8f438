"""Score drafts: field recall of reference facts, unsupported-statement rate, risk flags, ROUGE.

`score_draft` is the per-draft scorer the evaluation harness calls. `evaluate_aci_bench`,
`evaluate_mts_pairs` and `mts_correlation` run the public data sets (paths given by the user),
and `bench_drafting` times the extractive drafter on a ~10-minute transcript.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.verification.risk import risk_categories
from assistant.verification.verifier import Verifier
from core.draft import NOT_DISCUSSED, Draft
from core.lexicon import numbers_in, stem
from core.text import content_words, words

if TYPE_CHECKING:
    from assistant.drafting.base import Drafter
    from assistant.settings import Settings
    from core.transcript import Transcript
    from prompts.schema import FormTemplate
    from redaction.models import RedactedTranscript

ANY_FIELD = "*"  # a reference_facts key whose facts may appear in any field
FACT_MATCH = 0.6  # share of a fact's content words that must appear in the drafted text


@dataclass
class DraftScores:
    """How one draft compares with its references (None where no reference was given)."""

    facts_total: int = 0
    facts_found: int = 0
    # In their field, or (risk-field facts) in the field a risk line points to: 'Falls (disclosed): see
    # Presenting situation.' records the fact once, where it belongs, and names it among the risks.
    facts_found_with_pointers: int = 0
    facts_found_any_field: int = 0
    per_field: dict[str, tuple[int, int]] = field(default_factory=dict)
    statements: int = 0
    unsupported: int = 0
    partly_supported: int = 0
    risks_expected: list[str] = field(default_factory=list)
    risks_caught: list[str] = field(default_factory=list)
    risks_missed: list[str] = field(default_factory=list)
    risk_flags: int = 0
    flags_expected: int = 0
    flags_right_status: int = 0
    flags_wrong: list[str] = field(default_factory=list)
    disclosed_expected: int = 0
    disclosed_flagged: int = 0
    false_disclosures: list[str] = field(default_factory=list)
    note_words: int = 0
    transcript_words: int = 0
    fallback_fields: int = 0
    rouge1: float | None = None
    rouge2: float | None = None
    rougeL: float | None = None
    rougeLsum: float | None = None

    @property
    def field_recall(self) -> float | None:
        return self.facts_found / self.facts_total if self.facts_total else None

    @property
    def field_recall_with_pointers(self) -> float | None:
        return self.facts_found_with_pointers / self.facts_total if self.facts_total else None

    @property
    def any_field_recall(self) -> float | None:
        return self.facts_found_any_field / self.facts_total if self.facts_total else None

    @property
    def unsupported_rate(self) -> float:
        return self.unsupported / self.statements if self.statements else 0.0

    @property
    def note_share(self) -> float | None:
        """The note's length as a share of the transcript's words."""
        return self.note_words / self.transcript_words if self.transcript_words else None


# A word of a redacted name or place -> the placeholders it was redacted to in this visit: the note can
# only say '[PERSON_4]' where the reference fact says 'Eileen'.
Names = Mapping[str, frozenset[str]]

# Irregular verb forms the crude stem cannot join ('fell'/'fall', 'went'/'go'): the matcher's, not the
# verifier's (a rewrite that shifts tense keeps the fact).
_IRREGULAR = {
    "fell": "fall", "fallen": "fall", "went": "go", "gone": "go", "took": "take", "taken": "take", "saw": "see",
    "seen": "see", "came": "come", "gave": "give", "given": "give", "got": "get", "lay": "lie", "lain": "lie",
    "ran": "run", "spoke": "speak", "spoken": "speak", "rang": "ring", "rung": "ring", "ate": "eat", "eaten": "eat",
    "slept": "sleep", "felt": "feel", "kept": "keep", "left": "leave", "lost": "lose", "found": "find",
    "brought": "bring", "bought": "buy", "thought": "think", "told": "tell", "sent": "send", "met": "meet",
    "hid": "hide", "hidden": "hide", "woke": "wake", "broke": "break", "broken": "break", "drove": "drive",
    "made": "make", "paid": "pay", "stood": "stand", "sat": "sit", "wrote": "write", "knew": "know",
    "began": "begin", "drank": "drink", "drunk": "drink", "fed": "feed", "hurt": "hurt", "cut": "cut",
}  # fmt: skip
_DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1$")


def _match_stem(word: str) -> str:
    """The stem both sides of a fact match are compared by: 'sitting'/'sit', 'fell'/'fall', 'shopping'/'shop'."""
    w = _IRREGULAR.get(word.lower(), word.lower())
    # 'sitting' -> 'sitt', 'stopped' -> 'stopp': a final doubled consonant is one letter, on both sides
    # of the match ('fall' and 'falls' both 'fal').
    s = stem(w)
    return _DOUBLED.sub(r"\1", s) if len(s) >= 3 else s


def _terms(text: str, parts: bool) -> set[str]:
    """Stemmed content words, numbers as digits ('twenty third' and '23' are one fact)."""
    tokens = content_words(text)
    numbers = numbers_in(words(text), parts=parts)
    return {_match_stem(w) for w in tokens if not numbers_in([w])} | numbers


def fact_coverage(fact: str, text: str, names: Names | None = None) -> float:
    """The share of the fact's content words (stemmed; numbers as digits) that occur in the text; a
    redacted name counts when the placeholder it was redacted to does."""
    want = _terms(fact, parts=False)
    if not want:
        return 0.0
    have = _terms(text, parts=True)
    names = names or {}
    hit = sum(w in have or bool(names.get(w, frozenset()) & have) for w in want)
    return hit / len(want)


def fact_found(fact: str, text: str, names: Names | None = None) -> bool:
    """Most of the fact's content words (stemmed; numbers as digits; names as their placeholders) are in the text."""
    return fact_coverage(fact, text, names) >= FACT_MATCH


def redacted_names(transcript: Transcript, redacted: RedactedTranscript) -> dict[str, frozenset[str]]:
    """Each word of every redacted value -> the placeholders it was redacted to (segment ids shared)."""
    original = {s.id: s.text for s in transcript.segments}
    found: dict[str, set[str]] = {}
    for seg in redacted.segments:
        text = original.get(seg.id)
        if text is None:
            continue
        for e in seg.entities:
            placeholder = e.placeholder.lower()
            for w in content_words(text[e.start : e.end]):
                if not numbers_in([w]):
                    found.setdefault(_match_stem(w), set()).add(placeholder)
    return {w: frozenset(p) for w, p in found.items()}


def draft_text(draft: Draft) -> str:
    """The drafted note as plain text: every discussed field's value, in form order."""
    return "\n".join(f.value for f in draft.fields if f.status != "not_discussed" and f.value != NOT_DISCUSSED)


_POINTER = re.compile(r"^[A-Z][a-z -]+ \((?:disclosed|denied|concern)\): see (?P<label>[^.\n]+)\.?\s*$", re.M)


def pointed_text(draft: Draft, field_id: str) -> str:
    """A field's text with the text of every field its risk lines point to ('...: see Daily living.')."""
    by_label = {f.label: f.value for f in draft.fields if f.status != "not_discussed"}
    own = next((f.value for f in draft.fields if f.id == field_id and f.status != "not_discussed"), "")
    pointed = [by_label[m.group("label")] for m in _POINTER.finditer(own) if m.group("label") in by_label]
    return "\n".join([own, *pointed])


def _sentences(text: str) -> str:
    return "\n".join(p.strip() for p in re.split(r"(?<=[.!?])\s+|\n+", text) if p.strip())


def rouge(prediction: str, reference: str) -> tuple[float, float, float, float]:
    """ROUGE-1/2/L/Lsum F1 (stemmed). ACI-BENCH's published ROUGE-L is the sentence-split Lsum."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    s = scorer.score(_sentences(reference), _sentences(prediction))
    return s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeL"].fmeasure, s["rougeLsum"].fmeasure


def _risk_caught(expected: str, flagged_text: str, flagged_cats: set[str]) -> bool:
    cats = set(risk_categories(expected))
    return cats <= flagged_cats if cats else fact_found(expected, flagged_text)


def _score_flags(
    scores: DraftScores, draft: Draft, expected_risks: list[str], expected_flags: list[dict[str, str]]
) -> None:
    """Risk flags against what the visit holds: every disclosure flagged disclosed, nothing else."""
    status = {fl.category: fl.status for fl in draft.flags if fl.kind == "risk" and fl.category}
    disclosed = {c for risk in expected_risks for c in risk_categories(risk) if not risk.lower().startswith("concern")}
    disclosed |= {f["category"] for f in expected_flags if f["status"] == "disclosed"}
    scores.disclosed_expected = len(disclosed)
    scores.disclosed_flagged = sum(status.get(c) == "disclosed" for c in disclosed)
    for f in expected_flags:
        scores.flags_expected += 1
        got = status.get(f["category"])
        want = f["status"]
        ok = (got != "disclosed") if want == "none" else got == want
        scores.flags_right_status += ok
        if not ok:
            scores.flags_wrong.append(f"{f['category']}: expected {want}, flagged {got or 'nothing'}")
        if got == "disclosed" and want != "disclosed":
            scores.false_disclosures.append(f"{f['category']} ({want}: {f.get('why', '')})")


def score_draft(
    draft: Draft,
    reference_facts: dict[str, list[str]],
    reference_note: str | None = None,
    expected_risks: list[str] | None = None,
    expected_flags: list[dict[str, str]] | None = None,
    transcript_words: int | None = None,
    names: Names | None = None,
) -> DraftScores:
    """Field recall of reference facts, unsupported statements, risks and their status, length, ROUGE-1/2/L.

    `reference_facts` maps a field id to the facts that field should hold (key '*': any field);
    `expected_flags` lists {category, status} a draft must flag (status 'none': not as disclosed);
    `names` (from `redacted_names`) lets a fact's redacted names match their placeholders in the note.
    """
    scores = DraftScores()
    by_id = {f.id: f for f in draft.fields}
    everything = draft_text(draft)
    for fid, facts in reference_facts.items():
        value = everything if fid == ANY_FIELD else by_id[fid].value if fid in by_id else ""
        found = sum(fact_found(fact, value, names) for fact in facts)
        scores.per_field[fid] = (found, len(facts))
        scores.facts_total += len(facts)
        scores.facts_found += found
        followed = everything if fid == ANY_FIELD else pointed_text(draft, fid)
        scores.facts_found_with_pointers += sum(fact_found(fact, followed, names) for fact in facts)
        scores.facts_found_any_field += sum(fact_found(fact, everything, names) for fact in facts)
    checks = [c for f in draft.fields for c in f.checks]
    scores.statements = len(checks)
    scores.unsupported = sum(c.support == "unsupported" for c in checks)
    scores.partly_supported = sum(c.support == "partly_supported" for c in checks)
    scores.fallback_fields = sum(f.status == "fallback" for f in draft.fields)
    risk_flags = [fl for f in draft.fields for fl in f.flags if fl.kind == "risk"]
    scores.risk_flags = len(risk_flags)
    flagged_text = " ".join(f"{fl.statement or ''} {fl.quote or ''}" for fl in risk_flags)
    flagged_cats = set(risk_categories(flagged_text))
    for risk in expected_risks or []:
        scores.risks_expected.append(risk)
        (scores.risks_caught if _risk_caught(risk, flagged_text, flagged_cats) else scores.risks_missed).append(risk)
    _score_flags(scores, draft, expected_risks or [], expected_flags or [])
    scores.note_words = len(everything.split())
    scores.transcript_words = transcript_words or 0
    if reference_note is not None:
        scores.rouge1, scores.rouge2, scores.rougeL, scores.rougeLsum = rouge(everything, reference_note)
    return scores


def _mean(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return statistics.fmean(vals) if vals else None


def summarise(scores: list[DraftScores]) -> dict[str, Any]:
    """Means over drafts (ROUGE in percent, as papers report it)."""

    def pct(v: float | None) -> float | None:
        return None if v is None else round(100 * v, 1)

    return {
        "drafts": len(scores),
        "rouge1": pct(_mean([s.rouge1 for s in scores])),
        "rouge2": pct(_mean([s.rouge2 for s in scores])),
        "rougeL": pct(_mean([s.rougeL for s in scores])),
        "rougeLsum": pct(_mean([s.rougeLsum for s in scores])),
        "field_recall": pct(_mean([s.field_recall for s in scores])),
        "any_field_recall": pct(_mean([s.any_field_recall for s in scores])),
        "unsupported_rate": pct(sum(s.unsupported for s in scores) / max(1, sum(s.statements for s in scores))),
        "statements": sum(s.statements for s in scores),
        "note_share": pct(
            sum(s.note_words for s in scores) / max(1, sum(s.transcript_words for s in scores))
            if any(s.transcript_words for s in scores)
            else None
        ),
        "fallback_fields": sum(s.fallback_fields for s in scores),
    }


def evaluate_aci_bench(
    folder: Path, drafter: Drafter, template: FormTemplate, split: str = "test1", limit: int | None = None
) -> dict[str, Any]:
    """Draft every ACI-BENCH dialogue and score it against the full reference note."""
    from evaluation.datasets.aci_bench import load_aci_bench

    scores = []
    for enc in load_aci_bench(folder, split)[:limit]:
        transcript = enc.transcript()
        draft = drafter.draft(transcript, template)
        # The complaints are not tied to a field of a social-care form: '*' finds them anywhere.
        words = sum(len(seg.text.split()) for seg in transcript.segments)
        scores.append(score_draft(draft, {ANY_FIELD: enc.complaints}, enc.note, transcript_words=words))
    return {"split": split, **summarise(scores)}


def evaluate_mts_pairs(
    folder: Path, drafter: Drafter, template: FormTemplate, split: str = "valid", limit: int | None = None
) -> dict[str, Any]:
    """Draft every MTS-Dialog dialogue and score it against its reference note section."""
    from evaluation.datasets.mts_dialog import load_mts_pairs, mts_transcript

    # The reference is one note section; the whole draft is scored against it (routing a dialogue
    # to the one matching field scored lower: 15.8 vs 17.4 ROUGE-1 on the validation set).
    scores = []
    for p in load_mts_pairs(folder, split)[:limit]:
        transcript = mts_transcript(p.dialogue, p.id)
        words = sum(len(seg.text.split()) for seg in transcript.segments)
        scores.append(score_draft(drafter.draft(transcript, template), {}, p.reference, transcript_words=words))
    return {"split": split, **summarise(scores)}


def mts_correlation(folder: Path) -> dict[str, Any]:
    """Correlation of the verifier's scores with the human hallucination scores of 400 summaries.

    Two scores per summary: the share of its statements the verifier calls unsupported, and the
    number of its content words the dialogue never says (`Verifier.unsupported_words`; chosen on the
    first 200 summaries, so the last 200 are reported apart). Also the AUC of telling the summaries
    people found any hallucination in from the rest; as a baseline, the summary's length in words;
    and, per half, the ceiling of a score that ties no two summaries: the Spearman of one that ranks
    the human scores exactly but breaks their ties (most summaries score 0 with people) in any order.
    """
    from scipy import stats

    from evaluation.datasets.mts_dialog import load_mts_correlation, mts_transcript

    rate, unsaid, length, human_h, human_p = [], [], [], [], []
    for i, item in enumerate(load_mts_correlation(folder)):
        verifier = Verifier(mts_transcript(item.dialogue, f"corr-{i}"))
        checks = verifier.check_text(item.summary)
        rate.append(sum(c.support == "unsupported" for c in checks) / len(checks) if checks else 0.0)
        unsaid.append(float(len(verifier.unsupported_words(item.summary))))
        length.append(float(len(item.summary.split())))
        human_h.append(item.hallucination_rate)
        human_p.append(item.factual_precision)

    def corr(ours: list[float], human: list[float]) -> dict[str, float | None]:
        if len(ours) < 3 or len(set(ours)) < 2 or len(set(human)) < 2:
            return {"pearson": None, "spearman": None}  # too few summaries, or one value, to correlate
        return {
            "pearson": round(float(stats.pearsonr(ours, human)[0]), 3),
            "spearman": round(float(stats.spearmanr(ours, human)[0]), 3),
        }

    half = len(rate) // 2
    out: dict[str, Any] = {
        "summaries": len(rate),
        "mean_unsupported_rate": round(statistics.fmean(rate), 3),
        "mean_unsaid_words": round(statistics.fmean(unsaid), 2),
        "mean_human_hallucination_rate": round(statistics.fmean(human_h), 3),
        "with_any_human_hallucination": sum(h > 0 for h in human_h),
    }
    for name, ours in (("unsupported_rate", rate), ("unsaid_words", unsaid), ("summary_words", length)):
        out[name] = {
            "vs_hallucination": corr(ours, human_h),
            "vs_hallucination_first_half": corr(ours[:half], human_h[:half]),
            "vs_hallucination_second_half": corr(ours[half:], human_h[half:]),
            "vs_factual_precision": corr(ours, human_p),
            "auc_any_hallucination": _auc(ours, [h > 0 for h in human_h]),
        }
    # Ties broken by position: no score without ties can rank better than this.
    untied = [h + i * 1e-9 for i, h in enumerate(human_h)]
    out["spearman_ceiling_untied"] = {
        "first_half": corr(untied[:half], human_h[:half])["spearman"],
        "second_half": corr(untied[half:], human_h[half:])["spearman"],
    }
    # As before: the rate's correlations at the top level.
    out["pearson_vs_hallucination"] = out["unsupported_rate"]["vs_hallucination"]["pearson"]
    out["spearman_vs_hallucination"] = out["unsupported_rate"]["vs_hallucination"]["spearman"]
    return out


def _auc(scores: list[float], positive: list[bool]) -> float | None:
    """Chance that a positive scores above a negative (ties count half)."""
    pos = [s for s, p in zip(scores, positive, strict=True) if p]
    neg = [s for s, p in zip(scores, positive, strict=True) if not p]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return round(wins / (len(pos) * len(neg)), 3)


def bench_drafting(
    folder: Path, settings: Settings, template: FormTemplate, segments: int = 150, repeats: int = 3
) -> dict[str, Any]:
    """Time the extractive drafter on ~10 minutes of dialogue (the first ACI-BENCH sentences).

    Cold: from building the drafter (which starts loading the model) to the first draft, in a
    process that has not loaded it yet. Warm: the best and median of `repeats` further drafts.
    """
    from assistant.drafting.embeddings import get_embedder
    from assistant.drafting.extractive import ExtractiveDrafter
    from evaluation.datasets.aci_bench import dialogue_to_transcript, load_aci_bench

    turns = [t for enc in load_aci_bench(folder, "test1") for t in enc.transcript_turns()]
    transcript = dialogue_to_transcript(turns, "bench")
    transcript = transcript.model_copy(update={"segments": transcript.segments[:segments]})
    get_embedder.cache_clear()
    t0, c0 = time.perf_counter(), time.process_time()
    ExtractiveDrafter(settings).draft(transcript, template)
    cold, cold_cpu = time.perf_counter() - t0, time.process_time() - c0
    warm = []
    for i in range(repeats):
        t0 = time.perf_counter()
        ExtractiveDrafter(settings).draft(transcript.model_copy(update={"id": f"bench-{i}"}), template)
        warm.append(time.perf_counter() - t0)
    return {
        "segments": len(transcript.segments),
        "words": sum(len(s.text.split()) for s in transcript.segments),
        "speech_minutes_equivalent": round(transcript.segments[-1].end / 60, 1),
        "cold_seconds_incl_model_load": round(cold, 2),
        "cold_cpu_seconds": round(cold_cpu, 2),
        "warm_seconds_best": round(min(warm), 2),
        "warm_seconds_median": round(statistics.median(warm), 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
