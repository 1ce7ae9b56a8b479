"""The interview API: names and values are contracts (issue 17); who sees what by role."""

from datetime import timedelta

import pytest

from tests.api_clients import api_for
from tests.factories import ApplicationFactory
from tests.interviews import invites_fixtures as fixtures
from tests.interviews.invites_fixtures import tomorrow_at

ivan, iris = fixtures.ivan, fixtures.iris
pytestmark = pytest.mark.usefixtures("eml_outbox")


def body(*people, **overrides):
    return {
        "title": "Technical interview",
        "starts_at": tomorrow_at(10).isoformat(),
        "duration_minutes": 45,
        "location": "Room 2",
        "video_url": "https://meet.example.com/abc",
        "interviewer_ids": [p.pk for p in people],
        "note": "Bring a laptop.",
    } | overrides


def create(api, application, *people, **overrides):
    response = api.post(f"/applications/{application.pk}/interviews", body(*people, **overrides))
    assert response.status_code == 201, response.content
    return response.json()


def test_scheduling_answers_the_interview(recruiter_api, application, ivan):
    data = create(recruiter_api, application, ivan)
    assert data["uid"].endswith("@ghostless") and data["sequence"] == 0
    assert data["status"] == "scheduled" and data["application_id"] == application.pk
    assert data["duration_minutes"] == 45 and data["location"] == "Room 2"
    assert data["ends_at"] > data["starts_at"]
    assert data["attendees"] == [
        {
            "email": "cara@example.org",
            "name": "Cara Candidate",
            "role": "candidate",
            "user_id": None,
            "response": "needs_action",
        },
        {
            "email": "ivan@example.com",
            "name": "Ivan Ivanov",
            "role": "interviewer",
            "user_id": ivan.pk,
            "response": "needs_action",
        },
    ]
    assert data["warnings"] == []


def test_an_overlapping_interview_is_a_warning_not_a_refusal(recruiter_api, application, ivan):
    create(recruiter_api, application, ivan)
    later = (tomorrow_at(10) + timedelta(minutes=30)).isoformat()
    data = create(recruiter_api, application, ivan, starts_at=later, title="Second round")
    [warning] = data["warnings"]
    assert "Ivan Ivanov" in warning and "Technical interview" in warning


def test_patch_reschedules_and_changes_the_panel(recruiter_api, application, ivan, iris):
    pk = create(recruiter_api, application, ivan)["id"]
    response = recruiter_api.patch(
        f"/interviews/{pk}",
        {"starts_at": tomorrow_at(15).isoformat(), "interviewer_ids": [iris.pk]},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["sequence"] == 1
    assert [a["email"] for a in data["attendees"]] == ["cara@example.org", "iris@example.com"]
    cancelled = recruiter_api.post(f"/interviews/{pk}/cancel").json()
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 2


def test_status_is_completed_once_the_interview_is_over(
    recruiter_api, application, ivan, time_machine
):
    data = create(recruiter_api, application, ivan)
    time_machine.move_to(tomorrow_at(12))
    assert recruiter_api.get(f"/interviews/{data['id']}").json()["status"] == "completed"


def test_who_sees_an_interview(
    recruiter_api, manager_api, outsider_api, application, ivan, iris, hiring_manager
):
    pk = create(recruiter_api, application, ivan)["id"]
    assert manager_api.get(f"/interviews/{pk}").status_code == 200  # Hana's job
    assert outsider_api.get(f"/interviews/{pk}").status_code == 404
    assert api_for(ivan).get(f"/interviews/{pk}").status_code == 200  # on the panel
    assert api_for(iris).get(f"/interviews/{pk}").status_code == 404
    assert [i["id"] for i in api_for(iris).get("/interviews").json()["items"]] == []


def test_who_may_change_an_interview(recruiter_api, manager_api, outsider_api, application, ivan):
    pk = create(recruiter_api, application, ivan)["id"]
    moved = {"location": "Room 9"}
    assert api_for(ivan).patch(f"/interviews/{pk}", moved).status_code == 403
    assert api_for(ivan).post(f"/interviews/{pk}/cancel").status_code == 403
    assert outsider_api.patch(f"/interviews/{pk}", moved).status_code == 404
    assert manager_api.patch(f"/interviews/{pk}", moved).status_code == 200


def test_who_may_schedule(manager_api, outsider_api, application, ivan):
    assert create(manager_api, application, ivan)["status"] == "scheduled"
    path = f"/applications/{application.pk}/interviews"
    assert outsider_api.post(path, body(ivan)).status_code == 404
    assert api_for(ivan).post(path, body(ivan)).status_code == 404


def test_the_list_filters_by_interviewer_and_time_and_pages_by_start(
    recruiter_api, application, ivan, iris, job, django_assert_max_num_queries
):
    others = [ApplicationFactory(job=job) for _ in range(3)]
    for n, app in enumerate([application, *others]):
        create(
            recruiter_api,
            app,
            ivan if n % 2 == 0 else iris,
            starts_at=tomorrow_at(8 + n).isoformat(),
        )
    mine = api_for(ivan).get("/interviews", {"interviewer": "me"}).json()
    assert [i["application_id"] for i in mine["items"]] == [application.pk, others[1].pk]
    by_id = recruiter_api.get("/interviews", {"interviewer": str(iris.pk)}).json()
    assert [i["application_id"] for i in by_id["items"]] == [others[0].pk, others[2].pk]
    window = {"from": tomorrow_at(9).isoformat(), "to": tomorrow_at(11).isoformat()}
    assert recruiter_api.get("/interviews", window).json()["count"] == 2

    with django_assert_max_num_queries(8):
        first = recruiter_api.get("/interviews", {"limit": 2}).json()
    assert first["count"] == 4 and len(first["items"]) == 2 and first["next"]
    rest = recruiter_api.client.get(first["next"]).json()
    starts = [i["starts_at"] for i in first["items"] + rest["items"]]
    assert starts == sorted(starts) and len(set(starts)) == 4 and rest["next"] is None


@pytest.mark.parametrize(
    "params, field",
    [
        ({"interviewer": "someone"}, "interviewer"),
        ({"interviewer": "99999"}, "interviewer"),
        ({"from": "2030-01-01T00:00:00"}, "from"),
        ({"cursor": "garbage!"}, "cursor"),
    ],
)
def test_bad_list_filters_are_422_naming_the_field(recruiter_api, params, field):
    response = recruiter_api.get("/interviews", params)
    assert response.status_code == 422 and response.json()["field"] == field
