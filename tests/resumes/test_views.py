"""The Resumes card on the profile: upload, versions, reading status, downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ghostless.resumes.models import ParseStatus, Resume
from ghostless.resumes.validation import MAX_BYTES
from ghostless.timeline.models import Activity
from tests.resumes.conftest import corrupt_pdf, docx_file, pdf_bytes, pdf_file

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "resumes"}


def upload_url(candidate):
    return reverse("resumes:upload", args=[candidate.pk])


def profile(client, candidate) -> str:
    return client.get(candidate.get_absolute_url()).content.decode()


def test_the_profile_offers_an_upload_form_to_recruiters(recruiter_client, candidate):
    page = profile(recruiter_client, candidate)

    assert '<label for="resume-file">Upload a new resume</label>' in page
    assert 'accept=".pdf,.docx,.txt"' in page
    assert "up to 10 MB" in page
    assert "No resume yet. Upload one below" in page


def test_a_recruiter_uploads_and_the_text_is_read(
    recruiter_client, candidate, recruiter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(
            upload_url(candidate), {"file": pdf_file("Kubernetes and zymurgy", name="Cara.pdf")}
        )

    assert response.status_code == 302
    assert response["Location"] == f"{candidate.get_absolute_url()}#resumes"
    resume = candidate.resumes.get()
    assert resume.is_current and resume.uploaded_by == recruiter
    assert resume.parse_status == ParseStatus.PARSED and "zymurgy" in resume.text
    page = profile(recruiter_client, candidate)
    assert "Cara.pdf is uploaded and is now the current resume." in page
    assert "Cara.pdf" in page and "Current" in page
    assert Activity.objects.filter(
        candidate=candidate, subject="Resume uploaded: Cara.pdf"
    ).exists()


def test_with_htmx_the_card_says_reading_until_the_text_is_in(
    recruiter_client, candidate, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(
            upload_url(candidate), {"file": pdf_file("Go")}, headers=HTMX
        )

    card = response.content.decode()
    assert response.status_code == 200
    assert "is uploaded and is now the current resume" in card
    assert "Reading…" in card and 'hx-trigger="every 2s"' in card

    polled = recruiter_client.get(
        reverse("resumes:card", args=[candidate.pk]),
        headers={"HX-Request": "true", "HX-Target": "resume-list"},
    ).content.decode()
    assert polled.lstrip().startswith('<div id="resume-list"')
    assert "Reading…" not in polled and "every 2s" not in polled


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (
            SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type=""),
            "“.exe” files are not accepted",
        ),
        (
            SimpleUploadedFile("cv.docx", pdf_bytes("Go"), content_type=""),
            "named .docx but its content is not a DOCX file",
        ),
        (
            SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n" + b"0" * MAX_BYTES, content_type=""),
            "the limit is 10 MB",
        ),
    ],
    ids=["exe", "pdf-named-docx", "oversized"],
)
def test_a_refused_file_is_explained_and_nothing_is_stored(
    recruiter_client, candidate, upload, error
):
    response = recruiter_client.post(upload_url(candidate), {"file": upload}, follow=True)

    assert error in response.content.decode()
    assert not Resume.objects.exists()


def test_with_htmx_the_refusal_sits_next_to_the_field(recruiter_client, candidate):
    bad = SimpleUploadedFile("cv.pdf", b"just text", content_type="application/pdf")

    response = recruiter_client.post(upload_url(candidate), {"file": bad}, headers=HTMX)

    card = response.content.decode()
    assert response.status_code == 200
    assert "its content is not a PDF" in card
    assert 'aria-invalid="true"' in card


def test_sending_no_file_asks_for_one(recruiter_client, candidate):
    response = recruiter_client.post(upload_url(candidate), {}, follow=True)

    assert "Choose a file to upload." in response.content.decode()


def test_versions_are_kept_and_the_newest_is_current(recruiter_client, candidate, read):
    first = read(candidate, pdf_file("Go", name="2023.pdf"))
    second = read(candidate, docx_file("Rust", name="2024.docx"))

    page = profile(recruiter_client, candidate)

    assert page.index("2024.docx") < page.index("2023.pdf")
    assert page.count('<span class="badge">Current</span>') == 1
    first.refresh_from_db()
    assert second.is_current and not first.is_current
    for resume in (first, second):
        assert recruiter_client.get(resume.get_absolute_url()).status_code == 200


def test_an_unreadable_file_is_flagged_and_still_downloadable(
    recruiter_client, candidate, read_unchecked
):
    resume = read_unchecked(candidate, corrupt_pdf())

    page = profile(recruiter_client, candidate)

    assert "We could not read this file: The PDF is damaged; save or export it again." in page
    assert "It is kept; you can download it." in page
    assert recruiter_client.get(resume.get_absolute_url()).status_code == 200


def test_the_hiring_manager_sees_and_downloads_but_cannot_upload(
    manager_client, candidate, application, read
):
    resume = read(candidate, pdf_file("Go", name="Cara.pdf"))

    page = profile(manager_client, candidate)

    assert "Cara.pdf" in page and "Upload a new resume" not in page
    assert manager_client.get(resume.get_absolute_url()).status_code == 200
    response = manager_client.post(upload_url(candidate), {"file": pdf_file("Go")})
    assert response.status_code == 403
    assert candidate.resumes.count() == 1


def test_an_outsider_can_neither_download_nor_upload(outsider_client, candidate, application, read):
    resume = read(candidate, pdf_file("Go"))

    assert outsider_client.get(resume.get_absolute_url()).status_code == 404
    assert outsider_client.post(upload_url(candidate), {"file": pdf_file("Go")}).status_code == 404
    assert outsider_client.get(reverse("resumes:card", args=[candidate.pk])).status_code == 404


def test_the_application_page_shows_the_card_too(recruiter_client, application, read):
    read(application.candidate, pdf_file("Go", name="Cara.pdf"))

    url = reverse("jobs:application", args=[application.pk])
    page = recruiter_client.get(url).content.decode()

    assert "Cara.pdf" in page
    assert f'name="next" value="{url}"' in page


def test_the_card_costs_the_same_queries_for_two_or_six_versions(recruiter_client, candidate, read):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            profile(recruiter_client, candidate)
        return len(captured)

    for year in (2020, 2021):
        read(candidate, pdf_file(f"Go {year}", name=f"{year}.pdf"))
    two = queries()
    for year in (2022, 2023, 2024, 2025):
        read(candidate, pdf_file(f"Go {year}", name=f"{year}.pdf"))

    assert queries() == two
