import csv
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ghostless.jobs.models import Application, ApplicationStatus
from tests.factories import ApplicationFactory, CandidateFactory, UserFactory
from tests.reports.conftest import RANGE, at

pytestmark = pytest.mark.django_db
URL = reverse("reports:ghosting")


def _csv(response) -> list[list[str]]:
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def test_page_shows_figures_charts_and_tables(
    world, recruiter_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = recruiter_client.get(URL, RANGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'canvas data-chart="told-chart"' in body
    assert '<script id="told-chart" type="application/json">' in body
    assert "reports/charts.js" in body
    assert "<script>" not in body  # nothing inline: works under script-src 'self'
    assert "Of 5 applicants decided, 20% were told within 2 business days" in body
    assert world.apps["a3"].get_absolute_url() in body  # never told, linked
    assert "A2 Person" in body  # never answered


def test_query_count_does_not_grow_with_rows(world, recruiter_client, recruiter):
    recruiter_client.get(URL, RANGE)
    with CaptureQueriesContext(connection) as before:
        recruiter_client.get(URL, RANGE)
    for n in range(5):
        person = CandidateFactory(first_name=f"More{n}", owner=recruiter)
        more = ApplicationFactory(candidate=person, job=world.backend)
        Application.objects.filter(pk=more.pk).update(
            status=ApplicationStatus.REJECTED, status_changed_at=at(10, 9), owner=recruiter
        )
    with CaptureQueriesContext(connection) as after:
        recruiter_client.get(URL, RANGE)
    assert len(after) == len(before)


def test_empty_range_says_what_is_missing(world, recruiter_client):
    response = recruiter_client.get(URL, {"from": "2025-01-01", "to": "2025-01-31"})
    assert "Nothing to measure in this range." in response.content.decode()


def test_bad_filter_is_shown_beside_its_field(world, recruiter_client):
    response = recruiter_client.get(URL, {"owner": "nobody-here", **RANGE})
    assert response.status_code == 200
    assert "Pick someone from the list" in response.content.decode()


def test_filter_by_typed_owner_and_job_id(world, recruiter_client):
    response = recruiter_client.get(URL, {"owner": "ray", **RANGE})
    assert response.context["report"].total.decided == 1
    response = recruiter_client.get(URL, {"job": str(world.backend.pk), **RANGE})
    assert response.context["report"].total.decided == 4


def test_csv_streams_every_group(world, recruiter_client):
    rows = _csv(recruiter_client.get(URL, {**RANGE, "format": "csv"}))
    header = rows[0]
    assert header[:4] == ["group", "id", "name", "applications_decided"]
    total = dict(zip(header, rows[1], strict=True))
    assert (total["group"], total["applications_decided"], total["never_told"]) == (
        "total",
        "5",
        "1",
    )
    assert total["median_answer_hours"] == "18.0"
    assert [r[2] for r in rows if r[0] == "owner"] == ["Rita Reyes", "Ray Romano"]


def test_never_told_csv_lists_all_of_them(world, recruiter_client):
    rows = _csv(recruiter_client.get(URL, {**RANGE, "format": "csv", "list": "never_told"}))
    assert rows[0][0] == "application_id"
    assert [(r[2], r[4], r[5]) for r in rows[1:]] == [("A3 Person", "Backend Engineer", "rita")]


def test_accept_header_asks_for_csv(world, recruiter_client):
    response = recruiter_client.get(URL, RANGE, headers={"Accept": "text/csv"})
    assert response["Content-Type"].startswith("text/csv")


def test_manager_sees_only_her_jobs(world, manager_client):
    response = manager_client.get(URL, RANGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sales Lead" not in body
    assert response.context["report"].total.decided == 4


def test_interviewer_gets_no_report(world):
    client = Client()
    client.force_login(UserFactory(username="ivan", role="interviewer"))
    assert client.get(URL).status_code == 404


def test_nav_has_reports(world, recruiter_client):
    home = recruiter_client.get(reverse("home"), follow=True).content.decode()
    assert f'href="{reverse("reports:dashboard")}"' in home


def test_dashboard_sets_my_week_against_the_company(world, recruiter_client, manager_client):
    from datetime import UTC, datetime

    import time_machine

    # Friday 6 March: this week holds a1-a5's decisions (a5's job was filled that day).
    with time_machine.travel(datetime(2026, 3, 6, 18, tzinfo=UTC), tick=False):
        response = recruiter_client.get(reverse("reports:dashboard"))
        assert response.status_code == 200
        assert response.context["week"].total.decided == 4  # Rita's
        assert response.context["theirs"].total.decided == 5  # everyone's
        body = response.content.decode()
        assert 'canvas data-chart="dash-told-chart"' in body
        hers = manager_client.get(reverse("reports:dashboard"))
        assert hers.context["theirs"] is None
        assert hers.context["week"].total.decided == 4  # Backend Engineer's


def test_dashboard_charts_links_and_its_query_count(
    world, recruiter_client, recruiter, django_assert_num_queries
):
    import time_machine

    from tests.reports.conftest import NOW

    with time_machine.travel(NOW, tick=False), django_assert_num_queries(30):
        response = recruiter_client.get(reverse("reports:dashboard"))  # 3 ghosting reads, a funnel
    body = response.content.decode()
    for chart in ("dash-told-chart", "dash-replies-chart", "dash-funnel-chart"):
        assert f'canvas data-chart="{chart}"' in body
        assert f'<script id="{chart}" type="application/json">' in body
    # Rita's 13 weeks: a3 and a8 (February) never told, a2's reply never answered, linked.
    mine = f"{URL}?owner={recruiter.username}"
    assert f'href="{mine}#never-title"' in body
    assert f'href="{mine}#unanswered-title"' in body
    assert f'href="{mine}&amp;format=csv&amp;list=never_told"' in body
    assert f'href="{reverse("followups:queue")}"' in body
    trend = response.context["trend"].total
    assert (trend.never_told, trend.unanswered) == (2, 1)
    assert response.context["funnel"].total == 7  # her seven applications of 20 February


def test_date_boxes_show_the_range_in_use(world, recruiter_client):
    import time_machine

    from tests.reports.conftest import NOW

    with time_machine.travel(NOW, tick=False):
        body = recruiter_client.get(URL).content.decode()
        assert 'name="from" value="2025-12-25"' in body  # 91 days to 25 March
        assert 'name="to" value="2026-03-25"' in body
        assert 'href="?">Clear' not in body  # nothing was chosen
        chosen = recruiter_client.get(URL, {"from": "2026-03-01"}).content.decode()
        assert 'name="from" value="2026-03-01"' in chosen
        assert 'name="to" value="2026-03-25"' in chosen
        assert "format=csv" in chosen and "from=2026-03-01&amp;format=csv" in chosen
