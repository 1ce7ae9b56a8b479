"""Rate limits on the public forms, the login and the API: 429 with Retry-After, counted in
the shared cache per address (per token on the API), a fresh window after the wait."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from ghostless.core.ratelimit import client_ip, parse_rate

LIMITS = {"login": "2/60", "password_reset": "2/600", "public_form": "2/600", "api": "3/60"}


@pytest.fixture(autouse=True)
def _tight_limits():
    cache.clear()
    with override_settings(RATE_LIMITS=LIMITS):
        yield
    cache.clear()


def test_the_apply_form_answers_429_with_retry_after(client, job):
    url = reverse("careers:job", args=[job.slug])
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(2):
            assert client.post(url, {}).status_code != 429
        refused = client.post(url, {})
        assert refused.status_code == 429
        assert 0 < int(refused["Retry-After"]) <= 600
        assert "Too many requests" in refused.content.decode()
        # Reading the page is not limited; another address is counted on its own.
        assert client.get(url).status_code == 200
        assert Client(REMOTE_ADDR="10.0.0.9").post(url, {}).status_code != 429
        clock.shift(timedelta(seconds=int(refused["Retry-After"]) + 1))
        assert client.post(url, {}).status_code != 429


def test_login_posts_are_limited_per_address(db):
    client = Client()
    for _ in range(2):
        client.post(reverse("login"), {"username": "x", "password": "y"})
    refused = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert refused.status_code == 429 and "Retry-After" in refused


def test_password_reset_requests_are_limited(db):
    client = Client()
    for _ in range(2):
        client.post(reverse("team:password_reset"), {"email": "a@example.com"})
    assert (
        client.post(reverse("team:password_reset"), {"email": "a@example.com"}).status_code == 429
    )


def test_the_api_answers_429_as_json_per_token(recruiter_api, admin_api):
    for _ in range(3):
        assert recruiter_api.get("/me").status_code == 200
    refused = recruiter_api.get("/me")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many requests")
    assert 0 < int(refused["Retry-After"]) <= 60
    assert admin_api.get("/me").status_code == 200  # another token, its own count


def test_staff_pages_are_not_limited(recruiter_client):
    for _ in range(5):
        assert recruiter_client.post(reverse("accounts:settings"), {}).status_code != 429


def test_rates_and_addresses_are_read_as_configured(rf):
    assert parse_rate("30/60") == (30, 60)
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert client_ip(request) == "10.0.0.1"  # no proxy trusted: the header is ignored
    with override_settings(PROXY_COUNT=1):
        assert client_ip(request) == "5.6.7.8"
