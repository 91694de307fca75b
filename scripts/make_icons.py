"""Draw the five status-family icons shipped in src/reportgen/icons/ (run by hand, rarely).

Each family has its own shape as well as its own colour, so the legend still reads when the
report is printed in black and white: a tick in a circle, an arrow, a warning triangle, a stop
octagon and a cross.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 64
SCALE = 4
OUT = Path(__file__).resolve().parent.parent / "src" / "reportgen" / "icons"


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw, int]:
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    return image, ImageDraw.Draw(image), big


def _save(image: Image.Image, name: str) -> None:
    image.resize((SIZE, SIZE), Image.LANCZOS).save(OUT / f"{name}.png", optimize=True)


def completed() -> None:
    image, draw, big = _canvas()
    draw.ellipse((8, 8, big - 8, big - 8), fill="#2e7d32")
    w = big // 10
    draw.line(
        [(big * 0.27, big * 0.52), (big * 0.44, big * 0.70), (big * 0.75, big * 0.33)],
        fill="white",
        width=w,
        joint="curve",
    )
    _save(image, "completed")


def in_progress() -> None:
    image, draw, big = _canvas()
    draw.ellipse((8, 8, big - 8, big - 8), fill="#1565c0")
    draw.polygon(
        [(big * 0.38, big * 0.27), (big * 0.38, big * 0.73), (big * 0.76, big * 0.5)], fill="white"
    )
    _save(image, "in-progress")


def check_progress() -> None:
    image, draw, big = _canvas()
    draw.polygon(
        [(big / 2, 10), (big - 8, big - 16), (8, big - 16)],
        fill="#f9a825",
        outline="#8d6e00",
        width=8,
    )
    w = big // 11
    draw.line([(big / 2, big * 0.36), (big / 2, big * 0.64)], fill="black", width=w)
    draw.ellipse(
        (big / 2 - w * 0.7, big * 0.72, big / 2 + w * 0.7, big * 0.72 + w * 1.4), fill="black"
    )
    _save(image, "check-progress")


def overdue() -> None:
    image, draw, big = _canvas()
    r = big / 2 - 8
    points = [
        (
            big / 2 + r * math.cos(math.radians(22.5 + 45 * k)),
            big / 2 + r * math.sin(math.radians(22.5 + 45 * k)),
        )
        for k in range(8)
    ]
    draw.polygon(points, fill="#c62828")
    draw.rectangle((big * 0.25, big * 0.43, big * 0.75, big * 0.57), fill="white")
    _save(image, "overdue")


def cancelled() -> None:
    image, draw, big = _canvas()
    draw.ellipse((8, 8, big - 8, big - 8), fill="#616161")
    w = big // 10
    draw.line([(big * 0.3, big * 0.3), (big * 0.7, big * 0.7)], fill="white", width=w)
    draw.line([(big * 0.7, big * 0.3), (big * 0.3, big * 0.7)], fill="white", width=w)
    _save(image, "cancelled")


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    for draw_icon in (completed, in_progress, check_progress, overdue, cancelled):
        draw_icon()
    print(f"icons written to {OUT}")
