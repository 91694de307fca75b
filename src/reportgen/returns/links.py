"""One unguessable link per issued return, for lead officers who send their return on the web.

``returns issue`` gives every return a link (``<base>/r/<token>``, 32 random bytes) that
``reportgen serve`` answers with that return's page: what is asked and by when, the file to
download, and a place to drop the filled file for the checks ``collect`` makes. The links of a
period are kept beside its ``issued/`` folder:

* ``links.json``: the period, the input folder the returns were issued from, the date they are
  due, and per return its token, service workbook, service, lead officer and file. Whoever holds
  a token can send that one return, so this file is as private as the returns themselves.
* ``mail-merge.csv``: one row per return (Lead Officer, Service, Period, Due, Return File, Link)
  for a mail merge. Cells that a spreadsheet would take as a formula are written as text.

Issuing again keeps each return's link (matched by service workbook and lead officer), so links
already sent keep working.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import secrets
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from reportgen.errors import InputError
from reportgen.returns.layout import lead_key
from reportgen.rules.periods import ReportingPeriod
from reportgen.write.transaction import write_files

LINKS_FILE = "links.json"
MAIL_MERGE_FILE = "mail-merge.csv"
LINK_PATH = "/r/"
TOKEN_BYTES = 32
MAIL_MERGE_COLUMNS = ("Lead Officer", "Service", "Period", "Due", "Return File", "Link")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReturnLink:
    """One issued return's link: its token and what the return is."""

    token: str
    workbook: str  # the service workbook's file name, as in the return's details
    service: str
    lead: str | None  # None: one return for the whole service
    file: str  # the issued return's file name
    actions: int = 0  # rows to fill on its Actions sheet
    indicators: int = 0  # rows to fill on its Indicators sheet

    @property
    def key(self) -> str:
        """The return's identity across issues: its service workbook and lead officer."""
        return f"{self.workbook}|{lead_key(self.lead or '')}"

    @property
    def who(self) -> str:
        return self.lead or "the whole service"


@dataclass
class PeriodLinks:
    """Every link of one period's returns, as kept in ``links.json``."""

    period: ReportingPeriod
    input_dir: str
    due: dt.date | None
    links: list[ReturnLink]

    def by_token(self, token: str) -> ReturnLink | None:
        """The link with ``token``, compared in constant time."""
        found = None
        for link in self.links:
            if secrets.compare_digest(link.token.encode(), token.encode()):
                found = link
        return found


def links_folder(issued_dir: Path) -> Path:
    """Where a period's links are kept: beside its ``issued/`` folder (``returns/Q3-2022-23``)."""
    return issued_dir.parent if issued_dir.name == "issued" else issued_dir


def link_url(base_url: str | None, token: str) -> str:
    """``https://reportgen.example.gov.uk/r/<token>``; only the path when no base is known."""
    return f"{(base_url or '').rstrip('/')}{LINK_PATH}{token}"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def load_links(folder: Path) -> PeriodLinks | None:
    """The links kept in ``folder`` (None when it has none); InputError when unreadable."""
    path = folder / LINKS_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        due = data.get("due")
        return PeriodLinks(
            period=ReportingPeriod.parse(data["period"]),
            input_dir=str(data.get("input", "input")),
            due=dt.date.fromisoformat(due) if due else None,
            links=[ReturnLink(**item) for item in data["links"]],
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path} cannot be read as the returns' links ({exc})") from exc


class LinkBook:
    """The links of the returns being issued: a link already made for the same service
    workbook and lead officer is kept, others are new."""

    def __init__(self, folder: Path, base_url: str | None = None) -> None:
        self.folder = folder
        self.base_url = base_url
        try:
            kept = load_links(folder)
        except InputError:
            kept = None  # an unreadable file: new links for all
        self._tokens = {link.key: link.token for link in kept.links} if kept else {}
        self.issued: list[ReturnLink] = []

    def link_for(
        self,
        workbook: str,
        service: str,
        lead: str | None,
        file: str,
        actions: int = 0,
        indicators: int = 0,
    ) -> str:
        """The link printed on the return issued to ``lead`` from ``workbook``."""
        link = ReturnLink("", workbook, service, lead, file)
        token = self._tokens.setdefault(link.key, new_token())
        link = ReturnLink(token, workbook, service, lead, file, actions, indicators)
        self.issued = [other for other in self.issued if other.key != link.key] + [link]
        return link_url(self.base_url, token)

    def staged(
        self, period: ReportingPeriod, input_dir: Path, due: dt.date | None
    ) -> list[tuple[Path, bytes]]:
        """``links.json`` and ``mail-merge.csv`` for the returns issued, ready to commit (see
        :func:`reportgen.write.transaction.write_files`)."""
        links = {
            "period": period.label,
            "input": str(input_dir),
            "due": due.isoformat() if due else None,
            "links": [asdict(link) for link in self.issued],
        }
        text = json.dumps(links, indent=2, ensure_ascii=False) + "\n"
        mail_merge = mail_merge_csv(self.issued, period, due, self.base_url)
        return [
            (self.folder / LINKS_FILE, text.encode("utf-8")),
            (self.folder / MAIL_MERGE_FILE, mail_merge),
        ]

    def write(self, period: ReportingPeriod, input_dir: Path, due: dt.date | None) -> Path:
        """Write the period's links; returns the mail-merge file."""
        write_files(self.folder, self.staged(period, input_dir, due))
        return self.folder / MAIL_MERGE_FILE


def inert(value: str) -> str:
    """Text a spreadsheet shows as typed: a leading ``=``, ``+``, ``-``, ``@``, tab or carriage
    return gets a quote so it is never taken as a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def mail_merge_csv(
    links: Iterable[ReturnLink], period: ReportingPeriod, due: dt.date | None, base: str | None
) -> bytes:
    """The mail-merge file: one row per return, UTF-8 with a byte-order mark for Excel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(MAIL_MERGE_COLUMNS)
    for link in links:
        row = (
            link.who,
            link.service,
            period.label,
            due.strftime("%d/%m/%Y") if due else "",
            link.file,
            link_url(base, link.token),
        )
        writer.writerow([inert(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
