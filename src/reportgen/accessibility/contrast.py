"""Colour contrast as WCAG 2.2 measures it (success criterion 1.4.3, Contrast (Minimum)).

Colours are six-digit hex strings as Word stores them (``"1F3864"``). The contrast ratio of two
colours is ``(L1 + 0.05) / (L2 + 0.05)`` where L is each colour's relative luminance; text needs
4.5:1, or 3:1 when it is large (at least 18pt, or 14pt bold).
"""

from __future__ import annotations

import functools
import re

BLACK = "000000"
WHITE = "FFFFFF"
NORMAL_TEXT_RATIO = 4.5
LARGE_TEXT_RATIO = 3.0

# Word's highlighter pens (w:highlight/@w:val), as Word draws them.
HIGHLIGHT_COLOURS = {
    "black": "000000",
    "blue": "0000FF",
    "cyan": "00FFFF",
    "green": "00FF00",
    "magenta": "FF00FF",
    "red": "FF0000",
    "yellow": "FFFF00",
    "white": "FFFFFF",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
}

_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")
_PERCENT_PATTERN = re.compile(r"^pct(\d+)$")


def parse_colour(value: str | None) -> str | None:
    """``value`` as an upper-case six-digit hex colour, or None for 'auto', none or nonsense."""
    if value and _HEX.match(value):
        return value.upper()
    return None


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


@functools.lru_cache(maxsize=1024)
def relative_luminance(colour: str) -> float:
    """The WCAG relative luminance of a hex colour: 0 for black, 1 for white."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two hex colours, from 1 (same) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def auto_text_colour(background: str) -> str:
    """The colour Word gives 'automatic' text on ``background``: white on a dark fill, else
    black (whichever of the two contrasts more)."""
    if contrast_ratio(WHITE, background) > contrast_ratio(BLACK, background):
        return WHITE
    return BLACK


def is_large_text(size_pt: float, bold: bool) -> bool:
    """Whether text counts as large for WCAG: at least 18pt, or at least 14pt and bold."""
    return size_pt >= 18 or (bold and size_pt >= 14)


def required_ratio(size_pt: float, bold: bool) -> float:
    """The least contrast ratio text of this size and weight needs (WCAG 1.4.3, level AA)."""
    return LARGE_TEXT_RATIO if is_large_text(size_pt, bold) else NORMAL_TEXT_RATIO


def _mix(foreground: str, background: str, share: float) -> str:
    channels = []
    for i in (0, 2, 4):
        fg, bg = int(foreground[i : i + 2], 16), int(background[i : i + 2], 16)
        channels.append(round(fg * share + bg * (1 - share)))
    return "".join(f"{c:02X}" for c in channels)


def shading_colour(pattern: str | None, colour: str | None, fill: str | None) -> str | None:
    """The colour a ``w:shd`` paints, or None when it paints nothing.

    ``pattern`` is ``w:val`` (``clear``, ``solid``, ``pct25`` …): ``clear`` shows the fill,
    ``solid`` the pattern colour, ``pctN`` N% of the pattern colour over the fill. An 'auto'
    fill is no fill; an 'auto' pattern colour is black.
    """
    fill_hex = parse_colour(fill)
    if pattern in (None, "", "clear", "nil"):
        return fill_hex
    pattern_hex = parse_colour(colour) or BLACK
    if pattern == "solid":
        return pattern_hex
    match = _PERCENT_PATTERN.match(pattern)
    if match:
        return _mix(pattern_hex, fill_hex or WHITE, int(match.group(1)) / 100)
    return fill_hex  # stripes and crosses: the fill is most of what shows


def is_neutral(colour: str) -> bool:
    """Whether a colour is white, black or a grey (no hue a reader could take as a signal)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return max(r, g, b) - min(r, g, b) < 40


def describe_ratio(ratio: float) -> str:
    """A ratio as people write it: ``3.2:1`` (rounded down, so 4.49 never shows as 4.5)."""
    return f"{int(ratio * 10) / 10:g}:1"


def colour_name(colour: str) -> str:
    """A plain name for a hex colour, with the hex for exactness: ``dark red (#C00000)``."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    high, low = max(r, g, b), min(r, g, b)
    lightness = (high + low) / 2
    if is_neutral(colour):
        name = "white" if lightness > 0.9 else "black" if lightness < 0.15 else "grey"
        return f"{name} (#{colour})"
    span = high - low
    if high == r:
        hue = 60 * (((g - b) / span) % 6)
    elif high == g:
        hue = 60 * ((b - r) / span + 2)
    else:
        hue = 60 * ((r - g) / span + 4)
    bands = (
        (15, "red"),
        (50, "orange"),
        (70, "yellow"),
        (170, "green"),
        (260, "blue"),
        (300, "purple"),
        (345, "pink"),
        (360, "red"),
    )
    name = next(n for limit, n in bands if hue < limit)
    shade = "light " if lightness > 0.75 else "dark " if lightness < 0.3 else ""
    return f"{shade}{name} (#{colour})"
