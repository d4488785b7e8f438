"""Fold the per-visit results of an evaluation run into a summary, an HTML report and a time report."""

from __future__ import annotations

import html
import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from evaluation.report_html import figure_to_img, page, table

if TYPE_CHECKING:
    from evaluation.corpus_truth import VisitTruth
    from evaluation.runner import EvalConfig

BASELINE_FILE = "baseline.csv"


def _asr_summary(out: Path, config: EvalConfig, ids: set[str]) -> dict[str, Any]:
    from evaluation.runner import safe_name

    groups: dict[str, list[dict]] = defaultdict(list)
    models = {safe_name(m) for m in config.models}
    for path in sorted((out / "asr").glob("*/*/*/asr.json")):
        model, variant, visit = path.parents[2].name, path.parents[1].name, path.parent.name
        if model in models and variant in config.variants and visit in ids:
            groups[f"{model}/{variant}"].append(json.loads(path.read_text()))
    summary = {}
    for key, rows in groups.items():
        ref = sum(r["reference_words"] for r in rows)
        errors = sum(r["substitutions"] + r["deletions"] + r["insertions"] for r in rows)
        labels: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for r in rows:
            for label, s in r["by_label"].items():
                for k in ("words", "errors", "spans", "spans_exact"):
                    labels[label][k] += s[k]
        audio = sum(r["audio_seconds"] for r in rows)
        summary[key] = {
            "visits": len(rows),
            "audio_minutes": round(audio / 60, 1),
            "wer": round(errors / max(ref, 1), 4),
            "real_time_factor": round(sum(r["transcribe_seconds"] for r in rows) / max(audio, 1e-6), 3),
            "by_label": {
                label: {
                    **v,
                    "error_rate": round(v["errors"] / max(v["words"], 1), 4),
                    "exact_rate": round(v["spans_exact"] / max(v["spans"], 1), 4),
                }
                for label, v in sorted(labels.items())
            },
            "per_visit": {r["visit"]: r["wer"] for r in rows},
        }
    return summary


def _numeric_means(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Mean over visits of every numeric leaf (nested keys joined with dots)."""
    sums: dict[str, list[float]] = defaultdict(list)

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int | float):
            sums[prefix].append(float(value))
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else str(k), v)

    for row in rows:
        walk("", {k: v for k, v in row.items() if k in ("scores", "review_effort", "modelled_review_minutes")})
    return {k: round(sum(v) / len(v), 4) for k, v in sorted(sums.items())}


def _drafting_summary(out: Path, config: EvalConfig, ids: set[str]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    from evaluation.runner import safe_name

    if "asr" in config.stages:
        sources = {f"{safe_name(m)}.{v}" for m in config.models for v in config.variants}
    else:
        sources = {"reference"}
    groups: dict[str, list[dict]] = defaultdict(list)
    for path in sorted((out / "drafting").glob("*/*/drafting.*.json")):
        row = json.loads(path.read_text())
        wanted = config.templates == ("all",) or row["template"] in config.templates
        if row["visit"] in ids and row["source"] in sources and row["drafter"] == config.drafter and wanted:
            groups[f"{row['source']}/{row['drafter']}/{row['template']}"].append(row)
    summary = {
        key: {"visits": len(rows), "totals": _drafting_totals(rows), "mean": _numeric_means(rows)}
        for key, rows in groups.items()
    }
    return summary, [r for rows in groups.values() for r in rows]


def _drafting_totals(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Pooled over visits: facts found, risks caught, unsupported statements (micro averages)."""
    scores = [r.get("scores", {}) for r in rows]

    def total(key: str) -> int:
        return sum(len(s[key]) if isinstance(s.get(key), list) else int(s.get(key) or 0) for s in scores)

    facts, found, anywhere = total("facts_total"), total("facts_found"), total("facts_found_any_field")
    statements, unsupported = total("statements"), total("unsupported")
    expected, caught = total("risks_expected"), total("risks_caught")
    note, spoken = total("note_words"), total("transcript_words")
    flags_expected, flags_right = total("flags_expected"), total("flags_right_status")
    return {
        "facts": facts,
        "note_share": round(note / spoken, 4) if spoken else None,
        "disclosed_expected": total("disclosed_expected"),
        "disclosed_flagged": total("disclosed_flagged"),
        "flags_expected": flags_expected,
        "flags_right_status": flags_right,
        "false_disclosures": [m for r in rows for m in (r.get("scores", {}).get("false_disclosures") or [])],
        "flags_wrong": [f"{r['visit']}: {m}" for r in rows for m in (r.get("scores", {}).get("flags_wrong") or [])],
        "field_recall": round(found / facts, 4) if facts else None,
        "field_recall_with_pointers": round(total("facts_found_with_pointers") / facts, 4) if facts else None,
        "any_field_recall": round(anywhere / facts, 4) if facts else None,
        "statements": statements,
        "unsupported_rate": round(unsupported / statements, 4) if statements else None,
        "risks_expected": expected,
        "risks_caught": caught,
        "risk_recall": round(caught / expected, 4) if expected else None,
        "risks_missed": [m for r in rows for m in (r.get("scores", {}).get("risks_missed") or [])],
    }


def _write_events(rows: list[dict[str, Any]], path: Path) -> int:
    """Modelled review events for the corpus visits, in the service's events-log format."""

    def preference(r: dict[str, Any]) -> tuple[int, int, str]:
        # One write-up per visit: drafts from real clean audio first, then noisy, then the reference
        # transcript; the visit's own form before the general case note.
        source = 0 if r["source"].endswith(".clean") else 1 if r["source"].endswith(".noisy") else 2
        return (source, int(r["template"] == "general_visit"), r["source"])

    written, lines = set(), []
    for r in sorted(rows, key=preference):
        if r["visit"] in written:
            continue
        written.add(r["visit"])
        opened = datetime.fromisoformat(r["date"]).replace(hour=14, tzinfo=UTC)
        base = {
            "visit_id": r["visit"],
            "worker_id": r["worker_id"],
            "team": r["team"],
            "visit_type": r["visit_type"],
        }
        effort = r["review_effort"]
        lines.append({**base, "event": "draft_opened", "at": opened.isoformat()})
        submitted = {
            "event": "draft_submitted",
            "at": (opened + timedelta(hours=1)).isoformat(),
            "draft_words": r["draft_words"],
            "draft_chars": effort["draft_chars"],
            "edit_chars": effort["char_edits"],
            "fields_total": effort["fields_total"],
            "fields_changed": effort["fields_changed"],
        }
        lines.append({**base, **submitted})
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return len(written)


def _wer_chart(asr: dict[str, Any]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    visits = sorted({v for s in asr.values() for v in s["per_visit"]})
    fig, ax = plt.subplots(figsize=(max(6.0, 0.7 * len(visits) + 2), 3.6))
    width = 0.8 / max(len(asr), 1)
    for i, (key, s) in enumerate(sorted(asr.items())):
        ax.bar([x + i * width for x in range(len(visits))], [s["per_visit"].get(v, 0) * 100 for v in visits],
               width, label=key)  # fmt: skip
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(visits))], [v[:3] for v in visits], fontsize=8)
    ax.set_ylabel("word error rate (%)")
    ax.set_title("Word error rate per visit")
    ax.legend(fontsize=8)
    return figure_to_img(fig, "Word error rate per visit")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _rate(num: int, den: int) -> str:
    return "-" if not den else f"{num / den:.0%}"


def _redaction_html(redaction: dict[str, Any]) -> list[str]:
    scores = redaction.get("scores", {})
    rows = [("all identifiers", scores.get("overall", {})), *sorted(scores.get("per_type", {}).items())]
    over = scores.get("over_redaction", {})
    return [
        "<h2>Redaction</h2><p>How many of the labelled personal details (names, addresses, numbers) "
        "were removed before any model saw the text. <b>Left visible</b> is the number to watch: any "
        f"detail not fully hidden. Scored on the {redaction.get('examples', 0)} reference lines. "
        f"Over-redaction (ordinary words replaced although they were not personal data): "
        f"{_rate(over.get('over_redacted_words', 0), over.get('clean_words', 0))} "
        f"({over.get('over_redacted_words', 0)} of {over.get('clean_words', 0)} words).</p>",
        table(
            ["type", "labelled", "left visible", "leak rate", "found (recall)", "precision"],
            [
                [name, s.get("gold", 0), s.get("leaked", 0), _rate(s.get("leaked", 0), s.get("gold", 0)),
                 _rate(s.get("found", 0), s.get("gold", 0)),
                 _rate(s.get("correct_predictions", 0), s.get("predicted", 0))]
                for name, s in rows
            ],
        ),
    ]  # fmt: skip


def _html(summary: dict[str, Any]) -> str:
    parts = [f"<p class='small'>Corpus {html.escape(summary['corpus'])}: {summary['visits']} visits. "
             f"Stages: {', '.join(summary['stages'])}.</p>"]  # fmt: skip
    asr = summary.get("asr") or {}
    if asr:
        parts += [
            "<h2>Transcription</h2><p>Word error rate: the share of words the speech model got wrong "
            "(lower is better). Identifier rows show errors on names, numbers and addresses only.</p>",
            table(["model / audio", "visits", "audio (min)", "WER", "speed (x real time)"],
                  [[k, s["visits"], s["audio_minutes"], f"{s['wer']:.1%}",
                    f"{1 / max(s['real_time_factor'], 1e-6):.1f}x"] for k, s in sorted(asr.items())]),
            table(["model / audio", "label", "words", "error rate", "spans exactly right"],
                  [[k, label, v["words"], f"{v['error_rate']:.1%}", f"{v['exact_rate']:.0%}"]
                   for k, s in sorted(asr.items()) for label, v in s["by_label"].items()]),
            _wer_chart(asr),
        ]  # fmt: skip
    if summary.get("redaction"):
        parts += _redaction_html(summary["redaction"])
    for key, d in (summary.get("drafting") or {}).items():
        t = d["totals"]
        parts += [
            f"<h2>Drafting: {html.escape(key)}</h2>",
            f"<p>Over {d['visits']} drafts: {_pct(t['field_recall'])} of the {t['facts']} reference facts "
            f"were in the right field ({_pct(t['any_field_recall'])} anywhere in the draft); "
            f"{_pct(t['unsupported_rate'])} of {t['statements']} statements were not supported by the "
            f"transcript; {t['risks_caught']} of {t['risks_expected']} risk disclosures were flagged.</p>",
        ]
        if t["risks_missed"]:
            missed = [f"<li>{html.escape(m)}</li>" for m in t["risks_missed"]]
            parts += ["<p>Risks missed:</p><ul>", *missed, "</ul>"]
        rows = [[k, v] for k, v in d["mean"].items()]
        parts.append(table(["measure (mean per draft)", "value"], rows))
    time_summary = summary.get("time")
    if time_summary:
        parts += [
            "<h2>Time reclaimed (modelled)</h2>",
            f"<p>With the review-time model, these {time_summary['visits']} drafts would take "
            f"{time_summary['assisted_minutes']:.0f} minutes to review against a hand write-up baseline of "
            f"{time_summary['baseline_minutes']:.0f} minutes: "
            f"{time_summary['reclaimed_share']:.0%} reclaimed. "
            "Per-worker details: <a href='time_report.html'>time_report.html</a>.</p>",
        ]
    if summary.get("warnings"):
        parts += [
            "<h2>Warnings</h2><ul>",
            *[f"<li>{html.escape(w)}</li>" for w in summary["warnings"]],
            "</ul>",
        ]
    return page("Offset evaluation: quality by stage", "".join(parts))


def summarise_run(config: EvalConfig, visits: list[VisitTruth]) -> dict[str, Any]:
    """Write summary.json, eval_report.html and (with drafting) the modelled time report."""
    from evaluation.runner import write_json
    from evaluation.time_report import build_report, write_report

    out = config.out
    ids = {v.id for v in visits}
    summary: dict[str, Any] = {
        "corpus": str(config.corpus),
        "visits": len(visits),
        "stages": list(config.stages),
        "models": list(config.models),
        "variants": list(config.variants),
        "drafter": config.drafter,
        "asr": _asr_summary(out, config, ids),
    }
    if (out / "redaction.json").is_file():
        summary["redaction"] = json.loads((out / "redaction.json").read_text())
    drafting, rows = _drafting_summary(out, config, ids)
    summary["drafting"] = drafting
    baseline = config.corpus / BASELINE_FILE
    if rows and baseline.is_file() and _write_events(rows, out / "events.jsonl"):
        report = build_report(out / "events.jsonl", baseline)
        write_report(report, out)
        o = report.overall
        summary["time"] = {"visits": o.visits, "baseline_minutes": o.baseline_minutes,
                           "assisted_minutes": o.assisted_minutes, "reclaimed_share": o.reclaimed_share,
                           "reclaimed_share_ci": o.reclaimed_share_ci}  # fmt: skip
    summary["warnings"] = config.warnings
    write_json(out / "summary.json", summary)
    (out / "eval_report.html").write_text(_html(summary), encoding="utf-8")
    return summary
