"""POST /interviews/{id}/scorecards and GET /applications/{id}/scorecards."""

import pytest

from ghostless.interviews.models import Scorecard
from tests.api_clients import api_for
from tests.factories import UserFactory
from tests.interviews.factories_scorecards import interview_on

pytestmark = pytest.mark.django_db

BODY = {
    "ratings": {"System design": "yes", "Communication": "strong_yes"},
    "recommendation": "strong_yes",
    "notes": {"Design a URL shortener.": "Clear and quick."},
    "takeaways": "Hire.",
}


@pytest.fixture
def panel(application, interviewer, second_interviewer):
    return interview_on(application, interviewers=[interviewer, second_interviewer])


def test_submitting_answers_201_with_the_card_and_amending_200(panel, interviewer):
    api = api_for(interviewer)
    first = api.post(f"/interviews/{panel.pk}/scorecards", BODY)
    assert first.status_code == 201, first.content
    card = first.json()
    assert card["interview_id"] == panel.pk and card["interviewer_id"] == interviewer.pk
    assert card["ratings"] == BODY["ratings"] and card["revisions"] == 0
    assert set(card) >= {"id", "notes", "takeaways", "submitted_at", "updated_at"}
    again = api.post(f"/interviews/{panel.pk}/scorecards", BODY | {"recommendation": "no"})
    assert again.status_code == 200
    assert again.json()["revisions"] == 1 and again.json()["id"] == card["id"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"ratings": {"System design": "great"}}, "ratings"),
        ({"ratings": {"Height": "yes"}}, "ratings"),
        ({"recommendation": "maybe"}, "recommendation"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(panel, interviewer, change, field):
    response = api_for(interviewer).post(f"/interviews/{panel.pk}/scorecards", BODY | change)
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert not Scorecard.objects.exists()


def test_someone_who_sees_the_interview_but_is_not_on_it_gets_a_403(panel, recruiter):
    response = api_for(recruiter).post(f"/interviews/{panel.pk}/scorecards", BODY)
    assert response.status_code == 403
    assert response.json()["field"] == "interview"


def test_an_interviewer_of_another_interview_gets_a_404(panel):
    elsewhere = UserFactory(username="elsa", role="interviewer")
    response = api_for(elsewhere).post(f"/interviews/{panel.pk}/scorecards", BODY)
    assert response.status_code == 404


def test_the_list_honours_independent_feedback(
    panel, application, interviewer, second_interviewer, hiring_manager, outsider
):
    api_for(second_interviewer).post(f"/interviews/{panel.pk}/scorecards", BODY)
    mine = api_for(interviewer)
    before = mine.get(f"/applications/{application.pk}/scorecards")
    assert before.status_code == 200 and before.json() == []
    mine.post(f"/interviews/{panel.pk}/scorecards", BODY)
    after = mine.get(f"/applications/{application.pk}/scorecards").json()
    assert {c["interviewer_id"] for c in after} == {interviewer.pk, second_interviewer.pk}
    assert (
        len(api_for(hiring_manager).get(f"/applications/{application.pk}/scorecards").json()) == 2
    )
    assert api_for(outsider).get(f"/applications/{application.pk}/scorecards").status_code == 404
