"""A recruiter fills a job, opens the closing screen from the job page, previews what everyone
left will get, tells them, and watches the whole screen reach "told 2 of 2"."""

import pytest

from ghostless.loop import services as loop_services
from ghostless.loop.models import CloseOut
from ghostless.messaging.models import Message
from tests.factories import JobFactory
from tests.loop.conftest import ensure_defaults, fill_job
from tests.messaging.conftest import smtp  # noqa: F401 (the real SMTP server fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def closing_page(logged_in_page, recruiter):
    ensure_defaults()  # transactional tests flush the migrations' defaults
    job = JobFactory(title="Data Engineer", recruiters=[recruiter])
    fill_job(job, 3)
    page = logged_in_page(recruiter)
    page.goto(job.get_absolute_url())
    page.get_by_text("Closing the loop: told 0 of 2").wait_for()
    page.get_by_role("link", name="Open the closing screen").click()
    page.get_by_role("heading", name="Reached Sourced").wait_for()
    page.get_by_label("Rejection reason to record").select_option(label="Position filled or closed")
    return page


def test_recruiter_previews_then_tells_everyone_left_on_a_filled_job(
    closing_page,
    smtp,  # noqa: F811 (the fixture imported above)
):
    page = closing_page
    tell = page.get_by_role("button", name="Tell them all (2)")
    tell.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Tell everyone left on Data Engineer?")
    dialog.get_by_text("2 of the 2 untold will hear the outcome now.").wait_for()
    dialog.get_by_text("The first message, as Ann001 Applicant will get it").wait_for()
    dialog.get_by_text("Hi Ann001, we filled the role. Thank you.").wait_for()
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.textContent") == "Tell them all (2)"
    assert not Message.objects.exists() and smtp.messages == []

    tell.click()
    dialog.get_by_role("button", name="Reject and tell 2 applicants").click()
    page.get_by_text("Everyone has been told").wait_for()
    page.locator("#progress").get_by_text("2 of 2 sent").wait_for()
    assert sorted(m["To"] for m in smtp.messages) == ["ann1@example.org", "ann2@example.org"]
    page.get_by_role("link", name="Job page").click()
    page.get_by_text("Closing the loop: told 2 of 2").wait_for()


def test_the_whole_screen_shows_the_result_when_the_run_ends(
    closing_page,
    monkeypatch,
    smtp,  # noqa: F811 (the fixture imported above)
):
    """The run is held back until the page shows it in progress, then run: the counts, the
    untold list and the button follow without a reload."""
    monkeypatch.setattr(loop_services, "_enqueue", lambda close_out_id: None)
    page = closing_page
    page.get_by_role("button", name="Tell them all (2)").click()
    page.get_by_role("dialog").get_by_role("button", name="Reject and tell 2 applicants").click()
    page.locator("#progress").get_by_text("0 of 2 sent").wait_for()
    assert "Told 0 of 2" in page.locator("#loop-count").inner_text()
    page.evaluate("window.notReloaded = true")

    loop_services.close_out_run(CloseOut.objects.get().pk)

    page.locator("#loop-count").get_by_text("Told 2 of 2").wait_for()
    page.get_by_text("Everyone has been told").wait_for()
    assert page.get_by_role("button", name="Tell them all (2)").count() == 0
    assert page.get_by_role("heading", name="Reached Sourced").count() == 0
    assert page.locator("#progress").get_by_text("2 of 2 sent").count() == 1
    assert page.evaluate("window.notReloaded") is True
    assert len(smtp.messages) == 2
