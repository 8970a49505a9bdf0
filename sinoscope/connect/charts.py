"""Indicator charts: a Vega-Lite spec (for the web app) and SVG/PNG files (for pages and e-mail).

    spec = chart_spec(indicator)                        # a dict, JSON-ready
    indicator_chart(indicator, Path("ai-companies.svg"))
    indicator_chart(indicator, Path("ai-companies.png"), fmt="png")

Actual observations are filled points joined by a line (the median where several share a
date; values dated only by their article's publication are points off the line); values
counted under another definition than most ("core AI enterprises") are hollow squares;
targets (reported in claims, and the metric's official targets) are hollow diamonds at their
deadline, joined to the latest actual by a dashed line. The title is the metric's name; the
subtitle gives the unit and says when definitions differ. Year labels sit mid-year; a date
naming only a year is drawn at its end ("2023" counts as of end-2023, as in corroboration),
a month mid-month.
Big values are drawn in millions / billions / trillions, named on the axis. Tooltips give the
value as stated, the date, the outlet and whom it cites; in SVG files each point also carries
a `<title>` so browsers show it on hover. Rendering is local (vl-convert bundles Vega; data
are inlined, never fetched).
"""

from __future__ import annotations

import html
import logging
import re
import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import altair as alt
import vl_convert as vlc

from ..records import MetricTarget, Observation
from .indicators import Indicator, definition_key, qualifiers
from .units import describe_value

__all__ = ["ChartOptions", "chart_spec", "indicator_chart"]

log = logging.getLogger(__name__)

ChartFormat = Literal["svg", "png"]
ACTUAL = "Actual"
OTHER = "Other definition"
TARGET = "Target"
_COLORS = ["#1f5fa8", "#1f5fa8", "#c2410c"]  # actual, other definition, target
_SHAPES = ["circle", "square", "diamond"]
_FILLS = ["#1f5fa8", "white", "white"]
_CJK = re.compile(r"[\u3400-\u9fff]")
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_UNIT_WORDS = {"percent": "%", "USD": "US dollars", "CNY": "yuan"}


@dataclass(frozen=True, slots=True)
class ChartOptions:
    width: int = 560
    height: int = 300
    source_names: Mapping[str, str] = field(default_factory=dict)  # source id -> "Xinhua"
    png_scale: float = 2.0  # pixel density of PNG files (2 = sharp on high-DPI screens)
    font_dir: Path | None = None  # fonts for PNG (e.g. a CJK font); None: vl-convert's own
    official_targets: bool = True  # draw the metric's own targets (metrics.toml)


def chart_spec(
    indicator: Indicator, options: ChartOptions | None = None, *, cjk_text: bool = True
) -> dict[str, Any]:
    """The indicator's chart as a Vega-Lite JSON dict (data inlined). With `cjk_text` False,
    Chinese wordings in the subtitle are replaced by their qualifier in English (for PNG
    rendering on machines without a CJK font)."""
    opts = options or ChartOptions()
    unit = _main_unit(indicator)
    points, line, path = _rows(indicator, unit, opts)
    divisor, scale_word = _scale(points)
    for row in (*points, *line, *path):
        row["y"] = row["value"] / divisor
    axis_title = " ".join(w for w in (scale_word, _UNIT_WORDS.get(unit, unit)) if w)
    subtitle = [f"Unit: {axis_title}" if axis_title else "Unit: as reported"]
    wordings = ", ".join(_wording(d, cjk_text) for d in indicator.definitions[:3])
    if indicator.definitions_differ:
        subtitle.append(f"Definitions differ between sources ({wordings}); compare with care.")
    elif indicator.definitions:
        subtitle.append(f"Counted as {wordings}.")
    dropped = sum(1 for o in (*indicator.observations, *indicator.targets) if o.unit != unit)
    if dropped:
        subtitle.append(f"{dropped} observation(s) in other units not shown.")
    title = alt.Title(indicator.metric.name, subtitle=subtitle, anchor="start")
    if not points:
        return _empty(title, opts)
    years = [int(str(r["x"])[:4]) for r in points]
    domain = [f"{min(years)}-01-01", f"{max(years) + 1}-01-01"]
    x = alt.X(
        "x:T",
        title=None,
        scale=alt.Scale(type="utc", domain=domain),
        axis=alt.Axis(
            labelExpr="utcFormat(datum.value, '%Y')",
            values=[  # year mid-points
                alt.DateTime(year=y, month=7, date=1, utc=True)
                for y in range(min(years), max(years) + 1)
            ],
            grid=False,
            labelOverlap="greedy",
            tickSize=0,
            labelPadding=6,
        ),
    )
    y = alt.Y("y:Q", title=axis_title or None, scale=alt.Scale(zero=False, nice=True, padding=12))
    present = {r["series"] for r in points}
    kept = [i for i, name in enumerate((ACTUAL, OTHER, TARGET)) if name in present]
    domain_series = [(ACTUAL, OTHER, TARGET)[i] for i in kept]
    legend = alt.Legend(orient="top", direction="horizontal", title=None)
    color = alt.Color(
        "series:N",
        scale=alt.Scale(domain=domain_series, range=[_COLORS[i] for i in kept]),
        legend=legend,
    )
    shape = alt.Shape(
        "series:N",
        scale=alt.Scale(domain=domain_series, range=[_SHAPES[i] for i in kept]),
        legend=legend,
    )
    fill = alt.Fill(
        "series:N",
        scale=alt.Scale(domain=domain_series, range=[_FILLS[i] for i in kept]),
        legend=legend,
    )
    tooltip = [
        alt.Tooltip("stated:N", title="Value"),
        alt.Tooltip("when:N", title="Date"),
        alt.Tooltip("source:N", title="Source"),
        alt.Tooltip("series:N", title="Kind"),
    ]
    layers: list[alt.Chart] = []
    if len(path) > 1:
        layers.append(
            alt.Chart(alt.Data(values=path))
            .mark_line(color=_COLORS[2], strokeDash=[5, 4], strokeWidth=1.5, aria=False)
            .encode(x=x, y=y, order="x:T")
        )
    if len(line) > 1:
        layers.append(
            alt.Chart(alt.Data(values=line))
            .mark_line(color=_COLORS[0], strokeWidth=2, aria=False)
            .encode(x=x, y=y, order="x:T")
        )
    layers.append(
        alt.Chart(alt.Data(values=points))
        .mark_point(size=75, strokeWidth=2, opacity=1)
        .encode(
            x=x,
            y=y,
            color=color,
            shape=shape,
            fill=fill,
            tooltip=tooltip,
            description=alt.Description("description:N"),
        )
    )
    chart = (
        alt.layer(*layers)
        .properties(title=title, width=opts.width, height=opts.height)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11, gridColor="#e5e7eb")
        .configure_legend(labelFontSize=11, symbolSize=70)
        .configure_title(fontSize=15, subtitleFontSize=11, subtitleColor="#555")
    )
    return chart.to_dict()


def indicator_chart(
    indicator: Indicator,
    path: Path,
    fmt: ChartFormat = "svg",
    options: ChartOptions | None = None,
) -> Path:
    """Write the indicator's chart to `path` as SVG or PNG; returns `path`."""
    if fmt not in ("svg", "png"):
        raise ValueError(f'fmt must be "svg" or "png", not {fmt!r}')
    opts = options or ChartOptions()
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "svg":
        spec = chart_spec(indicator, opts)
        path.write_text(_with_titles(vlc.vegalite_to_svg(spec)), encoding="utf-8")
    else:
        if opts.font_dir is not None:
            vlc.register_font_directory(str(opts.font_dir))
        spec = chart_spec(indicator, opts, cjk_text=opts.font_dir is not None)
        path.write_bytes(vlc.vegalite_to_png(spec, scale=opts.png_scale))
    log.debug("wrote %s chart of %s to %s", fmt, indicator.metric.id, path)
    return path


# --------------------------------------------------------------------------------------- data
def _main_unit(indicator: Indicator) -> str:
    counts = Counter(o.unit for o in (*indicator.observations, *indicator.targets))
    if not counts:
        return indicator.metric.unit
    return counts.most_common(1)[0][0]


Row = dict[str, Any]


def _rows(
    indicator: Indicator, unit: str, opts: ChartOptions
) -> tuple[list[Row], list[Row], list[Row]]:
    """Points (actuals, other definitions, targets), the actuals' line, the dashed path."""
    actuals = [o for o in indicator.observations if o.unit == unit and o.date]
    keys = Counter(definition_key(o.definition) for o in actuals)
    primary = max(keys, key=lambda k: (keys[k], k == "")) if keys else ""
    points = [
        _row(o, ACTUAL if definition_key(o.definition) == primary else OTHER, opts) for o in actuals
    ]
    for row in points:
        if row["claim"] in indicator.loose:
            row["when"] = f"published {row['when']} (no date in the text)"
    targets = [_row(o, TARGET, opts) for o in indicator.targets if o.unit == unit and o.deadline]
    if opts.official_targets and unit == indicator.metric.unit:
        targets.extend(_official(t, unit) for t in indicator.official_targets)
    by_x: dict[str, list[float]] = {}
    for row in points:
        if row["series"] == ACTUAL and row["claim"] not in indicator.loose:
            by_x.setdefault(row["x"], []).append(float(row["value"]))
    line = [{"x": x, "value": statistics.median(v)} for x, v in sorted(by_x.items())]
    path: list[Row] = []
    if line:
        last = line[-1]
        ahead = sorted((t for t in targets if t["x"] > last["x"]), key=lambda t: t["x"])
        if ahead:
            path = [last, *({"x": t["x"], "value": t["value"]} for t in ahead)]
    return points + targets, line, path


def _official(target: MetricTarget, unit: str) -> Row:
    stated = f"{describe_value(target.value, unit)} by {target.year}"
    source = target.source or "official target"
    return {
        "x": _position(str(target.year)),
        "value": target.value,
        "series": TARGET,
        "stated": stated,
        "when": f"by {target.year}",
        "source": source,
        "description": f"Target: {stated} ({source})",
    }


def _row(obs: Observation, series: str, opts: ChartOptions) -> Row:
    when = f"by {obs.deadline}" if series == TARGET else (obs.date or "")
    outlet = opts.source_names.get(obs.source_id or "", obs.source_id or "")
    source = outlet or obs.attributed_to
    cited = _key(obs.attributed_to)
    own = {_key(outlet), _key(obs.source_id or "")}
    if cited and outlet and not any(cited in k or k in cited for k in own if k):
        source = f"{outlet}, citing {obs.attributed_to}"
    stated = describe_value(obs.value, obs.unit, obs.change)
    if obs.definition:
        stated += f' ("{obs.definition}")'
    return {
        "x": _position(str(obs.deadline) if series == TARGET else obs.date or ""),
        "value": obs.value,
        "series": series,
        "stated": stated,
        "when": when,
        "source": source,
        "description": f"{series}: {stated}, {when}, {source}",
        "claim": obs.claim_id,
    }


def _key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _wording(definition: str, cjk_text: bool) -> str:
    if cjk_text or not _CJK.search(definition):
        return f'"{definition}"'
    concepts = qualifiers(definition)
    return f"{' + '.join(concepts) or 'another'} (Chinese wording)"


def _position(when: str) -> str:
    """Where a date is drawn: a year at its end (mid-December: "2023" counts as of end-2023,
    like "2023-12"), a month mid-month, a day as is."""
    match = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", when)
    if not match:
        return when
    year, month, day = match.groups()
    if day:
        return date(int(year), int(month), int(day)).isoformat()
    if month:
        return f"{year}-{int(month):02d}-15"
    return f"{year}-12-15"


def _scale(rows: list[Row]) -> tuple[float, str]:
    """Millions, billions or trillions: the largest that keeps the smallest value >= 1."""
    low = min((abs(float(r["value"])) for r in rows if r["value"]), default=0.0)
    for size, word in _SCALES:
        if low >= size:
            return size, word
    return 1.0, ""


def _empty(title: alt.Title, opts: ChartOptions) -> dict[str, Any]:
    chart = (
        alt.Chart(alt.Data(values=[{"text": "No observations yet"}]))
        .mark_text(fontSize=13, color="#555")
        .encode(text="text:N")
        .properties(title=title, width=opts.width, height=opts.height // 2)
        .configure_view(stroke=None)
    )
    return chart.to_dict()


# ---------------------------------------------------------------------------------------- svg
_SYMBOL = re.compile(
    r'<path aria-label="(?P<label>[^"]*)" role="graphics-symbol"(?P<rest>[^>]*?)/>'
)


def _with_titles(svg: str) -> str:
    """Give each point a `<title>` (from its aria label) so browsers show it on hover."""

    def titled(match: re.Match[str]) -> str:
        label = html.unescape(match.group("label"))
        body = f'<path aria-label="{match.group("label")}" role="graphics-symbol"'
        return f"{body}{match.group('rest')}><title>{html.escape(label)}</title></path>"

    return _SYMBOL.sub(titled, svg)
