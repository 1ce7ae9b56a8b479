"""The private calendar feed: the user's interviews for a calendar to subscribe to."""

from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from ghostless.interviews import services
from tests.interviews import invites_fixtures as fixtures
from tests.interviews.invites_fixtures import schedule

ivan, iris = fixtures.ivan, fixtures.iris


def feed(secret: str):
    return Client().get(reverse("calendar_feed", args=[secret]))


def test_the_feed_lists_the_users_interviews_until_revoked(
    application, recruiter, ivan, iris, eml_outbox, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    mine = schedule(application, recruiter, [ivan], capture, title="Panel A")
    schedule(application, recruiter, [iris], capture, title="Panel B")
    dropped = schedule(application, recruiter, [ivan], capture, title="Panel C")
    services.interview_cancel(interview=dropped, actor=recruiter)
    secret = services.calendar_feed_create(user=ivan)

    response = feed(secret)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["method"] == "PUBLISH"
    assert [str(e["uid"]) for e in calendar.walk("VEVENT")] == [mine.uid]
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Panel A"]

    services.calendar_feed_revoke(user=ivan)
    assert feed(secret).status_code == 404


def test_a_new_secret_ends_the_old_one_and_unknown_secrets_are_404(ivan):
    first = services.calendar_feed_create(user=ivan)
    second = services.calendar_feed_create(user=ivan)
    assert feed(first).status_code == 404
    assert feed(second).status_code == 200
    assert feed("not-a-secret").status_code == 404
    assert ivan.calendar_feeds.get(revoked_at__isnull=True).key_hash != second


def test_an_inactive_users_feed_is_gone(ivan):
    secret = services.calendar_feed_create(user=ivan)
    ivan.is_active = False
    ivan.save()
    assert feed(secret).status_code == 404
