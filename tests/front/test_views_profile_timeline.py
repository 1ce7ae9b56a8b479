from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.timeline.models import Activity, Direction, Kind
from tests.conftest import HTMX, client_for
from tests.factories import ActivityFactory, ApplicationFactory


def subjects(response) -> list[str]:
    return [a.subject for a in response.context["timeline_page"].object_list]


@pytest.fixture
def history(application, other_job):
    """A call and an email about the Backend job, and a note about the Sales job."""
    candidate = application.candidate
    elsewhere = ApplicationFactory(candidate=candidate, job=other_job)
    now = timezone.now()
    ActivityFactory(
        candidate=candidate,
        application=application,
        kind=Kind.CALL,
        subject="Screen call",
        occurred_at=now - timedelta(hours=3),
    )
    ActivityFactory(
        candidate=candidate,
        application=application,
        kind=Kind.EMAIL,
        subject="Invite sent",
        occurred_at=now - timedelta(hours=2),
    )
    ActivityFactory(
        candidate=candidate,
        application=elsewhere,
        kind=Kind.NOTE,
        subject="Sales note",
        direction=Direction.INTERNAL,
        occurred_at=now - timedelta(hours=1),
    )
    return candidate


def test_kind_filter_shows_only_that_kind(recruiter_client, history):
    response = recruiter_client.get(f"/candidates/{history.pk}/", {"kind": "call"})
    assert subjects(response) == ["Screen call"]


def test_job_filter_shows_only_that_jobs_entries(recruiter_client, history, job):
    response = recruiter_client.get(f"/candidates/{history.pk}/", {"job": job.pk})
    assert subjects(response) == [
        "Added to Backend Engineer at Sourced",
        "Invite sent",
        "Screen call",
    ]


def test_htmx_filter_returns_only_the_timeline_fragment(recruiter_client, history):
    response = recruiter_client.get(
        f"/candidates/{history.pk}/",
        {"kind": "email"},
        HTTP_HX_TARGET="timeline-entries",
        **HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="timeline-entries"')
    assert "Invite sent" in html and "Screen call" not in html
    assert "<html" not in html


def test_filter_form_works_without_javascript_and_offers_the_candidates_jobs(
    recruiter_client, history
):
    html = recruiter_client.get(f"/candidates/{history.pk}/").content.decode()
    assert 'method="get"' in html and 'hx-push-url="true"' in html
    assert '<label for="timeline-kind"' in html and '<label for="timeline-job"' in html
    assert "Sales Lead</option>" in html


def test_hiring_manager_job_filter_offers_only_her_jobs(manager_client, history):
    html = manager_client.get(f"/candidates/{history.pk}/").content.decode()
    assert "Backend Engineer</option>" in html
    assert "Sales Lead" not in html


@pytest.mark.parametrize(
    "query",
    [{"kind": "poem"}, {"job": "abc"}, {"job": "99999"}, {"page": "x"}, {"page": "1000"}],
)
def test_bad_timeline_filters_never_break_the_profile(recruiter_client, history, query):
    assert recruiter_client.get(f"/candidates/{history.pk}/", query).status_code == 200


def test_timeline_pages_by_25_with_older_and_newer_links(recruiter_client, candidate):
    now = timezone.now()
    for i in range(30):
        ActivityFactory(candidate=candidate, subject=f"Call {i}", occurred_at=now - timedelta(i))
    first = recruiter_client.get(f"/candidates/{candidate.pk}/", {"kind": "call"})
    assert len(subjects(first)) == 25
    assert subjects(first)[0] == "Call 0"
    assert "?kind=call&amp;page=2" in first.content.decode()
    assert "Older" in first.content.decode()
    second = recruiter_client.get(f"/candidates/{candidate.pk}/", {"kind": "call", "page": 2})
    assert subjects(second) == [f"Call {i}" for i in range(25, 30)]
    assert "Newer" in second.content.decode()


LOG = {
    "log-kind": "call",
    "log-direction": "outbound",
    "log-outcome": "left_voicemail",
    "log-occurred_at": "",
    "log-application": "",
    "log-subject": "Called about the role",
    "log-body": "Left a message.\nWill try Friday.",
}


@time_machine.travel(datetime(2025, 3, 10, 15, 0, tzinfo=UTC), tick=False)
def test_quick_log_via_htmx_returns_the_timeline_with_the_entry_on_top(recruiter_client, candidate):
    response = recruiter_client.post(
        f"/candidates/{candidate.pk}/log/",
        LOG | {"log-occurred_at": "2025-03-10T14:30"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    activity = Activity.objects.get(kind=Kind.CALL)
    assert activity.subject == "Called about the role"
    assert activity.outcome == "left_voicemail"
    assert subjects(response)[0] == "Called about the role"
    assert '<div id="log-form">' in html
    assert 'id="timeline" aria-labelledby="timeline-heading" hx-swap-oob="true"' in html
    assert "Call logged." in html
    # The form comes back empty for the next touch.
    assert "Left a message." in html.split('id="timeline"')[1]
    assert "Left a message." not in html.split('id="timeline"')[0]
    candidate.refresh_from_db()
    assert candidate.last_contact_at == activity.occurred_at


@time_machine.travel(datetime(2025, 3, 10, 15, 0, tzinfo=UTC), tick=False)
def test_quick_log_time_is_read_in_the_users_zone(recruiter, recruiter_client, candidate):
    recruiter.time_zone = "America/Los_Angeles"
    recruiter.save()
    recruiter_client.post(
        f"/candidates/{candidate.pk}/log/", LOG | {"log-occurred_at": "2025-03-10T07:45"}
    )
    activity = Activity.objects.get(kind=Kind.CALL)
    assert activity.occurred_at == datetime(2025, 3, 10, 14, 45, tzinfo=UTC)


@time_machine.travel(datetime(2025, 3, 10, 15, 0, tzinfo=UTC), tick=False)
def test_quick_log_form_defaults_to_now_in_the_users_zone(recruiter, recruiter_client, candidate):
    recruiter.time_zone = "Europe/Berlin"
    recruiter.save()
    html = recruiter_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert 'value="2025-03-10T16:00"' in html


def test_quick_log_without_javascript_redirects_back_with_a_message(recruiter_client, application):
    candidate = application.candidate
    data = LOG | {
        "log-occurred_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
        "log-application": application.pk,
        "log-private": "on",
    }
    response = recruiter_client.post(f"/candidates/{candidate.pk}/log/", data, follow=True)
    assert response.redirect_chain == [(f"/candidates/{candidate.pk}/", 302)]
    assert b"Call logged." in response.content
    activity = Activity.objects.get(kind=Kind.CALL)
    assert activity.application == application
    assert activity.private is True


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"log-occurred_at": "2999-01-01T10:00"}, "occurred_at", "cannot happen in the future"),
        ({"log-kind": "stage_change"}, "kind", "Select a valid choice"),
        ({"log-kind": "telegram"}, "kind", "Select a valid choice"),
        ({"log-direction": "sideways"}, "direction", "Select a valid choice"),
        ({"log-occurred_at": "yesterday-ish"}, "occurred_at", "Enter a valid date/time"),
        ({"log-application": "99999"}, "application", "Select a valid choice"),
    ],
)
def test_invalid_quick_log_shows_the_error_and_creates_nothing(
    recruiter_client, candidate, change, field, message
):
    before = Activity.objects.count()
    data = LOG | {"log-occurred_at": timezone.now().strftime("%Y-%m-%dT%H:%M")} | change
    response = recruiter_client.post(f"/candidates/{candidate.pk}/log/", data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="log-form">')
    assert message in html
    assert f'id="id_log-{field}_error"' in html
    assert 'aria-invalid="true"' in html
    assert Activity.objects.count() == before

    without_js = recruiter_client.post(f"/candidates/{candidate.pk}/log/", data)
    assert without_js.status_code == 422
    assert message in without_js.content.decode()
    assert Activity.objects.count() == before


def test_quick_log_against_another_candidates_application_is_refused(
    recruiter_client, candidate, stranger
):
    foreign = stranger.applications.get()
    data = LOG | {
        "log-occurred_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
        "log-application": foreign.pk,
    }
    response = recruiter_client.post(f"/candidates/{candidate.pk}/log/", data, **HTMX)
    assert "Select a valid choice" in response.content.decode()
    assert not Activity.objects.filter(candidate=candidate, kind=Kind.CALL).exists()


def test_hiring_manager_logs_feedback_on_her_job_and_it_is_never_private(
    hiring_manager, manager_client, application
):
    candidate = application.candidate
    page = manager_client.get(f"/candidates/{candidate.pk}/").content.decode()
    assert "log-private" not in page
    data = LOG | {
        "log-kind": "note",
        "log-direction": "internal",
        "log-outcome": "",
        "log-occurred_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
        "log-application": application.pk,
        "log-private": "on",
    }
    response = manager_client.post(f"/candidates/{candidate.pk}/log/", data, **HTMX)
    assert response.status_code == 200
    note = Activity.objects.get(kind=Kind.NOTE)
    assert (note.actor, note.application, note.private) == (hiring_manager, application, False)


def test_hiring_manager_cannot_log_against_another_jobs_application(
    manager_client, application, other_job
):
    candidate = application.candidate
    elsewhere = ApplicationFactory(candidate=candidate, job=other_job)
    base = LOG | {"log-occurred_at": timezone.now().strftime("%Y-%m-%dT%H:%M")}
    for choice in (elsewhere.pk, ""):
        response = manager_client.post(
            f"/candidates/{candidate.pk}/log/", base | {"log-application": choice}, **HTMX
        )
        assert 'id="id_log-application_error"' in response.content.decode()
    assert not Activity.objects.filter(kind=Kind.CALL).exists()
    # Otto, who manages the other job, cannot log on Hana's candidate through his own job either.
    outsider = client_for(other_job.hiring_manager)
    response = outsider.post(
        f"/candidates/{candidate.pk}/log/", base | {"log-application": elsewhere.pk}, **HTMX
    )
    assert response.status_code == 200
    assert Activity.objects.filter(kind=Kind.CALL, application=elsewhere).count() == 1


def test_quick_log_needs_a_post(recruiter_client, candidate):
    assert recruiter_client.get(f"/candidates/{candidate.pk}/log/").status_code == 405
