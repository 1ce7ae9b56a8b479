"""Settings → Webhooks for admins: add an endpoint (its secret shown once), edit, rotate and
delete behind a confirmation, ping and resend from the log."""

import re

import pytest

from ghostless.timeline.models import AuditEntry
from ghostless.webhooks.models import Endpoint


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def test_the_empty_list_says_what_to_do(admin_client):
    page = admin_client.get("/settings/webhooks/").content.decode()
    assert "No endpoint yet" in page and 'for="id_url"' in page


def test_adding_an_endpoint_shows_its_secret_once(admin_client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    response = admin_client.post(
        "/settings/webhooks/new/",
        {"url": "https://hr.example.com/in", "events": ["application.hired"], "active": "on"},
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    endpoint = Endpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    later = admin_client.get(f"/settings/webhooks/{endpoint.pk}/").content.decode()
    assert endpoint.secret not in later and "Nothing sent yet" in later
    assert AuditEntry.objects.filter(event="webhook_created").exists()


def test_a_refused_address_is_shown_next_to_the_field(admin_client, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    response = admin_client.post(
        "/settings/webhooks/new/", {"url": "https://10.0.0.5/in", "events": ["offer.accepted"]}
    )
    assert response.status_code == 422
    assert "private address" in response.content.decode()
    assert not Endpoint.objects.exists()


def test_rotating_asks_first_then_shows_the_new_secret(admin_client, endpoint):
    url = f"/settings/webhooks/{endpoint.pk}/rotate/"
    ask = admin_client.post(url).content.decode()
    assert "Make a new secret" in ask and "both the old and the new" in ask
    assert Endpoint.objects.get().secret == endpoint.secret
    done = admin_client.post(url, {"confirm": "yes"}).content.decode()
    endpoint.refresh_from_db()
    assert endpoint.previous_secret and endpoint.secret in done
    assert re.search(r"Until .* events are signed with both", done)


def test_ping_then_resend_from_the_log(
    admin_client, endpoint, receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/settings/webhooks/{endpoint.pk}/ping/")
    page = admin_client.get(f"/settings/webhooks/{endpoint.pk}/").content.decode()
    assert "webhook.ping" in page and "Delivered" in page and "answer 200" in page
    delivery = endpoint.deliveries.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/settings/webhooks/deliveries/{delivery.pk}/resend/")
    assert len(receiver.received) == 2


def test_turning_an_endpoint_off_and_deleting_it(admin_client, endpoint):
    base = f"/settings/webhooks/{endpoint.pk}"
    admin_client.post(f"{base}/update/", {"url": endpoint.url, "events": ["offer.accepted"]})
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.events == ["offer.accepted"]
    assert "turn it back on" in admin_client.get(f"{base}/").content.decode()
    ask = admin_client.post(f"{base}/delete/")
    assert "Delete the endpoint" in ask.content.decode() and Endpoint.objects.exists()
    admin_client.post(f"{base}/delete/", {"confirm": "yes"})
    assert not Endpoint.objects.exists()


def test_recruiters_cannot_open_the_pages(client, recruiter, endpoint):
    client.force_login(recruiter)
    assert client.get("/settings/webhooks/").status_code in (403, 404)
    assert client.get(f"/settings/webhooks/{endpoint.pk}/").status_code in (403, 404)
