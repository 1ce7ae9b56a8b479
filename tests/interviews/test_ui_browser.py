"""In a real browser, the whole round: a recruiter schedules an interview from a board card,
the interviewer finds it under My interviews, opens the kit, sees no one else's scorecard,
submits his own, and reads the others' only then."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ghostless.interviews.models import Interview
from ghostless.interviews.scorecards import scorecard_submit
from tests.interviews.factories_scorecards import planned_for

pytestmark = pytest.mark.browser


def test_schedule_from_the_board_then_feedback_stays_independent(
    logged_in_page, recruiter, application, interviewer, second_interviewer
):
    planned_for(application.stage)
    start = (timezone.localtime() + timedelta(days=7)).replace(hour=10, minute=0)
    board = reverse("jobs:board", args=[application.job_id])

    page = logged_in_page(recruiter)
    page.goto(board)
    card = page.locator(f"#app-{application.pk}")
    card.get_by_text("More").click()
    card.get_by_role("link", name="Schedule interview").click()
    page.wait_for_url("**/interviews/schedule/**")
    assert page.get_by_label("Title").input_value() == "Technical interview"
    page.get_by_label("Starts").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Location").fill("Room 4")
    page.get_by_label("Rita Reyes (recruiter)").uncheck()
    page.get_by_label("Ivan Interviewer (interviewer)").check()
    page.get_by_label("Ines Inquirer (interviewer)").check()
    page.get_by_role("button", name="Schedule and send invites").click()
    page.wait_for_url(f"**{board}")
    page.get_by_text("Interview scheduled. Invites are on their way to 3 people.").wait_for()

    interview = Interview.objects.get(application=application)
    assert {a.user_id for a in interview.attendees.all() if a.user_id} == {
        interviewer.pk,
        second_interviewer.pk,
    }
    scorecard_submit(
        interview=interview,
        actor=second_interviewer,
        ratings={"System design": "no", "Communication": "no"},
        recommendation="no",
        notes="INES-NOTES-STAY-HIDDEN",
    )

    ivan = logged_in_page(interviewer)
    ivan.goto(reverse("interviews:mine"))
    ivan.locator("section", has=ivan.get_by_role("heading", name="Upcoming")).get_by_role(
        "link", name="Technical interview with Cara Candidate"
    ).click()
    ivan.wait_for_url(f"**/interviews/{interview.pk}/kit/")
    assert ivan.get_by_text("INES-NOTES-STAY-HIDDEN").count() == 0
    ivan.get_by_role("group", name="System design").get_by_label("Yes", exact=True).check()
    ivan.get_by_role("group", name="Communication").get_by_label("Strong yes").check()
    ivan.get_by_label("Key take-aways").fill("Solid; clear about trade-offs.")
    ivan.get_by_role("group", name="Overall recommendation").get_by_label("Yes", exact=True).check()
    ivan.get_by_role("button", name="Submit scorecard").click()
    ivan.get_by_text("Scorecard submitted.").wait_for()
    assert ivan.get_by_text("INES-NOTES-STAY-HIDDEN").is_visible()
