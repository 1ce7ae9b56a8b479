"""The SSRF guard: only public https receivers, checked again at send time, unless the
operator allows private ones."""

import pytest

from ghostless.core.errors import DomainError
from ghostless.webhooks import delivery as deliveries
from ghostless.webhooks import services
from ghostless.webhooks.models import Delivery, DeliveryStatus, Event
from ghostless.webhooks.transport import Refused, resolve


@pytest.fixture
def strict(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = False


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://hooks.example.com/in", "https"),
        ("https://127.0.0.1/in", "private"),
        ("https://[::1]/in", "private"),
        ("https://10.1.2.3/in", "private"),
        ("https://169.254.169.254/latest/meta-data", "private"),
        ("https://[::ffff:127.0.0.1]/in", "private"),
        ("https://localhost/in", "private"),  # a name that resolves to loopback
        ("ftp://hooks.example.com/in", "https"),
    ],
)
def test_private_or_plain_addresses_are_refused(strict, url, why):
    with pytest.raises(Refused, match=why):
        resolve(url)


def test_a_public_address_passes(strict):
    assert resolve("https://8.8.8.8/in") == ("https", "8.8.8.8", 443)


def test_allowing_private_receivers_allows_plain_http_only_to_them(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    assert resolve("http://127.0.0.1:8080/in") == ("http", "127.0.0.1", 8080)
    with pytest.raises(Refused, match="https"):
        resolve("http://8.8.8.8/in")


def test_registering_a_private_address_is_a_clear_error(strict, db):
    with pytest.raises(DomainError, match="private") as refused:
        services.endpoint_create(actor=None, url="https://127.0.0.1/in", events=["offer.accepted"])
    assert refused.value.field == "url"


def test_an_address_that_turned_private_is_not_called_at_send_time(
    endpoint, receiver, settings, db
):
    """Registered while allowed; the guard runs again before each send."""
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    event = Event.objects.create(msg_id="msg_ssrf", type="candidate.created", body="{}")
    row = Delivery.objects.create(endpoint=endpoint, event=event)
    assert deliveries.handle_one(row.pk) == DeliveryStatus.PENDING
    row.refresh_from_db()
    assert row.error.startswith("Refused") and row.response_code is None
    assert receiver.received == []
