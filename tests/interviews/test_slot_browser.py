"""In a real browser on a phone-sized screen, by keyboard alone: Cara tabs to the times she
was offered, moves to the second with an arrow key, and books it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.interviews.models import Interview
from tests.interviews import slot_fixtures as fx
from tests.interviews.slot_fixtures import offer_times
from tests.status.conftest import page_path

pytestmark = pytest.mark.browser
ivan = fx.ivan


def test_a_candidate_books_the_second_time_by_keyboard_on_a_phone(
    page, application, recruiter, ivan
):
    start = (timezone.now() + timedelta(days=7)).replace(minute=0, second=0, microsecond=0)
    offer_times(application, recruiter, [ivan], [start, start + timedelta(hours=2)])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page_path(application.candidate))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "slot":
            break
    assert page.evaluate("document.activeElement.checked")  # the first time, chosen already
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Book this time")
    page.keyboard.press("Enter")

    page.get_by_text("Your calendar invitation is on its way.").wait_for()
    assert Interview.objects.get().starts_at == start + timedelta(hours=2)
    assert page.locator("input[name=slot]").count() == 0
