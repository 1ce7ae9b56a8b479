"""In a real browser: the interviewer opens the kit from his home page, sees no one else's
scorecard, submits his with the keyboard and mouse, and only then reads the others'. The
kit and the plan page fit a phone."""

import os

import pytest

from ghostless.interviews.scorecards import scorecard_submit
from tests.interviews.factories_scorecards import interview_on

pytestmark = pytest.mark.browser

# Set to a folder to keep screenshots of the pages at each width (for a person to look at).
SHOTS = os.environ.get("GHOSTLESS_SHOTS")


def shoot(page, name: str):
    if SHOTS:
        for width in (1366, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
        page.set_viewport_size({"width": 1366, "height": 900})
        page.emulate_media(media="print")
        page.screenshot(path=f"{SHOTS}/{name}-print.png", full_page=True)
        page.emulate_media(media="screen")


def no_sideways_scroll(page):
    page.set_viewport_size({"width": 390, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1366, "height": 900})


def test_the_interviewer_sees_the_others_only_after_submitting(
    logged_in_page, application, interviewer, second_interviewer
):
    panel = interview_on(application, interviewers=[interviewer, second_interviewer])
    scorecard_submit(
        interview=panel,
        actor=second_interviewer,
        ratings={"System design": "strong_no", "Communication": "no"},
        recommendation="definitely_not",
        notes="INES-SECRET-NOTES",
    )
    page = logged_in_page(interviewer)
    page.get_by_role("link", name="Technical interview").first.click()
    page.wait_for_url(f"**/interviews/{panel.pk}/kit/")
    assert page.get_by_text("INES-SECRET-NOTES").count() == 0
    shoot(page, "kit-before")
    no_sideways_scroll(page)
    page.get_by_role("group", name="System design").get_by_label("Strong yes").check()
    page.get_by_role("group", name="Communication").get_by_label("Yes", exact=True).check()
    page.get_by_label("Notes on: Design a URL shortener.").fill("Sharded counters, clear.")
    page.get_by_label("Key take-aways").fill("Hire.")
    page.get_by_role("group", name="Overall recommendation").get_by_label("Strong yes").check()
    page.get_by_label("Key take-aways").focus()
    page.get_by_role("button", name="Submit scorecard").press("Enter")
    page.wait_for_selector("#feedback")
    assert page.get_by_text("Scorecard submitted.").is_visible()
    assert page.get_by_text("INES-SECRET-NOTES").is_visible()
    assert page.get_by_role("heading", name="Amend your scorecard").is_visible()
    shoot(page, "kit-after")
    no_sideways_scroll(page)


def test_the_plan_page_fits_a_phone(logged_in_page, admin, job):
    page = logged_in_page(admin)
    page.goto(f"/interviews/plans/jobs/{job.pk}/")
    first = job.stages.order_by("order", "id").first()
    page.get_by_text(f"Add an interview to {first.name}").click()
    page.get_by_label("Title").first.fill("Phone screen")
    page.locator(f"#p{first.pk}-attributes-0").fill("Motivation\nCommunication")
    page.get_by_role("button", name=f"Save the plan of {first.name}").click()
    assert page.get_by_text(f"Saved the interview plan of {first.name}.").is_visible()
    shoot(page, "plan")
    no_sideways_scroll(page)


def test_the_application_page_lines_up_the_feedback(
    logged_in_page, application, interviewer, second_interviewer, recruiter
):
    panel = interview_on(application, interviewers=[interviewer, second_interviewer])
    scorecard_submit(
        interview=panel,
        actor=interviewer,
        ratings={"System design": "strong_yes", "Communication": "no"},
        recommendation="yes",
        notes={"Design a URL shortener.": "Good hashing plan."},
        takeaways="Would work well with the platform team.",
    )
    page = logged_in_page(recruiter)
    page.goto(f"/jobs/applications/{application.pk}/")
    feedback = page.locator("#feedback")
    assert feedback.get_by_role("cell", name="Strong yes").is_visible()
    assert feedback.get_by_text("Ines Inquirer for Technical interview").is_visible()
    shoot(page, "application-feedback")
    no_sideways_scroll(page)
