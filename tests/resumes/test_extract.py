"""Reading the text out of resumes, including hostile files, never crashing the worker."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx.oxml.parser import parse_xml
from fpdf import FPDF

from ghostless.core.errors import DomainError
from ghostless.resumes import extract, services, validation
from ghostless.resumes.extract import ExtractError, extract_text
from ghostless.resumes.models import ParseStatus
from ghostless.resumes.validation import DOCX, PDF
from ghostless.search.query import match_any
from tests.resumes.conftest import (
    bomb_docx,
    corrupt_pdf,
    docx_bytes,
    docx_file,
    pdf_bytes,
    pdf_file,
    xxe_docx,
)

pytestmark = pytest.mark.django_db


def test_a_pdf_skill_is_read_and_the_candidate_found_by_it(read, candidate, recruiter):
    resume = read(candidate, pdf_file("Cara Candidate\nSkills: Kubernetes, zymurgy"), recruiter)

    assert resume.parse_status == ParseStatus.PARSED
    assert "zymurgy" in resume.text
    assert resume.parsed_at is not None and resume.parse_error == ""
    assert candidate.pk in [pk for pk, _ in match_any(["zymurgy"])]


def test_a_word_file_is_read_with_its_tables_and_header(read, candidate):
    upload = docx_file(
        "Built pipelines in Terraform", header="cara@example.org", table=("Go", "Rust")
    )

    resume = read(candidate, upload)

    assert resume.parse_status == ParseStatus.PARSED
    for words in ("Built pipelines in Terraform", "Go", "Rust", "cara@example.org"):
        assert words in resume.text


def test_plain_text_is_kept_as_it_is(read, candidate):
    upload = SimpleUploadedFile("cv.txt", "Cara, Zürich, Elixir".encode(), content_type="")

    assert read(candidate, upload).text == "Cara, Zürich, Elixir"


def test_a_new_upload_waits_to_be_read_until_it_is_committed(candidate, recruiter):
    resume = services.resume_add(candidate=candidate, upload=pdf_file("Elixir"), actor=recruiter)

    resume.refresh_from_db()
    assert resume.parse_status == ParseStatus.PENDING and resume.text == ""


def test_a_corrupt_pdf_stored_before_the_upload_check_is_kept_and_flagged(
    read_unchecked, candidate
):
    upload = corrupt_pdf()
    original = upload.read()

    resume = read_unchecked(candidate, upload)

    assert resume.parse_status == ParseStatus.FAILED
    assert resume.parse_error and resume.text == ""
    with resume.file.open("rb") as stored:
        assert stored.read() == original


def test_a_pdf_without_text_is_flagged_as_unreadable(read, candidate):
    blank = FPDF()
    blank.add_page()
    upload = SimpleUploadedFile("scan.pdf", bytes(blank.output()), content_type="")

    resume = read(candidate, upload)

    assert resume.parse_status == ParseStatus.FAILED
    assert "no text" in resume.parse_error


def test_a_password_protected_pdf_stored_before_the_upload_check_is_flagged(
    read_unchecked, candidate
):
    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.set_font("Helvetica")
    locked.add_page()
    locked.cell(text="Hidden skills")
    upload = SimpleUploadedFile("locked.pdf", bytes(locked.output()), content_type="")

    resume = read_unchecked(candidate, upload)

    assert resume.parse_status == ParseStatus.FAILED
    assert "password" in resume.parse_error


def test_an_external_entity_past_the_upload_check_reads_nothing_from_the_server(
    read_unchecked, candidate, tmp_path
):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42")

    resume = read_unchecked(candidate, xxe_docx(secret))

    assert "TOPSECRET" not in resume.text
    assert resume.parse_status == ParseStatus.FAILED
    assert "document type declaration" in resume.parse_error


def test_python_docx_itself_does_not_resolve_external_entities(tmp_path):
    """The second line of defence, should a DOCTYPE ever get past the first."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42")
    xml = (
        f'<!DOCTYPE p [<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:r><w:t>before &xxe; after</w:t></w:r></w:p>"
    )

    assert "TOPSECRET" not in "".join(parse_xml(xml.encode()).itertext())


def test_a_zip_bomb_word_file_is_refused_at_upload(candidate, recruiter):
    bomb = bomb_docx()
    assert bomb.size < 1024 * 1024

    with pytest.raises(DomainError, match="expand beyond 50 MB"):
        services.resume_add(candidate=candidate, upload=bomb, actor=recruiter)
    assert not candidate.resumes.exists()


def test_a_word_part_is_read_only_up_to_its_cap(monkeypatch):
    """Declared sizes are the uploader's word: reading stops at the cap whatever they say."""
    monkeypatch.setattr(validation, "MAX_PART_BYTES", 2_000)

    with pytest.raises(ExtractError, match="expand too much"):
        extract_text(docx_bytes("word " * 2_000), DOCX)


def test_pages_and_characters_are_capped(monkeypatch):
    monkeypatch.setattr(extract, "MAX_PAGES", 2)
    data = pdf_bytes("first page", "second page", "third page")

    text = extract_text(data, PDF)

    assert "second page" in text and "third page" not in text
    monkeypatch.setattr(extract, "MAX_CHARS", 5)
    assert extract_text(data, PDF) == "first"


def test_a_crashing_parser_marks_the_file_failed_instead_of_raising(read, candidate, monkeypatch):
    def explode(data, content_type):
        raise RecursionError("deeply nested objects")

    monkeypatch.setattr(services, "extract_text", explode)

    resume = read(candidate, pdf_file("Elixir"))

    assert resume.parse_status == ParseStatus.FAILED
    assert resume.parse_error == services.UNREADABLE


def test_a_lone_surrogate_in_a_pdfs_text_is_stored_as_a_replacement_character(
    read, candidate, monkeypatch
):
    """A broken font map can make the PDF parser yield half a UTF-16 pair, which neither
    database can store: the resume is read, not lost."""
    monkeypatch.setattr(extract, "_pdf_text", lambda data: "Go \ud800 and zymurgy\x00")

    resume = read(candidate, pdf_file("Go"))

    assert resume.parse_status == ParseStatus.PARSED
    assert resume.text == "Go \N{REPLACEMENT CHARACTER} and zymurgy"
    assert candidate.pk in [pk for pk, _ in match_any(["zymurgy"])]
