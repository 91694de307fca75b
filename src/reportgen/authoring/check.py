"""Check a Word template before it renders: every problem at once, each with where it is.

Word splits and restyles text as it likes. docxtpl joins the runs inside a tag again, so a tag
whose halves merely carry different formatting still works; what it cannot mend is a tag broken
by text (``{ {`` after autocorrect), split across paragraphs, or missing a partner. Those, Jinja
syntax errors, unclosed blocks, ``{%tr %}`` outside a table row, and fields or filters the
document's context does not provide are all reported here, named by where a clerk finds them:
``body paragraph 4``, ``table 2 row 3 cell 1``, ``footer``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from reportgen.authoring.names import check_names
from reportgen.authoring.sandbox_check import check_sandbox
from reportgen.errors import Issue, Location, Severity
from reportgen.render.places import FIELD, Paragraph, paragraphs, part_of
from reportgen.rules.formats import plural

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_SPACED = re.compile(r"\{\s+[{%#]|[%}#]\s+\}")
_LEFTOVER = re.compile(r"\{\{|\{%|\}\}|%\}")
_PREFIX = re.compile(r"^(\{[{%#])(tr|tc|p|r)\s")
_CELL_TAG = re.compile(r"^\{%-?\s*(cellbg|colspan|vm|hm)\b\s*(.*?)\s*-?%\}$", re.DOTALL)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_OPENERS = {"for", "if", "with", "macro", "call", "filter", "block", "autoescape", "raw"}
_MIDDLES = {"elif": ("if",), "else": ("if", "for")}


@dataclass
class TemplateReport:
    """Every problem found in one template, each an :class:`~reportgen.errors.Issue` whose
    location is the template file and the place a clerk finds it (``body paragraph 4``) and whose
    value is the offending tag; ``fields_checked`` is False when no sample context was available,
    so only the tags and their syntax were checked."""

    template: str
    problems: list[Issue] = field(default_factory=list)
    fields_checked: bool = False
    path: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, where: str, type_: str, message: str, text: str = "") -> None:
        """Record a problem at ``where`` (each once)."""
        issue = Issue(
            Severity.ERROR, type_, message, Location(self.template, place=where), text or None
        )
        if issue not in self.problems:
            self.problems.append(issue)

    def __str__(self) -> str:
        lines = [f"template {self.template}: {plural(len(self.problems), 'problem')}"]
        for issue in self.problems:
            shown = f" [{issue.value}]" if issue.value else ""
            lines.append(f"  {issue.location.place}: {issue.message}{shown}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Tag:
    """A docxtpl tag found in a paragraph, with its docxtpl prefix (``tr``, ``p`` …) removed."""

    where: str
    text: str
    source: str
    prefix: str


# --- the tags ------------------------------------------------------------------------------


def find_tags(paragraph: Paragraph, report: TemplateReport) -> list[Tag]:
    """The tags of one paragraph; broken, split and misplaced tags become problems."""
    text = paragraph.text
    for match in _SPACED.finditer(text):
        report.problem(
            paragraph.where,
            "broken-tag",
            "a tag's braces are separated by a space, so it is printed as text; "
            "write '{{' and '}}' (or '{%' and '%}') with nothing between",
            _around(text, match.start()),
        )
    tags = []
    for match in _TAG.finditer(text):
        source = match.group(0).translate(_QUOTES).replace(FIELD, "")
        prefix_match = _PREFIX.match(source)
        prefix = prefix_match.group(2) if prefix_match else ""
        if prefix:
            source = prefix_match.group(1) + " " + source[prefix_match.end() :]
        cell_tag = _CELL_TAG.match(source)
        if cell_tag:  # docxtpl's own cell tags: {% cellbg x %} and {% colspan x %} print x
            if not cell_tag.group(2):
                continue
            source = "{{ " + cell_tag.group(2) + " }}"
        tags.append(Tag(paragraph.where, match.group(0), source, prefix))
    rest = _TAG.sub(lambda m: " " * len(m.group(0)), text)
    if not _SPACED.search(text):
        for match in _LEFTOVER.finditer(rest):
            report.problem(
                paragraph.where,
                "split-tag",
                f"'{match.group(0)}' has no partner in this paragraph: the tag is split "
                "across paragraphs, parted by a field or a brace was deleted; keep each tag "
                "whole on one line",
                _around(text, match.start()).replace(FIELD, "[field]"),
            )
    for tag in tags:
        _check_placement(tag, paragraph, rest, report)
    return tags


def _check_placement(tag: Tag, paragraph: Paragraph, rest: str, report: TemplateReport) -> None:
    if tag.prefix == "tr" and not paragraph.in_row:
        report.problem(
            tag.where,
            "tr-outside-row",
            "a '{%tr' tag repeats a table row but this one is not in a table; "
            "use '{%p' in a paragraph or move the tag into the row",
            tag.text,
        )
    elif tag.prefix == "tc" and not paragraph.in_cell:
        report.problem(
            tag.where,
            "tc-outside-cell",
            "a '{%tc' tag belongs in a table cell; use '{%p' in a paragraph",
            tag.text,
        )
    elif tag.prefix == "p" and rest.strip():
        report.problem(
            tag.where,
            "text-dropped",
            f"a '{{%p' tag replaces its whole paragraph, so the text '{rest.strip()[:40]}' "
            "beside it will not appear; put the tag on a line of its own",
            tag.text,
        )


def _around(text: str, at: int, width: int = 30) -> str:
    return text[max(0, at - width // 2) : at + width].strip()


# --- Jinja: blocks and syntax --------------------------------------------------------------


def _keyword(tag: Tag) -> str:
    if not tag.source.startswith("{%"):
        return ""
    words = tag.source[2:-2].strip("-+ \t\n").split()
    return words[0] if words else ""


def check_blocks(tags: list[Tag], report: TemplateReport) -> list[str] | None:
    """Match every ``for``/``if``/… with its ``end``, reporting what does not match. Returns
    None when the blocks are well formed, else each tag's source repaired (stray tags blanked,
    missing ends added) so that the names in the template can still be checked."""
    stack: list[tuple[str, int]] = []
    lines = [tag.source.replace("\n", " ") for tag in tags]
    repaired = False
    for index, tag in enumerate(tags):
        word = _keyword(tag)
        if word in _OPENERS or (word == "set" and "=" not in tag.source):
            stack.append((word, index))
        elif word in _MIDDLES and (not stack or stack[-1][0] not in _MIDDLES[word]):
            where = " or ".join(f"'{w}'" for w in _MIDDLES[word])
            report.problem(tag.where, "stray-tag", f"'{word}' is not inside {where}", tag.text)
            lines[index], repaired = "", True
        elif word.startswith("end"):
            opener = word[3:]
            if stack and stack[-1][0] == opener:
                stack.pop()
                continue
            repaired = True
            if any(name == opener for name, _ in stack):
                while stack[-1][0] != opener:
                    name, at = stack.pop()
                    _unclosed(report, name, tags[at])
                    lines[index] = f"{{% end{name} %}}" + lines[index]
                stack.pop()
            else:
                open_block = f" (the open block is '{stack[-1][0]}')" if stack else ""
                report.problem(
                    tag.where,
                    "stray-tag",
                    f"'{word}' closes a '{opener}' that was never opened{open_block}",
                    tag.text,
                )
                lines[index] = ""
    for name, at in reversed(stack):
        _unclosed(report, name, tags[at])
        lines[-1] += f"{{% end{name} %}}"
        repaired = True
    return lines if repaired else None


def _unclosed(report: TemplateReport, name: str, tag: Tag) -> None:
    report.problem(
        tag.where,
        "unclosed-block",
        f"this '{name}' is never closed: add '{{%p end{name} %}}' (or '{{%tr end{name} %}}' in "
        "a table) where the repeated or optional part ends",
        tag.text,
    )


def check_syntax(
    tags: list[Tag], env: SandboxedEnvironment, repaired: list[str] | None, report: TemplateReport
) -> jinja2.nodes.Template | None:
    """Parse the tags with Jinja, one per line so that line n is ``tags[n - 1]``; a syntax error
    is reported at its tag. Returns the parsed template (unreadable ``{{ }}`` tags left out, and
    the blocks ``repaired`` when they did not match) so that the names in it can be checked."""
    lines = repaired or [tag.source.replace("\n", " ") for tag in tags]
    for index, tag in enumerate(tags):
        if tag.source.startswith("{{"):
            try:
                env.parse(tag.source)
            except jinja2.TemplateSyntaxError as exc:
                _syntax_problem(report, tag, exc)
                lines[index] = ""
    try:
        return env.parse("\n".join(lines))
    except jinja2.TemplateSyntaxError as exc:
        if tags and repaired is None:  # after a repair, the block problems say it already
            _syntax_problem(report, tags[min(max(exc.lineno, 1), len(tags)) - 1], exc)
        return None


def _syntax_problem(report: TemplateReport, tag: Tag, exc: jinja2.TemplateSyntaxError) -> None:
    report.problem(tag.where, "syntax", f"the tag cannot be read: {exc.message}", tag.text)


def check_docxtpl_parse(tpl: DocxTemplate, env: SandboxedEnvironment, report: TemplateReport):
    """What docxtpl will really hand Jinja, parsed: catches anything the checks above missed."""
    try:
        env.parse(tpl.patch_xml(tpl.get_xml()))
    except jinja2.TemplateSyntaxError as exc:
        report.problem(
            "body",
            "syntax",
            f"the document's tags do not fit together: {exc.message}",
        )


def check_loaded(
    tpl: DocxTemplate,
    name: str,
    env: SandboxedEnvironment,
    context: dict[str, object] | None = None,
) -> TemplateReport:
    """Check an opened template; ``context`` (a sample of the document's context) lets the
    fields and filters be checked too."""
    report = TemplateReport(name, fields_checked=context is not None)
    tags: list[Tag] = []
    order: dict[str, int] = {}
    for paragraph in paragraphs(tpl):
        order.setdefault(paragraph.where, len(order))
        tags.extend(find_tags(paragraph, report))
    # each header and footer is rendered on its own, so its blocks must close in it
    parts: dict[str, list[Tag]] = {}
    for tag in tags:
        parts.setdefault(part_of(tag.where), []).append(tag)
    for group in parts.values():
        repaired = check_blocks(group, report)
        parsed = check_syntax(group, env, repaired, report)
        if parsed is not None:
            for line, type_, message in check_sandbox(parsed):
                tag = group[min(line, len(group)) - 1]
                report.problem(tag.where, type_, message, tag.text)
        if parsed is not None and context is not None:
            for line, type_, message in check_names(parsed, context, env):
                tag = group[line - 1]
                report.problem(tag.where, type_, message, tag.text)
    report.problems.sort(key=lambda issue: order.get(issue.location.place or "", len(order)))
    if report.ok:
        check_docxtpl_parse(tpl, env, report)
    return report
