"""Nurture: one template to a talent pool or a selection, through the outbox, only to people
who agreed to hear from us, once per person however often the form is sent."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ghostless.core.errors import Conflict
from ghostless.messaging.links import read_keep_in_touch
from ghostless.messaging.models import Message, Suppression
from ghostless.pools import tasks
from ghostless.pools.models import NurtureSend, TalentPool
from ghostless.pools.nurture import nurture_progress, nurture_start
from ghostless.timeline.models import Activity, Kind
from tests.parsed_html import definitions, find, text
from tests.pools.conftest import member

HTMX = {"HTTP_HX_REQUEST": "true"}
KEY = "0b6f8e4c-2f7a-4bb0-9d7e-6c1f1f0a0c11"


@pytest.fixture
def pool(recruiter):
    """The pool emailed here, in place of the pages' pool of tests/pools/conftest.py."""
    return TalentPool.objects.create(name="Platform engineers", created_by=recruiter)


def send(client, *, template, pool=None, candidates=(), key=KEY, confirm="yes"):
    data = {"template": template.pk, "key": key, "confirm": confirm}
    if pool is not None:
        data["pool"] = pool.pk
    if candidates:
        data["candidates"] = [c.pk for c in candidates]
    return client.post(reverse("pools:nurture"), data)


def mixed_pool(pool):
    """Everyone who must be skipped, and one who must get the email."""
    return {
        "active": member(pool, consent="active"),
        "expired": member(pool, consent="expired"),
        "none": member(pool, consent="none"),
        "unsubscribed": member(pool, consent="active", unsubscribed=True),
        "no_email": member(pool, consent="active", email=False, first_name="Silent"),
    }


def test_emailing_a_pool_reaches_only_members_with_active_consent(
    recruiter_client, pool, newsletter, smtp, django_capture_on_commit_callbacks
):
    people = mixed_pool(pool)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(recruiter_client, template=newsletter, pool=pool)

    batch = NurtureSend.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pools:nurture_progress", args=[batch.key])
    assert [m["To"] for m in smtp.messages] == [f"active.{pool.pk}@example.org"]
    assert smtp.messages[0]["Subject"] == "News from us, Active"
    reasons = {row["candidate_id"]: row["code"] for row in batch.skipped}
    assert reasons == {
        people["expired"].pk: "no_consent",
        people["none"].pk: "no_consent",
        people["unsubscribed"].pk: "unsubscribed",
        people["no_email"].pk: "no_email",
    }


def test_a_pool_email_invites_to_stay_in_that_pool(
    recruiter, pool, newsletter, smtp, django_capture_on_commit_callbacks
):
    member(pool)
    with django_capture_on_commit_callbacks(execute=True):
        nurture_start(actor=recruiter, template=newsletter, pool=pool)
    body = smtp.messages[0].get_body(("plain",)).get_content()
    token = body.split("Stay in touch: http://127.0.0.1:8000/c/keep-in-touch/")[1].split("/")[0]
    assert read_keep_in_touch(token)[1] == pool.pk
    assert "Unsubscribe: http://127.0.0.1:8000/c/unsubscribe/" in body


def test_the_progress_page_counts_skips_by_reason_and_stops_polling_when_done(
    recruiter_client, pool, newsletter, smtp, django_capture_on_commit_callbacks
):
    mixed_pool(pool)
    with django_capture_on_commit_callbacks(execute=True):
        send(recruiter_client, template=newsletter, pool=pool)
    batch = NurtureSend.objects.get()
    page = recruiter_client.get(reverse("pools:nurture_progress", args=[batch.key]))
    text = page.content.decode()
    assert "1 of 5 sent" in text
    assert "Skipped: no active consent</dt><dd>2" in text
    assert "Skipped: unsubscribed</dt><dd>1" in text
    assert "Skipped: no email address</dt><dd>1" in text
    assert "Silent Member" in text
    assert 'hx-trigger="every 2s"' not in text

    fragment = recruiter_client.get(
        reverse("pools:nurture_progress", args=[batch.key]), HTTP_HX_TARGET="progress", **HTMX
    ).content.decode()
    assert fragment.lstrip().startswith('<section id="progress"')


def test_the_progress_page_polls_while_the_batch_is_written(recruiter_client, pool, newsletter):
    member(pool)
    send(recruiter_client, template=newsletter, pool=pool)  # the task runs after the commit
    batch = NurtureSend.objects.get()
    text = recruiter_client.get(reverse("pools:nurture_progress", args=[batch.key])).content
    assert b"0 of 1 sent" in text
    assert b'hx-trigger="every 2s"' in text


def test_a_selection_needs_consent_to_any_pool(
    recruiter_client, pool, newsletter, smtp, django_capture_on_commit_callbacks
):
    other = TalentPool.objects.create(name="Designers")
    consented_elsewhere = member(other, consent="active", first_name="Elsewhere")
    never_asked = member(other, consent="none", first_name="Never")
    with django_capture_on_commit_callbacks(execute=True):
        send(recruiter_client, template=newsletter, candidates=[consented_elsewhere, never_asked])
    assert [m["To"] for m in smtp.messages] == [f"elsewhere.{other.pk}@example.org"]
    batch = NurtureSend.objects.get()
    assert batch.pool is None
    assert [row["code"] for row in batch.skipped] == ["no_consent"]


def test_each_sent_message_is_on_the_timeline(
    recruiter, pool, newsletter, smtp, django_capture_on_commit_callbacks
):
    person = member(pool)
    with django_capture_on_commit_callbacks(execute=True):
        nurture_start(actor=recruiter, template=newsletter, pool=pool)
    entry = Activity.objects.get(candidate=person, kind=Kind.EMAIL)
    assert entry.subject == "News from us, Active"
    assert entry.actor == recruiter
    assert entry.payload["event"] == "email_sent"


def test_a_suppressed_address_is_skipped_with_the_outbox_reason(
    recruiter, pool, newsletter, smtp, django_capture_on_commit_callbacks
):
    person = member(pool)
    Suppression.objects.create(email=f"active.{pool.pk}@example.org", reason="Bounced")
    with django_capture_on_commit_callbacks(execute=True):
        batch = nurture_start(actor=recruiter, template=newsletter, pool=pool)
    batch.refresh_from_db()
    [row] = batch.skipped
    assert (row["candidate_id"], row["code"]) == (person.pk, "refused")
    assert "suppression list (Bounced)" in row["reason"]
    assert not smtp.messages


def test_a_double_click_starts_one_batch(recruiter_client, pool, newsletter):
    member(pool)
    first = send(recruiter_client, template=newsletter, pool=pool)
    second = send(recruiter_client, template=newsletter, pool=pool)
    assert NurtureSend.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_running_the_task_again_sends_nothing_new(
    recruiter, pool, newsletter, smtp, django_capture_on_commit_callbacks
):
    member(pool)
    member(pool, first_name="Second")
    with django_capture_on_commit_callbacks(execute=True):
        batch = nurture_start(actor=recruiter, template=newsletter, pool=pool)
    assert len(smtp.messages) == 2
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_nurture.call_local(batch.pk)
    assert len(smtp.messages) == 2
    assert Message.objects.count() == 2
    batch.refresh_from_db()
    progress = nurture_progress(batch)
    assert (progress.sent, progress.in_flight, progress.done) == (2, 0, True)


def test_a_key_used_by_someone_else_is_refused(recruiter, other_recruiter, pool, newsletter):
    member(pool)
    batch = nurture_start(actor=recruiter, template=newsletter, pool=pool, key=KEY)
    assert str(batch.key) == KEY
    with pytest.raises(Conflict, match="already used by someone else"):
        nurture_start(actor=other_recruiter, template=newsletter, pool=pool, key=batch.key)


# The compose form


def test_the_pool_page_offers_to_email_the_pool(recruiter_client, pool):
    member(pool)
    page = recruiter_client.get(reverse("pools:detail", args=[pool.pk])).content.decode()
    assert f'href="/pools/nurture/?pool={pool.pk}"' in page
    assert "Email this pool" in page


def test_the_compose_form_says_who_will_be_skipped(recruiter_client, pool, newsletter):
    mixed_pool(pool)
    response = recruiter_client.get(reverse("pools:nurture"), {"pool": pool.pk})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Email the pool Platform engineers" in text
    assert "Will be sent to</dt><dd>1" in text
    assert "Skipped: no active consent</dt><dd>2" in text
    assert "Preview and send to 1 person" in text
    assert '<label for="nurture-template">Template</label>' in text
    assert f'<option value="{newsletter.pk}">Quarterly hello (Nurture)</option>' in text


def test_the_search_pages_email_action_opens_the_compose_form(recruiter_client, pool):
    """The search page posts the ticked candidates without a template: compose, not send."""
    people = [member(pool), member(pool, consent="none", first_name="Nora")]
    response = recruiter_client.post(
        reverse("pools:nurture"), {"candidates": [p.pk for p in people]}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Email 2 selected candidates" in text
    assert "Nora Member" in text
    for person in people:
        assert f'name="candidates" value="{person.pk}"' in text
    assert not NurtureSend.objects.exists()


def test_sending_needs_a_template(recruiter_client, pool):
    member(pool)
    response = recruiter_client.post(reverse("pools:nurture"), {"pool": pool.pk, "key": KEY})
    assert response.status_code == 422
    assert b"Choose a template to send." in response.content
    assert not NurtureSend.objects.exists()


@pytest.mark.parametrize("ids", [["12345678"], ["abc"]])
def test_unknown_candidates_are_refused(recruiter_client, newsletter, ids):
    response = recruiter_client.post(
        reverse("pools:nurture"), {"candidates": ids, "template": newsletter.pk, "key": KEY}
    )
    assert response.status_code == 422
    assert b"do not exist" in response.content or b"no longer exist" in response.content
    assert not NurtureSend.objects.exists()


def test_a_bad_pool_id_is_refused_without_a_crash(recruiter_client):
    assert recruiter_client.get(reverse("pools:nurture"), {"pool": "x"}).status_code == 200
    assert recruiter_client.get(reverse("pools:nurture"), {"pool": "999999"}).status_code == 404


def test_an_empty_compose_page_says_where_to_start(recruiter_client):
    text = recruiter_client.get(reverse("pools:nurture")).content.decode()
    assert "Nobody is chosen yet" in text


def test_hiring_managers_cannot_send_or_watch_nurture(
    manager_client, recruiter_client, pool, newsletter
):
    member(pool)
    assert manager_client.get(reverse("pools:nurture"), {"pool": pool.pk}).status_code == 404
    assert send(manager_client, template=newsletter, pool=pool).status_code == 403
    assert not NurtureSend.objects.exists()
    send(recruiter_client, template=newsletter, pool=pool)
    batch = NurtureSend.objects.get()
    url = reverse("pools:nurture_progress", args=[batch.key])
    assert manager_client.get(url).status_code == 404


# Query counts


def test_the_compose_form_costs_the_same_queries_for_5_or_50_selected(recruiter_client, pool):
    def compose(people):
        with CaptureQueriesContext(connection) as queries:
            response = recruiter_client.post(
                reverse("pools:nurture"), {"candidates": [p.pk for p in people]}
            )
        assert response.status_code == 200
        return len(queries)

    few = [member(pool, first_name=f"Few{n}") for n in range(5)]
    many = few + [member(pool, first_name=f"Many{n}") for n in range(45)]
    assert compose(few) == compose(many)


def test_the_progress_page_costs_the_same_queries_for_5_or_50_recipients(
    recruiter_client, recruiter, newsletter, smtp, django_capture_on_commit_callbacks
):
    def progress_queries(size):
        pool = TalentPool.objects.create(name=f"Pool of {size}")
        for n in range(size):
            member(pool, first_name=f"P{size}x{n}", consent="active" if n % 2 else "none")
        with django_capture_on_commit_callbacks(execute=True):
            batch = nurture_start(actor=recruiter, template=newsletter, pool=pool)
        url = reverse("pools:nurture_progress", args=[batch.key])
        with CaptureQueriesContext(connection) as queries:
            assert recruiter_client.get(url).status_code == 200
        return len(queries)

    assert progress_queries(5) == progress_queries(50)


def test_an_unconfirmed_send_previews_the_first_message_and_starts_nothing(
    recruiter_client, newsletter, pool
):
    people = mixed_pool(pool)
    response = send(recruiter_client, template=newsletter, pool=pool, confirm="")
    assert response.status_code == 200
    assert not NurtureSend.objects.exists() and not Message.objects.exists()
    dialog = find(response, "div", data_confirm_body=True)
    count = text(find(dialog, "p", class_="confirm-count"))
    assert count.startswith("1 of the 5 in the pool Platform engineers will get this email")
    assert "unsubscribed" in text(find(dialog, "ul", class_="confirm-skipped"))
    preview = find(dialog, "section", class_="confirm-preview")
    active = people["active"]
    assert f"as {active.name} will get it" in text(preview)
    assert definitions(preview)["To"] == active.emails.first().email
    assert definitions(preview)["Subject"] == f"News from us, {active.first_name}"
    body = text(find(preview, "pre"))
    assert body.startswith(f"Hi {active.first_name}, we are hiring again.")
    assert "Stay in touch: http" in body  # the pool's link, as the real message carries it
    assert text(find(dialog, "button")) == "Send to 1 person"
