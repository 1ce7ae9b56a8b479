"""Self-scheduling end to end: Rita offers times from the page, Cara gets the email from the
real SMTP server, follows its link, picks a time, and the interview is booked with the same
invites a scheduled one sends. Picking twice books once; a forged or expired link, another
candidate's time, a withdrawn offer and times gone by are refused or not shown."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from ghostless.interviews import slots
from ghostless.interviews.models import Interview, Slot, SlotOfferState
from ghostless.interviews.slot_selectors import slot_states
from ghostless.timeline.models import Activity, EventKind
from tests.conftest import client_for
from tests.factories import ApplicationFactory, CandidateFactory
from tests.interviews import invites_fixtures
from tests.interviews import slot_fixtures as fx
from tests.interviews.invites_fixtures import calendars, event_of
from tests.interviews.slot_fixtures import FIRST, offer_times, page_link_in, times
from tests.parsed_html import find, find_all, text, texts
from tests.status.conftest import page_path, path_of

ivan, now, company_in_berlin = fx.ivan, fx.now, fx.company_in_berlin
smtp = invites_fixtures.smtp
pytestmark = pytest.mark.usefixtures("now")


@pytest.fixture
def cara_in_new_york(candidate):
    candidate.time_zone = "America/New_York"
    candidate.save(update_fields=["time_zone"])
    return candidate


def slot_labels(page) -> list[str]:
    """The times offered on the status page, as their radio buttons' labels read."""
    lists = find_all(page, "ul", class_="status-slot-list")
    return [text(label) for times in lists for label in times.xpath(".//label")]


def offer_form(ivan, *starts, **extra):
    data = {
        "title": "Technical interview",
        "duration_minutes": "60",
        "location": "",
        "video_url": "https://meet.example.com/abc",
        "interviewers": [str(ivan.pk)],
        "note": "",
    }
    for i, start in enumerate(starts):
        data[f"starts_{i}"] = start
    return data | extra


def test_offer_email_link_pick_books_the_interview_and_sends_the_invites(
    cara_in_new_york, application, recruiter, ivan, smtp, django_capture_on_commit_callbacks
):
    rita = client_for(recruiter)
    form = offer_form(ivan, "2026-12-16T10:00", "2026-12-16T14:00", "2026-12-17T09:30")
    with django_capture_on_commit_callbacks(execute=True):
        offered = rita.post(reverse("interviews:offer_slots", args=[application.pk]), form)

    assert offered.status_code == 302
    offer = application.slot_offers.get()
    assert offered["Location"] == reverse("interviews:slot_offer", args=[offer.pk])
    [mail] = smtp.messages
    assert mail["To"] == "cara@example.org"
    assert mail["Subject"] == "Pick a time for your interview: Technical interview"
    body = mail.get_body(("plain",)).get_content()
    assert "Wednesday 16 December 2026, 04:00–05:00 (America/New_York)" in body
    assert "Thursday 17 December 2026, 03:30–04:30 (America/New_York)" in body
    assert "With: Ivan Ivanov" in body

    cara = Client()
    link = path_of(page_link_in(body))
    page = cara.get(link)
    labels = slot_labels(page)
    assert labels == [
        "Wednesday 16 December at 10:00 (your time: 04:00)",
        "Wednesday 16 December at 14:00 (your time: 08:00)",
        "Thursday 17 December at 09:30 (your time: 03:30)",
    ]
    assert text(find(page, "legend")) == "Pick a time for your Technical interview"
    second = Slot.objects.get(offer=offer, starts_at=FIRST + timedelta(hours=4))

    with django_capture_on_commit_callbacks(execute=True):
        booked = cara.post(link + "slots/", {"slot": second.pk}, follow=True)

    assert "Booked: Technical interview on Wednesday 16 December at 14:00." in (
        booked.content.decode()
    )
    offer.refresh_from_db()
    assert offer.state == SlotOfferState.BOOKED and offer.booked_at
    interview = offer.interview
    assert interview.starts_at == FIRST + timedelta(hours=4)
    assert interview.video_url == "https://meet.example.com/abc"
    assert interview.organizer is None
    invites = {m["To"]: m for m in smtp.messages[1:]}
    assert set(invites) == {"cara@example.org", "ivan@example.com"}
    for mail in invites.values():
        event = event_of(calendars(mail)[1])
        assert str(event["uid"]) == interview.uid
    # The page now shows the interview, and no times to pick.
    assert not find_all(booked, "input", type="radio")
    assert "Interview on Wednesday 16 December at 14:00 (your time: 08:00)" in text(
        find(booked, "section", id=f"application-{application.pk}")
    )
    timeline = list(
        Activity.objects.filter(candidate=application.candidate)
        .filter(
            payload__event__in=[
                EventKind.SLOTS_OFFERED.value,
                EventKind.SLOT_PICKED.value,
                EventKind.INTERVIEW_SCHEDULED.value,
            ]
        )
        .order_by("id")
        .values_list("subject", "actor_id")
    )
    assert timeline == [
        ("Offered 3 interview times: Technical interview", recruiter.pk),
        ("Interview scheduled: Technical interview", None),
        ("Picked Wednesday 16 December at 14:00 on the status page: Technical interview", None),
    ]
    # Staff see the offer booked, with the picked time, and the interview says where it came from.
    shown = rita.get(reverse("interviews:slot_offer", args=[offer.pk]))
    assert "Booked" in text(find(shown, "h1").getparent())
    assert texts(shown, "span", **{"class": "badge slot-picked"}) == ["Picked"]
    detail = rita.get(reverse("interviews:detail", args=[interview.pk]))
    assert "picked this time on their status page" in detail.content.decode()


def test_picking_twice_books_once(
    application, recruiter, ivan, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_times(application, recruiter, [ivan], times(0, 2))
    slot = offer.slots.first()
    cara = Client()
    path = page_path(application.candidate) + "slots/"

    with django_capture_on_commit_callbacks(execute=True):
        first = cara.post(path, {"slot": slot.pk})
        second = cara.post(path, {"slot": slot.pk}, follow=True)

    assert first.status_code == 302
    assert "Booked: Technical interview" in second.content.decode()
    assert Interview.objects.count() == 1
    assert len(smtp.messages) == 3  # the offer, then one invite each


def test_another_time_after_booking_is_refused_kindly(application, recruiter, ivan):
    offer = offer_times(application, recruiter, [ivan], times(0, 2))
    early, late = offer.slots.all()
    slots.slot_pick(candidate=application.candidate, slot_id=early.pk)
    path = page_path(application.candidate) + "slots/"

    answer = Client().post(path, {"slot": late.pk}, follow=True)

    assert "You have already booked a time for this interview." in answer.content.decode()
    assert Interview.objects.get().starts_at == FIRST


def test_a_forged_an_expired_or_another_candidates_link_is_refused(
    application, recruiter, ivan, now, settings
):
    offer = offer_times(application, recruiter, [ivan], times(0))
    slot = offer.slots.get()
    other = CandidateFactory(first_name="Olga", emails=["olga@example.org"])
    ApplicationFactory(candidate=other, job=application.job)
    own = page_path(application.candidate) + "slots/"

    forged = Client().post(own.replace("/status/", "/status/x"), {"slot": slot.pk})
    theirs = Client().post(page_path(other) + "slots/", {"slot": slot.pk})
    nothing = Client().post(own, {"slot": "99999999999999999999999"})
    now.shift(timedelta(days=settings.STATUS_LINK_DAYS + 1))
    expired = Client().post(own, {"slot": slot.pk})

    assert forged.status_code == 404
    assert theirs.status_code == 404
    assert nothing.status_code == 302
    assert expired.status_code == 404
    assert not Interview.objects.exists()


def test_a_withdrawn_offer_leaves_the_page_and_cannot_be_picked(application, recruiter, ivan):
    offer = offer_times(application, recruiter, [ivan], times(0, 2))
    slot = offer.slots.first()
    rita = client_for(recruiter)
    cancel = reverse("interviews:slot_offer_cancel", args=[offer.pk])

    asked = rita.post(cancel)
    done = rita.post(cancel, {"confirm": "yes"})

    assert asked.status_code == 200 and "Withdraw the times" in asked.content.decode()
    assert done.status_code == 302
    offer.refresh_from_db()
    assert offer.state == SlotOfferState.CANCELLED
    cara = Client()
    page = cara.get(page_path(application.candidate))
    assert not find_all(page, "input", type="radio")
    answer = cara.post(page_path(application.candidate) + "slots/", {"slot": slot.pk}, follow=True)
    assert "These times are no longer on offer." in answer.content.decode()
    assert not Interview.objects.exists()


def test_times_gone_by_or_now_booked_for_an_interviewer_are_not_offered(
    application, recruiter, ivan, now
):
    offer = offer_times(application, recruiter, [ivan], times(0, 3, 6))
    other = ApplicationFactory(
        candidate=CandidateFactory(first_name="Olga", emails=["olga@example.org"]),
        job=application.job,
    )
    # Ivan is booked 12:30–13:30 elsewhere: the 13:00 time overlaps it.
    offer_times(other, recruiter, [ivan], [FIRST + timedelta(hours=2, minutes=30)])
    slots.slot_pick(candidate=other.candidate, slot_id=other.slot_offers.get().slots.get().pk)
    now.move_to(FIRST + timedelta(minutes=1))

    page = Client().get(page_path(application.candidate))

    labels = slot_labels(page)
    assert labels == ["Wednesday 16 December at 16:00"]
    states = [state for _, state in slot_states(offer)]
    assert states == ["past", "taken", "free"]


def test_an_offer_with_no_time_left_says_new_ones_are_coming(application, recruiter, ivan, now):
    offer_times(application, recruiter, [ivan], times(0))
    now.move_to(FIRST + timedelta(hours=1))

    page = Client().get(page_path(application.candidate))

    assert "The times we offered have gone. We will send you new ones soon." in text(
        find(page, "section", id=f"application-{application.pk}")
    )
    assert not find_all(page, "form", class_="status-slots")[0].xpath(".//button")


def test_resending_mails_the_times_still_ahead(
    application, recruiter, ivan, now, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_times(application, recruiter, [ivan], times(0, 24))
    now.move_to(FIRST + timedelta(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        resent = client_for(recruiter).post(
            reverse("interviews:slot_offer_resend", args=[offer.pk])
        )

    assert resent.status_code == 302
    assert len(smtp.messages) == 2
    body = smtp.messages[1].get_body(("plain",)).get_content()
    assert "Thursday 17 December 2026, 10:00–11:00 (Europe/Berlin)" in body
    assert "Wednesday 16 December" not in body
    assert Activity.objects.filter(
        subject="Re-sent 2 interview times: Technical interview"
    ).exists()
