"""The upload check every door runs (profile, API, careers form): files that cannot be read
safely are refused at once, before they can become the current resume."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from fpdf import FPDF

from ghostless.core.errors import DomainError
from ghostless.resumes.services import resume_add
from ghostless.search.query import match_any
from tests.resumes.conftest import (
    bearer,
    corrupt_pdf,
    docx_bytes,
    docx_file,
    rewrite_docx,
    xxe_docx,
)

pytestmark = pytest.mark.django_db


def locked_pdf() -> SimpleUploadedFile:
    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.set_font("Helvetica")
    locked.add_page()
    locked.cell(text="Hidden skills")
    return SimpleUploadedFile("locked.pdf", bytes(locked.output()), content_type="")


def test_the_api_refuses_a_word_file_with_an_external_entity_naming_the_file_field(
    recruiter, candidate, read, tmp_path
):
    read(candidate, docx_file("Kubernetes and zymurgy", name="resume-old.docx"))
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42")

    response = Client(headers=bearer(recruiter)).post(
        f"/api/v1/candidates/{candidate.pk}/resumes", {"file": xxe_docx(secret)}
    )

    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "file"
    assert "document type declaration" in body["detail"]
    assert [r.original_filename for r in candidate.resumes.all()] == ["resume-old.docx"]
    assert candidate.pk in [pk for pk, _ in match_any(["zymurgy"])]


def test_the_profile_refuses_a_word_file_with_a_doctype_beside_the_field(
    recruiter_client, candidate, tmp_path
):
    response = recruiter_client.post(
        reverse("resumes:upload", args=[candidate.pk]),
        {"file": xxe_docx(tmp_path / "secret.txt")},
        headers={"HX-Request": "true", "HX-Target": "resumes"},
    )

    card = response.content.decode()
    assert response.status_code == 200
    assert "document type declaration" in card and 'aria-invalid="true"' in card
    assert not candidate.resumes.exists()


def test_an_entity_declared_in_any_xml_part_is_refused(candidate, recruiter):
    def inject(xml: bytes) -> bytes:
        end = xml.index(b"?>") + 2
        return xml[:end] + b'<!DOCTYPE Types [<!ENTITY a "b">]>' + xml[end:]

    data = rewrite_docx(docx_bytes("Pat Example"), "[Content_Types].xml", inject)

    with pytest.raises(DomainError, match="document type declaration") as refused:
        resume_add(
            candidate=candidate,
            upload=SimpleUploadedFile("cv.docx", data, content_type=""),
            actor=recruiter,
        )
    assert refused.value.field == "resume"


def test_a_word_file_with_broken_xml_is_refused(candidate, recruiter):
    data = rewrite_docx(docx_bytes("Pat"), "word/document.xml", lambda xml: xml[:-40])

    with pytest.raises(DomainError, match="damaged"):
        resume_add(
            candidate=candidate,
            upload=SimpleUploadedFile("cv.docx", data, content_type=""),
            actor=recruiter,
        )


def test_a_password_protected_pdf_is_refused_at_upload(candidate, recruiter):
    with pytest.raises(DomainError, match="password"):
        resume_add(candidate=candidate, upload=locked_pdf(), actor=recruiter)
    assert not candidate.resumes.exists()


def test_a_damaged_pdf_is_refused_at_upload(candidate, recruiter):
    with pytest.raises(DomainError, match="PDF is damaged"):
        resume_add(candidate=candidate, upload=corrupt_pdf(), actor=recruiter)
    assert not candidate.resumes.exists()
