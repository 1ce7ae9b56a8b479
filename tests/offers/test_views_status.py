"""The candidate answers on their status page: the offer email from the real SMTP server, its
link followed, accept (hired, the timeline, the owner told) or decline with a reason; double
submits are one answer; an expired offer or a closed application cannot accept."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.jobs.services import application_reject
from ghostless.notifications.models import Notification
from ghostless.offers import services
from ghostless.offers.models import Offer, OfferState
from ghostless.status.links import status_url
from ghostless.timeline.models import Activity, EventKind
from tests.factories import RejectionReasonFactory
from tests.parsed_html import find, text
from tests.status.conftest import path_of, status_link_in, token_of


@pytest.fixture
def link(smtp, sent) -> str:
    """The status page address in the offer email Cara received."""
    [mail] = smtp.messages
    assert mail["To"] == "cara@example.org"
    assert mail["Subject"] == "Your offer for Backend Engineer at Ghostless Demo Co"
    body = mail.get_body(("plain",)).get_content()
    assert "- Salary: EUR 85,000 per year" in body
    return path_of(status_link_in(body))


def answer(client, link, name, **fields):
    return client.post(f"{link}offer/{name}/", fields, follow=True)


def test_the_emailed_link_shows_the_offer_with_accept_and_decline(client, link, sent):
    page = client.get(link)

    assert page.status_code == 200
    card = find(page, "div", id=f"offer-{sent.pk}")
    assert "EUR 85,000 per year" in text(card)
    assert "Friday 22 January 2027" in text(card)
    assert find(card, "form", action=f"{link}offer/accept/") is not None
    assert find(card, "textarea", name="reason") is not None


def test_accepting_asks_first_then_hires_and_tells_the_owner(client, link, sent, recruiter):
    asked = client.post(f"{link}offer/accept/", {"offer": sent.pk})
    assert text(find(asked, "h1")) == "Accept the offer for Backend Engineer?"
    assert Offer.objects.get().state == OfferState.SENT

    done = answer(client, link, "accept", offer=sent.pk, confirm="yes")

    offer = Offer.objects.get()
    assert offer.state == OfferState.ACCEPTED
    assert offer.answered_at == timezone.now()
    assert offer.answer_token_hash and offer.answer_ip == "127.0.0.1"
    assert offer.answer_link_issued_at == timezone.now().replace(microsecond=0)
    application = Application.objects.get()
    assert application.status == ApplicationStatus.HIRED
    assert application.stage.role == "hired"
    entry = Activity.objects.get(payload__event=EventKind.OFFER_ACCEPTED.value)
    assert entry.actor is None
    assert entry.subject == "Accepted the offer for Backend Engineer on the status page"
    [note] = Notification.objects.filter(user=recruiter)
    assert note.text == "Cara Candidate accepted the offer for Backend Engineer"
    assert "Welcome aboard!" in done.content.decode()


def test_accepting_twice_is_accepting_once(client, link, sent, recruiter):
    answer(client, link, "accept", offer=sent.pk, confirm="yes")
    again = answer(client, link, "accept", offer=sent.pk, confirm="yes")

    assert again.status_code == 200
    assert Activity.objects.filter(payload__event=EventKind.OFFER_ACCEPTED.value).count() == 1
    assert Notification.objects.filter(user=recruiter).count() == 1


def test_declining_keeps_the_reason_and_tells_the_owner(client, link, sent, recruiter):
    answer(client, link, "decline", offer=sent.pk, reason="Staying put", confirm="yes")

    offer = Offer.objects.get()
    assert offer.state == OfferState.DECLINED and offer.decline_reason == "Staying put"
    assert Application.objects.get().status == ApplicationStatus.ACTIVE
    entry = Activity.objects.get(payload__event=EventKind.OFFER_DECLINED.value)
    assert entry.body == "Staying put" and entry.actor is None
    [note] = Notification.objects.filter(user=recruiter)
    assert note.text == "Cara Candidate declined the offer for Backend Engineer: Staying put"
    page = client.get(link)
    assert "The offer you declined" in text(find(page, "div", id=f"offer-{offer.pk}"))


def test_an_expired_offer_cannot_be_accepted(client, link, sent, _monday):
    _monday.move_to(timezone.now() + timedelta(days=12))
    done = answer(client, link, "accept", offer=sent.pk, confirm="yes")

    assert "This offer has expired" in done.content.decode()
    assert Offer.objects.get().state == OfferState.SENT  # the hourly step marks it
    services.offers_expire()
    assert Offer.objects.get().state == OfferState.EXPIRED
    assert Application.objects.get().status == ApplicationStatus.ACTIVE
    refused = answer(client, link, "accept", offer=sent.pk, confirm="yes")
    assert "This offer has expired" in refused.content.decode()


def test_a_rejected_application_cannot_accept(client, link, sent, recruiter):
    application_reject(
        application=Application.objects.get(), actor=recruiter, reason=RejectionReasonFactory()
    )
    done = answer(client, link, "accept", offer=sent.pk, confirm="yes")

    assert "the offer cannot be answered" in done.content.decode()
    assert Offer.objects.get().state == OfferState.SENT


def test_a_withdrawn_offer_cannot_be_accepted(client, link, sent, recruiter):
    services.offer_withdraw(offer=sent, actor=recruiter)
    done = answer(client, link, "accept", offer=sent.pk, confirm="yes")

    assert "This offer is no longer open" in done.content.decode()
    assert Offer.objects.get().state == OfferState.WITHDRAWN


def test_another_candidates_link_cannot_answer_this_offer(client, sent, stranger):
    other = path_of(status_url(stranger))
    assert answer(client, other, "accept", offer=sent.pk, confirm="yes").status_code == 404
    forged = f"/status/{token_of(other)}x/offer/accept/"
    assert client.post(forged, {"offer": sent.pk}).status_code == 404
    assert Offer.objects.get().state == OfferState.SENT


def test_waiting_on_approvals_past_the_stage_promise_says_so_honestly(
    client, draft, recruiter, _monday
):
    services.offer_submit(offer=draft, actor=recruiter)
    application = Application.objects.get()
    application.stage.stale_after_days = 1
    application.stage.save()
    Application.objects.filter(pk=application.pk).update(
        stage_entered_at=timezone.now() - timedelta(days=7)
    )
    page = client.get(path_of(status_url(application.candidate)))

    card = text(find(page, "section", id=f"application-{application.pk}"))
    # Hana's turn began Monday 09:00: due Tuesday 09:00, news promised the business day after.
    assert "We are finalising the details; expect news by Wednesday 13 January 2027." in card
    assert "85,000" not in card
