"""In a real browser: each report draws its charts (Chart.js from our static files, no inline
script) and its accessible table beneath holds the figures."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.jobs.services import application_hire
from tests.factories import ActivityFactory, ApplicationFactory, CandidateFactory, JobFactory

pytestmark = pytest.mark.browser

REPORTS = {
    "/reports/ghosting/": ("told-chart", "told-title"),
    "/reports/funnel/": ("funnel-chart", "funnel-title"),
    "/reports/sources/": ("sources-chart", "sources-title"),
    "/reports/time-in-stage/": ("stays-chart", "stays-title"),
    "/reports/activity/": ("activity-chart", "weeks-title"),
    "/reports/time-to-hire/": ("hire-chart", "months-title"),
    "/reports/": ("dash-told-chart", "trend-title"),
}


def _drawn(page, chart: str) -> int:
    return page.wait_for_function(
        "id => { const c = document.querySelector(`canvas[data-chart='${id}']`);"
        " return window.Chart && c && window.Chart.getChart(c) ? c.width : 0; }",
        arg=chart,
    ).json_value()


def test_each_report_draws_its_chart_and_table(logged_in_page, recruiter):
    job = JobFactory(title="Lighthouse Keeper")
    for n, told in enumerate([True, False]):
        person = CandidateFactory(first_name=f"Ines{n}", last_name="Beam", owner=recruiter)
        application = ApplicationFactory(candidate=person, job=job)
        Application.objects.filter(pk=application.pk).update(
            status=ApplicationStatus.REJECTED,
            status_changed_at=timezone.now() - timedelta(days=3),
            told_at=timezone.now() - timedelta(days=2) if told else None,
            owner=recruiter,
        )
        ActivityFactory(candidate=person, application=application, actor=recruiter)
    hired = ApplicationFactory(candidate=CandidateFactory(owner=recruiter), job=job)
    application_hire(application=hired, actor=recruiter)  # keeps what the funnel counts by
    Application.objects.filter(pk=hired.pk).update(
        status_changed_at=timezone.now() - timedelta(days=1)
    )
    page = logged_in_page(recruiter)
    for url, (chart, title) in REPORTS.items():
        page.goto(url)
        assert _drawn(page, chart) > 0, url
        table = page.locator(f"table[aria-labelledby='{title}']")
        assert table.locator("tbody tr").count() > 0, url
    page.goto("/reports/ghosting/")
    summary = page.locator("#told-chart-summary").inner_text()
    assert "Of 2 applicants decided, 50% were told within 2 business days" in summary
    assert page.get_by_role("link", name="Ines1 Beam").count() == 1  # never told, linked


def test_dashboard_draws_three_charts_and_reads_their_tables(logged_in_page, recruiter):
    person = CandidateFactory(first_name="Ida", last_name="Lamp", owner=recruiter)
    application = ApplicationFactory(candidate=person, job=JobFactory(title="Lamp Lighter"))
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.REJECTED,
        status_changed_at=timezone.now() - timedelta(days=3),
        owner=recruiter,
    )
    page = logged_in_page(recruiter)
    page.goto("/reports/")
    for chart in ("dash-told-chart", "dash-replies-chart", "dash-funnel-chart"):
        assert _drawn(page, chart) > 0, chart
    never_told = page.locator("table[aria-labelledby='trend-title'] tbody td:nth-child(5)")
    assert sum(int(cell) for cell in never_told.all_inner_texts()) == 1
    stages = page.locator("table[aria-labelledby='funnel-title'] tbody th").all_inner_texts()
    assert stages == ["Applied", "Screen", "Interview", "Offer", "Hired"]
    page.get_by_role("link", name="Your applicants never told").click()
    page.wait_for_url("**/reports/ghosting/?owner=*")
    assert page.get_by_role("link", name="Ida Lamp").count() == 1
