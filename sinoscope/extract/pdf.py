"""PDF documents: text of every page (pypdf), title/author/date from the document info."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo

from .text import tidy

log = logging.getLogger(__name__)

_PDF_DATE = re.compile(
    r"^D?:?(?P<y>\d{4})(?P<m>\d\d)?(?P<d>\d\d)?(?P<H>\d\d)?(?P<M>\d\d)?(?P<S>\d\d)?"
    r"(?:(?P<z>[Zz])|(?P<sign>[+-])(?P<oh>\d\d)'?(?P<om>\d\d)?'?)?"
)
MAX_PAGES = 300  # pages read from one PDF


@dataclass(frozen=True, slots=True)
class PdfText:
    text: str
    title: str | None = None
    author: str | None = None
    created: datetime | None = None
    warnings: tuple[str, ...] = ()


def read_pdf(body: bytes) -> PdfText:
    """Text and document info of a PDF; empty text and a warning when it cannot be read."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        pages = reader.pages[:MAX_PAGES]
        texts = [page.extract_text() or "" for page in pages]
        info = reader.metadata
    except Exception as err:  # pypdf raises many kinds of errors on broken files
        log.info("unreadable PDF: %s", err)
        return PdfText("", warnings=(f"unreadable PDF: {type(err).__name__}",))
    warnings: list[str] = []
    if len(reader.pages) > MAX_PAGES:
        warnings.append(f"PDF cut to its first {MAX_PAGES} pages")
    text = tidy("\n\n".join(texts))
    if not text:
        warnings.append("PDF without extractable text (scanned?)")
    title = author = None
    created = None
    if info is not None:
        title = _clean(info.get("/Title"))
        author = _clean(info.get("/Author"))
        created = parse_pdf_date(_clean(info.get("/CreationDate")) or "")
    return PdfText(text, title, author, created, tuple(warnings))


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def parse_pdf_date(value: str) -> datetime | None:
    """A PDF date string ("D:20240419103000+08'00'") as a datetime, None when malformed."""
    m = _PDF_DATE.match(value.strip())
    if not m:
        return None
    try:
        tz: tzinfo | None = None
        if m.group("z"):
            tz = UTC
        elif m.group("sign"):
            offset = timedelta(hours=int(m.group("oh")), minutes=int(m.group("om") or 0))
            tz = timezone(offset if m.group("sign") == "+" else -offset)
        return datetime(
            int(m.group("y")),
            int(m.group("m") or 1),
            int(m.group("d") or 1),
            int(m.group("H") or 0),
            int(m.group("M") or 0),
            int(m.group("S") or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None
