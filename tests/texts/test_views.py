"""The texts pages: compose says what will happen before sending, the profile shows who may be
texted, the queue and the job page offer texts, triage places unknown numbers."""

import pytest
from django.contrib.messages import get_messages

from ghostless.followups.models import FollowUp, Reason
from ghostless.texts.models import InboundText, SmsTemplate, Text
from ghostless.timeline.models import Activity

pytestmark = pytest.mark.django_db


def flashes(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def compose(client, candidate, **fields):
    data = {"idempotency_key": "form-1", "when": "now", "to_phone": "+15005550006"} | fields
    return client.post(f"/texts/compose/{candidate.pk}/", data)


def test_a_composed_text_goes_out_and_shows_on_the_profile(
    twilio, recruiter_client, texter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = compose(recruiter_client, texter, body="Hi {{ candidate.first_name }}")
    assert response.status_code == 302 and flashes(response) == ["Text queued."]
    assert twilio.requests[0]["form"]["Body"] == "Hi Cara"
    html = recruiter_client.get(f"/candidates/{texter.pk}/").content.decode()
    assert 'id="texts"' in html and "May be texted" in html
    assert html.count('class="badge status-sent">Sent</span>') >= 2  # the card and the timeline


def test_compose_says_quiet_hours_hold_the_text_before_it_is_sent(
    twilio, recruiter_client, texter, time_machine, django_capture_on_commit_callbacks
):
    texter.time_zone = "America/Chicago"
    texter.save()
    time_machine.move_to("2026-12-04T03:30Z")  # 21:30 in Chicago
    page = recruiter_client.get(f"/texts/compose/{texter.pk}/").content.decode()
    assert "Quiet hours (20:00–08:00 their time)" in page
    assert "Fri 4 Dec, 08:00 CST" in page
    assert "Queue for Cara&#x27;s morning" in page or "Queue for Cara's morning" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = compose(recruiter_client, texter, body="Hi")
    assert flashes(response) == [
        "Quiet hours for Cara: the text goes at Fri 4 Dec, 08:00 CST their time."
    ]
    assert not twilio.requests
    text = Text.objects.get()
    assert (text.status, text.held_until.isoformat()) == ("queued", "2026-12-04T14:00:00+00:00")


def test_a_refused_text_is_a_form_error_not_a_500(recruiter_client, texter, twilio):
    response = compose(recruiter_client, texter, body="")
    assert response.status_code == 422
    assert "Write the text, or choose a template." in response.content.decode()


def test_an_opted_out_candidate_is_shown_as_such_and_cannot_be_composed_to(
    recruiter_client, texter, twilio
):
    texter.phones.update(sms_opted_out_at="2026-12-01T00:00Z")
    profile = recruiter_client.get(f"/candidates/{texter.pk}/").content.decode()
    assert "No texts" in profile and "Send a text" not in profile
    page = recruiter_client.get(f"/texts/compose/{texter.pk}/").content.decode()
    assert "Cara cannot be texted" in page and "<textarea" not in page


def test_preview_counts_the_merged_text(recruiter_client, texter, twilio):
    response = compose(
        recruiter_client, texter, body="Hi {{ candidate.first_name }} €", action="preview"
    )
    page = response.content.decode()
    assert "Hi Cara €" in page and "10 characters · 1 part (GSM-7)" in page


def test_the_queue_offers_a_text_to_a_textable_candidate(recruiter_client, texter, recruiter):
    from django.utils import timezone

    now = timezone.now()
    FollowUp.objects.create(
        candidate=texter, assignee=recruiter, reason=Reason.MANUAL, due_at=now, waiting_since=now
    )
    page = recruiter_client.get("/followups/").content.decode()
    assert f'href="/texts/compose/{texter.pk}/"' in page


def test_text_selected_asks_first_then_queues_each_once(
    twilio, recruiter_client, texter, application, django_capture_on_commit_callbacks
):
    template = SmsTemplate.objects.get(purpose="follow_up")
    data = {
        "job": application.job_id,
        "applications": [application.pk],
        "sms_template": template.pk,
        "key": "6f1c1e4e-7f7e-4a53-9d55-3d7a1a1c2b3a",
    }
    ask = recruiter_client.post("/texts/bulk/", data).content.decode()
    assert "Text “Checking in (text)” to 1 applicant?" in ask and "Hi Cara" in ask
    assert not Text.objects.exists()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            recruiter_client.post("/texts/bulk/", data | {"confirm": "yes"})
    assert Text.objects.count() == 1 and len(twilio.requests) == 1


def test_triage_puts_a_text_on_the_senders_timeline(recruiter_client, texter):
    row = InboundText.objects.create(
        sid="SM1", from_phone="+15005559999", body="New number", state="triage"
    )
    page = recruiter_client.get("/texts/triage/", {"text": row.pk, "q": "Cara"}).content.decode()
    assert "New number" in page and "Put on Cara Candidate's timeline" in page
    recruiter_client.post(f"/texts/triage/{row.pk}/attach/", {"candidate": texter.pk})
    row.refresh_from_db()
    assert row.state == "matched"
    assert Activity.objects.get(kind="sms").body == "New number"


def test_hiring_managers_get_no_texts_card(manager_client, texter, application):
    page = manager_client.get(f"/candidates/{texter.pk}/").content.decode()
    assert 'id="texts"' not in page


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_texts_card_and_triage_cost_the_same_for_one_or_many_rows(recruiter_client, texter):
    def add(n):
        for i in range(n):
            Text.objects.create(candidate=texter, to_phone="+15005550006", body=f"T{i}")
            InboundText.objects.create(
                sid=f"SM{Text.objects.count()}", from_phone="+15005559999", state="triage"
            )

    add(1)
    profile = _queries(recruiter_client, f"/candidates/{texter.pk}/")
    triage = _queries(recruiter_client, "/texts/triage/")
    add(6)
    assert _queries(recruiter_client, f"/candidates/{texter.pk}/") == profile
    assert _queries(recruiter_client, "/texts/triage/") == triage
