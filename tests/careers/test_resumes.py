import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ghostless.core.errors import DomainError
from ghostless.resumes.services import resume_add
from ghostless.resumes.validation import DOCX, MAX_BYTES, PDF, TXT, check_resume
from tests.careers.conftest import PDF_BYTES, docx, pdf
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        (lambda: pdf(), PDF),
        (lambda: docx(), DOCX),
        (lambda: upload("cv.txt", "Pat Applicant, engineer. Zürich.".encode()), TXT),
        (lambda: upload("resume", PDF_BYTES), PDF),
    ],
)
def test_the_type_comes_from_the_content(file, expected):
    assert check_resume(file()) == expected


def test_a_pdf_that_is_really_text_is_refused():
    with pytest.raises(DomainError, match=r"named \.pdf but its content is not a PDF"):
        check_resume(upload("cv.pdf", b"just some text, not a PDF"))


def test_binary_content_is_refused():
    with pytest.raises(DomainError, match="not accepted"):
        check_resume(upload("cv", b"\x7fELF\x02\x01\x01\x00\x00\x00"))


def test_other_extensions_are_refused():
    with pytest.raises(DomainError, match=r"“\.html” files are not accepted"):
        check_resume(upload("cv.html", b"<script>alert(1)</script>"))


def test_a_zip_without_a_word_document_is_refused():
    with pytest.raises(DomainError, match="not a Word document"):
        check_resume(docx().__class__("cv.docx", _zip({"a.txt": b"x"})))


def test_a_docx_zip_bomb_is_refused_without_expanding_it(monkeypatch):
    bomb = docx(extra=[("word/media/big.bin", b"\0" * (51 * 1024 * 1024))])
    assert bomb.size < 1024 * 1024  # compresses to almost nothing

    def no_reading(*args, **kwargs):
        raise AssertionError("the archive was expanded")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    with pytest.raises(DomainError, match="expand beyond 50 MB"):
        check_resume(bomb)


def test_files_over_ten_megabytes_are_refused_naming_the_limit():
    with pytest.raises(DomainError, match="the limit is 10 MB"):
        check_resume(upload("cv.pdf", PDF_BYTES + b"0" * MAX_BYTES))


def test_an_empty_file_is_refused():
    with pytest.raises(DomainError, match="empty"):
        check_resume(upload("cv.pdf", b""))


def test_a_wrong_type_on_the_form_is_shown_next_to_the_field(client, public_job):
    from tests.careers.conftest import apply

    response = apply(client, public_job, resume=upload("cv.pdf", b"plain text"))

    assert response.status_code == 422
    assert "its content is not a PDF" in response.content.decode()


def _zip(entries: dict) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def resume(candidate, application):
    return resume_add(candidate=candidate, upload=pdf("Cara <CV>.pdf"), actor=None)


def test_staff_download_the_resume_as_an_attachment(recruiter_client, resume):
    response = recruiter_client.get(reverse("resumes:download", args=[resume.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_the_jobs_hiring_manager_may_download(manager_client, resume):
    assert manager_client.get(reverse("resumes:download", args=[resume.pk])).status_code == 200


def test_an_outsider_gets_404(outsider_client, resume):
    assert outsider_client.get(reverse("resumes:download", args=[resume.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, resume):
    response = client.get(reverse("resumes:download", args=[resume.pk]))

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_new_resume_becomes_current_and_the_old_one_is_kept(candidate, admin):
    first = resume_add(candidate=candidate, upload=pdf(), actor=None)
    second = resume_add(candidate=candidate, upload=docx(), actor=admin)

    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert second.uploaded_by == admin
    assert len(second.sha256) == 64
    assert client_for(admin).get(reverse("resumes:download", args=[first.pk])).status_code == 200
