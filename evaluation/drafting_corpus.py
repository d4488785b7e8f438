"""Drafting on the evaluation corpus, with the visits we tuned on and the untouched ones kept apart.

    python -m evaluation.drafting_corpus --out DIR [--template general_visit|all]
        [--asr DIR/asr/base/clean] [--diarize] [--variant clean|noisy] [--drafter extractive]
        [--split all|tuned|held_out] [--losses]

Drafts every visit from its reference transcript (speakers labelled SPEAKER_1 ... as diarization
labels them) and, with `--asr`, from the speech-recognised transcripts an `offset eval run` saved
(`--diarize` first runs the real speaker diarization on them, with an estimated speaker count, as
the service does). Prints, per split: facts in the right field and anywhere, the note's length as a
share of the transcript, unsupported statements, disclosed risks flagged disclosed, expected flag
statuses, false disclosures, and speakers given the right role. `--losses` (extractive drafter only)
also says, for every reference fact, where it was lost (`evaluation/fact_losses.py`): in another
field, never in the note (and at which stage), or in the right field but not matched; it writes
DIR/losses.json. The corpus is synthetic.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evaluation.corpus_truth import VisitTruth, load_corpus
from evaluation.eval_summary import _drafting_totals
from evaluation.fact_losses import FactLoss, PlanTrace, classify_facts, summarise_losses

if TYPE_CHECKING:
    from assistant.settings import Settings
    from core.draft import Draft, Participant
    from core.transcript import Transcript
    from redaction.models import RedactedTranscript

# Routing, roles and rewriting were tuned on these; the rest of the corpus is held out.
TUNED = frozenset(
    {
        "v01_care_act_assessment",
        "v02_review_learning_disability",
        "v03_carers_assessment",
        "v04_hospital_discharge",
        "v05_statutory_visit_child_protection",
        "v06_early_help_family",
        "v13_review_denials_and_hypotheticals",
    }
)


def split_of(visit_id: str) -> str:
    return "tuned" if visit_id in TUNED else "held_out"


def _true_speaker_at(truth: VisitTruth, start: float, end: float) -> str | None:
    """The script speaker whose line overlaps [start, end] most (None outside every line)."""
    best, most = None, 0.0
    for line in truth.lines:
        if line.start is None or line.end is None:
            continue
        overlap = min(end, line.end) - max(start, line.start)
        if overlap > most:
            best, most = line.speaker, overlap
    return best


def heard_role_accuracy(truth: VisitTruth, transcript: Transcript, participants: list[Participant]) -> dict[str, Any]:
    """Roles on a speech-recognised transcript: each label's words against the script line they fall in.

    A diarized label is scored as the script speaker most of its words' time falls in (so a
    label that merges two voices counts for the one it holds most of); `words_right` is the share
    of recognised words whose label was given the role of the script speaker actually speaking.
    """
    role_of_label = {p.label: p.role for p in participants}
    seconds: dict[str, dict[str, float]] = {}
    right = total = 0
    for seg in transcript.segments:
        for w in seg.words or []:
            who = _true_speaker_at(truth, w.start, w.end)
            label = w.speaker or seg.speaker
            if who is None or label is None:
                continue
            per = seconds.setdefault(label, {})
            per[who] = per.get(who, 0.0) + (w.end - w.start)
            total += 1
            right += role_of_label.get(label) == truth.speakers[who].role
    assigned, correct = {}, 0
    for label, per in seconds.items():
        who = max(per, key=lambda k: per[k])
        script_role = truth.speakers[who].role
        share = per[who] / sum(per.values())
        assigned[label] = f"{role_of_label.get(label, 'none')} (mostly {who}: {script_role}, {share:.0%})"
        correct += role_of_label.get(label) == script_role
    return {"speakers": len(seconds), "correct": correct, "assigned": assigned, "words": total, "words_right": right}


def _diarized(
    truth: VisitTruth, transcript: Transcript, corpus: Path, settings: Settings, variant: str = "clean"
) -> Transcript:
    from assistant.audio import load_audio
    from assistant.diarization import diarize

    path = corpus / truth.audio[variant]
    if not path.is_file():
        raise SystemExit(
            f"{path}: the corpus audio is not there, and --diarize needs it. "
            "Synthesise it first with `python -m evaluation.corpus.generate` "
            "(needs espeak-ng and sox: `make system-deps`)."
        )
    audio = load_audio(path, settings, keep_channels=True)
    return diarize(audio, transcript, settings)


def _sources(truth: VisitTruth, args: argparse.Namespace, settings: Settings) -> list[tuple[str, Transcript]]:
    from core.transcript import Transcript
    from evaluation.eval_stages import reference_transcript

    out = [("reference", reference_transcript(truth))]
    if args.asr is not None:
        path = args.asr / truth.id / "transcript.json"
        if path.is_file():
            transcript = Transcript.load(path)
            if args.diarize:
                cached = args.out / "diarized" / truth.id / "transcript.json"
                if cached.is_file():
                    transcript = Transcript.load(cached)
                else:
                    transcript = _diarized(truth, transcript, args.corpus, settings, args.variant)
                    cached.parent.mkdir(parents=True, exist_ok=True)
                    transcript.save(cached)
            out.append(("asr+diarized" if args.diarize else "asr", transcript))
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Draft and score every visit; totals per source and split."""
    from assistant.settings import get_settings
    from evaluation.drafting_eval import redacted_names
    from evaluation.eval_stages import draft_visit, redact, score_drafting_stage
    from evaluation.time_model import default_model

    settings = get_settings()
    if args.losses and args.drafter != "extractive":
        raise SystemExit("--losses traces the extractive drafter's stages: use it with --drafter extractive")
    rows: list[dict[str, Any]] = []
    losses: list[FactLoss] = []
    for truth in load_corpus(args.corpus):
        if args.split != "all" and split_of(truth.id) != args.split:
            continue
        templates = sorted(truth.reference_facts) if args.template == "all" else [args.template]
        for source, transcript in _sources(truth, args, settings):
            redacted = redact(transcript, settings)
            for template in templates:
                if template not in truth.reference_facts:
                    continue
                if args.losses:
                    draft, visit_losses = _traced_draft(truth, transcript, redacted, template, settings)
                    losses += [replace(loss, visit=f"{source}/{truth.id}") for loss in visit_losses]
                else:
                    draft = draft_visit(redacted, template, args.drafter, settings)
                folder = args.out / source / truth.id
                folder.mkdir(parents=True, exist_ok=True)
                draft.save(folder / f"draft.{template}.json")
                words = len(transcript.text.split())
                names = redacted_names(transcript, redacted)
                metrics = score_drafting_stage(truth, draft, template, default_model(), words, names)
                if source != "reference" and draft.participants:
                    metrics["roles"] = heard_role_accuracy(truth, transcript, draft.participants)
                metrics.update(visit=truth.id, source=source, template=template, split=split_of(truth.id))
                rows.append(metrics)
    summary: dict[str, Any] = {}
    for source in dict.fromkeys(r["source"] for r in rows):
        for split in ("tuned", "held_out"):
            chosen = [r for r in rows if r["source"] == source and r["split"] == split]
            if not chosen:
                continue
            totals = _drafting_totals(chosen)
            roles = [r["roles"] for r in chosen if r.get("roles") and r["template"] == chosen[0]["template"]]
            totals["roles_correct"] = f"{sum(x['correct'] for x in roles)}/{sum(x['speakers'] for x in roles)}"
            heard = sum(x.get("words", 0) for x in roles)
            totals["words_right_role"] = round(sum(x["words_right"] for x in roles) / heard, 3) if heard else None
            rouge = [r["scores"].get("rouge1") for r in chosen if r["scores"].get("rouge1") is not None]
            totals["rouge1"] = round(100 * sum(rouge) / len(rouge), 1) if rouge else None
            summary[f"{source}/{split}"] = {"drafts": len(chosen), **totals}
    (args.out / "summary.json").write_text(json.dumps({"summary": summary, "rows": rows}, indent=2), "utf-8")
    if args.losses:

        def key_of(loss: FactLoss) -> str:
            source, visit = loss.visit.split("/")
            return f"{source}/{split_of(visit)}"

        report = {key: summarise_losses([x for x in losses if key_of(x) == key]) for key in summary}
        report["facts"] = [x.as_dict() for x in losses]  # type: ignore[assignment]
        (args.out / "losses.json").write_text(json.dumps(report, indent=2), "utf-8")
        for key in summary:
            summary[key]["losses"] = report[key]["causes"]
    return summary


def _traced_draft(
    truth: VisitTruth, transcript: Transcript, redacted: RedactedTranscript, template: str, settings: Settings
) -> tuple[Draft, list[FactLoss]]:
    """Draft with the extractive drafter, tracing each unit through the length budgets."""
    from assistant.drafting.extractive import ExtractiveDrafter
    from evaluation.drafting_eval import redacted_names
    from prompts import load_template

    drafter = ExtractiveDrafter(settings)
    plan = drafter.plan(redacted, load_template(template))
    trace = PlanTrace.before_fit(plan)
    draft = drafter.draft_from_plan(plan)
    trace.after_fit(plan)
    facts = truth.reference_facts.get(template, {})
    return draft, classify_facts(truth.id, draft, trace, redacted, facts, redacted_names(transcript, redacted))


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--template", default="general_visit", help="a form name, or 'all'")
    parser.add_argument("--asr", type=Path, default=None, help="folder of <visit>/transcript.json from eval run")
    parser.add_argument("--diarize", action="store_true", help="diarize the ASR transcripts first")
    parser.add_argument(
        "--variant", choices=["clean", "noisy"], default="clean", help="the audio --asr was made from (to diarize)"
    )
    parser.add_argument("--drafter", default="extractive")
    parser.add_argument(
        "--split", choices=["all", "tuned", "held_out"], default="all", help="draft only one split (tune on 'tuned')"
    )
    parser.add_argument("--losses", action="store_true", help="say where each missed reference fact was lost")
    args = parser.parse_args(argv)
    summary = run(args)
    for key, t in summary.items():
        words_right = f" (words {_pct(t['words_right_role'])})" if t.get("words_right_role") is not None else ""
        print(
            f"{key} ({t['drafts']} drafts): right field {_pct(t['field_recall'])} (following risk pointers "
            f"{_pct(t['field_recall_with_pointers'])}), anywhere "
            f"{_pct(t['any_field_recall'])}, note {_pct(t['note_share'])} of transcript words, unsupported "
            f"{_pct(t['unsupported_rate'])} of {t['statements']}, disclosed flagged disclosed "
            f"{t['disclosed_flagged']}/{t['disclosed_expected']}, flag status right {t['flags_right_status']}/"
            f"{t['flags_expected']}, false disclosures {len(t['false_disclosures'])}, roles {t['roles_correct']}"
            f"{words_right}, ROUGE-1 {t['rouge1']}"
        )
        if "losses" in t:
            print("  facts: " + ", ".join(f"{cause} {n}" for cause, n in t["losses"].items()))


if __name__ == "__main__":
    main()
