"""The filters clerks use in templates: the council's formats (:mod:`reportgen.rules.formats`)
under the names a template uses, ``{{ action.due|uk_date("long") }}``."""

from __future__ import annotations

from collections.abc import Callable

from reportgen.rules.formats import (
    in_words,
    letter,
    number,
    ordinal,
    per,
    percent,
    plural,
    plural_word,
    pounds,
    roman,
    uk_date,
)

FILTERS: dict[str, Callable[..., str]] = {
    "uk_date": uk_date,
    "percent": percent,
    "pounds": pounds,
    "number": number,
    "plural": plural,
    "plural_word": plural_word,
    "per": per,
    "letter": letter,
    "roman": roman,
    "ordinal": ordinal,
    "in_words": in_words,
}
