"""Delivery through the outbox to a real receiver: signed, retried, disabled, never sent for
a rolled-back change. Time moves with time-machine; nothing here waits for a retry."""

from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from ghostless.candidates.services import candidate_create
from ghostless.messaging.models import Message
from ghostless.webhooks import delivery as deliveries
from ghostless.webhooks import services
from ghostless.webhooks.models import Delivery, DeliveryStatus, Endpoint, Event


def _add_candidate(capture, name="Ada"):
    with capture(execute=True):
        return candidate_create(actor=None, first_name=name, emails=[f"{name}@example.org"])


def test_an_event_arrives_signed_with_the_standard_headers(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    candidate = _add_candidate(django_capture_on_commit_callbacks)

    [got] = receiver.received
    payload = got.verified_with(endpoint.secret)
    assert payload["type"] == "candidate.created"
    assert payload["data"]["id"] == candidate.pk
    assert payload["data"]["emails"] == ["ada@example.org"]
    assert set(payload) == {"type", "timestamp", "data"}
    assert got.id.startswith("msg_") and got.headers["webhook-timestamp"].isdigit()
    row = Delivery.objects.get()
    assert (row.status, row.response_code, row.attempts) == (DeliveryStatus.DELIVERED, 200, 1)
    assert row.response_body.startswith("answer 200") and len(row.response_body) == 1024


def test_a_500_is_retried_later_with_the_same_id_and_delivered_once(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(500)
    _add_candidate(django_capture_on_commit_callbacks)
    row = Delivery.objects.get()
    assert (row.status, row.response_code) == (DeliveryStatus.PENDING, 500)
    wait = row.next_attempt_at - row.last_attempt_at
    assert timedelta(seconds=24) <= wait <= timedelta(seconds=36)  # 30 s ± jitter

    assert deliveries.handle_one(row.pk) is None  # not due yet: nothing is sent early
    with time_machine.travel(row.next_attempt_at + timedelta(seconds=1)):
        assert deliveries.handle_one(row.pk) == DeliveryStatus.DELIVERED
        assert deliveries.handle_one(row.pk) is None

    first, second = receiver.received
    assert first.id == second.id and first.body == second.body
    assert second.verified_with(endpoint.secret)["type"] == "candidate.created"
    assert len(receiver.accepted_ids()) == 1


def test_retries_back_off_over_about_three_days_then_give_up(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    receiver.answer(*[503] * 20)
    Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
    _add_candidate(django_capture_on_commit_callbacks)
    row = Delivery.objects.get()
    started = row.created_at
    while row.status == DeliveryStatus.PENDING:
        # Keep the endpoint counted as healthy, to watch this one delivery's schedule only.
        Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=None, failures_in_a_row=0)
        with time_machine.travel(row.next_attempt_at + timedelta(seconds=1)):
            deliveries.handle_one(row.pk)
        row.refresh_from_db()
    assert row.status == DeliveryStatus.FAILED
    assert row.attempts == deliveries.MAX_ATTEMPTS
    assert timedelta(days=2.5) < row.last_attempt_at - started < timedelta(days=4)


def test_410_gone_disables_the_endpoint_and_emails_the_admins(
    endpoint, receiver, admin, django_capture_on_commit_callbacks
):
    receiver.answer(410)
    _add_candidate(django_capture_on_commit_callbacks)

    endpoint.refresh_from_db()
    assert not endpoint.active and "410" in endpoint.disabled_reason
    mail = Message.objects.get(to_user=admin)
    assert endpoint.url in mail.subject and "410" in mail.body_text
    # Nothing more goes to it, and the event that met the 410 is not retried.
    _add_candidate(django_capture_on_commit_callbacks, "Bob")
    assert len(receiver.received) == 1
    assert deliveries.due_delivery_ids() == []


def test_failing_for_a_day_disables_the_endpoint(
    endpoint, receiver, admin, django_capture_on_commit_callbacks
):
    receiver.answer(500, 500)
    _add_candidate(django_capture_on_commit_callbacks)
    assert Endpoint.objects.get(pk=endpoint.pk).active
    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        _add_candidate(django_capture_on_commit_callbacks, "Bob")
        endpoint.refresh_from_db()
    assert not endpoint.active and "24 hours" in endpoint.disabled_reason
    assert Message.objects.filter(to_user=admin).count() == 1

    # Turned back on, what waited is sent; a success resets the failure count.
    with django_capture_on_commit_callbacks(execute=True):
        services.endpoint_update(endpoint=endpoint, actor=admin, active=True)
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.disabled_reason == "" and endpoint.failing_since is None
    assert set(receiver.accepted_ids()) == set(Event.objects.values_list("msg_id", flat=True))


def test_a_receiver_slower_than_the_time_out_is_a_failure(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_TIMEOUT = 0.3
    receiver.answer(200, delay=1.0)
    _add_candidate(django_capture_on_commit_callbacks)
    row = Delivery.objects.get()
    assert row.status == DeliveryStatus.PENDING
    assert row.response_code is None and "0.3 s" in row.error


def test_a_redirect_is_not_followed(endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.answer(302, headers={"Location": receiver.url + "/elsewhere"})
    _add_candidate(django_capture_on_commit_callbacks)
    assert [r.path for r in receiver.received] == ["/hooks"]
    assert Delivery.objects.get().response_code == 302


def test_a_rolled_back_change_sends_nothing(endpoint, receiver, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        candidate_create(actor=None, first_name="Ghost", emails=["ghost@example.org"])
        raise RuntimeError("the request failed after the change")
    assert not Event.objects.exists() and not Delivery.objects.exists()
    assert receiver.received == []


def test_only_subscribed_active_endpoints_get_an_event(
    endpoint, receiver, django_capture_on_commit_callbacks
):
    services.endpoint_update(endpoint=endpoint, actor=None, events=["application.hired"])
    _add_candidate(django_capture_on_commit_callbacks)
    assert receiver.received == [] and not Event.objects.exists()


def test_during_a_rotation_both_secrets_sign(
    endpoint, receiver, admin, django_capture_on_commit_callbacks
):
    old = endpoint.secret
    endpoint, new = services.endpoint_rotate_secret(endpoint=endpoint, actor=admin)
    assert new != old and new.startswith("whsec_")
    _add_candidate(django_capture_on_commit_callbacks)
    [got] = receiver.received
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    assert got.verified_with(old) and got.verified_with(new)

    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        _add_candidate(django_capture_on_commit_callbacks, "Bob")
        later = receiver.received[1]
        assert later.verified_with(new) and later.verified_with(old) is None


def test_resend_sends_the_same_event_again(
    endpoint, receiver, admin, django_capture_on_commit_callbacks
):
    _add_candidate(django_capture_on_commit_callbacks)
    row = Delivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.delivery_resend(delivery=row, actor=admin)
    first, again = receiver.received
    assert first.id == again.id
    row.refresh_from_db()
    assert (row.status, row.attempts) == (DeliveryStatus.DELIVERED, 1)


def test_a_ping_reaches_only_its_endpoint(
    endpoint, receiver, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.endpoint_ping(endpoint=endpoint, actor=admin)
    [got] = receiver.received
    assert got.verified_with(endpoint.secret)["type"] == "webhook.ping"


def test_a_worker_that_died_mid_send_is_picked_up_by_the_sweep(endpoint, receiver):
    event = Event.objects.create(msg_id="msg_stuck", type="candidate.created", body="{}")
    row = Delivery.objects.create(
        endpoint=endpoint, event=event, status=DeliveryStatus.SENDING, claimed_at=timezone.now()
    )
    assert deliveries.due_delivery_ids() == []
    with time_machine.travel(timezone.now() + timedelta(minutes=6)):
        assert deliveries.due_delivery_ids() == [row.pk]
        assert deliveries.handle_one(row.pk) == DeliveryStatus.DELIVERED
