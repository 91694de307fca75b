"""Output names: how a build names each paper, from ``{period}``, ``{workbook}`` and
``{document}`` (``reportgen.toml``'s ``output_name``), with ``/`` for sub-folders.

The name must use ``{document}``, and ``{period}`` so that each period's papers live apart and a
build never replaces another period's; every part must make a plain file name on Windows as on
Linux. A paper with no reporting period (a partnership plan) leaves ``{period}`` and the
separators beside it out.
"""

from __future__ import annotations

import re
import string

from reportgen.rules.periods import ReportingPeriod

OUTPUT_NAME_FIELDS = ("period", "workbook", "document")
DEFAULT_OUTPUT_NAME = "{period}/{workbook}-{document}"
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def check_output_name(text: str) -> str:
    """``text`` when it is a good output name; ValueError says what is wrong otherwise.

    An output name uses ``{period}`` (``2022-23 Q3``), ``{workbook}`` and ``{document}``, and may
    put outputs in sub-folders with ``/``. It must use ``{document}``, and ``{period}`` so that
    each period's papers live apart and a build never replaces another period's. Every part
    must make a plain file name on Windows as on Linux: no ``..``, no leading dot (hidden), no
    name Windows keeps for itself."""
    allowed = ", ".join(f"{{{n}}}" for n in OUTPUT_NAME_FIELDS)
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise ValueError(
            f"{exc}; write the fields as {allowed}, and a brace as {{{{ or }}}}"
        ) from None
    literal = ""
    for before, name, spec, conversion in pieces:
        literal += before
        if name is None:
            continue
        if name not in OUTPUT_NAME_FIELDS or spec or conversion:
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValueError(f"'{{{shown}}}' is not known; an output name can use {allowed}")
    if re.search(r"[\\:*?\"<>|\x00-\x1f]", literal):
        raise ValueError('a file name cannot contain \\ : * ? " < > | or control characters')
    sample = text.format(period="2022-23 Q3", workbook="w", document="d")
    for part in sample.split("/"):
        if part.strip() in ("", ".", ".."):
            raise ValueError("folders are written 'a/b', with no empty part, '.' or '..'")
        if part.startswith(".") or part.endswith((".", " ")) or _RESERVED.match(part):
            raise ValueError(
                f"'{part}' cannot be a file or folder name: no leading dot, no dot or space at "
                "the end, and not a name Windows keeps for itself (CON, NUL, COM1 …)"
            )
    if "{document}" not in text:
        raise ValueError("it must use {document}, or every document would have one name")
    if "{period}" not in text:
        raise ValueError(
            "it must use {period}, so that each period's papers live apart and a build never "
            f'replaces another period\'s; for example "{DEFAULT_OUTPUT_NAME}"'
        )
    return text


def output_parts(
    pattern: str, period: ReportingPeriod | None, workbook: str, document: str
) -> list[str]:
    """The output name ``pattern`` filled in, as its folders and file name (without .docx):
    ``["2022-23 Q3", "cfsw-performance-report"]``."""
    if period is None:
        pattern = re.sub(r"[ _-]*\{period\}", "", pattern)
    name = pattern.format(
        period=period.folder if period else "", workbook=workbook, document=document
    )
    parts = [part.strip(" -_") if period is None else part for part in name.split("/")]
    return [part for part in parts if part]
