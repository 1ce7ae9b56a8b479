"""One candidate from application to hire, through the pages people use and the mail they get
(issue 18's "done means"): Pat applies on the careers page and the acknowledgement links to
their status page; Rita offers interview times and Pat books one from the emailed link; the
offer is approved by Hana, then Alice, in that order; Pat accepts it from the offer email's
link and is hired. Every email is read from the real SMTP server and its link followed.
Another candidate's link, a forged one and an expired one get nowhere."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from ghostless.interviews.models import Interview, SlotOfferState
from ghostless.jobs.models import Application, ApplicationStatus
from ghostless.offers.models import Offer, OfferState
from ghostless.status.links import status_url
from ghostless.timeline.models import Activity, EventKind
from tests.careers.conftest import apply
from tests.conftest import client_for
from tests.factories import CandidateFactory
from tests.interviews import slot_fixtures
from tests.interviews.slot_fixtures import page_link_in
from tests.parsed_html import find, find_all, text
from tests.status.conftest import path_of, status_link_in, token_of

BERLIN = ZoneInfo("Europe/Berlin")
# Thursday 10 December 2026, 09:00 in Berlin; the times offered are the next Wednesday's.
NOW = datetime(2026, 12, 10, 9, 0, tzinfo=BERLIN)
ivan = slot_fixtures.ivan  # the interviewer


@pytest.fixture(autouse=True)
def _berlin(settings, tmp_path):
    settings.TIME_ZONE = "Europe/Berlin"
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def mail_to(smtp, address: str, subject_start: str):
    """The one email to `address` whose subject starts so, and its plain text."""
    [mail] = [
        m
        for m in smtp.messages
        if m["To"] == address and m["Subject"].strip().startswith(subject_start)
    ]
    return mail, mail.get_body(("plain",)).get_content()


def confirmed(client, path, data):
    """Post a form that asks first, then confirm it as the person would."""
    asked = client.post(path, data)
    assert asked.status_code == 200, asked.status_code
    return client.post(path, data | {"confirm": "yes"}, follow=True)


def test_from_application_to_hire_on_the_status_page(
    job, recruiter, hiring_manager, admin, ivan, smtp, django_capture_on_commit_callbacks
):
    run = django_capture_on_commit_callbacks
    visitor = Client()

    # Pat applies; the acknowledgement's footer links to their page.
    with run(execute=True):
        assert apply(visitor, job).status_code in (200, 302)
    _, ack = mail_to(smtp, "pat@example.net", "We received your application")
    page_link = path_of(status_link_in(ack))
    page = visitor.get(page_link)
    assert page.status_code == 200
    application = Application.objects.get(job=job)
    card = find(page, "section", id=f"application-{application.pk}")
    assert text(find(card, "h2")) == job.title

    # Rita offers three times with Ivan; the email links to the page, where Pat books one.
    rita = client_for(recruiter)
    times = {
        "title": "Technical interview",
        "duration_minutes": "60",
        "location": "",
        "video_url": "https://meet.example.com/abc",
        "interviewers": [str(ivan.pk)],
        "note": "",
        "starts_0": "2026-12-16T10:00",
        "starts_1": "2026-12-16T14:00",
        "starts_2": "2026-12-17T09:30",
    }
    with run(execute=True):
        offered = rita.post(reverse("interviews:offer_slots", args=[application.pk]), times)
    assert offered.status_code == 302
    _, pick_mail = mail_to(smtp, "pat@example.net", "Pick a time for your interview")
    pick_link = path_of(page_link_in(pick_mail))
    page = visitor.get(pick_link)
    choices = find_all(page, "input", name="slot")
    assert len(choices) == 3
    card = text(find(page, "section", id=f"application-{application.pk}"))
    assert "The next step is yours: book one of the times above" in card
    with run(execute=True):
        booked = visitor.post(f"{pick_link}slots/", {"slot": choices[1].get("value")}, follow=True)
    assert booked.status_code == 200
    interview = Interview.objects.get(application=application)
    assert interview.starts_at == datetime(2026, 12, 16, 14, 0, tzinfo=BERLIN)
    assert application.slot_offers.get().state == SlotOfferState.BOOKED
    assert "Interview on Wednesday 16 December at 14:00" in text(
        find(booked, "section", id=f"application-{application.pk}")
    )
    # The invites, as for a scheduled interview: Pat's and Ivan's, each with its calendar.
    invite, _ = mail_to(smtp, "pat@example.net", "Technical interview: ")
    assert any(part.get_content_type() == "text/calendar" for part in invite.walk())
    mail_to(smtp, ivan.email, "Technical interview: ")

    # The offer: Hana approves first, Alice second; Alice out of turn is refused.
    rita.post(
        reverse("offers:job_policy", args=[job.pk]),
        {"approver_0": "hana", "approver_1": "alice", "currency": "EUR"},
    )
    form = rita.get(reverse("offers:new", args=[application.pk]))
    template = find(find(form, "select", name="template"), "option").get("value")
    drafted = rita.post(
        reverse("offers:new", args=[application.pk]),
        {
            "title": job.title,
            "salary": "72000",
            "currency": "EUR",
            "pay_period": "year",
            "start_date": "2027-02-01",
            "expires_on": "2027-01-08",
            "template": template,
        },
    )
    assert drafted.status_code == 302
    offer = Offer.objects.get(application=application)
    rita.post(reverse("offers:submit", args=[offer.pk]), follow=True)
    alice, hana = client_for(admin), client_for(hiring_manager)
    early = alice.post(reverse("offers:approve", args=[offer.pk]), {}, follow=True)
    assert "it is Hana Hughes’s turn first" in early.content.decode()
    hana.post(reverse("offers:approve", args=[offer.pk]), {"comment": "Strong panel"})
    alice.post(reverse("offers:approve", args=[offer.pk]), {"comment": "Within budget"})
    offer.refresh_from_db()
    assert offer.state == OfferState.APPROVED
    decided = list(offer.approvals.order_by("order").values_list("approver__username", "decision"))
    assert decided == [("hana", "approved"), ("alice", "approved")]

    # Rita sends it (after seeing the email); Pat follows the offer email's link.
    with run(execute=True):
        confirmed(rita, reverse("offers:send", args=[offer.pk]), {})
    _, letter = mail_to(smtp, "pat@example.net", "Your offer for")
    assert "EUR 72,000 per year" in letter
    offer_link = path_of(status_link_in(letter))
    card = find(visitor.get(offer_link), "section", id=f"application-{application.pk}")
    assert "Your offer is below: it is open until Friday 8 January 2027." in text(card)
    # The offer speaks for itself: not the stage's "we are preparing an offer" beside it.
    now_shown = Application.objects.get(pk=application.pk).stage.candidate_facing[1]
    assert now_shown and now_shown not in text(card)

    # Nobody else's link answers it: another candidate's, a forged one.
    other = path_of(status_url(CandidateFactory(first_name="Olga")))
    assert visitor.post(f"{other}offer/accept/", {"offer": offer.pk}).status_code == 404
    forged = offer_link.replace(token_of(offer_link), token_of(offer_link)[:-2] + "xx")
    assert visitor.get(forged).status_code == 404
    assert visitor.post(f"{forged}offer/accept/", {"offer": offer.pk}).status_code == 404

    with run(execute=True):
        done = confirmed(visitor, f"{offer_link}offer/accept/", {"offer": offer.pk})
    assert "Welcome aboard!" in done.content.decode()
    offer.refresh_from_db()
    application.refresh_from_db()
    assert offer.state == OfferState.ACCEPTED
    assert application.status == ApplicationStatus.HIRED
    events = set(
        Activity.objects.filter(candidate=application.candidate).values_list(
            "payload__event", flat=True
        )
    )
    for kind in (
        EventKind.STATUS_PAGE_VIEWED,
        EventKind.SLOT_PICKED,
        EventKind.OFFER_APPROVED,
        EventKind.OFFER_SENT,
        EventKind.OFFER_ACCEPTED,
    ):
        assert kind.value in events

    # Half a year on, the same link has expired: it offers a fresh one instead.
    with time_machine.travel(NOW + timedelta(days=181), tick=False):
        assert visitor.get(offer_link).status_code == 410
