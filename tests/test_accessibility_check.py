"""The accessibility checker (reportgen.accessibility): the WCAG contrast formula."""

from __future__ import annotations

import pytest

from reportgen.accessibility.contrast import (
    auto_text_colour,
    colour_name,
    contrast_ratio,
    describe_ratio,
    required_ratio,
    shading_colour,
)

# --- the contrast formula -----------------------------------------------------------------------


def test_contrast_ratio_matches_wcag_examples():
    assert contrast_ratio("000000", "FFFFFF") == pytest.approx(21)
    assert contrast_ratio("FFFFFF", "FFFFFF") == pytest.approx(1)
    assert contrast_ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("767676", "FFFFFF") == pytest.approx(4.54, abs=0.01)


def test_ratio_thresholds_and_rounding():
    assert required_ratio(12, False) == 4.5
    assert required_ratio(18, False) == required_ratio(14, True) == 3.0
    assert required_ratio(14, False) == 4.5
    assert describe_ratio(4.4999) == "4.4:1"  # never rounded up to a pass


def test_automatic_colour_and_shading_patterns():
    assert auto_text_colour("1F3864") == "FFFFFF"
    assert auto_text_colour("FFFF00") == "000000"
    assert shading_colour("clear", "auto", "FF0000") == "FF0000"
    assert shading_colour("clear", "auto", "auto") is None
    assert shading_colour("solid", "00B050", "FFFFFF") == "00B050"
    assert shading_colour("pct50", "000000", "FFFFFF") == "808080"


def test_colour_names():
    assert colour_name("C00000") == "red (#C00000)"
    assert colour_name("800000") == "dark red (#800000)"
    assert colour_name("C6EFCE") == "light green (#C6EFCE)"
    assert colour_name("FFC000") == "orange (#FFC000)"
    assert colour_name("767676") == "grey (#767676)"
