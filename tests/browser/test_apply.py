"""A candidate applies on the careers page; the recruiter finds them on the job."""

import re

import pytest
from playwright.sync_api import expect

from ghostless.careers import forms as careers_forms
from ghostless.messaging.models import EmailTemplate
from tests.careers.conftest import PDF_BYTES
from tests.messaging.conftest import smtp  # noqa: F401 (the real SMTP server fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def acknowledgement(transactional_db):
    # A transactional test may start after another flushed the shipped templates.
    return EmailTemplate.objects.get_or_create(
        purpose="acknowledgement",
        defaults={
            "name": "Application received",
            "subject": "We received your application for {{ job.title }}",
            "body": "Hi {{ candidate.first_name }}, thank you. We answer within five working days.",
        },
    )[0]


def test_a_candidate_applies_and_the_recruiter_sees_them_on_the_job(
    page,
    logged_in_page,
    recruiter,
    job,
    acknowledgement,
    smtp,  # noqa: F811 (the fixture imported above)
    settings,
    tmp_path,
    monkeypatch,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Playwright fills the form faster than the anti-spam minimum a person needs.
    monkeypatch.setattr(careers_forms, "MIN_SECONDS", 0)
    resume = tmp_path / "pat-cv.pdf"
    resume.write_bytes(PDF_BYTES)

    page.goto("/careers/")
    page.get_by_role("link", name="Backend Engineer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Backend Engineer")
    page.get_by_label("First name").fill("Pat")
    page.get_by_label("Last name").fill("Applicant")
    page.get_by_label("Email").fill("pat@example.net")
    page.get_by_label("Resume").set_input_files(str(resume))
    page.get_by_role("button", name="Send application").click()

    # Without the privacy acknowledgement the form comes back, keeping what was typed.
    expect(page.get_by_role("alert")).to_contain_text("attach your resume again")
    expect(page.get_by_label("First name")).to_have_value("Pat")
    page.get_by_label("I have read the privacy notice").check()
    page.get_by_label("Resume").set_input_files(str(resume))
    page.get_by_role("button", name="Send application").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, we received your application"
    )
    assert [m["To"] for m in smtp.messages] == ["pat@example.net"]
    assert "Backend Engineer" in smtp.messages[0]["Subject"]

    staff = logged_in_page(recruiter)
    staff.goto(f"/jobs/{job.pk}/")
    expect(staff.get_by_role("link", name="Pat Applicant", exact=True)).to_be_visible()
    staff.get_by_role("link", name="Pat Applicant", exact=True).click()
    expect(staff).to_have_url(re.compile(r"/candidates/\d+/"))
    expect(staff.get_by_text("Applied for Backend Engineer on the careers page")).to_be_visible()
