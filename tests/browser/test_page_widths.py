"""Every busy page fits a laptop and a phone: wide content scrolls inside its own box."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from ghostless.followups.services import followup_create
from ghostless.jobs.services import job_update

pytestmark = pytest.mark.browser

WIDTHS = [1366, 390]
LONG_WORD = "Rust" * 20  # one unbroken word, as people paste URLs and skill lists


@pytest.fixture
def busy(application, recruiter):
    candidate = application.candidate
    candidate.custom_fields = {"notice_period": "3 months", "portfolio": LONG_WORD}
    candidate.skills = f"Python, Django, {LONG_WORD}"
    candidate.save()
    candidate.emails.create(email="cara.candidate.for-the-platform-team@example.org")
    job_update(
        job=application.job,
        actor=None,
        description=f"What you will do:\n- Build APIs\n- Ship {LONG_WORD}",
    )
    followup_create(
        actor=recruiter,
        candidate=candidate,
        application=application,
        due_at=timezone.now(),
        note=LONG_WORD,
    )
    return application


def pages(application) -> dict[str, str]:
    return {
        "board": reverse("jobs:board", args=[application.job_id]),
        "follow-up queue": reverse("followups:queue"),
        "profile": reverse("candidates:detail", args=[application.candidate_id]),
        "candidate list": reverse("candidates:list"),
        "careers job page": reverse("careers:job", args=[application.job.slug]),
        "settings": reverse("accounts:settings"),
        "LinkedIn capture": reverse("capture")
        + "?"
        + urlencode({"name": "Cara Candidate", "headline": LONG_WORD, "text": LONG_WORD}),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(logged_in_page, recruiter, busy, width):
    page = logged_in_page(recruiter)
    page.set_viewport_size({"width": width, "height": 900})
    for name, path in pages(busy).items():
        page.goto(path)
        page.wait_for_load_state("networkidle")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"the {name} is {scroll_width}px wide at {width}px"


def test_a_radio_button_sits_on_the_line_of_its_label(logged_in_page, recruiter, application):
    page = logged_in_page(recruiter)
    page.goto(reverse("jobs:application", args=[application.pk]))
    radio = page.locator(f"#tell-now-{application.pk}").bounding_box()
    label = page.locator(f"label[for=tell-now-{application.pk}]").bounding_box()
    assert abs((radio["y"] + radio["height"] / 2) - (label["y"] + label["height"] / 2)) < 8
    assert label["x"] > radio["x"]


def test_a_follow_up_on_a_phone_is_a_compact_card_within_the_screen(
    logged_in_page, recruiter, busy
):
    page = logged_in_page(recruiter)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(reverse("followups:queue"))
    first = page.locator("table.followups tbody tr").first
    row = first.bounding_box()
    assert row["x"] >= 0 and row["x"] + row["width"] <= 390, row  # no sideways scrolling
    assert row["height"] < 300, row  # a few lines, not a column of single words
    done = first.locator("button.primary").bounding_box()
    assert done["x"] + done["width"] <= 390
