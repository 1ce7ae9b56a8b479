"""The slot-offers API: offer times on an application, read an offer with its slots, and a
4xx JSON answer for bad input."""

from datetime import timedelta

import pytest

from ghostless.interviews import slots
from ghostless.interviews.models import SlotOffer
from tests.api_clients import api_for
from tests.factories import ApplicationFactory, CandidateFactory
from tests.interviews import slot_fixtures as fx
from tests.interviews.slot_fixtures import FIRST, NOW, offer_times, times

ivan, now, company_in_berlin = fx.ivan, fx.now, fx.company_in_berlin
pytestmark = pytest.mark.usefixtures("now")


def body(ivan, starts, **extra):
    return {
        "interviewer_ids": [ivan.pk],
        "duration_minutes": 45,
        "starts": [start.isoformat() for start in starts],
        "title": "Technical interview",
        **extra,
    }


def test_offering_times_answers_201_with_the_offer_and_its_free_slots(
    recruiter_api, application, ivan
):
    answer = recruiter_api.post(
        f"/applications/{application.pk}/slot-offers",
        body(ivan, times(0, 2), title="Pairing", video_url="https://meet.example.com/x"),
    )

    assert answer.status_code == 201, answer.json()
    offer = answer.json()
    assert offer["state"] == "open" and offer["interview_id"] is None
    assert offer["title"] == "Pairing" and offer["duration_minutes"] == 45
    assert offer["interviewer_ids"] == [ivan.pk]
    assert [(s["starts_at"], s["state"], s["free"]) for s in offer["slots"]] == [
        ("2026-12-16T09:00:00Z", "free", True),
        ("2026-12-16T11:00:00Z", "free", True),
    ]
    assert offer["slots"][0]["ends_at"] == "2026-12-16T09:45:00Z"
    assert offer["warnings"] == []


def test_reading_an_offer_once_booked_gives_the_interview(
    recruiter_api, application, recruiter, ivan
):
    offer = offer_times(application, recruiter, [ivan], times(0, 2))
    slots.slot_pick(candidate=application.candidate, slot_id=offer.slots.last().pk)

    answer = recruiter_api.get(f"/slot-offers/{offer.pk}")

    assert answer.status_code == 200
    read = answer.json()
    assert read["state"] == "booked"
    assert read["interview_id"] == SlotOffer.objects.get().interview_id
    assert [s["state"] for s in read["slots"]] == ["closed", "picked"]


def test_a_time_an_interviewer_is_booked_at_warns_and_reads_taken(
    recruiter_api, application, recruiter, ivan, candidate
):
    other = ApplicationFactory(
        candidate=CandidateFactory(first_name="Olga", emails=["olga@example.org"]),
        job=application.job,
    )
    booked = offer_times(other, recruiter, [ivan], times(0))
    slots.slot_pick(candidate=other.candidate, slot_id=booked.slots.get().pk)

    answer = recruiter_api.post(
        f"/applications/{application.pk}/slot-offers", body(ivan, times(0, 3))
    )

    assert answer.status_code == 201
    assert [s["state"] for s in answer.json()["slots"]] == ["taken", "free"]
    [warning] = answer.json()["warnings"]
    assert warning.startswith("Ivan Ivanov already has “Technical interview” then")


@pytest.mark.parametrize(
    ("change", "field", "status"),
    [
        ({"starts": []}, "starts", 422),
        ({"starts": [(NOW - timedelta(hours=1)).isoformat()]}, "starts", 422),
        ({"starts": [FIRST.replace(tzinfo=None).isoformat()]}, "starts", 422),
        (
            {"starts": [(FIRST + timedelta(hours=h)).isoformat() for h in range(13)]},
            "starts",
            422,
        ),
        ({"interviewer_ids": [999999]}, "interviewer_ids", 422),
        ({"interviewer_ids": []}, "interviewer_ids", 422),
        ({"duration_minutes": 0}, "duration_minutes", 422),
        ({"video_url": "javascript:alert(1)"}, "video_url", 422),
    ],
)
def test_bad_input_is_a_4xx_json_answer_naming_the_field(
    recruiter_api, application, ivan, change, field, status
):
    answer = recruiter_api.post(
        f"/applications/{application.pk}/slot-offers", body(ivan, times(0)) | change
    )

    assert answer.status_code == status, answer.json()
    assert answer.json()["detail"]
    assert answer.json().get("field", field) == field
    assert not SlotOffer.objects.exists()


def test_too_many_times_says_the_cap(recruiter_api, application, ivan):
    starts = [FIRST + timedelta(hours=h) for h in range(slots.MAX_SLOTS + 1)]
    answer = recruiter_api.post(f"/applications/{application.pk}/slot-offers", body(ivan, starts))
    assert answer.json()["detail"] == f"Offer at most {slots.MAX_SLOTS} times."


def test_who_may_offer_and_read(
    application, recruiter, hiring_manager, outsider, ivan, manager_api, outsider_api
):
    path = f"/applications/{application.pk}/slot-offers"
    # Hana manages the job: she may offer; Otto and Ivan may not see the application.
    assert manager_api.post(path, body(ivan, times(0))).status_code == 201
    assert outsider_api.post(path, body(ivan, times(2))).status_code == 404
    assert api_for(ivan).post(path, body(ivan, times(2))).status_code in (403, 404)
    offer = SlotOffer.objects.get()
    assert outsider_api.get(f"/slot-offers/{offer.pk}").status_code == 404
    assert api_for(ivan).get(f"/slot-offers/{offer.pk}").status_code == 404
    assert manager_api.get(f"/slot-offers/{offer.pk}").status_code == 200
