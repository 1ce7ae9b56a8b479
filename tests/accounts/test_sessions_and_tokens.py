"""Login throttling and its unlock, idle sessions, sign out everywhere, API token expiry,
revocation and last use, and the password rules."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ghostless.accounts.services import api_token_create, api_token_revoke, user_create
from ghostless.core.errors import DomainError
from ghostless.timeline.models import AuditEntry
from tests.api_clients import ApiClient

WRONG = "wrong-" + "password"


def attempt(client, username, password=WRONG):
    return client.post(reverse("login"), {"username": username, "password": password})


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_account_with_a_clear_message(recruiter, admin_client_):
    client = Client()
    for _ in range(2):
        assert attempt(client, "rita").status_code == 200
    locked = attempt(client, "rita")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Even the right password waits, from this address or another one.
    assert attempt(client, "rita", "password").status_code == 429
    elsewhere = Client(REMOTE_ADDR="10.9.8.7")
    assert attempt(elsewhere, "rita", "password").status_code == 429
    failures = AuditEntry.objects.filter(event="login_failed", subject_id=recruiter.pk)
    assert failures.count() >= 3
    # The admin sees the lock and lifts it.
    page = admin_client_.get(reverse("accounts:security")).content.decode()
    assert "Unlock rita" in page
    admin_client_.post(reverse("accounts:lock_lift"), {"username": "rita"})
    admin_client_.post(reverse("accounts:lock_lift"), {"ip_address": "127.0.0.1"})
    assert not AccessAttempt.objects.filter(username="rita").exists()
    assert attempt(elsewhere, "rita", "password").status_code == 302
    assert AuditEntry.objects.filter(event="login_lock_lifted").count() == 2


@override_settings(AXES_FAILURE_LIMIT=3)
def test_one_address_trying_many_names_is_locked_too(db):
    client = Client(REMOTE_ADDR="10.1.1.1")
    for name in ("a", "b", "c"):
        attempt(client, name)
    assert attempt(client, "d").status_code == 429


def test_forced_logins_and_api_tokens_are_untouched_by_throttling(recruiter, recruiter_api):
    with override_settings(AXES_FAILURE_LIMIT=1):
        attempt(Client(), "rita")
        assert recruiter_api.get("/me").status_code == 200
        client = Client()
        client.force_login(recruiter)
        assert client.get(reverse("accounts:settings")).status_code == 200


@override_settings(SESSION_IDLE_MINUTES=30)
def test_a_session_ends_after_idle_time_and_slides_with_use(recruiter):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = Client()
        client.post(reverse("login"), {"username": "rita", "password": "password"})
        clock.shift(timedelta(minutes=25))
        assert client.get(reverse("accounts:settings")).status_code == 200
        clock.shift(timedelta(minutes=25))  # 50 minutes after login, 25 after the last request
        assert client.get(reverse("accounts:settings")).status_code == 200
        clock.shift(timedelta(minutes=31))
        gone = client.get(reverse("accounts:settings"))
        assert gone.status_code == 302 and gone["Location"].startswith("/login/")
        page = client.get(gone["Location"]).content.decode()
        assert "signed out after a period of inactivity" in page


def test_sign_out_everywhere_ends_every_session(recruiter):
    laptop, phone = Client(), Client()
    for client in (laptop, phone):
        client.post(reverse("login"), {"username": "rita", "password": "password"})
        assert client.get(reverse("accounts:settings")).status_code == 200
    response = laptop.post(reverse("accounts:sign_out_everywhere"), follow=True)
    assert "signed out on every device" in response.content.decode()
    assert phone.get(reverse("accounts:settings")).status_code == 302
    assert laptop.get(reverse("accounts:settings")).status_code == 302
    assert AuditEntry.objects.filter(event="signed_out_everywhere").exists()
    # A new login works again.
    assert (
        laptop.post(reverse("login"), {"username": "rita", "password": "password"}).status_code
        == 302
    )


def test_a_token_expires_is_revoked_and_shows_its_last_use(recruiter, recruiter_client):
    token, raw = api_token_create(user=recruiter, name="HRIS", expires_in_days=30)
    api = ApiClient(raw)
    assert api.get("/me").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    page = recruiter_client.get(reverse("accounts:settings")).content.decode()
    assert "HRIS" in page and "Expires" in page
    with time_machine.travel(timezone.now() + timedelta(days=31)):
        assert api.get("/me").status_code == 401
        client = Client()
        client.force_login(recruiter)
        assert "Expired" in client.get(reverse("accounts:settings")).content.decode()
    other, other_raw = api_token_create(user=recruiter, name="sync")
    api_token_revoke(token=other)
    assert ApiClient(other_raw).get("/me").status_code == 401
    events = set(AuditEntry.objects.filter(subject_id=recruiter.pk).values_list("event", flat=True))
    assert {"api_token_created", "api_token_revoked"} <= events


def test_the_token_form_offers_an_expiry(recruiter_client, recruiter):
    response = recruiter_client.post(
        reverse("accounts:token_create"), {"name": "ci", "expires_in_days": "90"}
    )
    assert response.status_code == 200
    token = recruiter.api_tokens.get(name="ci")
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)


@pytest.mark.parametrize("password", ["short-pw", "password1234", "12345678901234"])
def test_weak_passwords_are_refused(db, password):
    with pytest.raises(DomainError):
        user_create(username="weak", role="recruiter", password=password)


def test_a_long_uncommon_password_is_taken(db):
    assert user_create(username="strong", role="recruiter", password="mauve-otter-harbour-17")
