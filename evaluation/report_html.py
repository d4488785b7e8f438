"""Self-contained HTML reports (charts embedded as PNG data URIs) for non-technical readers."""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from evaluation.time_report import GroupRow, TimeReport

STYLE = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;
color:#1b1b1b;line-height:1.45}
h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.3em .6em;
text-align:right}th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}
.headline{font-size:1.25em;background:#eef6ee;border-left:5px solid #2e7d32;padding:.8em 1em}
.flag{background:#fff4e5;border-left:5px solid #e65100;padding:.6em 1em;margin:.5em 0}
pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:.85em}img{max-width:100%}
.small{color:#555;font-size:.9em}
"""


def figure_to_img(fig: Figure, alt: str) -> str:
    """Render a matplotlib figure into an <img> tag with the PNG embedded."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if v is None else str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>{body}</body></html>"
    )


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _bar_with_ci(rows: list[GroupRow], title: str, highlight: set[str] | None = None) -> str:
    plt = _pyplot()
    labels = [r.group if r.week == "all" else f"{r.group}\n{r.week}" for r in rows]
    values = [r.reclaimed_minutes / 60 for r in rows]
    low = [max(0.0, (r.reclaimed_minutes - r.reclaimed_minutes_ci[0]) / 60) if r.ci_reliable else 0 for r in rows]
    high = [max(0.0, (r.reclaimed_minutes_ci[1] - r.reclaimed_minutes) / 60) if r.ci_reliable else 0 for r in rows]
    colours = ["#e65100" if highlight and r.group in highlight else "#2e7d32" for r in rows]
    fig, ax = plt.subplots(figsize=(max(5.0, 0.55 * len(rows) + 2), 3.6))
    ax.bar(range(len(rows)), values, yerr=[low, high], color=colours, capsize=3)
    ax.set_xticks(range(len(rows)), labels, rotation=45 if len(rows) > 6 else 0, ha="right", fontsize=8)
    ax.set_ylabel("hours reclaimed")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_title(title)
    return figure_to_img(fig, title)


def _team_weeks_chart(rows: list[GroupRow]) -> str:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.6))
    weeks = sorted({r.week for r in rows})
    for team in sorted({r.group for r in rows}):
        pts = {r.week: r for r in rows if r.group == team}
        xs = [i for i, w in enumerate(weeks) if w in pts]
        ys = [pts[weeks[i]].reclaimed_share * 100 for i in xs]
        ok = [pts[weeks[i]].ci_reliable for i in xs]
        lo = [ys[k] - pts[weeks[i]].reclaimed_share_ci[0] * 100 if ok[k] else 0 for k, i in enumerate(xs)]
        hi = [pts[weeks[i]].reclaimed_share_ci[1] * 100 - ys[k] if ok[k] else 0 for k, i in enumerate(xs)]
        ax.errorbar(xs, ys, yerr=[lo, hi], marker="o", capsize=3, label=team)
    ax.set_xticks(range(len(weeks)), weeks, fontsize=8)
    ax.set_ylabel("% of write-up time reclaimed")
    ax.set_title("Share of write-up time reclaimed, per team and week")
    ax.legend(fontsize=8)
    return figure_to_img(fig, "Share of write-up time reclaimed per team and week")


def _ci(row: GroupRow, text: str) -> str:
    return text if row.ci_reliable else "too few visits"


def _group_table(rows: list[GroupRow], name: str) -> str:
    return table(
        [name, "week", "visits", "hand write-up (min)", "with Offset (min)", "reclaimed (min)",
         "95% CI (min)", "reclaimed share", "95% CI (share)", "heavily edited"],
        [
            [r.group, r.week, r.visits, r.baseline_minutes, r.assisted_minutes, r.reclaimed_minutes,
             _ci(r, f"{r.reclaimed_minutes_ci[0]} to {r.reclaimed_minutes_ci[1]}"), f"{r.reclaimed_share:.0%}",
             _ci(r, f"{r.reclaimed_share_ci[0]:.0%} to {r.reclaimed_share_ci[1]:.0%}"), r.heavy_edit_visits]
            for r in rows
        ],
    )  # fmt: skip


def render_time_report(report: TimeReport, model_text: str) -> str:
    """The time-reclaimed report as one HTML page."""
    o = report.overall
    weeks = sorted({t.week for t in report.timings})
    workers = {t.worker_id for t in report.timings}
    teams = {t.team for t in report.timings}
    sources = report.to_json()["timing_sources"]
    parts = [
        f"<p class='headline'>Across {len(teams)} team(s) and {len(workers)} worker(s), "
        f"over {len(weeks)} week(s) ({weeks[0]} to {weeks[-1]}), Offset gave back "
        f"<b>{o.reclaimed_minutes / 60:.1f} hours</b> of write-up time on {o.visits} visits: "
        f"<b>{o.reclaimed_share:.0%}</b> of the time a hand write-up takes "
        f"(95% confidence interval {o.reclaimed_share_ci[0]:.0%} to {o.reclaimed_share_ci[1]:.0%}).</p>",
        "<p class='small'>'Hand write-up' is the baseline the council recorded per visit type. 'With Offset' "
        f"is the time spent checking and editing the draft: {html.escape(_describe_sources(sources))}. "
        "The confidence intervals come from resampling "
        f"visits {report.options.bootstrap_samples} times (bootstrap); they are not shown for groups of fewer "
        f"than {report.options.min_visits_for_ci} visits, where they would mean little.</p>",
        "<h2>Workers whose drafts needed heavy editing</h2>",
    ]
    if report.flags:
        parts += [
            f"<div class='flag'><b>{html.escape(f.worker_id)}</b> ({html.escape(f.team)}): "
            f"{html.escape('; '.join(f.reasons))}. Time is not really reclaimed when a draft is rewritten: "
            "look at these drafts with the worker.</div>"
            for f in report.flags
        ]
    else:
        parts.append("<p>None: no worker had a large share of drafts rewritten.</p>")
    flagged = {f.worker_id for f in report.flags}
    parts += [
        "<h2>Per team</h2>",
        _team_weeks_chart(report.by_team_week),
        _group_table(report.by_team, "team"),
        _group_table(report.by_team_week, "team"),
        "<h2>Per worker</h2>",
        _bar_with_ci(report.by_worker, "Hours reclaimed per worker (orange: heavy editing)", flagged),
        _group_table(report.by_worker, "worker"),
        _group_table(report.by_worker_week, "worker"),
        "<h2>How modelled times are computed</h2>",
        f"<pre>{html.escape(model_text)}</pre>",
    ]
    if report.warnings:
        parts += ["<h2>Warnings</h2><ul>", *[f"<li>{html.escape(w)}</li>" for w in report.warnings], "</ul>"]
    return page("Admin time reclaimed by Offset", "".join(parts))


def _describe_sources(sources: dict[str, int]) -> str:
    """'measured in the service for 8 visits; modelled ... for 4 visits', in words an evaluator reads."""
    words = {
        "measured": "measured as active editing time in the service",
        "modelled": "modelled from the draft and its approved version (keystroke-level model, assumptions below)",
        "wall_clock": "taken from the time between opening and submitting the draft (no active-editing log)",
    }
    parts = [f"{words.get(k, k)} for {n} visit{'s' if n != 1 else ''}" for k, n in sorted(sources.items()) if n]
    return "; ".join(parts) or "no timings"
