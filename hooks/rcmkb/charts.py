"""Horizontal bar charts drawn as inline SVG when the site is built: no script and no chart
library. Screen readers get the chart's <title> and <desc>; the page prints the same numbers in
the table beside it, so the chart is never the only place a number lives."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from markupsafe import Markup, escape

# Geometry, in SVG user units (CSS pixels when the chart is shown at full width). Each item's
# label sits above its bar, so the chart stays narrow enough to read on a phone.
WIDTH = 560
NOTE_WIDTH = 180       # room after the longest bar for "$208,379.00 (68.0%)"
INDENT = 16            # per level of nesting, for the label and the bar
LINE_HEIGHT = 16
BAR_HEIGHT = 16
GAP = 4
ROW_PADDING = 10
FONT_SIZE = 13
CHARS_PER_LINE = 72    # what fits in WIDTH at FONT_SIZE, with room to spare
COLOURS = ("#3f51b5", "#9fa8da")   # a group's bar, then the bars of what it contains


@dataclass(frozen=True)
class Bar:
    label: str
    value: int               # non-negative; every bar of a chart shares one scale (here: cents)
    note: str                # printed after the bar, e.g. "$78,840.00 (25.7%)"
    level: int = 0           # 0 for a group or a single item, 1 for an item inside a group
    lang: str | None = None  # the label's language when it is not the page's


# ---------------------------------------------------------------------------------------------
# bar_chart: one <svg role="img"> with a bar per item, labelled, and its numbers in <desc>.

def bar_chart(chart_id: str, title: str, summary: str, bars: list[Bar]) -> Markup:
    largest = max((b.value for b in bars), default=0) or 1
    nested = any(b.level for b in bars)     # then top-level bars are groups, and shown in bold
    room = WIDTH - NOTE_WIDTH - INDENT * max((b.level for b in bars), default=0)
    parts, y = [], 0
    for bar in bars:
        x = INDENT * bar.level
        lines = textwrap.wrap(bar.label, CHARS_PER_LINE) or [""]
        lang = Markup(' lang="{}"').format(bar.lang) if bar.lang else ""
        weight = Markup(' font-weight="bold"') if nested and bar.level == 0 else ""
        spans = Markup("").join(
            Markup('<tspan x="{}" y="{}">{}</tspan>').format(x, _n(y + GAP + FONT_SIZE + i * LINE_HEIGHT), line)
            for i, line in enumerate(lines))
        top = y + GAP + LINE_HEIGHT * len(lines) + GAP
        length = room * bar.value / largest
        parts.append(Markup(
            '<g class="rcm-chart-bar"><text{}{}>{}</text>'
            '<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="{}"/>'
            '<text x="{}" y="{}">{}</text></g>').format(
            lang, weight, spans,
            x, _n(top), _n(length), BAR_HEIGHT, COLOURS[min(bar.level, 1)],
            _n(x + length + 6), _n(top + BAR_HEIGHT / 2 + FONT_SIZE * 0.35), bar.note))
        y = top + BAR_HEIGHT + ROW_PADDING
    desc = summary + " " + "; ".join(f"{b.label}: {b.note}" for b in bars) + "."
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="rcm-chart" role="img" '
        'aria-labelledby="{id}-title" aria-describedby="{id}-desc" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" style="max-width: 100%; height: auto" font-size="{fs}" fill="currentColor">\n'
        '<title id="{id}-title">{title}</title>\n<desc id="{id}-desc">{desc}</desc>\n{body}\n</svg>'
    ).format(id=chart_id, w=WIDTH, h=_n(y), fs=FONT_SIZE, title=escape(title), desc=escape(desc),
             body=Markup("\n").join(parts))


def _n(value: float) -> str:
    """A coordinate with at most one decimal, so the SVG is small and byte-for-byte stable."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
