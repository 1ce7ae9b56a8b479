"""The staff pages of slot offers: the form (times in the company's zone, overlap warnings),
an offer's page with its state, who may open them, and the queries each page reads."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from ghostless.interviews import slots
from ghostless.interviews.models import SlotOffer
from tests.conftest import client_for
from tests.factories import ApplicationFactory, CandidateFactory
from tests.interviews import slot_fixtures as fx
from tests.interviews.slot_fixtures import FIRST, offer_times, times
from tests.parsed_html import find, find_all, text, texts
from tests.status.conftest import page_path

ivan, now, company_in_berlin = fx.ivan, fx.now, fx.company_in_berlin
pytestmark = pytest.mark.usefixtures("now")


def form(ivan, *starts, **extra):
    data = {
        "title": "Technical interview",
        "duration_minutes": "60",
        "location": "Room 2",
        "video_url": "",
        "interviewers": [str(ivan.pk)],
        "note": "",
    }
    data |= {f"starts_{i}": start for i, start in enumerate(starts)}
    return data | extra


def test_the_schedule_page_links_to_offering_times_and_lists_the_offers(
    application, recruiter, ivan
):
    offer_times(application, recruiter, [ivan], times(0, 2))
    page = client_for(recruiter).get(reverse("interviews:schedule", args=[application.pk]))

    link = find(page, "a", href=reverse("interviews:offer_slots", args=[application.pk]))
    assert text(link) == "Let Cara pick a time"
    assert texts(page, "span", class_="slot-offer-open") == ["Waiting for a pick"]


def test_the_form_reads_times_in_the_company_zone(application, recruiter, ivan):
    rita = client_for(recruiter)
    answer = rita.post(
        reverse("interviews:offer_slots", args=[application.pk]),
        form(ivan, "2026-12-16T10:00", "", "2026-12-16T15:00"),
    )

    assert answer.status_code == 302
    offer = SlotOffer.objects.get()
    assert [s.starts_at for s in offer.slots.all()] == [FIRST, FIRST + timedelta(hours=5)]
    assert offer.location == "Room 2"


def test_no_time_is_refused_beside_the_first_time_field(application, recruiter, ivan):
    answer = client_for(recruiter).post(
        reverse("interviews:offer_slots", args=[application.pk]), form(ivan)
    )
    assert answer.status_code == 422
    assert "Offer at least one time." in text(find(answer, "div", class_="field"))
    assert not SlotOffer.objects.exists()


def test_a_past_time_is_refused(application, recruiter, ivan):
    answer = client_for(recruiter).post(
        reverse("interviews:offer_slots", args=[application.pk]), form(ivan, "2026-12-01T10:00")
    )
    assert answer.status_code == 422
    assert "The interview must start in the future." in answer.content.decode()


def test_an_interviewer_busy_then_is_a_warning_to_confirm(application, recruiter, ivan):
    other = ApplicationFactory(
        candidate=CandidateFactory(first_name="Olga", emails=["olga@example.org"]),
        job=application.job,
    )
    booked = offer_times(other, recruiter, [ivan], times(0))
    slots.slot_pick(candidate=other.candidate, slot_id=booked.slots.get().pk)
    rita = client_for(recruiter)
    path = reverse("interviews:offer_slots", args=[application.pk])

    warned = rita.post(path, form(ivan, "2026-12-16T10:30", "2026-12-16T14:00"))

    assert warned.status_code == 200
    assert "Ivan Ivanov already has “Technical interview” then" in warned.content.decode()
    assert SlotOffer.objects.count() == 1
    offered = rita.post(path, form(ivan, "2026-12-16T10:30", "2026-12-16T14:00", overlap_ok="yes"))
    assert offered.status_code == 302
    # The clashing time is kept on the offer but not shown to Cara.
    page = Client().get(page_path(application.candidate))
    assert [text(label) for label in find_all(page, "label") if "December" in text(label)] == [
        "Wednesday 16 December at 14:00"
    ]


def test_the_offer_page_shows_each_time_and_what_can_be_done(application, recruiter, ivan):
    offer = offer_times(application, recruiter, [ivan], times(0, 2))
    page = client_for(recruiter).get(reverse("interviews:slot_offer", args=[offer.pk]))

    assert texts(page, "span", class_="slot-free") == ["Free", "Free"]
    assert find_all(page, "form", action=reverse("interviews:slot_offer_resend", args=[offer.pk]))
    assert find_all(page, "form", action=reverse("interviews:slot_offer_cancel", args=[offer.pk]))


def test_only_those_who_may_schedule_open_the_pages(
    application, recruiter, hiring_manager, outsider, ivan
):
    offer = offer_times(application, recruiter, [ivan], times(0))
    pages = [
        reverse("interviews:offer_slots", args=[application.pk]),
        reverse("interviews:slot_offer", args=[offer.pk]),
    ]
    for path in pages:
        assert client_for(hiring_manager).get(path).status_code == 200
        assert client_for(outsider).get(path).status_code == 404
        assert client_for(ivan).get(path).status_code == 404
    for action in ("slot_offer_cancel", "slot_offer_resend"):
        path = reverse(f"interviews:{action}", args=[offer.pk])
        assert client_for(outsider).post(path, {"confirm": "yes"}).status_code == 404
        assert client_for(ivan).post(path, {"confirm": "yes"}).status_code == 404
    offer.refresh_from_db()
    assert offer.state == "open"


def test_a_hiring_manager_offers_and_the_company_signs_the_email(
    application, hiring_manager, ivan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_times(application, hiring_manager, [ivan], times(0))
    message = application.candidate.messages.get()
    assert message.subject == "Pick a time for your interview: Technical interview"
    assert offer.offered_by == hiring_manager


@pytest.mark.parametrize("offers", [1, 4])
def test_the_pages_read_a_fixed_number_of_queries(
    application, recruiter, ivan, offers, django_assert_num_queries
):
    made = [
        offer_times(application, recruiter, [ivan], times(n * 3, n * 3 + 1)) for n in range(offers)
    ]
    rita = client_for(recruiter)
    cara = Client()
    rita.get("/")
    cara.get(page_path(application.candidate))  # the visit's timeline entry is written once

    # The offer page: the session and user, the offer with what it joins, its interviewers,
    # its slots and which of them are free.

    with django_assert_num_queries(7):
        rita.get(reverse("interviews:slot_offer", args=[made[0].pk]))
    with django_assert_num_queries(6):
        rita.get(reverse("interviews:offer_slots", args=[application.pk]))
    # The schedule page lists every offer, with their slots and interviewers prefetched.
    with django_assert_num_queries(9):
        rita.get(reverse("interviews:schedule", args=[application.pk]))
    # The status page (tests/status/test_views_page.py), whose offered times are one query
    # for every card, however many.
    with django_assert_num_queries(9):
        page = cara.get(page_path(application.candidate))
    assert len(find_all(page, "form", class_="status-slots")) == offers
