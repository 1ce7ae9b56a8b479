"""Which kind of file a resume is, decided from its bytes: the name and the browser's claimed
type are the uploader's word, not evidence."""

import zipfile

from ghostless.core.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
# A DOCX is a zip; refuse one that would expand past this, judged from its directory alone.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TXT = "text/plain; charset=utf-8"
ACCEPTED = "a PDF, Word (.docx) or plain-text (.txt) file"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", TXT: "txt"}


def check_resume(upload) -> str:
    """The content type of an acceptable resume, or DomainError (field "resume") saying why not.

    1. Size: at most MAX_BYTES, the limit named in the refusal.
    2. A name ending in another extension than .pdf, .docx or .txt is refused.
    3. PDF by its "%PDF-" header; DOCX by a zip directory holding word/document.xml whose
       declared sizes stay under MAX_UNZIPPED_BYTES (nothing is extracted); TXT by decoding
       as UTF-8 without NUL bytes.
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
            entries = archive.infolist()
            names = {info.filename for info in entries}
            declared = sum(info.file_size for info in entries)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise DomainError(
            f"The resume is a damaged file. Upload {ACCEPTED}.", field="resume"
        ) from None
    if "word/document.xml" not in names:
        raise DomainError(
            f"The resume is a zip archive, not a Word document. Upload {ACCEPTED}.",
            field="resume",
        )
    if len(entries) > MAX_ZIP_ENTRIES or declared > MAX_UNZIPPED_BYTES:
        raise DomainError(
            "The Word document would expand beyond 50 MB; save it smaller or as a PDF.",
            field="resume",
        )
    return DOCX


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
