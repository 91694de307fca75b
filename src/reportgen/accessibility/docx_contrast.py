"""Contrast of every piece of text in a Word document against what is behind it (WCAG 1.4.3),
and of status symbols typed as text (■ ●) as graphics (WCAG 1.4.11, 3:1).

One colour pair that fails is one finding, placed where it is first used and listing the other
places: a style with a pale colour is fixed once, not paragraph by paragraph. A symbol with
words beside it only repeats them, so its low contrast is a warning; a symbol on its own is
already an error of its own (colour-only).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.accessibility.contrast import (
    LARGE_TEXT_RATIO,
    auto_text_colour,
    colour_name,
    contrast_ratio,
    describe_ratio,
    required_ratio,
)
from reportgen.accessibility.docx_pictures import STATUS_SHAPES
from reportgen.accessibility.report import Findings
from reportgen.accessibility.wordml import WordDocument, quote, run_text, runs

MAX_PLACES_LISTED = 5


@dataclass
class _Failure:
    text: str
    style: str
    ratio: float
    needed: float
    symbol: bool
    places: list[str] = field(default_factory=list)


def check_contrast(document: WordDocument, findings: Findings) -> None:
    """Every visible run of text has at least 4.5:1 contrast with its background (3:1 when it
    is large: 18pt, or 14pt bold). 'Automatic' text is black, or white on a dark fill."""
    styles = document.styles
    page = document.page_colour
    failures: dict[tuple[str, str, float, bool], _Failure] = {}
    for paragraph in document.paragraphs:
        for run in runs(paragraph.element):
            text = run_text(run)
            if not text.strip():
                continue
            fmt = styles.run_format(paragraph.element, run, paragraph.cell)
            if fmt.hidden:
                continue
            background = styles.background(paragraph.element, fmt, paragraph.cell, page)
            colour = fmt.colour or auto_text_colour(background)
            ratio = contrast_ratio(colour, background)
            symbol = set(text.strip()) <= STATUS_SHAPES
            needed = LARGE_TEXT_RATIO if symbol else required_ratio(fmt.size_pt, fmt.bold)
            if ratio >= needed:
                continue
            key = (colour, background, needed, symbol)
            if key not in failures:
                style = styles.name(styles.paragraph_style(paragraph.element))
                failures[key] = _Failure(text, style, ratio, needed, symbol)
            if paragraph.place not in failures[key].places:
                failures[key].places.append(paragraph.place)
    for (colour, background, _, symbol), failure in failures.items():
        report = findings.warning if symbol else findings.error
        report(
            "low-contrast-symbol" if symbol else "low-contrast",
            failure.places[0],
            _message(colour, background, failure),
            describe_ratio(failure.ratio),
        )


def _message(colour: str, background: str, failure: _Failure) -> str:
    if failure.symbol:
        what, needs = "symbol", "a symbol that shows a status needs (it is read by its colour)"
    elif failure.needed == LARGE_TEXT_RATIO:
        what, needs = "text", "large text (18pt, or 14pt bold) needs"
    else:
        what, needs = "text", "text of this size needs (3:1 only from 18pt, or 14pt bold)"
    others = failure.places[1:]
    also = ""
    if others:
        listed = "; ".join(others[:MAX_PLACES_LISTED])
        more = len(others) - MAX_PLACES_LISTED
        also = f" The same colours are also used in {listed}" + (
            f" and {more} more places." if more > 0 else "."
        )
    return (
        f"The {what} {quote(failure.text, 40)} is {colour_name(colour)} on "
        f"{colour_name(background)}: a contrast of {describe_ratio(failure.ratio)}, below the "
        f"{describe_ratio(failure.needed)} that {needs}, so it is hard to see for people with "
        f"low vision.{also} In Word, choose a darker colour or a lighter background (Home > Font "
        "Color, Table Design > Shading); if the colour comes from the paragraph style "
        f"'{failure.style}', modify that style (Home > Styles, right-click > Modify) so every "
        "use changes."
    )
