"""In a real browser: a job filter is typed, suggested from the server, and picked."""

import pytest

from tests.factories import ApplicationFactory, CandidateFactory, JobFactory

pytestmark = pytest.mark.browser


def test_typing_a_job_suggests_it_and_picking_it_filters_the_list(logged_in_page, recruiter):
    job = JobFactory(title="Lighthouse Keeper", status="filled")
    ApplicationFactory(candidate=CandidateFactory(first_name="Ines", last_name="Beam"), job=job)
    CandidateFactory(first_name="Otto", last_name="Elsewhere")
    page = logged_in_page(recruiter)
    page.goto("/candidates/")
    box = page.locator("#id_job")
    box.click()
    box.press_sequentially("lighth")
    option = page.locator(f'#id_job-options option[value="Lighthouse Keeper (#{job.pk})"]')
    option.wait_for(state="attached")
    assert "Filled" in option.inner_text()
    box.fill(option.get_attribute("value"))
    box.press("Tab")
    # Picking the job offers its stages, swapped in without a reload.
    page.locator("#id_stage option", has_text="Screen").wait_for(state="attached")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Ines Beam").wait_for()
    assert page.get_by_role("link", name="Otto Elsewhere").count() == 0
    assert page.locator("#id_job").input_value() == f"Lighthouse Keeper (#{job.pk})"
