"""Word's XML names (``w:p`` as ``{http://…/main}p``), each worked out once: checking a long
report asks for the same few names hundreds of thousands of times."""

from __future__ import annotations

import functools

from docx.oxml.ns import qn as _qualified_name


@functools.cache
def qn(name: str) -> str:
    """The Clark name of a prefixed Word XML name: ``qn("w:p")``."""
    return _qualified_name(name)
