"""Text out of resume files, treating every file as hostile.

Uploads were checked by resumes.validation; this module runs its PDF and Word checks again
before reading (a file may have been stored before a check existed), because the parsers run on
bytes a stranger chose: pages and characters are capped, zip entries are read with a byte
limit, and a DOCX whose XML declares a DOCTYPE is refused before python-docx sees it.
"""

import io
import zipfile

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ghostless.core.errors import DomainError
from ghostless.core.text import clean_text
from ghostless.resumes.validation import (
    DOCX,
    DOCX_DAMAGED,
    PDF,
    TXT,
    check_docx_package,
    open_pdf,
)

MAX_PAGES = 200
MAX_CHARS = 1_000_000


class ExtractError(Exception):
    """The file cannot be read; `message` is a sentence shown on the profile."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def extract_text(data: bytes, content_type: str) -> str:
    """The text of a resume, at most MAX_CHARS characters, storable by both databases (no NUL,
    lone surrogates from a broken PDF font map replaced; see core.text). Raises ExtractError
    for a file we cannot read; other exceptions from the parsers are the caller's to catch."""
    if content_type == PDF:
        text = _pdf_text(data)
    elif content_type == DOCX:
        text = _docx_text(data)
    elif content_type == TXT:
        text = data.decode("utf-8", errors="replace")
    else:
        raise ExtractError("This kind of file cannot be read.")
    text = clean_text(text)[:MAX_CHARS].strip()
    if not text:
        raise ExtractError("There is no text in this file (is it a scanned image?).")
    return text


def _pdf_text(data: bytes) -> str:
    try:
        reader = open_pdf(io.BytesIO(data))
    except DomainError as exc:
        raise ExtractError(exc.message) from None
    parts, length = [], 0
    for page in reader.pages[:MAX_PAGES]:
        page_text = page.extract_text() or ""
        parts.append(page_text)
        length += len(page_text)
        if length >= MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    """1. Check the package as at upload (zip directory, every XML part with a byte cap, no
    DOCTYPE); 2. only then let python-docx open it, and walk the body, headers and footers
    for paragraphs (tables and text boxes included)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_docx_package(archive)
        document = Document(io.BytesIO(data))
    except DomainError as exc:
        raise ExtractError(exc.message) from None
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError):
        raise ExtractError(DOCX_DAMAGED) from None
    parts = [document.part]
    parts += [
        rel.target_part
        for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype in (RT.HEADER, RT.FOOTER)
    ]
    lines, length = [], 0
    for part in parts:
        for element in part.element.iter(qn("w:p")):
            line = Paragraph(element, None).text
            lines.append(line)
            length += len(line)
            if length >= MAX_CHARS:
                return "\n".join(lines)
    return "\n".join(lines)
