"""Click-to-call on the profile, in a real browser: the number is a tel: link; clicking it
asks how the call went, and one click logs it on the timeline without a reload."""

import pytest

from ghostless.candidates import services
from ghostless.timeline.models import Activity, Kind

pytestmark = pytest.mark.browser


def test_clicking_a_number_then_an_outcome_logs_the_call_in_place(
    logged_in_page, recruiter, candidate
):
    services.candidate_update(candidate=candidate, actor=recruiter, phones=["+44 20 7946 0958"])
    page = logged_in_page(recruiter)
    page.goto(f"/candidates/{candidate.pk}/")
    page.evaluate("window.stillTheSamePage = true")
    prompt = page.locator("#call-prompt")
    assert prompt.is_hidden()

    number = page.locator('a[href="tel:+442079460958"]')
    number.click()
    prompt.get_by_text("How did it go?").wait_for()
    assert "Calling +44 20 7946 0958" in prompt.inner_text()
    prompt.get_by_role("button", name="No answer").click()

    page.locator("#log-form").get_by_text("Call logged.").wait_for()
    prompt.wait_for(state="hidden")
    timeline = page.locator("#timeline")
    timeline.get_by_text("Called +44 20 7946 0958").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    call = Activity.objects.get(candidate=candidate, kind=Kind.CALL)
    assert (call.outcome, call.direction, call.actor) == ("no_answer", "outbound", recruiter)


def test_not_now_closes_the_prompt_and_logs_nothing(logged_in_page, recruiter, candidate):
    services.candidate_update(candidate=candidate, actor=recruiter, phones=["+1 415 555 0100"])
    page = logged_in_page(recruiter)
    page.goto(f"/candidates/{candidate.pk}/")
    page.locator('a[href^="tel:"]').click()
    page.get_by_role("button", name="Not now").click()
    page.locator("#call-prompt").wait_for(state="hidden")
    assert not Activity.objects.filter(candidate=candidate, kind=Kind.CALL).exists()
