"""The triage inbox: mail that matched nobody waits for a person, who attaches or dismisses it."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from ghostless.messaging.inbound import receive
from ghostless.messaging.models import InboundEmail
from ghostless.timeline.models import Activity
from tests.conftest import client_for
from tests.factories import ApplicationFactory, CandidateFactory
from tests.messaging.conftest import raw_email

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def stray(db, settings, tmp_path):
    """An email from an address no candidate has, with a resume attached."""
    settings.MEDIA_ROOT = tmp_path
    return receive(raw_email(attachment=("resume.pdf", b"%PDF-1.4 resume")), source="webhook")


def test_unmatched_mail_waits_in_the_inbox_with_sender_snippet_and_attachments(
    recruiter_client, stray
):
    assert stray.state == "triage"
    page = recruiter_client.get(reverse("messaging:triage")).content.decode()
    assert "Sam Sender" in page and "sam@elsewhere.test" in page
    assert "About the backend role" in page
    assert "is the backend role still open?" in page
    assert "<td>1</td>" in page  # one attachment
    assert reverse("messaging:triage_email", args=[stray.pk]) in page


def test_the_inbox_lists_newest_first_in_the_users_time_zone(recruiter, db):
    older = receive(raw_email(subject="Older", message_id="<a@x.test>"), source="imap")
    newer = receive(raw_email(subject="Newer", message_id="<b@x.test>"), source="imap")
    received = datetime.fromisoformat("2025-03-04T10:00:00+00:00")
    InboundEmail.objects.filter(pk=older.pk).update(received_at=received - timedelta(hours=1))
    InboundEmail.objects.filter(pk=newer.pk).update(received_at=received)
    recruiter.time_zone = "America/New_York"
    recruiter.save()
    page = client_for(recruiter).get(reverse("messaging:triage")).content.decode()
    assert page.index("Newer") < page.index("Older")
    assert 'datetime="2025-03-04T05:00:00-05:00"' in page


def test_an_empty_inbox_says_what_lands_there(recruiter_client):
    page = recruiter_client.get(reverse("messaging:triage")).content.decode()
    assert "Nothing is waiting." in page


def test_the_email_page_shows_the_message_and_its_attachment(recruiter_client, stray):
    page = recruiter_client.get(reverse("messaging:triage_email", args=[stray.pk])).content.decode()
    assert "Hi, is the backend role still open?" in page
    attachment = stray.attachments.get()
    assert reverse("messaging:attachment", args=[attachment.pk]) in page
    download = recruiter_client.get(reverse("messaging:attachment", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 resume"


def test_the_candidate_search_finds_people_by_email_in_place(recruiter_client, stray, application):
    response = recruiter_client.get(
        reverse("messaging:triage_email", args=[stray.pk]),
        {"q": "cara@example"},
        HTTP_HX_TARGET="matches",
        **HTMX,
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="matches"')
    assert "Attach to Cara Candidate" in html
    assert f'<option value="{application.pk}">Backend Engineer' in html


def test_attaching_puts_the_email_on_the_candidates_timeline(
    recruiter_client, recruiter, stray, application
):
    response = recruiter_client.post(
        reverse("messaging:triage_attach", args=[stray.pk]),
        {"candidate": application.candidate_id, "application": application.pk},
    )
    assert response.status_code == 302
    stray.refresh_from_db()
    assert (stray.state, stray.candidate, stray.application, stray.handled_by) == (
        "matched",
        application.candidate,
        application,
        recruiter,
    )
    activity = Activity.objects.get(kind="email", direction="inbound")
    assert (activity.candidate, activity.application) == (application.candidate, application)
    profile = recruiter_client.get(application.candidate.get_absolute_url()).content.decode()
    assert "About the backend role" in profile
    waiting = recruiter_client.get(reverse("messaging:triage")).content.decode()
    assert reverse("messaging:triage_email", args=[stray.pk]) not in waiting


def test_attaching_refuses_an_application_of_someone_else(recruiter_client, stray, candidate, job):
    other = ApplicationFactory(candidate=CandidateFactory(first_name="Olga"), job=job)
    response = recruiter_client.post(
        reverse("messaging:triage_attach", args=[stray.pk]),
        {"candidate": candidate.pk, "application": other.pk},
        follow=True,
    )
    assert "Choose one of this candidate&#x27;s applications." in response.content.decode()
    stray.refresh_from_db()
    assert stray.state == "triage"


def test_attaching_without_a_candidate_explains_what_to_do(recruiter_client, stray):
    response = recruiter_client.post(
        reverse("messaging:triage_attach", args=[stray.pk]), {}, follow=True
    )
    assert "Choose the candidate this email belongs to." in response.content.decode()


def test_dismissed_mail_is_kept_under_dismissed_read_only(recruiter_client, recruiter, stray):
    response = recruiter_client.post(reverse("messaging:triage_dismiss", args=[stray.pk]))
    assert response.status_code == 302
    stray.refresh_from_db()
    assert (stray.state, stray.handled_by) == ("dismissed", recruiter)
    row_link = reverse("messaging:triage_email", args=[stray.pk])
    assert row_link not in recruiter_client.get(reverse("messaging:triage")).content.decode()
    dismissed = recruiter_client.get(reverse("messaging:triage"), {"state": "dismissed"})
    assert row_link in dismissed.content.decode()
    page = recruiter_client.get(reverse("messaging:triage_email", args=[stray.pk])).content.decode()
    assert "read-only" in page and reverse("messaging:triage_attach", args=[stray.pk]) not in page


def test_hiring_managers_find_no_inbox_and_cannot_act_on_it(manager_client, stray, application):
    assert manager_client.get(reverse("messaging:triage")).status_code == 404
    assert manager_client.get(reverse("messaging:triage_email", args=[stray.pk])).status_code == 404
    attach = manager_client.post(
        reverse("messaging:triage_attach", args=[stray.pk]), {"candidate": application.candidate_id}
    )
    assert attach.status_code == 403
    assert (
        manager_client.post(reverse("messaging:triage_dismiss", args=[stray.pk])).status_code == 403
    )
    stray.refresh_from_db()
    assert stray.state == "triage"
    assert (
        reverse("messaging:triage") not in manager_client.get(reverse("jobs:list")).content.decode()
    )


def test_the_nav_counts_email_waiting_in_triage(recruiter_client, stray):
    page = recruiter_client.get(reverse("jobs:list")).content.decode()
    assert 'Inbox <span class="badge">1<span class="visually-hidden"> waiting</span>' in page
