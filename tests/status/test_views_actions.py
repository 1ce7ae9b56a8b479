"""What a candidate does on their page: withdraw (once, however often they press), manage
consent, and ask a question that waits in the owner's queue like an email would."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from ghostless.followups.models import FollowUp, Reason
from ghostless.followups.rules import run_rules
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.notifications.models import Notification
from ghostless.pools.models import PoolMember, TalentPool
from ghostless.pools.services import consent_record, pool_add
from ghostless.timeline.models import Activity, Direction, EventKind
from tests.factories import ApplicationFactory, CandidateFactory
from tests.parsed_html import find, find_all, text
from tests.status.conftest import page_path


def action(candidate, name: str) -> str:
    return page_path(candidate) + f"{name}/"


def events(candidate, kind: EventKind):
    return Activity.objects.filter(candidate=candidate, payload__event=kind.value)


def test_withdraw_asks_first_then_withdraws_and_tells_the_owner(client, application, recruiter):
    candidate = application.candidate
    posted = {"application": application.pk, "reason": "I took another job"}

    asked = client.post(action(candidate, "withdraw"), posted)

    assert asked.status_code == 200
    assert text(find(asked, "h1")) == "Withdraw your application for Backend Engineer?"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE

    done = client.post(action(candidate, "withdraw"), posted | {"confirm": "yes"}, follow=True)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.told_how == "withdrew on the status page" and application.told_at
    assert "You withdrew your application for Backend Engineer." in done.content.decode()
    assert "You withdrew" in text(find(done, "section", id=f"application-{application.pk}"))
    [entry] = events(candidate, EventKind.STATUS_PAGE_WITHDREW)
    assert entry.body == "I took another job" and entry.actor is None
    [note] = Notification.objects.filter(user=recruiter)
    assert note.text == "Cara Candidate withdrew from Backend Engineer on their status page"


def test_withdrawing_twice_is_withdrawing_once(client, application):
    candidate = application.candidate
    posted = {"application": application.pk, "confirm": "yes"}

    first = client.post(action(candidate, "withdraw"), posted)
    second = client.post(action(candidate, "withdraw"), posted)

    assert first.status_code == second.status_code == 302
    assert events(candidate, EventKind.STATUS_PAGE_WITHDREW).count() == 1
    assert events(candidate, EventKind.STATUS_CHANGED).count() == 1
    assert Notification.objects.count() == 1


def test_a_withdrawn_application_needs_no_outcome_message(client, application):
    client.post(
        action(application.candidate, "withdraw"), {"application": application.pk, "confirm": "yes"}
    )

    assert not Application.objects.untold().filter(pk=application.pk).exists()


def test_nobody_withdraws_someone_elses_application(client, application):
    stranger = CandidateFactory(emails=["s@example.org"])

    refused = client.post(
        action(stranger, "withdraw"), {"application": application.pk, "confirm": "yes"}
    )

    assert refused.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE


def test_actions_need_the_csrf_token(application):
    strict = Client(enforce_csrf_checks=True)

    refused = strict.post(
        action(application.candidate, "withdraw"),
        {"application": application.pk, "confirm": "yes"},
    )

    assert refused.status_code == 403
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACTIVE


def test_a_question_waits_in_the_owners_queue_as_awaiting_reply(client, application, recruiter):
    candidate = application.candidate

    done = client.post(action(candidate, "ask"), {"question": "Is the role open to remote?"})

    assert done.status_code == 302
    [asked] = events(candidate, EventKind.STATUS_PAGE_QUESTION)
    assert asked.direction == Direction.INBOUND
    assert asked.body == "Is the role open to remote?"
    assert asked.application == application  # their only active application
    [note] = Notification.objects.filter(user=recruiter)
    assert note.text == "Cara Candidate asked on their status page: Is the role open to remote?"
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        run_rules(full=True)
    followup = FollowUp.objects.get(reason=Reason.AWAITING_REPLY, candidate=candidate)
    assert followup.assignee == recruiter
    assert followup.waiting_since == asked.occurred_at


def test_the_same_question_sent_twice_is_asked_once(client, application):
    for _ in range(2):
        client.post(action(application.candidate, "ask"), {"question": "When do I hear?"})

    assert events(application.candidate, EventKind.STATUS_PAGE_QUESTION).count() == 1


def test_an_empty_question_is_a_form_error_next_to_the_field(client, application):
    page = client.post(action(application.candidate, "ask"), {"question": "   "})

    assert page.status_code == 422
    assert text(find(page, "p", id="question-error")) == "Write your question first."
    assert find(page, "textarea", id="question").get("aria-invalid") == "true"


def test_a_question_is_shown_escaped_on_the_staff_timeline(client, application, recruiter_client):
    client.post(action(application.candidate, "ask"), {"question": "<script>alert(1)</script>"})

    profile = recruiter_client.get(application.candidate.get_absolute_url())

    assert "<script>alert(1)</script>" not in profile.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in profile.content.decode()


@pytest.fixture
def pool(db):
    return TalentPool.objects.create(name="Backend talent")


def test_a_candidate_in_the_network_may_leave_it(client, candidate, pool):
    consent_record(pool=pool, candidate=candidate)
    page = client.get(page_path(candidate))
    assert "You are in our talent network until" in text(find(page, "section", id="consent"))

    client.post(action(candidate, "consent"), {"action": "leave"})

    assert not PoolMember.objects.filter(candidate=candidate).exists()
    assert events(candidate, EventKind.POOL_REMOVED).count() == 1


def test_a_candidate_whose_consent_ran_out_may_stay(client, candidate, pool):
    pool_add(pool=pool, candidate=candidate, actor=None)
    page = client.get(page_path(candidate))
    assert "your agreement has run out" in text(find(page, "section", id="consent"))

    client.post(action(candidate, "consent"), {"action": "stay"})

    assert PoolMember.objects.get(candidate=candidate).consent_state == "granted"


def test_unsubscribe_and_resubscribe_from_news_about_roles(client, candidate):
    client.post(action(candidate, "consent"), {"action": "unsubscribe"})
    candidate.refresh_from_db()
    assert candidate.unsubscribed_at is not None

    page = client.post(action(candidate, "consent"), {"action": "resubscribe"}, follow=True)

    candidate.refresh_from_db()
    assert candidate.unsubscribed_at is None
    assert "Done: we will tell you about new roles again." in page.content.decode()
    assert events(candidate, EventKind.RESUBSCRIBED).count() == 1


def test_an_unknown_consent_action_changes_nothing(client, candidate):
    page = client.post(action(candidate, "consent"), {"action": "sell-my-data"}, follow=True)

    assert "Choose what to change." in page.content.decode()


def test_actions_on_an_expired_link_are_refused(client, candidate, settings):
    application = ApplicationFactory(candidate=candidate)
    path = action(candidate, "withdraw")

    with time_machine.travel(timezone.now() + timedelta(days=settings.STATUS_LINK_DAYS + 1)):
        refused = client.post(path, {"application": application.pk, "confirm": "yes"})

    assert refused.status_code == 404


def test_each_answer_is_said_in_the_section_the_redirect_lands_on(client, candidate):
    """On a phone the top of the page is out of sight after "#ask": the answer is there."""
    asked = client.post(action(candidate, "ask"), {"question": "Any news?"}, follow=True)
    unsubscribed = client.post(action(candidate, "consent"), {"action": "unsubscribe"}, follow=True)

    assert asked.redirect_chain[-1][0].endswith("#ask")
    assert "your question is with us" in text(
        find(find(asked, "section", id="ask"), "p", role="status")
    )
    said = find(find(unsubscribed, "section", id="consent"), "p", role="status")
    assert text(said) == "Done: from now on we only email you about your applications."
    assert find_all(unsubscribed, "div", class_="status-messages")[0].text_content() == ""
