from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ghostless.followups.business_time import add_business_days
from ghostless.followups.models import FollowUp
from ghostless.followups.services import followup_snooze
from tests.factories import ApplicationFactory, CandidateFactory
from tests.followups.conftest import HTMX, remind

WEDNESDAY = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)


def waited_since(followup, delta):
    FollowUp.objects.filter(pk=followup.pk).update(waiting_since=timezone.now() - delta)


def test_home_is_the_queue_for_recruiters_and_the_jobs_for_hiring_managers(
    recruiter_client, manager_client
):
    assert recruiter_client.get("/").url == "/followups/"
    assert manager_client.get("/").url == "/jobs/"


def test_the_queue_puts_overdue_first_then_the_longest_wait(recruiter, recruiter_client):
    with time_machine.travel(WEDNESDAY, tick=False):
        late_short = remind(recruiter, CandidateFactory(first_name="Late"))
        late_long = remind(recruiter, CandidateFactory(first_name="Latest"))
        today_long = remind(
            recruiter, CandidateFactory(first_name="Today"), due_in=timedelta(hours=2)
        )
        waited_since(late_short, timedelta(days=1))
        waited_since(late_long, timedelta(days=5))
        waited_since(today_long, timedelta(days=6))
        html = recruiter_client.get("/followups/").content.decode()
    assert html.index("Latest") < html.index("Late ") < html.index("Today")
    assert html.count('<span class="badge overdue">Overdue</span>') == 2
    assert "5\xa0days" in html and "6\xa0days" in html


def test_a_row_links_to_the_candidate_the_job_a_reply_and_the_quick_log(
    overdue, application, job, recruiter_client
):
    html = recruiter_client.get("/followups/").content.decode()
    candidate = application.candidate_id
    assert f'<a href="/candidates/{candidate}/">Cara Candidate</a>' in html
    assert f'<a href="/jobs/{job.pk}/">Backend Engineer</a>' in html
    assert '<span class="badge reason-manual">Reminder</span>' in html
    assert f'href="/email/compose/{candidate}/?application={application.pk}"' in html
    assert f'href="/candidates/{candidate}/#log-heading"' in html
    assert "Call back" in html
    assert "never" in html  # no touch yet


def test_the_queue_shows_only_my_follow_ups_due_by_today(
    recruiter, other_recruiter, candidate, recruiter_client
):
    remind(other_recruiter, candidate, note="Ray's")
    remind(recruiter, candidate, due_in=timedelta(days=10), note="Next week")
    html = recruiter_client.get("/followups/").content.decode()
    assert "Ray&#x27;s" not in html and "Next week" not in html
    assert "Nobody is waiting on you" in html
    upcoming = recruiter_client.get("/followups/?tab=upcoming").content.decode()
    assert "Next week" in upcoming


def test_snoozed_follow_ups_have_their_own_tab(overdue, recruiter, recruiter_client):
    followup_snooze(followup=overdue, actor=recruiter, until=timezone.now() + timedelta(days=2))
    assert "Call back" not in recruiter_client.get("/followups/").content.decode()
    assert "Call back" in recruiter_client.get("/followups/?tab=snoozed").content.decode()


def test_marking_done_without_js_goes_back_with_a_message(overdue, recruiter_client):
    response = recruiter_client.post(f"/followups/{overdue.pk}/done/", {"next": "/followups/"})
    assert response.status_code == 302 and response.url == "/followups/"
    overdue.refresh_from_db()
    assert overdue.state == "done"
    html = recruiter_client.get(response.url).content.decode()
    assert "Done: Cara Candidate." in html


def test_marking_done_with_htmx_removes_the_row_and_recounts_the_badge(
    overdue, recruiter, candidate, recruiter_client
):
    remind(recruiter, candidate, note="Another")
    response = recruiter_client.post(f"/followups/{overdue.pk}/done/", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="followup-{overdue.pk}"' not in html
    assert '<span id="followups-badge" hx-swap-oob="true">' in html
    assert '<span class="badge overdue-badge">1<span class="visually-hidden"> overdue' in html
    assert "Done: Cara Candidate." in html


def test_marking_done_twice_shows_the_row_with_the_reason(overdue, recruiter_client):
    recruiter_client.post(f"/followups/{overdue.pk}/done/", **HTMX)
    html = recruiter_client.post(f"/followups/{overdue.pk}/done/", **HTMX).content.decode()
    assert f'id="followup-{overdue.pk}"' in html
    assert "This follow-up is already done." in html


@pytest.mark.parametrize("days", [1, 3])
def test_snoozing_counts_business_days(overdue, recruiter_client, days):
    with time_machine.travel(datetime(2026, 11, 20, 15, 0, tzinfo=UTC), tick=False):  # Friday
        response = recruiter_client.post(f"/followups/{overdue.pk}/snooze/", {"when": days})
        overdue.refresh_from_db()
        assert overdue.due_at == add_business_days(timezone.now(), days)
    assert response.status_code == 302
    assert overdue.state == "snoozed"
    assert overdue.due_at.weekday() in (0, 2)  # Monday or Wednesday, not the weekend


def test_snoozing_to_a_date_wakes_it_that_morning_in_my_zone(overdue, recruiter, recruiter_client):
    recruiter.time_zone = "Europe/Berlin"
    recruiter.save()
    with time_machine.travel(WEDNESDAY, tick=False):
        recruiter_client.post(
            f"/followups/{overdue.pk}/snooze/", {"when": "date", "on": "2026-11-24"}
        )
    overdue.refresh_from_db()
    assert overdue.due_at == datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # 09:00 in Berlin


def test_snoozing_to_a_past_date_is_refused_in_the_row(overdue, recruiter_client):
    response = recruiter_client.post(
        f"/followups/{overdue.pk}/snooze/", {"when": "date", "on": "2020-01-01"}, **HTMX
    )
    assert "Pick a date after today." in response.content.decode()
    overdue.refresh_from_db()
    assert overdue.state == "open"


def test_the_nav_shows_the_overdue_count_on_every_page_for_recruiters(
    overdue, recruiter_client, manager_client
):
    html = recruiter_client.get("/candidates/").content.decode()
    assert 'href="/followups/"' in html
    assert '<span class="badge overdue-badge">1<span class="visually-hidden"> overdue' in html
    assert 'href="/followups/"' not in manager_client.get("/jobs/").content.decode()


def test_hiring_managers_have_no_queue_and_cannot_act(overdue, manager_client, outsider_client):
    assert manager_client.get("/followups/").status_code == 404
    assert manager_client.post(f"/followups/{overdue.pk}/done/").status_code == 403
    assert manager_client.post(f"/followups/{overdue.pk}/snooze/", {"when": 1}).status_code == 403
    assert outsider_client.post(f"/followups/{overdue.pk}/done/").status_code == 403
    overdue.refresh_from_db()
    assert overdue.state == "open"


def test_another_recruiter_may_close_a_colleagues_follow_up(overdue, other_recruiter):
    from tests.conftest import client_for

    client_for(other_recruiter).post(f"/followups/{overdue.pk}/done/")
    overdue.refresh_from_db()
    assert overdue.state == "done" and overdue.closed_by == other_recruiter


def test_an_unknown_follow_up_is_not_found(recruiter_client):
    assert recruiter_client.post("/followups/999/done/").status_code == 404


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_queue_costs_the_same_for_5_and_50_rows(recruiter, other_recruiter, job, settings):
    from tests.conftest import client_for

    settings.PAGE_SIZE = 100
    for user, n in ((recruiter, 5), (other_recruiter, 50)):
        for _ in range(n):
            application = ApplicationFactory(job=job)
            remind(user, application.candidate, application=application, note="x")
    few = count_queries(client_for(recruiter), "/followups/")
    many = count_queries(client_for(other_recruiter), "/followups/")
    assert few == many


def test_pages_run_through_the_overdue_then_those_due_later_today(recruiter, settings):
    from tests.conftest import client_for

    settings.PAGE_SIZE = 3
    with time_machine.travel(WEDNESDAY, tick=False):
        for i in range(4):
            late = remind(recruiter, CandidateFactory(first_name=f"Late{i}"))
            waited_since(late, timedelta(days=10 - i))
        for i in range(3):
            soon = remind(
                recruiter, CandidateFactory(first_name=f"Soon{i}"), due_in=timedelta(hours=2)
            )
            waited_since(soon, timedelta(days=20 - i))
        client = client_for(recruiter)
        pages = [client.get(f"/followups/?page={n}").content.decode() for n in (1, 2, 3)]
    order = [f"Late{i}" for i in range(4)] + [f"Soon{i}" for i in range(3)]
    shown = [[name for name in order if f">{name} " in page] for page in pages]
    assert shown == [order[0:3], order[3:6], order[6:7]]
    assert "Page 3 of 3" in pages[2]
