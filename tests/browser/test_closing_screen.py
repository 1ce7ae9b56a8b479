"""A recruiter fills a job, opens the closing screen from the job page, tells everyone left,
and watches the count reach "told 2 of 2"."""

import pytest

from ghostless.jobs.models import RejectionReason
from ghostless.messaging.models import EmailTemplate, Message
from tests.factories import JobFactory
from tests.loop.conftest import fill_job

pytestmark = pytest.mark.browser


def test_recruiter_tells_everyone_left_on_a_filled_job(
    logged_in_page, recruiter, settings, tmp_path
):
    settings.EMAIL_BACKEND = "ghostless.messaging.backends.EmlFileBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    # Transactional tests flush the migrations' defaults: bring back what the screen needs.
    RejectionReason.objects.get_or_create(name="Position filled or closed")
    for purpose in ("position_filled", "rejection"):
        EmailTemplate.objects.get_or_create(
            name=f"Default {purpose}",
            defaults={
                "purpose": purpose,
                "subject": "About {{ job.title }}",
                "body": "Hi {{ candidate.first_name }}, we filled the role. Thank you.",
            },
        )
    job = JobFactory(title="Data Engineer", recruiters=[recruiter])
    fill_job(job, 3)

    page = logged_in_page(recruiter)
    page.goto(job.get_absolute_url())
    page.get_by_text("Closing the loop: told 0 of 2").wait_for()
    page.get_by_role("link", name="Open the closing screen").click()
    page.get_by_role("heading", name="Reached Sourced").wait_for()
    page.get_by_label("Rejection reason to record").select_option(label="Position filled or closed")
    page.get_by_role("button", name="Tell them all (2)").click()

    page.get_by_text("Everyone has been told").wait_for()
    page.locator("#progress").get_by_text("2 of 2 sent").wait_for()
    assert Message.objects.filter(status="sent").count() == 2
    page.get_by_role("link", name="Job page").click()
    page.get_by_text("Closing the loop: told 2 of 2").wait_for()
