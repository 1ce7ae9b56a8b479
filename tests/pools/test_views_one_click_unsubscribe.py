"""RFC 8058: a mailbox provider's one-click POST to List-Unsubscribe unsubscribes at once."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from ghostless.messaging import links


@pytest.fixture
def unsubscribe_path(candidate):
    return urlsplit(links.unsubscribe_url(candidate_id=candidate.pk)).path


def test_a_one_click_post_without_a_csrf_token_unsubscribes(unsubscribe_path, candidate):
    client = Client(enforce_csrf_checks=True)
    response = client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    candidate.refresh_from_db()
    assert candidate.unsubscribed_at is not None


def test_opening_the_link_asks_before_unsubscribing(unsubscribe_path, candidate):
    response = Client(enforce_csrf_checks=True).get(unsubscribe_path)
    assert response.status_code == 200
    assert b"Unsubscribe me" in response.content
    candidate.refresh_from_db()
    assert candidate.unsubscribed_at is None
