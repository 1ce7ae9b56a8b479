"""Replies are replies: Reply on a received email opens the composer with the email quoted,
"Re:" on the subject and its job chosen, and the answer goes out threaded under it."""

from email.message import EmailMessage

import pytest
import time_machine

from ghostless.followups.models import FollowUp, Reason, State
from ghostless.followups.rules import run_rules
from ghostless.messaging import inbound, rendering, replies
from ghostless.messaging.models import Message
from ghostless.messaging.services import message_queue
from tests.factories import CandidateFactory
from tests.messaging.conftest import compose_data
from tests.parsed_html import find, find_all, parse, text, texts

# The thread the candidate's mail client had before answering our first email.
ROOT_ID = "<root-1@mail.example.org>"


def email_from_cara(*, subject: str, body: str, in_reply_to: str = "", message_id: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Cara Candidate <cara@example.org>"
    message["To"] = "jobs@ghostless.example"
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message["Date"] = "Tue, 03 Mar 2026 10:00:00 +0000"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = f"{ROOT_ID} {in_reply_to}"
    message.set_content(body)
    return message.as_bytes()


@pytest.fixture
def their_email(application, recruiter, smtp, django_capture_on_commit_callbacks):
    """We wrote about the job on Monday; Cara answered in the same thread on Tuesday."""
    with (
        time_machine.travel("2026-03-02 09:00Z"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        ours = message_queue(
            candidate=application.candidate,
            actor=recruiter,
            application=application,
            subject="About the backend role",
            body="Would you like to talk?",
        )
    ours.refresh_from_db()
    raw = email_from_cara(
        subject="RE: Re: About the backend role",
        body="Yes, I'd like that.\n\nCan we talk on {{ Friday }}? 50% sure {% now %}",
        in_reply_to=ours.message_id,
        message_id="<answer-1@mail.example.org>",
    )
    smtp.recorder.received.clear()
    with time_machine.travel("2026-03-03 11:00Z"):
        return inbound.receive(raw, source="webhook")


def test_reply_on_the_timeline_opens_the_composer_quoted_with_re_and_the_job(
    their_email, application, recruiter_client
):
    candidate = application.candidate
    profile = recruiter_client.get(f"/candidates/{candidate.pk}/")
    [reply] = replies_on(profile)
    assert reply.get("href") == f"/email/compose/{candidate.pk}/?in_reply_to={their_email.pk}"

    page = parse(recruiter_client.get(reply.get("href")))
    assert text(find(page, "h1")) == "Reply to Cara Candidate"
    assert "In reply to “RE: Re: About the backend role”" in text(
        find(page, "p", class_="replying")
    )
    assert find(page, "input", id="id_subject").get("value") == "Re: About the backend role"
    body = find(page, "textarea", id="id_body").text_content()
    assert body.lstrip("\n") != body  # room to write above the quote
    assert body.lstrip("\n").startswith(
        "On 3 Mar 2026, 10:00 UTC, Cara Candidate wrote:\n> Yes, I'd like that.\n>\n"
    )
    # The candidate's braces are text, not template code: escaped for the template engine.
    assert "> Can we talk on {{ '{{' }} Friday }}? 50% sure {{ '{%' }} now %}" in body
    [chosen] = find_all(find(page, "select", id="id_application"), "option", selected=True)
    assert chosen.get("value") == str(application.pk)
    assert find(page, "input", name="in_reply_to").get("value") == str(their_email.pk)


def replies_on(page) -> list:
    return [a for a in find_all(page, "a") if text(a).startswith("Reply")]


def test_the_sent_reply_is_threaded_quoted_and_clears_awaiting_reply(
    their_email, application, recruiter_client, smtp, django_capture_on_commit_callbacks
):
    candidate = application.candidate
    run_rules()
    waiting = FollowUp.objects.get(reason=Reason.AWAITING_REPLY)
    form = parse(
        recruiter_client.get(f"/email/compose/{candidate.pk}/?in_reply_to={their_email.pk}")
    )
    quote = find(form, "textarea", id="id_body").text_content().lstrip("\n")
    body = "Friday works. Talk then!\n\n" + quote
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_client.post(
            f"/email/compose/{candidate.pk}/",
            compose_data(
                subject=find(form, "input", id="id_subject").get("value"),
                body=body,
                application=application.pk,
                in_reply_to=their_email.pk,
            ),
        )
    assert response.status_code == 302
    [received] = smtp.messages
    assert received["Subject"] == "Re: About the backend role"
    assert received["In-Reply-To"] == "<answer-1@mail.example.org>"
    first = Message.objects.order_by("id").first().message_id
    assert received["References"].split() == [ROOT_ID, first, "<answer-1@mail.example.org>"]
    text = received.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Friday works. Talk then!\n\nOn 3 Mar 2026, 10:00 UTC, Cara")
    assert "> Can we talk on {{ Friday }}? 50% sure {% now %}" in text
    waiting.refresh_from_db()
    assert waiting.state == State.DONE


def test_a_reply_to_someone_elses_email_is_not_offered(their_email, recruiter_client):
    other = CandidateFactory(first_name="Olga", emails=["olga@example.org"])
    page = parse(recruiter_client.get(f"/email/compose/{other.pk}/?in_reply_to={their_email.pk}"))
    assert text(find(page, "h1")) == f"Email {other.name}"
    assert find(page, "input", id="id_subject").get("value") is None
    response = recruiter_client.post(
        f"/email/compose/{other.pk}/",
        compose_data(to_email="olga@example.org", in_reply_to=their_email.pk),
    )
    assert response.status_code == 422
    alert = texts(response, "div", class_="errors")
    assert alert == ["That email is not one this candidate sent: write a new one instead."]
    assert not Message.objects.filter(candidate=other).exists()


def test_hiring_managers_see_no_reply_button(their_email, application, manager_client):
    html = manager_client.get(f"/candidates/{application.candidate_id}/").content.decode()
    assert "in_reply_to" not in html


def test_the_queue_replies_to_the_email_that_awaits_an_answer(
    their_email, application, recruiter_client
):
    run_rules()
    page = recruiter_client.get("/followups/?tab=today")
    [reply] = replies_on(page)
    candidate = application.candidate
    assert reply.get("href") == f"/email/compose/{candidate.pk}/?in_reply_to={their_email.pk}"


# The API: in_reply_to is the id of our record of the received email.


def test_the_api_threads_a_reply_and_defaults_the_subject(
    their_email, application, recruiter_api, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = recruiter_api.post(
            f"/candidates/{application.candidate_id}/messages",
            {"body": "Friday works.", "in_reply_to": their_email.pk, "subject": None},
        )
    assert response.status_code == 202, response.json()
    assert response.json()["subject"] == "Re: About the backend role"
    [received] = smtp.messages
    assert received["Subject"] == "Re: About the backend role"
    assert received["In-Reply-To"] == "<answer-1@mail.example.org>"
    assert received["References"].split()[0] == ROOT_ID
    assert received["References"].split()[-1] == "<answer-1@mail.example.org>"


def test_the_api_keeps_a_subject_given_and_null_is_absent(application, recruiter_api):
    response = recruiter_api.post(
        f"/candidates/{application.candidate_id}/messages",
        {"subject": "Hi", "body": "Hello", "in_reply_to": None},
    )
    assert response.status_code == 202
    message = Message.objects.get(pk=response.json()["id"])
    assert (message.subject, message.in_reply_to, message.references) == ("Hi", "", "")


def test_the_api_refuses_an_unknown_or_another_candidates_email(their_email, recruiter_api):
    other = CandidateFactory(first_name="Olga", emails=["olga@example.org"])
    for in_reply_to in (their_email.pk, their_email.pk + 1000):
        response = recruiter_api.post(
            f"/candidates/{other.pk}/messages", {"body": "Hello", "in_reply_to": in_reply_to}
        )
        assert response.status_code == 422
        assert response.json()["field"] == "in_reply_to"
    assert not Message.objects.filter(candidate=other).exists()


def test_a_reply_goes_to_the_address_they_wrote_from(
    their_email, application, recruiter_api, recruiter_client
):
    candidate = application.candidate
    candidate.emails.update(order=1)
    candidate.emails.create(email="cara.home@example.org", order=0)  # now listed first
    response = recruiter_api.post(
        f"/candidates/{candidate.pk}/messages", {"body": "Hi", "in_reply_to": their_email.pk}
    )
    assert Message.objects.get(pk=response.json()["id"]).to_email == "cara@example.org"
    page = parse(
        recruiter_client.get(f"/email/compose/{candidate.pk}/?in_reply_to={their_email.pk}")
    )
    [chosen] = find_all(find(page, "select", id="id_to_email"), "option", selected=True)
    assert chosen.get("value") == "cara@example.org"


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [
        ("About the role", "Re: About the role"),
        ("Re: About the role", "Re: About the role"),
        ("RE: re:About the role", "Re: About the role"),
        ("Aw: Sv: Re[2]: About the role", "Re: About the role"),
        ("Fwd: About the role", "Re: Fwd: About the role"),
        ("", "Re: (no subject)"),
    ],
)
def test_one_re_however_many_came(theirs, ours):
    assert replies.reply_subject(theirs) == ours


@pytest.mark.parametrize(
    "text",
    ["{{ candidate.name }}", "{% raw %}x{% endraw %}", "{# not a comment #}", "{{{%{#", "}} %} #}"],
)
def test_their_text_is_sent_as_they_wrote_it(text, candidate):
    source = replies.template_literal(text)
    context = rendering.merge_context(candidate=candidate)
    assert rendering.render(subject=source, body=source, context=context).text == text
