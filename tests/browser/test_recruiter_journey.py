"""The issue's end-to-end path: log in, open a job, move a candidate on, log a call, and see
both on the candidate's timeline."""

import pytest

from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

pytestmark = pytest.mark.browser


def test_recruiter_moves_a_candidate_and_logs_a_call(logged_in_page, recruiter):
    job = JobFactory(title="Platform Engineer", recruiters=[recruiter])
    candidate = CandidateFactory(first_name="Nia", last_name="Okafor", owner=recruiter)
    application = ApplicationFactory(candidate=candidate, job=job)

    page = logged_in_page(recruiter)
    page.get_by_role("link", name="Jobs", exact=True).click()
    page.get_by_role("link", name="Platform Engineer", exact=True).click()
    page.get_by_role("link", name="Board").first.click()

    page.select_option(f"#move-{application.pk}", label="Applied")
    page.locator(f"#move-{application.pk}").locator("xpath=..").get_by_role(
        "button", name="Move"
    ).click()
    page.locator("#board_status").get_by_text("Moved Nia Okafor to Applied.").wait_for()

    page.get_by_role("link", name="Nia Okafor").first.click()
    page.select_option("#id_log-kind", "call")
    page.select_option("#id_log-direction", "outbound")
    page.select_option("#id_log-outcome", "connected")
    page.fill("#id_log-subject", "Talked through the role")
    page.get_by_role("button", name="Log it").click()
    page.get_by_text("Call logged.").wait_for()

    timeline = page.locator("#timeline-entries")
    timeline.get_by_text("Talked through the role").wait_for()
    timeline.get_by_text("Platform Engineer: Sourced → Applied").wait_for()
    entries = timeline.locator("li").all_inner_texts()
    assert "Talked through the role" in entries[0]
    assert any("Sourced → Applied" in entry for entry in entries[1:])
