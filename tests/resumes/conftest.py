"""Resume files built by the tests themselves: real PDFs (fpdf2) and Word files (python-docx),
and the hostile ones: corrupt, oversized, disguised, an XML external entity, a zip bomb."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from fpdf import FPDF

from ghostless.accounts.services import api_token_create
from ghostless.resumes.services import resume_add


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_bytes(*pages: str) -> bytes:
    document = FPDF()
    document.set_font("Helvetica", size=11)
    for text in pages:
        document.add_page()
        document.multi_cell(0, 6, text)
    return bytes(document.output())


def pdf_file(*pages: str, name: str = "cv.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(*pages), content_type="application/pdf")


def docx_bytes(*paragraphs: str, header: str = "", table: tuple[str, ...] = ()) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        cells = document.add_table(rows=1, cols=len(table)).rows[0].cells
        for cell, text in zip(cells, table, strict=True):
            cell.text = text
    if header:
        document.sections[0].header.paragraphs[0].text = header
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_file(*paragraphs: str, name: str = "cv.docx", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(*paragraphs, **kwargs), content_type="")


def rewrite_docx(data: bytes, name: str, change) -> bytes:
    """The same package with one entry's bytes passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            target.writestr(entry.filename, change(content) if entry.filename == name else content)
    return buffer.getvalue()


def xxe_docx(secret_path) -> SimpleUploadedFile:
    """A Word file whose body pulls a local file in through an external entity."""

    def inject(xml: bytes) -> bytes:
        text = xml.decode()
        end = text.index("?>") + 2
        doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret_path}">]>'
        return (text[:end] + doctype + text[end:]).replace("PLACEHOLDER", "&xxe;").encode()

    data = rewrite_docx(docx_bytes("Pat PLACEHOLDER Example"), "word/document.xml", inject)
    return SimpleUploadedFile("cv.docx", data, content_type="")


def bomb_docx() -> SimpleUploadedFile:
    """A real Word file carrying 60 MB of zeros that compress to a few dozen kilobytes."""
    buffer = io.BytesIO(docx_bytes("Pat Example"))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * (60 * 1024 * 1024))
    return SimpleUploadedFile("cv.docx", buffer.getvalue(), content_type="")


def corrupt_pdf() -> SimpleUploadedFile:
    junk = bytes(range(256)) * 40
    return SimpleUploadedFile("broken.pdf", b"%PDF-1.7\n" + junk, content_type="application/pdf")


@pytest.fixture
def read(django_capture_on_commit_callbacks):
    """Upload as the given actor and let the background task run, as after a real commit."""

    def upload_and_read(candidate, upload, actor=None):
        with django_capture_on_commit_callbacks(execute=True):
            resume = resume_add(candidate=candidate, upload=upload, actor=actor)
        resume.refresh_from_db()
        return resume

    return upload_and_read


def bearer(user) -> dict:
    _, raw = api_token_create(user=user, name="tests")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def read_unchecked(read, monkeypatch):
    """Like `read`, for a file stored without the upload check: one kept from before the check
    existed, or a fault the check cannot see cheaply. Its type is taken from its first bytes."""
    from ghostless.resumes import services
    from ghostless.resumes.validation import DOCX, PDF

    def by_header(upload) -> str:
        head = upload.read(5)
        upload.seek(0)
        return PDF if head == b"%PDF-" else DOCX

    monkeypatch.setattr(services, "check_resume", by_header)
    return read
