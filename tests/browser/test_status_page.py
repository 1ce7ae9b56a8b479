"""The candidate's status page in a real browser: on a phone nothing is wider than the screen,
and by keyboard alone they withdraw (open, confirm, send), ask a question and update their
details, seeing where the focus is at every step."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.interviews.models import Interview
from ghostless.jobs.models import ApplicationStatus
from ghostless.timeline.models import Activity, EventKind
from tests.factories import ApplicationFactory, JobFactory
from tests.status.conftest import page_path

pytestmark = pytest.mark.browser

LONG_WORD = "Kubernetes" * 8  # pasted links and titles do not break by themselves

# Anything sticking out past the right edge of the viewport, named for the failure message.
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : ''))"""

# The focused element's outline or ring: what shows a keyboard user where they are.
FOCUS_RING = """() => { const s = getComputedStyle(document.activeElement);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return outline || s.boxShadow !== 'none'; }"""


@pytest.fixture
def busy(application):
    """Cara with an active application (an interview ahead), a long job title, a long link."""
    candidate = application.candidate
    candidate.website_url = f"https://example.org/{LONG_WORD}"
    candidate.time_zone = "Asia/Tokyo"
    candidate.save()
    Interview.objects.create(
        application=application,
        title="Chat",
        starts_at=timezone.now() + timedelta(days=3),
        duration_minutes=30,
        video_url=f"https://meet.example.com/{LONG_WORD}",
    )
    ApplicationFactory(candidate=candidate, job=JobFactory(title=f"Senior {LONG_WORD} Engineer"))
    return application


def tab_to(page, selector: str, limit: int = 80) -> int:
    """Press Tab until the focus is on `selector`; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            assert page.evaluate(FOCUS_RING), f"no visible focus on {selector}"
            return presses
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize("width", [390, 1366])
def test_nothing_is_wider_than_the_screen(page, busy, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(page_path(busy.candidate))

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    page.locator("details.status-withdraw summary").first.click()
    assert page.evaluate(WIDER_THAN_SCREEN) == []


def test_withdrawing_by_keyboard_alone(page, busy):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(page_path(busy.candidate))
    card = f"#application-{busy.pk}"

    tab_to(page, f"{card} details.status-withdraw > summary")
    page.keyboard.press("Enter")  # opens it
    tab_to(page, f"#reason-{busy.pk}")
    page.keyboard.type("I took another job")
    tab_to(page, f"{card} button.danger")
    page.keyboard.press("Enter")

    page.wait_for_url("**/withdraw/")
    assert page.evaluate("document.activeElement.textContent") == "Yes, withdraw my application"
    assert page.evaluate(FOCUS_RING)
    page.keyboard.press("Enter")

    page.wait_for_selector(".status-message")
    assert "You withdrew your application" in page.locator(".status-message").inner_text()
    busy.refresh_from_db()
    assert busy.status == ApplicationStatus.WITHDRAWN
    entry = Activity.objects.get(payload__event=EventKind.STATUS_PAGE_WITHDREW.value)
    assert entry.body == "I took another job"


def test_asking_a_question_by_keyboard_alone(page, busy):
    page.goto(page_path(busy.candidate))

    tab_to(page, "#question")
    page.keyboard.type("When is the second round?")
    tab_to(page, "#ask button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_selector(".status-message")
    assert "your question is with us" in page.locator(".status-message").inner_text()
    assert Activity.objects.filter(body="When is the second round?").exists()


def test_updating_details_by_keyboard_alone(page, busy):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(page_path(busy.candidate))

    tab_to(page, "#details-phone")
    page.keyboard.type("+44 20 7946 0958")
    tab_to(page, "#details-github_url")
    page.keyboard.type("github.com/cara")
    tab_to(page, "#details button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_selector(".status-message")
    assert "we have your new details" in page.locator(".status-message").inner_text()
    candidate = busy.candidate
    candidate.refresh_from_db()
    assert candidate.github_url == "https://github.com/cara"
    assert candidate.phones.get().phone == "+442079460958"


def test_a_mistake_in_the_details_is_announced_at_its_field(page, busy):
    page.goto(page_path(busy.candidate))

    tab_to(page, "#details-phone")
    page.keyboard.type("12")
    tab_to(page, "#details button[type=submit]")
    page.keyboard.press("Enter")

    error = page.locator("#details-error")
    error.wait_for()
    assert "is not a valid phone number" in error.inner_text()
    assert error.get_attribute("role") == "alert"
    assert page.locator("#details-phone").get_attribute("aria-invalid") == "true"
    assert page.evaluate(WIDER_THAN_SCREEN) == []
