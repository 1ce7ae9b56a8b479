"""An admin sets a pipeline template's interview deadlines and a stage's promise with the
keyboard, and the page says what Ghostless will then do by itself; it fits a phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from ghostless.jobs.services import default_template

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1366, 390])
def test_an_admin_sets_the_deadlines_of_a_template(logged_in_page, admin, width):
    template = default_template()
    page = logged_in_page(admin)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(reverse("jobs:template", args=[template.pk]))
    box = page.locator("section.interview-deadlines")
    expect(box).to_contain_text(
        "Interviewers who have not sent a scorecard 24 business hours after the interview"
    )
    page.get_by_label("Feedback due after (business hours)").fill("48")
    page.get_by_label("Feedback due after (business hours)").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Interview deadlines saved")
    expect(box).to_contain_text("not sent a scorecard 48 business hours after the interview")
    promise = page.get_by_label("Promise an answer within").first
    promise.fill("3")
    promise.press("Enter")
    expect(page.get_by_label("Promise an answer within").first).to_have_value("3")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    template.refresh_from_db()
    assert template.feedback_due_hours == 48
    assert template.stages.order_by("order").first().hear_back_days == 3
