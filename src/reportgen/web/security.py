"""Safe by default: sign-in, CSRF tokens, upload limits, content sniffing, response headers.

* **Sign-in.** Bound to 127.0.0.1 the app trusts whoever can reach it (only this computer can).
  Bound to any other address, the staff pages need a signed-in user: a name and password whose
  argon2 hash is in ``reportgen.toml`` (``[serve.users]``), or the user the council's reverse
  proxy names in ``serve.user_header`` (believed only from ``serve.trusted_proxies``). Lead
  officers never sign in: their return's unguessable link is their key, to that return only.
* **CSRF.** Every form carries the session's token and every POST is refused without it.
* **Uploads** are limited in size as they stream in (:class:`BodyLimit`), and kept only when
  their content is a workbook or a Word document (:func:`sniff`), whatever their name says.
"""

from __future__ import annotations

import secrets
import threading
import time
import zipfile
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
MAX_MEMBERS = 10_000  # parts in a workbook or document
MAX_UNPACKED = 300 * 1024 * 1024  # what its parts unpack to
SIGN_IN_TRIES = 5  # failed sign-ins from one address before a pause
SIGN_IN_PAUSE = 15 * 60  # seconds

HEADERS = {
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",  # a return's link must never leak in a Referer
    "cache-control": "no-store",
}

hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """The argon2 hash kept in ``reportgen.toml`` for a password."""
    return hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    try:
        return hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def is_local(host: str) -> bool:
    """True when ``host`` is only reachable from this computer."""
    return host in LOCAL_HOSTS or host.startswith("127.")


class SignInGuard:
    """Failed sign-ins by address: after five in a row, that address waits 15 minutes."""

    def __init__(self) -> None:
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def blocked(self, address: str) -> bool:
        with self._lock:
            count, last = self._failures.get(address, (0, 0.0))
            if count >= SIGN_IN_TRIES and time.monotonic() - last < SIGN_IN_PAUSE:
                return True
            if count >= SIGN_IN_TRIES:
                del self._failures[address]
            return False

    def failed(self, address: str) -> None:
        with self._lock:
            count, _ = self._failures.get(address, (0, 0.0))
            self._failures[address] = (count + 1, time.monotonic())

    def succeeded(self, address: str) -> None:
        with self._lock:
            self._failures.pop(address, None)


def csrf_token(request: Request) -> str:
    """The session's CSRF token, made on first use."""
    token = request.session.get(CSRF_FIELD)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse (403) a POST whose form field or header does not carry the session's token."""
    expected = request.session.get(CSRF_FIELD)
    given = request.headers.get(CSRF_HEADER)
    if given is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        given = value if isinstance(value, str) else None
    if not expected or not given or not secrets.compare_digest(expected, given):
        raise HTTPException(
            403,
            "This form has expired or did not come from this site. Go back, reload the page "
            "and send it again.",
        )


def safe_next(target: str | None) -> str:
    """Where to go after signing in: a path on this site only (never ``//elsewhere``)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/"


class UploadTooLarge(Exception):
    """Raised while a request body streams in, once it goes over the limit (the app answers
    413 with a page saying how large a file may be)."""


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes: at once with 413 when Content-Length says so,
    else by raising :class:`UploadTooLarge` as soon as more than the limit has streamed in."""

    def __init__(self, app: ASGIApp, limit: int, message: str) -> None:
        self.app = app
        self.limit = limit
        self.message = message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT"):
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            body = self.message.encode("utf-8")
            await send(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (b"content-type", b"text/html; charset=utf-8"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise UploadTooLarge
            return message

        await self.app(scope, limited_receive, send)


class SecurityHeaders:
    """Add :data:`HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [
                    (name.encode(), value.encode())
                    for name, value in HEADERS.items()
                    if name.encode() not in present
                ]
                message = dict(message, headers=[*message.get("headers", []), *extra])
            await send(message)

        await self.app(scope, receive, add_headers)


def sniff(path: Path) -> str | None:
    """What the file at ``path`` is by its content: ``"workbook"`` (an Excel .xlsx/.xlsm),
    ``"document"`` (a Word .docx), or None. A file that would unpack to far more than its size
    (a zip bomb) is None."""
    try:
        with path.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                return None
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
                return None
            names = {m.filename for m in members}
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "xl/workbook.xml" in names:
        return "workbook"
    if "word/document.xml" in names:
        return "document"
    return None


def not_office_reason(path: Path, wanted: str) -> str:
    """Why a file that is not a ``wanted`` (``workbook``/``document``) was refused, plainly."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return (
            "the file is an old-style Office file (.xls or .doc) or is protected with a "
            "password: open it, remove any password and save it as "
            + ("an Excel Workbook (.xlsx)" if wanted == "workbook" else "a Word Document (.docx)")
        )
    kind = "an Excel workbook (.xlsx)" if wanted == "workbook" else "a Word document (.docx)"
    return (
        f"the file is not {kind}; save it from {'Excel' if wanted == 'workbook' else 'Word'} "
        "and send it again"
    )
