"""In a real browser: hire, withdraw and bulk email ask first in a modal dialog that works by
keyboard; a board move can be undone."""

import pytest
from django.urls import reverse

from ghostless.jobs.models import Application, StageChange
from ghostless.messaging.models import EmailTemplate, Message
from tests.messaging.conftest import smtp  # noqa: F401 (the real SMTP server fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def board_page(logged_in_page, recruiter, application):
    page = logged_in_page(recruiter)
    page.goto(reverse("jobs:board", args=[application.job_id]))
    return page


def status_of(application) -> str:
    return Application.objects.get(pk=application.pk).status


def focused_text(page, expected: str | None = None) -> str:
    """The focused element's text; given `expected`, waits (briefly) for focus to get there,
    as the dialog moves it a moment after it opens."""
    if expected is not None:
        page.wait_for_function(
            "text => document.activeElement?.textContent.trim() === text", arg=expected
        )
    return page.evaluate("document.activeElement.textContent.trim()")


def test_hire_asks_in_a_dialog_that_works_by_keyboard(board_page, application):
    page = board_page
    card = page.locator(f"#app-{application.pk}")
    card.locator("details.more-menu > summary").focus()
    page.keyboard.press("Enter")  # opens the menu
    hire = card.get_by_role("button", name="Hire Cara Candidate")
    hire.focus()
    page.keyboard.press("Enter")

    dialog = page.get_by_role("dialog", name="Hire Cara Candidate for Backend Engineer?")
    dialog.wait_for()
    # Focus moved into the dialog.
    assert focused_text(page, "Hire Cara Candidate") == "Hire Cara Candidate"
    page.keyboard.press("Tab")
    assert focused_text(page) == "Cancel"
    page.keyboard.press("Tab")  # Tab stays inside: back to the first control
    assert focused_text(page) == "Hire Cara Candidate"
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    # Back on the trigger.
    assert focused_text(page, "Hire Cara Candidate") == "Hire Cara Candidate"
    assert status_of(application) == "active"

    page.keyboard.press("Enter")
    dialog.wait_for()
    page.keyboard.press("Enter")  # the confirm button has focus
    page.locator("#board_status").get_by_text("Hired Cara Candidate.").wait_for()
    assert status_of(application) == "hired"


def test_withdraw_cancelled_with_the_cancel_button_changes_nothing(board_page, application):
    page = board_page
    card = page.locator(f"#app-{application.pk}")
    card.locator("details.more-menu > summary").click()
    card.get_by_role("button", name="Withdraw Cara Candidate").click()
    dialog = page.get_by_role("dialog", name="Withdraw Cara Candidate's application?")
    # The harmless choice first, for a withdrawal.
    assert focused_text(page, "Cancel") == "Cancel"
    dialog.get_by_role("link", name="Cancel").click()
    dialog.wait_for(state="hidden")
    assert status_of(application) == "active"
    card.get_by_role("button", name="Withdraw Cara Candidate").click()
    dialog.get_by_role("button", name="Withdraw Cara Candidate's application").click()
    page.locator("#board_status").get_by_text("Cara Candidate withdrew.").wait_for()
    assert status_of(application) == "withdrawn"


def test_email_selected_previews_the_first_message_and_sends_only_on_confirm(
    board_page,
    application,
    smtp,  # noqa: F811 (the fixture imported above)
):
    EmailTemplate.objects.create(
        name="Checking in",
        purpose="follow_up",
        subject="Still keen on {{ job.title }}?",
        body="Hi {{ candidate.first_name }}, are you still interested?",
    )
    page = board_page
    page.reload()  # the template list is read when the board is shown
    page.get_by_label("Select Cara Candidate for email").check()
    page.get_by_label("Template").select_option(label="Checking in (Follow-up)")
    page.get_by_role("button", name="Email selected…").click()

    dialog = page.get_by_role("dialog", name="Send “Checking in” to 1 applicant?")
    dialog.get_by_text("of the 1 selected will get this email").wait_for()
    preview = dialog.locator(".confirm-preview")
    assert "as Cara Candidate will get it" in preview.inner_text()
    assert "Still keen on Backend Engineer?" in preview.inner_text()
    assert "Hi Cara, are you still interested?" in preview.inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert not Message.objects.exists() and smtp.messages == []

    page.get_by_role("button", name="Email selected…").click()
    dialog.get_by_role("button", name="Send 1 email").click()
    page.locator("#progress").get_by_text("1 of 1 sent").wait_for()
    assert [m["Subject"] for m in smtp.messages] == ["Still keen on Backend Engineer?"]
    assert "Hi Cara, are you still interested?" in smtp.messages[0].get_content()


def test_a_move_can_be_undone_from_the_status(board_page, application, recruiter):
    page = board_page
    page.select_option(f"#move-{application.pk}", label="Interview")
    page.locator(f"#app-{application.pk}").get_by_role("button", name="Move").click()
    status = page.locator("#board_status")
    status.get_by_text("Moved Cara Candidate to Interview.").wait_for()
    assert "No email was sent." in status.inner_text()
    status.get_by_role("button", name="Undo the move of Cara Candidate").click()
    status.get_by_text("Undone: Cara Candidate is back in Sourced.").wait_for()
    sourced = application.job.stages.get(name="Sourced")
    page.locator(f'.column[data-stage-id="{sourced.pk}"] #app-{application.pk}').wait_for()
    changes = StageChange.objects.filter(application=application).order_by("id")
    assert [c.to_stage.name for c in changes] == ["Sourced", "Interview", "Sourced"]
    assert not Message.objects.exists()


def test_deleting_a_stage_asks_and_the_button_still_says_which_change(logged_in_page, admin, job):
    page = logged_in_page(admin)
    page.goto(reverse("jobs:stages", args=[job.pk]))
    page.get_by_role("button", name="Delete Offer").click()
    dialog = page.get_by_role("dialog", name="Delete the stage Offer?")
    dialog.wait_for()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert job.stages.filter(name="Offer").exists()
    page.get_by_role("button", name="Delete Offer").click()
    dialog.get_by_role("button", name="Delete Offer").click()
    page.get_by_text("Pipeline saved.").wait_for()
    assert not job.stages.filter(name="Offer").exists()
