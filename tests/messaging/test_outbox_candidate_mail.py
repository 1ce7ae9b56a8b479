"""What every email to a candidate carries: who it is from, and a way to stop hearing from us."""

from email.headerregistry import Address
from urllib.parse import urlsplit

import pytest

from ghostless.jobs.models import Application
from ghostless.messaging import links
from ghostless.messaging.bulk import bulk_send_start
from ghostless.messaging.models import EmailTemplate
from ghostless.messaging.services import message_queue, notification_queue
from ghostless.pools.models import TalentPool


def send(capture, **kwargs):
    with capture(execute=True):
        return message_queue(**kwargs)


def default_template(purpose: str) -> EmailTemplate:
    return EmailTemplate.objects.get(purpose=purpose)


def unsubscribe_token(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


def footer_url(text: str) -> str:
    [line] = [line for line in text.splitlines() if "/c/unsubscribe/" in line]
    return line.split()[-1]


@pytest.mark.parametrize("purpose", ["acknowledgement", "rejection", "position_filled"])
def test_mail_about_an_application_carries_the_candidates_own_unsubscribe_link(
    purpose, smtp, application, django_capture_on_commit_callbacks
):
    send(
        django_capture_on_commit_callbacks,
        candidate=application.candidate,
        actor=None,
        template=default_template(purpose),
        application=application,
    )
    [received] = smtp.messages
    text = received.get_body(("plain",)).get_content()
    url = footer_url(text)
    assert links.read_unsubscribe(unsubscribe_token(url)) == application.candidate.pk
    assert "unsubscribe" in text.lower()


def test_a_formatted_email_has_the_unsubscribe_link_in_its_html_too(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    send(
        django_capture_on_commit_callbacks,
        candidate=candidate,
        actor=recruiter,
        subject="News",
        body="Hi {{ candidate.first_name }}, **welcome**",
    )
    [received] = smtp.messages
    html = received.get_body(("html",)).get_content()
    url = footer_url(received.get_body(("plain",)).get_content())
    assert f'<a href="{url}">Unsubscribe</a>' in html


def test_a_template_that_places_the_link_itself_gets_no_second_one(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    send(
        django_capture_on_commit_callbacks,
        candidate=candidate,
        actor=recruiter,
        template=default_template("nurture"),
    )
    [received] = smtp.messages
    assert received.get_body(("plain",)).get_content().count("/c/unsubscribe/") == 1


def test_the_rejection_with_a_keep_in_touch_link_asks_only_once(
    smtp, application, recruiter, django_capture_on_commit_callbacks
):
    pool = TalentPool.objects.create(name="Silver medalists", created_by=recruiter)
    send(
        django_capture_on_commit_callbacks,
        candidate=application.candidate,
        actor=recruiter,
        template=default_template("rejection"),
        application=application,
        pool=pool,
    )
    text = smtp.messages[0].get_body(("plain",)).get_content()
    assert text.count("keep you in mind") == 1
    assert "/c/keep-in-touch/" in text


def assert_one_click_headers(received):
    target = str(received["List-Unsubscribe"]).strip()  # a long header is folded
    assert target.startswith("<") and target.endswith(">")
    url = target[1:-1]
    assert "/c/unsubscribe/" in url and "mailto:" not in target
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    footer = footer_url(received.get_body(("plain",)).get_content())
    assert links.read_unsubscribe(unsubscribe_token(url)) == links.read_unsubscribe(
        unsubscribe_token(footer)
    )
    return url


def test_nurture_mail_carries_one_click_unsubscribe_headers(
    smtp, candidate, recruiter, django_capture_on_commit_callbacks
):
    send(
        django_capture_on_commit_callbacks,
        candidate=candidate,
        actor=recruiter,
        template=default_template("nurture"),
    )
    [received] = smtp.messages
    url = assert_one_click_headers(received)
    assert links.read_unsubscribe(unsubscribe_token(url)) == candidate.pk


def test_bulk_mail_carries_one_click_unsubscribe_headers(
    smtp, application, recruiter, hello_template, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        bulk_send_start(
            actor=recruiter,
            template=hello_template,
            applications=Application.objects.filter(pk=application.pk),
        )
    [received] = smtp.messages
    assert_one_click_headers(received)


def test_mail_to_our_own_users_has_no_unsubscribe_headers(
    smtp, recruiter, django_capture_on_commit_callbacks
):
    recruiter.email = "rita@example.com"
    recruiter.save()
    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(to_user=recruiter, subject="Digest", body="Hi", idempotency_key="d1")
    [received] = smtp.messages
    assert received["List-Unsubscribe"] is None


def test_mail_comes_from_the_recruiter_at_the_company_and_replies_reach_the_thread(
    smtp, candidate, recruiter, settings, django_capture_on_commit_callbacks
):
    settings.COMPANY_NAME = "Acme"
    settings.DEFAULT_FROM_EMAIL = "Ghostless <jobs@acme.example>"
    settings.REPLY_DOMAIN = "reply.acme.example"
    message = send(
        django_capture_on_commit_callbacks,
        candidate=candidate,
        actor=recruiter,
        subject="Hi",
        body="Hi",
    )
    [received] = smtp.messages
    [sender] = received["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Rita at Acme", "jobs@acme.example")
    assert received["Reply-To"] == f"reply+{message.thread_token}@reply.acme.example"


def test_a_name_outside_ascii_is_encoded_and_reads_back_whole(
    smtp, candidate, recruiter, settings, django_capture_on_commit_callbacks
):
    settings.COMPANY_NAME = "Café, Ltd"
    settings.DEFAULT_FROM_EMAIL = "jobs@acme.example"
    recruiter.first_name = "Zoë"
    recruiter.save()
    send(
        django_capture_on_commit_callbacks,
        candidate=candidate,
        actor=recruiter,
        subject="Hi",
        body="Hi",
    )
    [received] = smtp.messages
    raw = received.as_bytes().decode("ascii")  # nothing outside ASCII on the wire
    assert "=?utf-8?" in raw.lower()
    assert received["From"].addresses == (
        Address(display_name="Zoë at Café, Ltd", addr_spec="jobs@acme.example"),
    )


@pytest.mark.parametrize(
    ("configured", "expected"),
    [("jobs@acme.example", "Acme Recruiting"), ("Acme Talent <jobs@acme.example>", "Acme Talent")],
)
def test_mail_nobody_sent_by_hand_comes_from_the_company(
    configured, expected, smtp, application, settings, django_capture_on_commit_callbacks
):
    settings.COMPANY_NAME = "Acme"
    settings.DEFAULT_FROM_EMAIL = configured
    send(
        django_capture_on_commit_callbacks,
        candidate=application.candidate,
        actor=None,
        template=default_template("acknowledgement"),
        application=application,
    )
    [sender] = smtp.messages[0]["From"].addresses
    assert (sender.display_name, sender.addr_spec) == (expected, "jobs@acme.example")
