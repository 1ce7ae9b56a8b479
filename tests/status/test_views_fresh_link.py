"""An expired link's "Email me a fresh link": the same answer for any address, mail only to an
address on file, and a few tries an hour at most."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from ghostless.status.links import candidate_for_token
from ghostless.timeline.models import Activity, EventKind
from tests.parsed_html import find, text
from tests.status.conftest import page_path, token_of

ANSWER = "If that address is on file, a new link is on its way."


@pytest.fixture
def expired_path(candidate, settings):
    path = page_path(candidate) + "fresh-link/"
    with time_machine.travel(timezone.now() + timedelta(days=settings.STATUS_LINK_DAYS + 1)):
        yield path


def ask(client, path, email):
    return client.post(path, {"email": email})


def test_an_address_on_file_gets_a_fresh_working_link(
    client, candidate, expired_path, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = ask(client, expired_path, "  CARA@example.org ")

    assert ANSWER in text(find(answer, "p", role="status"))
    [mail] = smtp.messages
    assert mail["To"] == "cara@example.org"
    assert mail["Subject"] == "Your link to see where you stand"
    body = mail.get_body(("plain",)).get_content()
    assert body.count("/status/") == 1  # the body places it, so the footer does not repeat it
    [url] = [line for line in body.splitlines() if "/status/" in line]
    assert candidate_for_token(token_of(url.strip())) == candidate
    assert client.get(url.strip().removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_an_address_not_on_file_gets_the_same_answer_and_no_mail(
    client, expired_path, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = ask(client, expired_path, "cara@example.org")
        unknown = ask(client, expired_path, "mallory@example.org")

    assert known.status_code == unknown.status_code == 200
    assert text(find(known, "main")) == text(find(unknown, "main"))
    assert [m["To"] for m in smtp.messages] == ["cara@example.org"]


def test_more_than_three_asks_an_hour_are_refused_with_429(client, expired_path):
    answers = [ask(client, expired_path, f"guess{n}@example.org").status_code for n in range(4)]

    assert answers == [200, 200, 200, 429]
    with time_machine.travel(timezone.now() + timedelta(hours=1, minutes=1)):
        assert ask(client, expired_path, "again@example.org").status_code == 200


def test_the_limit_counts_per_candidate_whatever_the_address_asking(client, expired_path):
    for n in range(3):
        ask(client, expired_path, f"try{n}@example.org")

    elsewhere = client.post(expired_path, {"email": "cara@example.org"}, REMOTE_ADDR="203.0.113.9")

    assert elsewhere.status_code == 429


def test_a_missing_address_is_a_form_error(client, expired_path):
    page = ask(client, expired_path, "")

    assert page.status_code == 422
    assert text(find(page, "p", id="email-error")) == "Enter your email address."


def test_a_link_that_still_works_needs_no_fresh_one(client, candidate):
    assert (
        client.post(page_path(candidate) + "fresh-link/", {"email": "x@example.org"}).status_code
        == 404
    )


def test_a_forged_link_cannot_ask_for_one(client, db):
    assert (
        client.post("/status/forged:abc:def/fresh-link/", {"email": "x@y.org"}).status_code == 404
    )


def test_a_fresh_link_sent_is_on_the_timeline_and_a_refused_address_is_not(
    client, candidate, expired_path
):
    ask(client, expired_path, "mallory@example.org")
    ask(client, expired_path, "cara@example.org")

    [entry] = Activity.objects.filter(
        candidate=candidate, payload__event=EventKind.STATUS_PAGE_FRESH_LINK.value
    )
    assert entry.actor is None
    assert entry.subject == "Asked for a fresh link to the status page"
