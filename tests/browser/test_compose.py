"""In a real browser: choosing a template fills the text, Preview swaps in place, Send sends."""

import pytest

from ghostless.messaging.models import EmailTemplate, Message
from tests.messaging.conftest import _media  # noqa: F401 (received mail under a throwaway folder)

pytestmark = pytest.mark.browser


@pytest.fixture
def invite_template(transactional_db):
    """Live-server tests flush the database, data migrations included: make it here."""
    template, _ = EmailTemplate.objects.get_or_create(
        name="Interview invitation",
        defaults={
            "purpose": "interview_invite",
            "subject": "Interview for {{ job.title }}",
            "body": "Hi {{ candidate.first_name }}, shall we talk?",
        },
    )
    return template


@pytest.fixture
def compose_page(logged_in_page, recruiter, application, eml_outbox, invite_template):
    page = logged_in_page(recruiter)
    page.goto(f"/email/compose/{application.candidate_id}/")
    return page


def test_template_preview_and_send_work_in_place(compose_page, application, invite_template):
    page = compose_page
    assert page.get_by_role("button", name="Use template").is_hidden()
    template = invite_template
    page.get_by_label("Template").select_option(str(template.pk))
    # A function, not a bare expression: Playwright would evaluate an expression with eval,
    # which the Content-Security-Policy refuses once it has to poll.
    page.wait_for_function(
        "() => document.querySelector('#id_subject').value.startsWith('Interview for')"
    )
    page.get_by_label("About the job").select_option(label="Backend Engineer")
    page.get_by_role("button", name="Preview").click()
    page.locator("#preview .preview-subject").get_by_text(
        "Interview for Backend Engineer"
    ).wait_for()
    assert page.url.endswith(f"/email/compose/{application.candidate_id}/")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Email queued.").wait_for()
    message = Message.objects.get()
    assert (message.template, message.application) == (template, application)
