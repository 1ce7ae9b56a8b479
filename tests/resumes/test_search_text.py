"""Search reads the newest resume whose text was read: a newer upload that failed, or is still
being read, never blanks what the candidate was found by."""

import pytest
from django.utils import timezone

from ghostless.resumes import services
from ghostless.resumes.models import ParseStatus
from ghostless.search.index import candidate_reindex
from ghostless.search.query import match_any
from tests.resumes.conftest import corrupt_pdf, docx_file, pdf_file, xxe_docx

pytestmark = pytest.mark.django_db


def found(word: str) -> list[int]:
    return [pk for pk, _ in match_any([word])]


def test_a_newer_resume_that_fails_keeps_the_earlier_text_searchable(
    recruiter_client, candidate, read, read_unchecked, tmp_path
):
    read(candidate, docx_file("Kubernetes and zymurgy", name="resume-old.docx"))
    assert candidate.pk in found("zymurgy")

    bad = read_unchecked(candidate, xxe_docx(tmp_path / "secret.txt"))

    assert bad.parse_status == ParseStatus.FAILED and bad.is_current
    assert candidate.pk in found("zymurgy")
    page = recruiter_client.get(candidate.get_absolute_url()).content.decode()
    uploaded = timezone.localtime(bad.uploaded_at).strftime("%-d %b %Y")
    assert (
        f"We could not read cv.docx uploaded on {uploaded}; search still uses resume-old.docx."
        in page
    )


def test_a_newer_resume_being_read_keeps_the_earlier_text_searchable(candidate, read, recruiter):
    read(candidate, pdf_file("Kubernetes and zymurgy"))

    pending = services.resume_add(candidate=candidate, upload=pdf_file("Elixir"), actor=recruiter)
    candidate_reindex([candidate.pk])

    assert pending.parse_status == ParseStatus.PENDING
    assert candidate.pk in found("zymurgy")


def test_the_newest_readable_resume_wins_over_older_ones(candidate, read, read_unchecked):
    read(candidate, pdf_file("Kubernetes and zymurgy", name="2023.pdf"))
    read(candidate, pdf_file("Elixir and quokkas", name="2024.pdf"))
    read_unchecked(candidate, corrupt_pdf())

    assert candidate.pk in found("quokkas")
    assert candidate.pk not in found("zymurgy")


def test_a_failed_first_resume_says_search_has_no_resume_text(
    recruiter_client, candidate, read_unchecked
):
    read_unchecked(candidate, corrupt_pdf())

    page = recruiter_client.get(candidate.get_absolute_url()).content.decode()

    assert "We could not read broken.pdf uploaded on" in page
    assert "search has no resume text for this candidate" in page
