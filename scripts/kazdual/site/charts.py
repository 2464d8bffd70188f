"""Bar charts drawn at build time as inline SVG: no script, no request, no `style`
attribute (the Content-Security-Policy allows none); colours and sizes are SVG
presentation attributes, which it allows.

A chart is rows of horizontal bars, each made of parts, with its number written
at its end and in each part wide enough for it; a legend names the colours. An
approximate part is drawn as an outline with a dashed edge, never as a solid part
of an exact total. The drawing is 360 units wide, about a phone's width: on a
phone its text is as large as the page's, and it never makes the page wider.

Each chart is an image named by its title, whose numbers stand in a table beside
it (the page puts one there): readers who cannot see the bars read the table.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 360
TEXT_SIZE = 14
BAR_HEIGHT = 20
ROW_HEIGHT = 50  # a label line, the bar, a gap
VALUE_SPACE = 110  # room after the longest bar for its number ("шамамен 121"), at least
CHAR_WIDTH = 8  # of TEXT_SIZE letters and digits, a little wider than most fonts' average
LEGEND_ROW = 22
DIGIT_WIDTH = 8.5  # of TEXT_SIZE digits, a little wider than any font's
# One colour per series (an activity's kind keeps its colour in every chart): each
# at least 4.5:1 against white text and 3:1 against the white page.
PALETTE = ("#003399", "#8a5a00", "#00695c", "#a0306a", "#2e6b1f", "#b03a00", "#5b3a9b", "#6b4a3a", "#4a4f5c")
INK = "#1a1a1a"


@dataclass(frozen=True)
class Part:
    value: int
    text: str  # the value as the page's language writes it
    series: int  # its colour: an index into PALETTE
    approximate: bool = False
    tooltip: str = ""  # shown on hovering: "2022, Seminar: 1"


@dataclass(frozen=True)
class Bar:
    label: str  # above the bar: "2022"
    parts: tuple[Part, ...]
    total: str  # at the bar's end: "about 91", or "not recorded"


@dataclass(frozen=True)
class Key:
    label: str
    series: int
    approximate: bool = False


def _colour(series: int) -> str:
    return PALETTE[series % len(PALETTE)]


def _part(part: Part, x: float, y: float, width: float) -> str:
    colour = _colour(part.series)
    if part.approximate:  # an outline inside the part's box: the dashed edge stays within the bar
        shape = (
            f'<rect x="{x + 1:.1f}" y="{y + 1}" width="{max(width - 2, 0):.1f}" height="{BAR_HEIGHT - 2}" fill="#fff"'
            f' stroke="{colour}" stroke-width="2" stroke-dasharray="4 3"/>'
        )
        ink = INK
    else:
        shape = f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}"/>'
        ink = "#fff"
    title = f"<title>{escape(part.tooltip)}</title>" if part.tooltip else ""
    inside = ""
    if width >= DIGIT_WIDTH * len(part.text) + 6:
        inside = (
            f'<text x="{x + width / 2:.1f}" y="{y + BAR_HEIGHT / 2 + TEXT_SIZE * 0.35:.1f}" fill="{ink}"'
            f' font-size="{TEXT_SIZE - 1}" text-anchor="middle">{escape(part.text)}</text>'
        )
    return f'<g class="kd-chart__part">{title}{shape}{inside}</g>'


def bar_chart(chart_id: str, title: str, note: str, bars: list[Bar], legend: list[Key]) -> str:
    """The chart as an <svg> element; `chart_id` is unique on its page, `note` says where its numbers are."""
    largest = max((sum(p.value for p in bar.parts) for bar in bars), default=0)
    # Room after the longest bar for the longest number, so that none is cut at the edge.
    room = min(WIDTH / 2, max([VALUE_SPACE] + [len(bar.total) * CHAR_WIDTH + 10 for bar in bars]))
    scale = (WIDTH - room) / largest if largest else 0
    rows = []
    for index, bar in enumerate(bars):
        top = index * ROW_HEIGHT
        x = 0.0
        drawn = [f'<text x="0" y="{top + TEXT_SIZE}" fill="{INK}" font-size="{TEXT_SIZE}">{escape(bar.label)}</text>']
        for part in bar.parts:
            width = part.value * scale
            if width > 0:
                drawn.append(_part(part, x, top + TEXT_SIZE + 6, width))
            x += width
        baseline = top + TEXT_SIZE + 6 + BAR_HEIGHT / 2 + TEXT_SIZE * 0.35
        drawn.append(
            f'<text class="kd-chart__total" x="{x + 6:.1f}" y="{baseline:.1f}" fill="{INK}"'
            f' font-size="{TEXT_SIZE}">{escape(bar.total)}</text>'
        )
        rows.append(f'<g class="kd-chart__bar">{"".join(drawn)}</g>')
    keys_top = len(bars) * ROW_HEIGHT + 6
    keys = []
    for index, key in enumerate(legend):
        y = keys_top + index * LEGEND_ROW
        colour = _colour(key.series)
        swatch = (
            f'<rect x="1" y="{y + 1}" width="14" height="14" fill="#fff" stroke="{colour}" stroke-width="2"'
            ' stroke-dasharray="4 3"/>'
            if key.approximate
            else f'<rect x="0" y="{y}" width="16" height="16" fill="{colour}"/>'
        )
        label = f'<text x="24" y="{y + 13}" fill="{INK}" font-size="{TEXT_SIZE}">{escape(key.label)}</text>'
        keys.append(f'<g class="kd-chart__key">{swatch}{label}</g>')
    height = keys_top + len(legend) * LEGEND_ROW
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kd-chart__drawing" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-note">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-note">{escape(note)}</desc>'
        + "".join(rows)
        + "".join(keys)
        + "</svg>"
    )
