"""Charts drawn on the server as SVG: no charting library, no script, readable without colour.

A chart is lines over weeks, each line a series with its own colour *and* dash pattern and marker
shape, so it reads in greyscale. The SVG has a `<title>` and `<desc>`; the page shows the same
numbers in a table beside it (the accessible alternative and the source of truth).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

# GOV.UK colours, each with a dash pattern so the lines differ without colour.
STYLES = [
    ("#1d70b8", ""),  # blue, solid
    ("#0f7a52", "8 4"),  # green, dashed
    ("#ca357c", "2 3"),  # magenta, dotted
    ("#54319f", "10 3 2 3"),  # purple, dash-dot
    ("#f47738", "4 2"),  # orange
]
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 24, 64


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]  # one per label; None: no data that week


def _nice_max(value: float) -> float:
    if value <= 0:
        return 10.0
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return float(step * 5)
    return float(value)


def line_chart(title: str, labels: list[str], series: list[Series], y_label: str) -> Markup:
    """An SVG line chart of `series` over `labels` (weeks)."""
    values = [v for s in series for v in s.values if v is not None]
    top = _nice_max(max(values, default=0.0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    parts = [
        f'<svg class="offset-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}"'
        f' aria-labelledby="chart-title chart-desc" font-family="arial, sans-serif" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(_describe(labels, series, y_label))}</desc>',
    ]
    for k in range(6):  # grid lines and the y axis's numbers
        v = top * k / 5
        grid_y = f"{y(v):.1f}"
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{grid_y}" y2="{grid_y}" stroke="#cecece"/>')
        parts.append(
            f'<text x="{LEFT - 8}" y="{y(v) + 5:.1f}" text-anchor="end" font-size="14" fill="#0b0c0c">{v:g}</text>'
        )
    parts.append(
        f'<text x="16" y="{TOP + plot_h / 2:.0f}" font-size="14" fill="#0b0c0c" text-anchor="middle"'
        f' transform="rotate(-90 16 {TOP + plot_h / 2:.0f})">{escape(y_label)}</text>'
    )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" font-size="14"'
            f' fill="#0b0c0c">{escape(label)}</text>'
        )
    for index, s in enumerate(series):
        colour, dash = STYLES[index % len(STYLES)]
        points = [(x(i), y(v)) for i, v in enumerate(s.values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"{dashes}/>')
        for px, py in points:
            parts.append(_marker(index, px, py, colour))
    # The legend, under the axis: each series' line style and marker with its name.
    lx = LEFT
    for index, s in enumerate(series):
        colour, dash = STYLES[index % len(STYLES)]
        ly = HEIGHT - 18
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{lx}" x2="{lx + 28}" y1="{ly}" y2="{ly}" stroke="{colour}" stroke-width="3"{dashes}/>')
        parts.append(_marker(index, lx + 14, ly, colour))
        parts.append(f'<text x="{lx + 36}" y="{ly + 5}" font-size="14" fill="#0b0c0c">{escape(s.name)}</text>')
        lx += 44 + 8 * len(s.name)
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every value in it is escaped above


def _marker(index: int, x: float, y: float, colour: str) -> str:
    shape = index % 3
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}"/>'
    return f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y + 5:.1f} {x - 6:.1f},{y + 5:.1f}" fill="{colour}"/>'


def _describe(labels: list[str], series: list[Series], y_label: str) -> str:
    if not labels:
        return "No data yet."
    bits = []
    for s in series:
        known = [(label, v) for label, v in zip(labels, s.values, strict=False) if v is not None]
        if known:
            bits.append(f"{s.name}: from {known[0][1]:g} in {known[0][0]} to {known[-1][1]:g} in {known[-1][0]}")
    return f"{y_label} by week, {labels[0]} to {labels[-1]}. " + "; ".join(bits) + ". The table below has every value."
