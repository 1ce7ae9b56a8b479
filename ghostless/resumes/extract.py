"""Text out of resume files, treating every file as hostile.

Uploads were checked by resumes.validation (type from the content, size, a DOCX's declared
unzipped sizes); this module still bounds everything it reads, because the parsers run on
bytes a stranger chose: pages and characters are capped, zip entries are read with a byte
limit, and a DOCX whose XML declares a DOCTYPE (the door for external entities, CVE-2019-13358
in OpenCATS) is refused before python-docx sees it.
"""

import io
import zipfile

import pypdf
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree
from pypdf.errors import PdfReadError

from ghostless.resumes.validation import DOCX, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, PDF, TXT

MAX_PAGES = 200
MAX_CHARS = 1_000_000
# One XML part of a Word file; a real document.xml is a few megabytes at most.
MAX_PART_BYTES = 20 * 1024 * 1024

# Parses nothing but the bytes given: no entities, no DTD loading, no network.
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False, huge_tree=False
)


class ExtractError(Exception):
    """The file cannot be read; `message` is a sentence shown on the profile."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def extract_text(data: bytes, content_type: str) -> str:
    """The text of a resume, at most MAX_CHARS characters, without NUL characters (PostgreSQL
    cannot store them). Raises ExtractError for a file we cannot read; other exceptions from
    the parsers are the caller's to catch."""
    if content_type == PDF:
        text = _pdf_text(data)
    elif content_type == DOCX:
        text = _docx_text(data)
    elif content_type == TXT:
        text = data.decode("utf-8", errors="replace")
    else:
        raise ExtractError("This kind of file cannot be read.")
    text = text.replace("\x00", "")[:MAX_CHARS].strip()
    if not text:
        raise ExtractError("There is no text in this file (is it a scanned image?).")
    return text


def _pdf_text(data: bytes) -> str:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
    except PdfReadError:
        raise ExtractError("The PDF is damaged.") from None
    if reader.is_encrypted:
        # Many PDFs are "encrypted" with an empty password only to restrict printing.
        try:
            opened = reader.decrypt("")
        except Exception:  # a missing crypto backend or a broken key: the same answer
            opened = 0
        if not opened:
            raise ExtractError("The PDF is protected by a password.")
    parts, length = [], 0
    for page in reader.pages[:MAX_PAGES]:
        page_text = page.extract_text() or ""
        parts.append(page_text)
        length += len(page_text)
        if length >= MAX_CHARS:
            break
    return "\n".join(parts)


def _docx_text(data: bytes) -> str:
    """1. Re-check the zip directory; 2. read every part python-docx will parse as XML with a
    byte cap and refuse any DOCTYPE; 3. only then let python-docx open the package, and walk
    the body, headers and footers for paragraphs (tables and text boxes included)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            declared = sum(e.file_size for e in entries)
            if len(entries) > MAX_ZIP_ENTRIES or declared > MAX_UNZIPPED_BYTES:
                raise ExtractError("The Word document would expand too much to be read safely.")
            for entry in _xml_entries(archive):
                _parse_part(archive, entry)
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError):
        raise ExtractError("The Word document is damaged.") from None
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


def _xml_entries(archive: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """[Content_Types].xml and every entry it declares as XML (python-docx picks the parser
    from the declared type, not the name), plus anything named .xml or .rels."""
    types = _parse_part(archive, archive.getinfo("[Content_Types].xml"))
    defaults = {
        el.get("Extension", "").lower(): el.get("ContentType", "")
        for el in types.iter("{*}Default")
    }
    overrides = {
        el.get("PartName", "").lstrip("/").lower(): el.get("ContentType", "")
        for el in types.iter("{*}Override")
    }
    found = []
    for entry in archive.infolist():
        name = entry.filename.lower()
        declared = overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1], "")
        if "xml" in declared or name.endswith((".xml", ".rels")):
            found.append(entry)
    return found


def _parse_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> etree._Element:
    # Read one byte past the cap: the declared size is the uploader's word, so is not trusted.
    with archive.open(entry) as stream:
        xml = stream.read(MAX_PART_BYTES + 1)
    if len(xml) > MAX_PART_BYTES:
        raise ExtractError("The Word document would expand too much to be read safely.")
    try:
        root = etree.fromstring(xml, _SAFE_XML)  # noqa: S320 (the hardened parser above)
    except etree.XMLSyntaxError:
        raise ExtractError("The Word document is damaged.") from None
    # Word never writes a DOCTYPE; one in a resume is there to smuggle entities in.
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ExtractError(
            "The Word document contains a document type declaration, which Word never "
            "writes, so it was not opened."
        )
    return root
