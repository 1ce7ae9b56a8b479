"""The interviewer role: admins give it on the team pages; whoever holds it finds no list of
candidates or jobs, no search and no people, only the interviews they are on."""

import pytest

from ghostless.accounts.models import Role
from tests.api_clients import api_for
from tests.conftest import client_for
from tests.interviews.factories_scorecards import interview_on
from tests.parsed_html import find_all, texts

pytestmark = pytest.mark.django_db


def test_admins_can_invite_an_interviewer_and_make_someone_one(admin, interviewer):
    client = client_for(admin)
    invite = client.get("/settings/team/")
    assert "interviewer" in [o.get("value") for o in find_all(invite, "option")]
    member = client.get(f"/settings/team/{interviewer.pk}/")
    assert "interviewer" in [o.get("value") for o in find_all(member, "option")]


def test_an_interviewer_is_refused_lists_search_and_people(interviewer):
    client = client_for(interviewer)
    for url in ("/candidates/", "/jobs/", "/search/?q=cara", "/jobs/lookup/?q=a"):
        assert client.get(url).status_code == 404, url
    api = api_for(interviewer)
    for path in ("/candidates", "/jobs", "/search", "/users"):
        assert api.get(path).status_code == 403, path


def test_the_nav_offers_an_interviewer_only_their_interviews(application, interviewer):
    interview_on(application, interviewers=[interviewer])
    page = client_for(interviewer).get("/", follow=True)
    nav = texts(page, "nav", aria_label="Main")[0]
    assert nav == "Interviews"
    assert not find_all(page, "form", role="search")


def test_a_recruiter_on_a_panel_keeps_everything_else(application, recruiter):
    interview = interview_on(application, interviewers=[recruiter])
    client = client_for(recruiter)
    assert client.get("/candidates/").status_code == 200
    assert client.get(f"/interviews/{interview.pk}/kit/").status_code == 200
    assert recruiter.role == Role.RECRUITER
