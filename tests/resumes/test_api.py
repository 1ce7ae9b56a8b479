"""POST and GET /api/v1/candidates/{id}/resumes, and downloads with a token."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import CandidateFactory
from tests.resumes.conftest import bearer, docx_file, pdf_file

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    return Client(headers=bearer(user))


def url(candidate) -> str:
    return f"/api/v1/candidates/{candidate.pk}/resumes"


def test_a_recruiter_uploads_a_resume(recruiter, candidate, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(recruiter).post(url(candidate), {"file": pdf_file("Go", name="Cara.pdf")})

    assert response.status_code == 201
    body = response.json()
    assert body["original_filename"] == "Cara.pdf"
    assert body["content_type"] == "application/pdf"
    assert body["is_current"] is True
    assert body["parse_status"] == "pending"  # read after the commit, in the background
    assert body["size"] > 0 and body["uploaded_at"]
    assert body["download_url"].startswith("http://testserver/api/v1/candidates/")
    listed = api(recruiter).get(url(candidate)).json()
    assert listed[0]["parse_status"] == "parsed"


def test_the_list_is_newest_first(recruiter, candidate, read):
    read(candidate, pdf_file("Go", name="old.pdf"))
    read(candidate, docx_file("Rust", name="new.docx"))

    listed = api(recruiter).get(url(candidate)).json()

    assert [(r["original_filename"], r["is_current"]) for r in listed] == [
        ("new.docx", True),
        ("old.pdf", False),
    ]


def test_the_download_url_works_with_the_token(recruiter, candidate, read):
    read(candidate, pdf_file("Go"))
    client = api(recruiter)

    response = client.get(client.get(url(candidate)).json()[0]["download_url"])

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_bad_file_is_422_naming_the_problem(recruiter, candidate):
    exe = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="")

    response = api(recruiter).post(url(candidate), {"file": exe})

    assert response.status_code == 422
    assert response.json() == {
        "detail": "“.exe” files are not accepted. Upload a PDF, Word (.docx) or plain-text "
        "(.txt) file.",
        "field": "file",
    }
    assert not candidate.resumes.exists()


def test_a_missing_file_is_422(recruiter, candidate):
    response = api(recruiter).post(url(candidate), {})

    assert response.status_code == 422


def test_the_hiring_manager_lists_but_may_not_upload(hiring_manager, candidate, application, read):
    read(candidate, pdf_file("Go"))
    client = api(hiring_manager)

    assert len(client.get(url(candidate)).json()) == 1
    response = client.post(url(candidate), {"file": pdf_file("Go")})
    assert response.status_code == 403
    assert "detail" in response.json()
    assert candidate.resumes.count() == 1


def test_an_outsider_gets_404_everywhere(outsider, candidate, application, read):
    resume = read(candidate, pdf_file("Go"))
    client = api(outsider)

    assert client.get(url(candidate)).status_code == 404
    assert client.post(url(candidate), {"file": pdf_file("Go")}).status_code == 404
    assert client.get(f"{url(candidate)}/{resume.pk}/file").status_code == 404


def test_a_resume_is_not_downloadable_under_another_candidate(recruiter, candidate, read):
    resume = read(candidate, pdf_file("Go"))
    other = CandidateFactory()

    assert api(recruiter).get(f"{url(other)}/{resume.pk}/file").status_code == 404
