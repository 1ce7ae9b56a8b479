"""In a real browser: drag and drop and the keyboard both move a card; filters swap in place."""

import pytest
from django.urls import reverse

from ghostless.jobs.models import Application

pytestmark = pytest.mark.browser


@pytest.fixture
def browser_page(logged_in_page, recruiter):
    """A logged-in recruiter's browser tab; call it with a path to open."""
    page = logged_in_page(recruiter)

    def open_path(path):
        page.goto(path)
        return page

    return open_path


@pytest.fixture
def board_page(browser_page, application):
    return browser_page(reverse("jobs:board", args=[application.job_id]))


def stage_of(application) -> str:
    return Application.objects.select_related("stage").get(pk=application.pk).stage.name


def test_dragging_a_card_onto_a_column_moves_it(board_page, application):
    card = board_page.locator(f"#app-{application.pk}")
    screen = application.job.stages.get(name="Screen")
    card.drag_to(board_page.locator(f'.column[data-stage-id="{screen.pk}"]'))
    status = board_page.locator("#board_status")
    status.get_by_text("Moved Cara Candidate to Screen.").wait_for()
    assert stage_of(application) == "Screen"
    moved = board_page.locator(f'.column[data-stage-id="{screen.pk}"] #app-{application.pk}')
    assert moved.count() == 1


def test_the_move_menu_works_by_keyboard(board_page, application):
    board_page.select_option(f"#move-{application.pk}", label="Offer")
    board_page.locator(f"#move-{application.pk}").focus()
    board_page.keyboard.press("Tab")
    board_page.keyboard.press("Enter")
    board_page.locator("#board_status").get_by_text("Moved Cara Candidate to Offer.").wait_for()
    assert stage_of(application) == "Offer"
    # Focus returns once htmx has settled the swap, a moment after the status is announced.
    board_page.wait_for_function(
        "id => document.activeElement && document.activeElement.id === id",
        arg=f"app-{application.pk}",
    )


def test_filtering_the_job_page_swaps_the_table_and_updates_the_address(browser_page, application):
    page = browser_page(application.job.get_absolute_url())
    page.select_option("#applicant-status", "rejected")
    page.get_by_text("No applicant matches these filters").wait_for()
    assert page.url.endswith("status=rejected")
    page.get_by_role("link", name="Show everyone on this job").click()
    page.get_by_role("link", name="Cara Candidate", exact=True).wait_for()


def test_a_card_loads_its_reject_form_when_opened_and_rejects_in_place(
    board_page, application, reason
):
    card = board_page.locator(f"#app-{application.pk}")
    card.locator("details.more-actions > summary").click()
    board_page.select_option(f"#reason-{application.pk}", label="Not enough experience")
    board_page.check(f"#tell-later-{application.pk}")
    card.get_by_role("button", name="Reject Cara Candidate").click()
    status = board_page.locator("#board_status")
    status.get_by_text("Rejected Cara Candidate (Not enough experience).").wait_for()
    assert board_page.locator(f"#app-{application.pk}").count() == 0
    board_page.get_by_role("link", name="Rejected: 1").wait_for()
    assert Application.objects.get(pk=application.pk).status == "rejected"
