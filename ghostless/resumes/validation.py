"""Which kind of file a resume is, decided from its bytes: the name and the browser's claimed
type are the uploader's word, not evidence. Every door (profile, API, careers form) runs this
check before storing, and resumes.extract runs the PDF and Word parts of it again before
reading, so a file that cannot be read safely is refused at once instead of becoming the
current resume and failing later."""

import io
import zipfile
import zlib

import pypdf
from lxml import etree

from ghostless.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
# A DOCX is a zip; refuse one that would expand past this, judged from its directory alone,
# and stop reading its XML parts once this much has come out, whatever the directory says.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
# One XML part of a Word file; a real document.xml is a few megabytes at most.
MAX_PART_BYTES = 20 * 1024 * 1024

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TXT = "text/plain; charset=utf-8"
ACCEPTED = "a PDF, Word (.docx) or plain-text (.txt) file"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", TXT: "txt"}

PDF_DAMAGED = "The PDF is damaged; save or export it again."
PDF_LOCKED = "The PDF is protected by a password; upload a copy without one."
DOCX_DAMAGED = "The Word document is damaged; save it again from Word."
DOCX_TOO_BIG = "The Word document would expand too much to be read safely."
DOCX_DOCTYPE = (
    "The Word document contains a document type declaration, which Word never writes, so it "
    "was not opened. Save it again from Word, or as a PDF."
)

# Parses nothing but the bytes given: no entities, no DTD loading, no network.
_SAFE_XML = etree.XMLParser(
    resolve_entities=False, load_dtd=False, no_network=True, dtd_validation=False, huge_tree=False
)


def check_resume(upload) -> str:
    """The content type of an acceptable resume, or DomainError (field "resume") saying why not.

    1. Size: at most MAX_BYTES, the limit named in the refusal.
    2. A name ending in another extension than .pdf, .docx or .txt is refused.
    3. PDF by its "%PDF-" header, and it must open without a password (only its cross-
       reference table and catalog are read); DOCX by check_docx_package; TXT by decoding as
       UTF-8 without NUL bytes.
    4. The name's extension, if any, must match what the content is.
    """
    size = upload.size
    if size == 0:
        raise DomainError("The resume file is empty.", field="resume")
    if size > MAX_BYTES:
        raise DomainError(
            f"The resume is {size / 1024 / 1024:.1f} MB; the limit is 10 MB.", field="resume"
        )
    claimed = _extension(upload.name or "")
    if claimed not in ("", *EXTENSIONS.values()):
        raise DomainError(
            f"“.{claimed}” files are not accepted. Upload {ACCEPTED}.", field="resume"
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            open_pdf(io.BytesIO(upload.read()))
            found = PDF
        elif head.startswith(b"PK\x03\x04"):
            found = _check_docx(upload)
        else:
            found = _check_text(upload)
    finally:
        upload.seek(0)
    # A name that promises one type over content of another is a disguise, or a broken file.
    if claimed and EXTENSIONS[found] != claimed:
        raise DomainError(
            f"The file is named .{claimed} but its content is not a {claimed.upper()} file. "
            f"Upload {ACCEPTED}.",
            field="resume",
        )
    return found


def _extension(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base else ""


def _check_docx(upload) -> str:
    try:
        with zipfile.ZipFile(upload) as archive:
            check_docx_package(archive)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DomainError(
            f"The resume is a damaged file. Upload {ACCEPTED}.", field="resume"
        ) from None
    return DOCX


def open_pdf(stream) -> pypdf.PdfReader:
    """A reader over the PDF, decrypted if it only has the empty password (many are, just to
    restrict printing); DomainError if it is damaged or locked. Reads no page content."""
    try:
        reader = pypdf.PdfReader(stream, strict=False)
        encrypted = reader.is_encrypted
    except Exception:  # any failure of the parser on a stranger's file means the same
        raise DomainError(PDF_DAMAGED, field="resume") from None
    if encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:  # a missing crypto backend or a broken key: the same answer
            opened = 0
        if not opened:
            raise DomainError(PDF_LOCKED, field="resume")
    try:
        len(reader.pages)  # the catalog and page tree, where damage shows first
    except Exception:
        raise DomainError(PDF_DAMAGED, field="resume") from None
    return reader


def check_docx_package(archive: zipfile.ZipFile) -> None:
    """DomainError (field "resume") unless the zip is a Word package safe for python-docx.

    1. It holds word/document.xml.
    2. Its directory's declared sizes stay under MAX_UNZIPPED_BYTES (nothing expanded yet).
    3. Every part python-docx would parse as XML parses with the hardened parser above, read
       with a byte cap per part and in all (declared sizes are the uploader's word), and
       declares no DOCTYPE: Word never writes one, and it is the door for external entities
       (CVE-2019-13358 in OpenCATS).
    """
    entries = archive.infolist()
    if "word/document.xml" not in {info.filename for info in entries}:
        raise DomainError(
            f"The resume is a zip archive, not a Word document. Upload {ACCEPTED}.",
            field="resume",
        )
    if len(entries) > MAX_ZIP_ENTRIES or sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES:
        raise DomainError(
            "The Word document would expand beyond 50 MB; save it smaller or as a PDF.",
            field="resume",
        )
    budget = [MAX_UNZIPPED_BYTES]
    try:
        types = _parse_part(archive, archive.getinfo("[Content_Types].xml"), budget)
        for entry in _xml_entries(archive, types):
            if entry.filename != "[Content_Types].xml":
                _parse_part(archive, entry, budget)
    except (KeyError, EOFError, RuntimeError, NotImplementedError, zlib.error):
        # A missing content-types part, a truncated or encrypted entry, an unknown method.
        raise DomainError(DOCX_DAMAGED, field="resume") from None


def _xml_entries(archive: zipfile.ZipFile, types: etree._Element) -> list[zipfile.ZipInfo]:
    """Every entry [Content_Types].xml declares as XML (python-docx picks the parser from the
    declared type, not the name), plus anything named .xml or .rels."""
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


def _parse_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: list[int]):
    # Read one byte past the cap, so a part that lies about its size is caught.
    cap = min(MAX_PART_BYTES, budget[0])
    with archive.open(entry) as stream:
        xml = stream.read(cap + 1)
    if len(xml) > cap:
        raise DomainError(DOCX_TOO_BIG, field="resume")
    budget[0] -= len(xml)
    try:
        root = etree.fromstring(xml, _SAFE_XML)  # noqa: S320 (the hardened parser above)
    except etree.XMLSyntaxError:
        raise DomainError(DOCX_DAMAGED, field="resume") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise DomainError(DOCX_DOCTYPE, field="resume")
    return root


def _check_text(upload) -> str:
    data = upload.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:
        raise DomainError(
            f"This file type is not accepted. Upload {ACCEPTED}, up to 10 MB.", field="resume"
        )
    return TXT
