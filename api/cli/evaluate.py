"""`offset eval run | time | librivox`: quality by stage on a corpus, and admin time reclaimed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from api.cli.common import handle_errors, require_eval_extra
from api.cli.groups import eval_app


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _drafting_line(key: str, d: dict) -> str:
    t, m = d["totals"], d["mean"]
    rouge = "/".join(f"{100 * m.get(f'scores.rouge{n}', 0):.1f}" for n in ("1", "2", "L"))
    return (
        f"Drafting {key} ({d['visits']} drafts): fact recall {_pct(t['field_recall'])} in field, "
        f"{_pct(t['any_field_recall'])} anywhere; unsupported {_pct(t['unsupported_rate'])}; "
        f"risks flagged {t['risks_caught']}/{t['risks_expected']}; "
        f"disclosed flagged disclosed {t.get('disclosed_flagged', 0)}/{t.get('disclosed_expected', 0)}; "
        f"note {_pct(t.get('note_share'))} of transcript words; ROUGE-1/2/L {rouge}; "
        f"edit ratio {m.get('review_effort.edit_ratio', 0):.2f}; "
        f"modelled review {m.get('modelled_review_minutes', 0):.0f} min"
    )


def _redaction_line(r: dict) -> str:
    s = r["scores"]
    o, st, over = s["overall"], s["structured"], s.get("over_redaction", {})
    return (
        f"Redaction ({r['examples']} reference lines): {o['leaked']} of {o['gold']} identifiers left visible "
        f"(structured {st['leaked']} of {st['gold']}); over-redaction {over.get('over_redacted_words', 0)} "
        f"of {over.get('clean_words', 0)} non-identifying words"
    )


@eval_app.command("run")
@handle_errors
def run(
    corpus: Annotated[Path, typer.Option(help="Corpus folder with ground_truth/*.json and audio/.")],
    out: Annotated[Path, typer.Option(help="Folder for results; a rerun resumes where it stopped.")],
    stages: Annotated[
        str, typer.Option(help="Comma list of stages: asr,redaction,drafting.")
    ] = "asr,redaction,drafting",
    model: Annotated[str, typer.Option(help="Speech model(s), comma separated: tiny.en,base.")] = "tiny.en",
    variants: Annotated[str, typer.Option(help="Audio variants, comma separated: clean,noisy.")] = "clean",
    drafter: Annotated[str, typer.Option(help="Drafter backend: 'extractive' or 'llm'.")] = "extractive",
    template: Annotated[
        str,
        typer.Option(help="Form template(s) to draft and score, comma separated, or 'all' (every form with facts)."),
    ] = ("general_visit"),
    only: Annotated[str, typer.Option(help="Comma list of visit ids (default: every visit).")] = "",
    progress: Annotated[bool, typer.Option(help="Show progress bars.")] = True,
) -> None:
    """Run the real pipeline over a corpus and score each stage against its ground truth."""
    require_eval_extra()
    from assistant.settings import get_settings
    from evaluation.runner import EvalConfig, run_eval

    config = EvalConfig(
        corpus=corpus,
        out=out,
        stages=_csv(stages),
        models=_csv(model),
        variants=_csv(variants),
        drafter=drafter,
        templates=_csv(template),
        only=_csv(only),
    )
    summary = run_eval(config, get_settings(), show_progress=progress)
    for key, s in sorted(summary["asr"].items()):
        typer.echo(f"ASR {key}: WER {s['wer']:.1%} on {s['visits']} visits ({s['audio_minutes']} min)")
        for label, v in s["by_label"].items():
            typer.echo(f"    {label:<16} error rate {v['error_rate']:.1%} over {v['words']} words")
    if summary.get("redaction"):
        typer.echo(_redaction_line(summary["redaction"]))
    for key, d in summary["drafting"].items():
        typer.echo(_drafting_line(key, d))
    if "time" in summary:
        t = summary["time"]
        typer.echo(f"Modelled review time: {t['assisted_minutes']:.0f} of {t['baseline_minutes']:.0f} min "
                   f"({t['reclaimed_share']:.0%} reclaimed)")  # fmt: skip
    typer.echo(f"Report: {out / 'eval_report.html'}")


@eval_app.command("time")
@handle_errors
def time_report(
    events: Annotated[Path, typer.Option(help="JSON Lines review events log written by the service.")],
    baseline: Annotated[Path, typer.Option(help="CSV: visit_type,minutes[,worker_id,team,source].")],
    out: Annotated[Path, typer.Option(help="Folder for the CSV, JSON and HTML report.")] = Path("time-report"),
    bootstrap: Annotated[int, typer.Option(min=100, help="Bootstrap resamples for the intervals.")] = 2000,
    heavy_edit_ratio: Annotated[
        float, typer.Option(min=0.0, help="Edits per draft character at which a draft counts as rewritten.")
    ] = 0.5,
) -> None:
    """Admin time reclaimed per worker and team by week, from the review events log."""
    require_eval_extra()
    from evaluation.time_model import describe
    from evaluation.time_report import ReportOptions, build_report, write_report

    options = ReportOptions(bootstrap_samples=bootstrap, heavy_edit_ratio=heavy_edit_ratio)
    report = build_report(events, baseline, options)
    paths = write_report(report, out)
    o = report.overall
    typer.echo(
        f"{o.visits} visits: {o.reclaimed_minutes / 60:.1f} h reclaimed of {o.baseline_minutes / 60:.1f} h "
        f"({o.reclaimed_share:.0%}, 95% CI {o.reclaimed_share_ci[0]:.0%} to {o.reclaimed_share_ci[1]:.0%})"
    )
    for flag in report.flags:
        typer.echo(f"heavy editing: {flag.worker_id} ({flag.team}): {'; '.join(flag.reasons)}")
    if any(t.timing_source == "modelled" for t in report.timings):
        typer.echo(describe(report.model))
    typer.echo(f"Report: {paths['html']}")


@eval_app.command("librivox")
@handle_errors
def librivox(
    folder: Annotated[Path, typer.Argument(help="Folder with `fileids`, `transcription` and the audio clips.")],
    model: Annotated[str, typer.Option(help="Speech model(s), comma separated.")] = "tiny.en",
    out: Annotated[Path | None, typer.Option(help="Write per-clip results as JSON here.")] = None,
) -> None:
    """Word error rate on LibriVox-style clips (or a council's own clips laid out the same way)."""
    require_eval_extra()
    from assistant.audio import load_audio
    from assistant.settings import get_settings
    from assistant.transcription import transcribe
    from evaluation.asr_eval import AsrScores, score_asr
    from evaluation.datasets.librivox import load_librivox

    settings = get_settings()
    clips = load_librivox(folder)
    results = {}
    for name in _csv(model):
        total, per_clip = AsrScores(), {}
        for clip in clips:
            hypothesis = transcribe(load_audio(clip.audio, settings), settings, model=name).text
            scores = score_asr(clip.transcript, hypothesis)
            total.add(scores)
            per_clip[clip.id] = {"wer": round(scores.wer, 4), "hypothesis": hypothesis}
        results[name] = {
            "wer": round(total.wer, 4),
            "reference_words": total.reference_words,
            "clips": per_clip,
        }
        typer.echo(f"{name}: WER {total.wer:.1%} over {len(clips)} clips ({total.reference_words} words)")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=2), encoding="utf-8")


def register(app: typer.Typer) -> None:
    """Commands attach to the shared `eval` group at import; nothing else to add to `app`."""
